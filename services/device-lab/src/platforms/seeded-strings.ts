import { fakeHex } from '../formats/fake-secrets.js';

// Vendor-shaped secrets and serials in alphabets `formats/fake-secrets.ts` does not cover; the same seed
// always gives the same text, so generated configs are stable.

/** `length` characters drawn from `alphabet`. */
export function seededChars(alphabet: string, seed: string, length: number): string {
  const bytes = Buffer.from(fakeHex(seed, length), 'hex');
  let out = '';
  for (const byte of bytes) out += alphabet[byte % alphabet.length] ?? '';
  return out;
}

/** Base64 of `bytes` seeded bytes, like FortiOS `ENC` values and AOS-CX ciphertext. */
export function seededBase64(seed: string, bytes: number): string {
  return Buffer.from(fakeHex(seed, bytes), 'hex').toString('base64');
}
