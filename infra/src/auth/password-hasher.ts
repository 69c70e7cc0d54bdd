import { hash, verify } from '@node-rs/argon2';

// Algorithm.Argon2id of the library (a const enum, which verbatimModuleSyntax cannot import).
const ARGON2ID = 2;

/** argon2id with the library's defaults (19 MiB, 2 passes: OWASP's minimum for argon2id). */
export const hashPassword = (password: string): Promise<string> => hash(password, { algorithm: ARGON2ID });

/** False for a wrong password and for a hash that is not an argon2 hash; never throws on bad input. */
export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password);
  } catch {
    return false;
  }
}

/** A hash of nothing anyone knows: verified against when a username is unknown, so timing does not tell names apart. */
let decoyHash: Promise<string> | undefined;
export const decoyPasswordHash = (): Promise<string> => (decoyHash ??= hashPassword(`decoy-${Math.random()}`));
