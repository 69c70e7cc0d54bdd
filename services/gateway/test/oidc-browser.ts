/**
 * A browser, as far as the authorization-code flow needs one: follows redirects by hand, keeps the
 * provider's cookies, and submits its login and consent forms. It stops at NetRaven's callback and
 * returns that URL, so a test can call it as it is or tamper with it first.
 */
export async function signInAtProvider(gatewayOrigin: string, login: string): Promise<URL> {
  const cookies = new Map<string, string>();
  const callbackPrefix = `${gatewayOrigin}/auth/oidc/callback`;
  const start = await fetch(`${gatewayOrigin}/auth/oidc/login`, { redirect: 'manual' });
  if (start.status !== 302) throw new Error(`/auth/oidc/login answered ${start.status}: ${await start.text()}`);
  let next = new URL(start.headers.get('location') ?? '', gatewayOrigin);
  let body: URLSearchParams | undefined;
  for (let step = 0; step < 20; step++) {
    if (next.href.startsWith(callbackPrefix)) return next;
    const response = await fetch(next, {
      method: body ? 'POST' : 'GET',
      redirect: 'manual',
      headers: { cookie: [...cookies].map(([k, v]) => `${k}=${v}`).join('; '), ...(body ? { 'content-type': 'application/x-www-form-urlencoded' } : {}) },
      ...(body ? { body } : {}),
    });
    for (const line of response.headers.getSetCookie()) {
      const [pair = ''] = line.split(';');
      const at = pair.indexOf('=');
      const [name, value] = [pair.slice(0, at).trim(), pair.slice(at + 1).trim()];
      if (value === '' || /expires=Thu, 01 Jan 1970/i.test(line)) cookies.delete(name);
      else cookies.set(name, value);
    }
    const location = response.headers.get('location');
    if (response.status >= 300 && response.status < 400 && location) {
      next = new URL(location, next);
      body = undefined;
      continue;
    }
    const html = await response.text();
    const form = /<form[^>]*action="([^"]+)"[^>]*method="post"[^>]*>([\s\S]*?)<\/form>/i.exec(html);
    if (response.status !== 200 || !form?.[1]) throw new Error(`the provider answered ${response.status} without a form: ${html.slice(0, 500)}`);
    body = new URLSearchParams();
    for (const input of (form[2] ?? '').matchAll(/<input[^>]*type="hidden"[^>]*name="([^"]+)"[^>]*value="([^"]*)"/gi)) body.set(input[1] ?? '', input[2] ?? '');
    if (/name="login"/.test(form[2] ?? '')) {
      body.set('login', login);
      body.set('password', 'any-password');
    }
    next = new URL(form[1].replace(/&amp;/g, '&'), next);
  }
  throw new Error('the sign-in did not reach NetRaven\'s callback within 20 steps');
}
