import * as assert from 'uvu/assert';
import { redactSecrets } from '../src/capture/index.js';
import type { Platform } from '../src/platforms/index.js';

/** A real config line with `{}` where each secret stands, and the secrets in order. */
export type SecretCase = readonly [line: string, ...secrets: string[]];

/** The line is stored with exactly its secrets replaced by `<removed>`, nothing else touched. */
export function assertMasked(platform: Pick<Platform, 'secrets'>, [line, ...secrets]: SecretCase): void {
  const parts = line.split('{}');
  const raw = parts.map((part, at) => `${part}${secrets[at] ?? ''}`).join('');
  assert.is(redactSecrets(`${raw}\n`, platform), `${parts.join('<removed>')}\n`, raw);
}

/** Ordinary config lines that merely mention a secret-bearing word come out unchanged. */
export function assertUntouched(platform: Pick<Platform, 'secrets'>, lines: readonly string[]): void {
  const text = `${lines.join('\n')}\n`;
  const masked = redactSecrets(text, platform);
  const changed = masked.split('\n').filter((line, at) => line !== text.split('\n')[at]);
  assert.equal(changed, [], 'no ordinary line may change');
}
