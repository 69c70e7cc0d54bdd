import { createHash } from 'node:crypto';
import ssh2, { type ParsedKey } from 'ssh2';

const { utils } = ssh2;

/**
 * A fresh ed25519 host key. ssh2 1.17 strips a leading zero byte from about 1 in 256 generated
 * public keys and then cannot parse its own output (mscdex/ssh2#1390, #1513), so retry those.
 */
export function generateHostKey(comment: string, type: 'ed25519' | 'rsa' = 'ed25519'): string {
  // Old gear only speaks `ssh-rsa`; 2048 bits is what such boxes generate by default.
  if (type === 'rsa') return utils.generateKeyPairSync('rsa', { bits: 2048, comment }).private;
  for (let attempt = 0; attempt < 16; attempt += 1) {
    const key = utils.generateKeyPairSync('ed25519', { comment }).private;
    if (!(utils.parseKey(key) instanceof Error)) return key;
  }
  throw new Error('could not generate a parsable ed25519 host key');
}

/** OpenSSH's `SHA256:<base64 without padding>` form, the one operators compare by eye. */
export function hostKeyFingerprint(privateKeyPem: string): string {
  const parsed = utils.parseKey(privateKeyPem);
  if (parsed instanceof Error) throw new Error(`invalid host key: ${parsed.message}`);
  const digest = createHash('sha256').update(parsed.getPublicSSH()).digest('base64');
  return `SHA256:${digest.replace(/=+$/, '')}`;
}

/**
 * A device's host key as its SSH server holds it: parsed once, and with the key material already loaded for
 * signing, as a real device loads its key at boot. Otherwise the first login to each device pays the loading
 * (an OpenSSL key decode, a fifth of the lab's CPU in a 1,000-device backup where each device is logged in once).
 */
export function loadHostKey(privateKeyPem: string): ParsedKey {
  const parsed = utils.parseKey(privateKeyPem);
  if (parsed instanceof Error) throw new Error(`invalid host key: ${parsed.message}`);
  const key = Array.isArray(parsed) ? parsed[0] : parsed;
  if (!key) throw new Error('invalid host key: no key in it');
  const signature = key.sign(Buffer.from('netraven-lab host key check'));
  if (signature instanceof Error) throw new Error(`host key cannot sign: ${signature.message}`);
  return key;
}
