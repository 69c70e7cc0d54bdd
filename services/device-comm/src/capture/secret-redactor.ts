import type { Platform } from '../platforms/platform.js';

const MASK = '<removed>';
// Shorter literals would mask ordinary words all over a transcript.
const SHORTEST_LITERAL = 4;

/** Masks every secret the platform knows how to recognise, e.g. `enable secret 9 <removed>`. */
export function redactSecrets(text: string, platform: Pick<Platform, 'secrets'>): string {
  return platform.secrets.reduce((masked, rule) => masked.replace(rule.pattern, rule.replacement), text);
}

/** Also masks literal credentials wherever they appear, in case a device echoes one back. */
export function redactWithCredentials(
  text: string,
  platform: Pick<Platform, 'secrets'>,
  credentials: readonly (string | undefined)[],
): string {
  let masked = redactSecrets(text, platform);
  for (const credential of credentials) {
    if (credential !== undefined && credential.length >= SHORTEST_LITERAL) masked = masked.split(credential).join(MASK);
  }
  return masked;
}
