import { createHmac, timingSafeEqual } from 'node:crypto';

export const SIGNATURE_HEADER = 'x-netraven-signature';

/** `sha256=<hex>`: HMAC-SHA256 of the raw body under the webhook's secret (the scheme GitHub webhooks use). */
export function signBody(secret: string, body: string): string {
  return `sha256=${createHmac('sha256', secret).update(body, 'utf8').digest('hex')}`;
}

/** How a receiver checks a delivery (used by the tests, and the reference for the README). */
export function verifySignature(secret: string, body: string, header: string | undefined): boolean {
  if (!header) return false;
  const expected = Buffer.from(signBody(secret, body));
  const given = Buffer.from(header);
  return expected.length === given.length && timingSafeEqual(expected, given);
}

/** Every delivery's headers; the signature only when the webhook has a secret. */
export function deliveryHeaders(input: {
  deliveryId: string; event: string; attempt: number; now: Date; body: string; secret: string | null;
}): Record<string, string> {
  return {
    'content-type': 'application/json',
    'user-agent': 'NetRaven-Webhooks/1',
    'x-netraven-event': input.event,
    'x-netraven-delivery': input.deliveryId,
    'x-netraven-attempt': String(input.attempt),
    'x-netraven-timestamp': String(Math.floor(input.now.getTime() / 1000)),
    ...(input.secret !== null ? { [SIGNATURE_HEADER]: signBody(input.secret, input.body) } : {}),
  };
}
