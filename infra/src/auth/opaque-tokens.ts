import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/** API tokens start with `nrv_` (secret scanners can spot them), refresh tokens with `nrr_`. */
export const API_TOKEN_PREFIX = 'nrv_';
export const REFRESH_TOKEN_PREFIX = 'nrr_';

/** 256 random bits, URL-safe: only its SHA-256 digest is ever stored. */
export const newOpaqueToken = (prefix: string): string => prefix + randomBytes(32).toString('base64url');

export const tokenDigest = (token: string): string => createHash('sha256').update(token, 'utf8').digest('hex');

export const digestsEqual = (a: string, b: string): boolean =>
  a.length === b.length && timingSafeEqual(Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8'));
