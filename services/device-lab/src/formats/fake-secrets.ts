import { createHash } from 'node:crypto';
import { plant } from './planted-secrets.js';

// Deterministic look-alikes of the hashes and keys devices print, so generated configs are stable.
const CRYPT_ALPHABET = './0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
const BASE64_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
// The published Cisco type 7 key: the lab prints real, decodable type 7 strings like a device would.
const TYPE7_KEY = 'dsfd;kfoA,.iyewrkldJKDHSUBsgvca69834ncxv9873254k;fg87';

function seededBytes(seed: string, length: number): Buffer {
  let bytes = createHash('sha256').update(seed).digest();
  while (bytes.length < length) bytes = Buffer.concat([bytes, createHash('sha256').update(bytes).digest()]);
  return bytes.subarray(0, length);
}

function charsFrom(alphabet: string, seed: string, length: number): string {
  const bytes = seededBytes(seed, length);
  let out = '';
  for (let i = 0; i < length; i += 1) out += alphabet[(bytes[i] ?? 0) % alphabet.length];
  return out;
}

export function encodeType7(plain: string, seed: number): string {
  const start = seed % 16;
  let encoded = String(start).padStart(2, '0');
  for (let i = 0; i < plain.length; i += 1) {
    const keyChar = TYPE7_KEY.charCodeAt((start + i) % TYPE7_KEY.length);
    encoded += (plain.charCodeAt(i) ^ keyChar).toString(16).toUpperCase().padStart(2, '0');
  }
  return plant(encoded);
}

/** Shaped like an IOS type 9 (scrypt) secret: `$9$<14>$<43>`. */
export function fakeType9(seed: string): string {
  return plant(`$9$${charsFrom(CRYPT_ALPHABET, `${seed}/salt`, 14)}$${charsFrom(CRYPT_ALPHABET, `${seed}/hash`, 43)}`);
}

/** Shaped like a SHA-256 crypt hash (NX-OS type 5): `$5$<8>$<43>`. */
export function fakeSha256Crypt(seed: string): string {
  return plant(`$5$${charsFrom(CRYPT_ALPHABET, `${seed}/salt`, 8)}$${charsFrom(CRYPT_ALPHABET, `${seed}/hash`, 43)}`);
}

/** Shaped like a SHA-512 crypt hash (IOS XR type 10, EOS sha512, OS10): `$6$<16>$<86>`. */
export function fakeSha512Crypt(seed: string): string {
  return plant(`$6$${charsFrom(CRYPT_ALPHABET, `${seed}/salt`, 16)}$${charsFrom(CRYPT_ALPHABET, `${seed}/hash`, 86)}`);
}

/** Shaped like an ASA PBKDF2 hash: `$sha512$5000$<salt>$<hash>`. */
export function fakeAsaPbkdf2(seed: string): string {
  const salt = charsFrom(BASE64_ALPHABET, `${seed}/salt`, 22);
  const hash = charsFrom(BASE64_ALPHABET, `${seed}/hash`, 22);
  return plant(`$sha512$5000$${salt}==$${hash}==`);
}

/** Shaped like the old ASA MD5 `passwd`/`enable password ... encrypted` value: 16 crypt characters. */
export function fakeAsaMd5(seed: string): string {
  return plant(charsFrom(CRYPT_ALPHABET, seed, 16));
}

/** `0x` and hex digits, like NX-OS SNMPv3 localized keys. */
export function fakeHexKey(seed: string, bytes: number): string {
  return plant(`0x${seededBytes(seed, bytes).toString('hex')}`);
}

/** Upper-case hex, like type 7-ish keys printed by some platforms. */
export function fakeHex(seed: string, bytes: number): string {
  return seededBytes(seed, bytes).toString('hex').toUpperCase();
}

/** Letters and digits for serial numbers and service tags. */
export function fakeSerialChars(seed: string, length: number): string {
  return charsFrom('ABCDEFGHJKLMNPQRSTUVWXYZ0123456789', seed, length);
}

/** A plaintext secret as an operator would type it (`key 0 ...`, `set-key ascii 0 ...`), unique per seed. */
export function fakePlainSecret(seed: string): string {
  return plant(`Pw-${charsFrom('ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789', seed, 14)}`);
}
