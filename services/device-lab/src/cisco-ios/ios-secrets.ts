import { createHash } from 'node:crypto';

// The published Cisco type 7 key: the lab prints real, decodable type 7 strings like a device would.
const TYPE7_KEY = 'dsfd;kfoA,.iyewrkldJKDHSUBsgvca69834ncxv9873254k;fg87';
const CRYPT_ALPHABET = './0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';

export function encodeType7(plain: string, seed: number): string {
  const start = seed % 16;
  let encoded = String(start).padStart(2, '0');
  for (let i = 0; i < plain.length; i += 1) {
    const keyChar = TYPE7_KEY.charCodeAt((start + i) % TYPE7_KEY.length);
    encoded += (plain.charCodeAt(i) ^ keyChar).toString(16).toUpperCase().padStart(2, '0');
  }
  return encoded;
}

function cryptChars(seed: string, length: number): string {
  let bytes = createHash('sha256').update(seed).digest();
  while (bytes.length < length) bytes = Buffer.concat([bytes, createHash('sha256').update(bytes).digest()]);
  let out = '';
  for (let i = 0; i < length; i += 1) out += CRYPT_ALPHABET[(bytes[i] ?? 0) % CRYPT_ALPHABET.length];
  return out;
}

/** A string shaped like an IOS type 9 (scrypt) secret; deterministic so generated configs are stable. */
export function fakeType9(seed: string): string {
  return `$9$${cryptChars(`${seed}/salt`, 14)}$${cryptChars(`${seed}/hash`, 43)}`;
}
