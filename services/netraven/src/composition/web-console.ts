import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { NetRavenConfig } from '@netraven/infra/config';
import type { Logger } from '@netraven/infra/log';

/**
 * Where the built web console is: `NETRAVEN_WEB_DIR`, else the `web` workspace's `dist` (built by
 * setup). Undefined, with a warning, when it is not built: the API runs without it.
 */
export function webConsoleDir(config: NetRavenConfig, logger: Logger): string | undefined {
  const dir = config.http.webDir ?? installedWebDist();
  if (dir && existsSync(join(dir, 'index.html'))) return dir;
  logger.warn({ dir: dir ?? null }, 'web console not built (npm run build -w web): only the API is served');
  return undefined;
}

function installedWebDist(): string | undefined {
  try {
    return join(dirname(createRequire(import.meta.url).resolve('@netraven/web/package.json')), 'dist');
  } catch {
    return undefined;
  }
}

/**
 * Where the browser lands after an OIDC sign-in: `NETRAVEN_OIDC_AFTER_SIGN_IN_URL`, else the console when this
 * gateway serves it, at the origin the provider sends the browser back to (the console reads the tokens from the
 * fragment); else nowhere (the callback's own small page).
 */
export function afterOidcSignIn(oidc: { afterSignInUrl: string | undefined; redirectUrl: string }, webRoot: string | undefined): string | undefined {
  if (oidc.afterSignInUrl) return oidc.afterSignInUrl;
  return webRoot ? new URL('/', oidc.redirectUrl).href : undefined;
}
