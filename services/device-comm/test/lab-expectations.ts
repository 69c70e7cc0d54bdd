import type { DeviceLab, LabDevice } from '@netraven/device-lab';
import { STORED_FORMS, type SecretBlock, type SecretPlace, type StoredForm } from './stored-forms.js';

function storedFormOf(platform: string): StoredForm {
  const form = STORED_FORMS[platform];
  if (!form) throw new Error(`no stored-config expectation for ${platform}`);
  return form;
}

/** The line with each secret value replaced by `<removed>`, and the values; undefined when it holds none. */
function maskLine(line: string, places: readonly SecretPlace[]): { masked: string; values: string[] } | undefined {
  for (const [lineStart, ...markers] of places) {
    if (!line.startsWith(lineStart)) continue;
    let masked = line;
    let from = 0;
    const values: string[] = [];
    for (const marker of markers.length > 0 ? markers : [lineStart]) {
      const at = masked.indexOf(marker, from);
      if (at < 0) break;
      const valueAt = at + marker.length;
      const value = /^(?:"[^"]*"|[^\s;]+)/.exec(masked.slice(valueAt))?.[0] ?? '';
      masked = `${masked.slice(0, valueAt)}<removed>${masked.slice(valueAt + value.length)}`;
      values.push(value.replace(/^"(.*)"$/, '$1'));
      from = valueAt;
    }
    if (values.length === Math.max(1, markers.length)) return { masked, values };
  }
  return undefined;
}

/** Each multi-line secret collapsed to `start<removed>`, and the lines it held. */
function collapseBlocks(lines: readonly string[], blocks: readonly SecretBlock[]): { lines: string[]; values: string[] } {
  const kept: string[] = [];
  const values: string[] = [];
  for (let at = 0; at < lines.length; at += 1) {
    const line = lines[at] ?? '';
    const block = blocks.find(([start]) => line.startsWith(start));
    if (!block) {
      kept.push(line);
      continue;
    }
    const [start, end] = block;
    kept.push(`${start}<removed>`);
    values.push(line.slice(start.length));
    while (!(lines[at] ?? end).endsWith(end) && at < lines.length) {
      at += 1;
      values.push(lines[at] ?? '');
    }
  }
  return { lines: kept, values };
}

/**
 * What the stored config of a lab device must be, worked out from the lab's own printout with
 * plain string handling (not with the platform's rules, which are what is under test).
 */
export function expectedStoredConfig(printed: string, platform = 'cisco_ios'): string {
  const form = storedFormOf(platform);
  const lines = printed.split('\n');
  let start = 0;
  while (start < lines.length && ((lines[start] ?? '') === '' || form.header.some((prefix) => (lines[start] ?? '').startsWith(prefix)))) start += 1;
  const kept = collapseBlocks(lines.slice(start), form.secretBlocks ?? []).lines
    .filter((line) => !form.volatile.some((prefix) => line.startsWith(prefix)))
    .map((line) => maskLine(line, form.secrets)?.masked ?? line);
  return `${kept.join('\n').replace(/\n+$/, '')}\n`;
}

/** Every secret value in the lab's printout, to prove none of them leaks anywhere. */
export function secretValues(printed: string, platform = 'cisco_ios'): string[] {
  const form = storedFormOf(platform);
  const { lines, values } = collapseBlocks(printed.split('\n'), form.secretBlocks ?? []);
  // ASA's `show running-config` already prints some keys as `*****`; there is nothing to leak there.
  const inLines = lines.flatMap((line) => (maskLine(line, form.secrets)?.values ?? []).filter((value) => value !== '*****'));
  // Short block lines (a lone quote, an END marker) could occur anywhere; only key material counts.
  return [...inLines, ...values.filter((value) => value.length >= 16 && !value.includes('-----'))];
}

/** Waits (bounded) until the lab sees no open connections: clients must always hang up. */
export async function waitForNoConnections(lab: DeviceLab, timeoutMs = 2_000): Promise<number> {
  const deadline = Date.now() + timeoutMs;
  while (lab.openConnections() > 0 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
  return lab.openConnections();
}

/** The lab device called `name`; a test naming one the lab does not serve fails at once. */
export function labDeviceNamed(lab: DeviceLab, name: string): LabDevice {
  const found = lab.devices.find((candidate) => candidate.name === name);
  if (!found) throw new Error(`no lab device ${name}`);
  return found;
}
