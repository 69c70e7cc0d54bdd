import { readFile, stat } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { extname, join, normalize, sep } from 'node:path';
import { gzipSync } from 'node:zlib';

type Handler = (request: IncomingMessage, response: ServerResponse) => void;

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8', '.svg': 'image/svg+xml', '.png': 'image/png', '.ico': 'image/x-icon',
  '.woff2': 'font/woff2', '.txt': 'text/plain; charset=utf-8', '.map': 'application/json; charset=utf-8', '.webmanifest': 'application/manifest+json',
};
const COMPRESSIBLE = new Set(['.html', '.js', '.css', '.json', '.svg', '.txt', '.map']);
/** Paths that belong to the API and its neighbours, never to the console. */
const API_PREFIXES = ['/graphql', '/healthz', '/readyz', '/auth/', '/metrics'];
/** Vite names these by content hash: they never change, so browsers keep them. */
const IMMUTABLE = 'public, max-age=31536000, immutable';

interface Entry { readonly mtimeMs: number; readonly body: Buffer; readonly gzip: Buffer | undefined }

/**
 * Serves the built web console (`web/dist`) on the gateway's origin: files as they are (hashed
 * assets cached for a year, the rest revalidated), gzip when the browser takes it, and `index.html`
 * for any other page path so the console's own router handles deep links. API paths pass through.
 */
export function withWebConsole(root: string | undefined, next: Handler): Handler {
  if (!root) return next;
  const cache = new Map<string, Entry>();
  const load = async (file: string): Promise<Entry | undefined> => {
    const info = await stat(file).catch(() => undefined);
    if (!info?.isFile()) return undefined;
    const cached = cache.get(file);
    if (cached && cached.mtimeMs === info.mtimeMs) return cached;
    const body = await readFile(file);
    const entry = { mtimeMs: info.mtimeMs, body, gzip: COMPRESSIBLE.has(extname(file)) && body.length > 512 ? gzipSync(body) : undefined };
    cache.set(file, entry);
    return entry;
  };
  return (request, response) => {
    const path = (request.url ?? '/').split('?')[0] ?? '/';
    if ((request.method !== 'GET' && request.method !== 'HEAD') || API_PREFIXES.some((p) => path === p || path.startsWith(p.endsWith('/') ? p : `${p}/`))) {
      return next(request, response);
    }
    serve(root, path, request, response, load).catch((error: unknown) => {
      if (!response.headersSent) response.writeHead(500, { 'content-type': 'text/plain; charset=utf-8' });
      response.end(`web console: ${error instanceof Error ? error.message : String(error)}`);
    });
  };
}

async function serve(
  root: string, path: string, request: IncomingMessage, response: ServerResponse, load: (file: string) => Promise<Entry | undefined>,
): Promise<void> {
  let decoded: string;
  try {
    decoded = decodeURIComponent(path);
  } catch {
    return void response.writeHead(400, { 'content-type': 'text/plain; charset=utf-8' }).end('bad path');
  }
  const file = normalize(join(root, decoded));
  const inside = file === root || file.startsWith(root.endsWith(sep) ? root : root + sep);
  const found = inside && !decoded.endsWith('/') ? await load(file) : undefined;
  if (found) return send(request, response, found, extname(file), decoded.startsWith('/assets/') ? IMMUTABLE : 'no-cache');
  // An unknown page path is the console's (deep link); an unknown file is not there.
  const wantsPage = extname(decoded) === '' || (request.headers.accept ?? '').includes('text/html');
  const index = wantsPage ? await load(join(root, 'index.html')) : undefined;
  if (index) return send(request, response, index, '.html', 'no-cache');
  response.writeHead(404, { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-cache' }).end('not found');
}

function send(request: IncomingMessage, response: ServerResponse, entry: Entry, extension: string, cacheControl: string): void {
  const gzip = entry.gzip && /\bgzip\b/.test(String(request.headers['accept-encoding'] ?? '')) ? entry.gzip : undefined;
  const body = gzip ?? entry.body;
  response.writeHead(200, {
    'content-type': TYPES[extension] ?? 'application/octet-stream',
    'content-length': body.length,
    'cache-control': cacheControl,
    'x-content-type-options': 'nosniff',
    vary: 'accept-encoding',
    ...(gzip ? { 'content-encoding': 'gzip' } : {}),
    ...(extension === '.html' ? { 'referrer-policy': 'no-referrer', 'x-frame-options': 'DENY' } : {}),
  });
  response.end(request.method === 'HEAD' ? undefined : body);
}
