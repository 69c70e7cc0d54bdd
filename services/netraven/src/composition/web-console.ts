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
