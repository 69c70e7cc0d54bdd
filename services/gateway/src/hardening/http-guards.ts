import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ErrorCode } from '../errors/error-codes.js';

/** Headers every answer carries: no sniffing, no framing, no referrer, nothing cached. */
const SECURE_HEADERS: Readonly<Record<string, string>> = {
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
  'referrer-policy': 'no-referrer',
  'content-security-policy': "frame-ancestors 'none'",
  'cross-origin-opener-policy': 'same-origin',
  'cross-origin-resource-policy': 'same-origin',
  'cache-control': 'no-store',
};

/** Default request body limit: one `importDevices` of 100,000 rows (about 13 MiB of JSON) fits, with room. */
export const DEFAULT_MAX_BODY_BYTES = 32 * 1024 * 1024;

/**
 * Secure headers on every response, and a request body limit: a body announced larger than the
 * limit is refused with 413 before it is read; a body without a length (chunked) is counted as it
 * arrives and the connection is cut past the limit.
 */
export function withHttpGuards(
  maxBodyBytes: number,
  next: (request: IncomingMessage, response: ServerResponse) => void,
): (request: IncomingMessage, response: ServerResponse) => void {
  return (request, response) => {
    for (const [name, value] of Object.entries(SECURE_HEADERS)) response.setHeader(name, value);
    const declared = Number(request.headers['content-length'] ?? '0');
    if (declared > maxBodyBytes) {
      response.writeHead(413, { 'content-type': 'application/json; charset=utf-8', connection: 'close' });
      response.end(JSON.stringify({ errors: [{ message: `the request body is over ${maxBodyBytes} bytes`, extensions: { code: 'PAYLOAD_TOO_LARGE' satisfies ErrorCode } }] }));
      request.resume();
      return;
    }
    if (request.headers['transfer-encoding'] !== undefined) {
      let received = 0;
      request.on('data', (chunk: Buffer) => {
        received += chunk.length;
        if (received > maxBodyBytes) request.destroy(new Error('request body too large'));
      });
    }
    next(request, response);
  };
}
