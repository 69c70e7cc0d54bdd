import type { IncomingMessage, ServerResponse } from 'node:http';
import { ForbiddenError, UnauthenticatedError, ValidationError } from '@netraven/domain';
import type { NetRavenAccess, Session } from '@netraven/application';
import { OidcProviderError, OidcStateError, type OidcClient } from '@netraven/infra/auth';

export interface OidcRoutesOptions {
  readonly client: OidcClient;
  readonly access: NetRavenAccess;
  /** Where the browser lands after sign-in, the tokens in the URL fragment; unset: a small page shows the outcome. */
  readonly afterSignInUrl?: string;
}

type Handler = (request: IncomingMessage, response: ServerResponse) => void;

/**
 * `GET /auth/oidc/login` redirects to the identity provider; `GET /auth/oidc/callback` finishes
 * there: NetRaven's own access and refresh tokens as JSON (`Accept: application/json`), as a
 * redirect with the tokens in the fragment (`afterSignInUrl`), or as a small page. A bad or spent
 * state is 400, a user the mapping does not admit 403; nothing is signed in then.
 */
export function withOidcRoutes(options: OidcRoutesOptions | undefined, next: Handler): Handler {
  if (!options) return next;
  return (request, response) => {
    const url = new URL(request.url ?? '/', 'http://gateway.invalid');
    if (request.method !== 'GET' || !url.pathname.startsWith('/auth/oidc/')) return next(request, response);
    const wantsJson = (request.headers.accept ?? '').includes('application/json');
    const address = request.socket.remoteAddress ?? 'unknown';
    const answer = url.pathname === '/auth/oidc/login' ? login(options, response)
      : url.pathname === '/auth/oidc/callback' ? callback(options, url, address, wantsJson, response)
      : Promise.resolve(sendError(response, wantsJson, 404, 'NOT_FOUND', 'no such sign-in route'));
    answer.catch((error: unknown) => {
      const [status, code] = error instanceof OidcStateError ? [400, 'BAD_STATE']
        : error instanceof ValidationError ? [400, 'BAD_USER_INPUT']
        : error instanceof ForbiddenError ? [403, 'FORBIDDEN']
        : error instanceof UnauthenticatedError || error instanceof OidcProviderError ? [401, 'UNAUTHENTICATED']
        : [500, 'INTERNAL'];
      const message = status === 500 ? 'sign-in failed unexpectedly' : error instanceof Error ? error.message : String(error);
      if (!response.headersSent) sendError(response, wantsJson, status, code, message);
    });
  };
}

async function login(options: OidcRoutesOptions, response: ServerResponse): Promise<void> {
  const target = await options.client.authorizationUrl();
  response.writeHead(302, { location: target.href, 'cache-control': 'no-store' });
  response.end();
}

async function callback(options: OidcRoutesOptions, url: URL, address: string, wantsJson: boolean, response: ServerResponse): Promise<void> {
  const identity = await options.client.finish(url.searchParams);
  const session = await options.access.externalSignIn.signIn(identity, address);
  const body = sessionBody(session);
  if (wantsJson) return send(response, 200, 'application/json; charset=utf-8', JSON.stringify(body));
  if (options.afterSignInUrl) {
    const fragment = new URLSearchParams({ access_token: session.accessToken, refresh_token: session.refreshToken }).toString();
    response.writeHead(303, { location: `${options.afterSignInUrl}#${fragment}`, 'cache-control': 'no-store', 'referrer-policy': 'no-referrer' });
    return void response.end();
  }
  const data = JSON.stringify(body).replace(/</g, '\\u003c');
  send(response, 200, 'text/html; charset=utf-8', `<!doctype html><meta charset="utf-8"><title>NetRaven: signed in</title>
<p>Signed in to NetRaven as <strong>${escapeHtml(session.user.username)}</strong> (${escapeHtml(session.user.role)}).</p>
<script type="application/json" id="netraven-session">${data}</script>`);
}

const sessionBody = (session: Session) => ({
  accessToken: session.accessToken,
  refreshToken: session.refreshToken,
  user: { username: session.user.username, role: session.user.role, tags: session.user.tags },
});

function sendError(response: ServerResponse, wantsJson: boolean, status: number, code: string, message: string): void {
  if (wantsJson) return send(response, status, 'application/json; charset=utf-8', JSON.stringify({ error: { code, message } }));
  send(response, status, 'text/html; charset=utf-8', `<!doctype html><meta charset="utf-8"><title>NetRaven: sign-in refused</title>
<p>Sign-in refused: ${escapeHtml(message)}</p><p><a href="/auth/oidc/login">Try again</a></p>`);
}

function send(response: ServerResponse, status: number, type: string, body: string): void {
  response.writeHead(status, { 'content-type': type, 'cache-control': 'no-store', 'referrer-policy': 'no-referrer' });
  response.end(body);
}

const escapeHtml = (text: string): string =>
  text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c);
