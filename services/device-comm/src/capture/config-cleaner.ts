import { stripAnsi } from '../session/terminal-text.js';
import type { Platform } from '../platforms/platform.js';
import { redactSecrets } from './secret-redactor.js';

type CleaningRules = Pick<Platform, 'prompt' | 'commands' | 'configHeader' | 'volatile' | 'secrets'>;

function isBlank(line: string | undefined): boolean {
  return line !== undefined && line.trim() === '';
}

/**
 * The config as it is stored: what the config command printed, without the echo, the prompt, the
 * header noise and the volatile lines, with secrets masked. Also accepts a whole raw transcript.
 */
export function cleanConfig(raw: string, platform: CleaningRules): string {
  // Two steps, so the line arrays of a 20 MB config are garbage before the secret rules copy the text.
  const kept = keptText(raw, platform);
  return kept === '' ? '' : redactSecrets(kept, platform);
}

function keptText(raw: string, platform: CleaningRules): string {
  const lines = stripAnsi(raw).replace(/\r+\n/g, '\n').replace(/\r/g, '').split('\n');
  const echoAt = lines.findIndex((line) => !isBlank(line));
  if (echoAt >= 0 && lines[echoAt]?.trimEnd().endsWith(platform.commands.config)) lines.splice(0, echoAt + 1);
  while (isBlank(lines.at(-1))) lines.pop();
  const last = lines.at(-1);
  if (last !== undefined && platform.prompt.test(last)) lines.pop();
  while (isBlank(lines.at(-1))) lines.pop();
  while (lines.length > 0 && platform.configHeader.some((header) => header.test(lines[0] ?? ''))) lines.shift();
  const kept = lines.filter((line) => !platform.volatile.some((pattern) => pattern.test(line)));
  return kept.length === 0 ? '' : `${kept.join('\n')}\n`;
}
