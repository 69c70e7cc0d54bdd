import type { DeviceFaults } from '../lab-options.js';

type FaultKind = 'flag' | 'number' | 'text' | 'size';

/** Every fault, how its value is written, and one line of help. */
export const FAULT_HELP: Readonly<Record<keyof DeviceFaults, { kind: FaultKind; help: string }>> = {
  commandLatencyMs: { kind: 'number', help: 'delay before each command is answered (ms)' },
  hangOnConnect: { kind: 'flag', help: 'accept TCP, never speak (SSH or Telnet)' },
  hangOnCommand: { kind: 'text', help: 'stop answering once a command starting with this text is entered' },
  dropDuringConfig: { kind: 'flag', help: 'close the connection halfway through show running-config' },
  unrecognisablePrompt: { kind: 'flag', help: 'print a prompt no client recognises' },
  keyboardInteractiveOnly: { kind: 'flag', help: 'SSH: offer only keyboard-interactive auth' },
  authFailure: { kind: 'flag', help: 'reject every login, even with the right password' },
  hangAfterLogin: { kind: 'flag', help: 'print the banner after login, then nothing (no prompt)' },
  endlessPager: { kind: 'flag', help: 'show running-config pages forever (--More--), ignoring terminal length 0' },
  garbageBytes: { kind: 'flag', help: 'mix invalid UTF-8, control bytes and stray escapes into all output' },
  hugeConfig: { kind: 'size', help: 'pad the running config to this size (default 20m; e.g. 500k, 5m)' },
  driftEveryBackups: { kind: 'number', help: 'change the running config after every K-th show running-config' },
};

/** Which devices an entry applies to: their 0-based indexes. */
function selectDevices(who: string, names: readonly string[]): number[] {
  if (who === 'all' || who === '*') return names.map((_, index) => index);
  const range = /^(\d+)(?:-(\d+))?$/.exec(who);
  if (range) {
    const first = Number(range[1]);
    const last = range[2] === undefined ? first : Number(range[2]);
    if (first < 1 || last > names.length || first > last) throw new Error(`devices ${who} are not in 1-${names.length}`);
    return Array.from({ length: last - first + 1 }, (_, offset) => first - 1 + offset);
  }
  const index = names.indexOf(who);
  if (index < 0) throw new Error(`no device named ${who}`);
  return [index];
}

function parseSize(text: string): number {
  const found = /^(\d+(?:\.\d+)?)([kKmM]?)$/.exec(text);
  if (!found) throw new Error(`"${text}" is not a size (e.g. 500k, 20m)`);
  const unit = found[2]?.toLowerCase() === 'm' ? 1024 * 1024 : found[2]?.toLowerCase() === 'k' ? 1024 : 1;
  return Math.round(Number(found[1]) * unit);
}

function parseFault(faults: DeviceFaults, entry: string): void {
  const [name = '', ...rest] = entry.split('=');
  const value = rest.length > 0 ? rest.join('=') : undefined;
  if (!(name in FAULT_HELP)) throw new Error(`unknown fault "${name}"; known: ${Object.keys(FAULT_HELP).join(', ')}`);
  const key = name as keyof DeviceFaults;
  const { kind } = FAULT_HELP[key];
  const number = (): number => {
    const parsed = Number(value);
    if (value === undefined || !Number.isFinite(parsed) || parsed < 0) throw new Error(`fault ${name} needs a number, e.g. ${name}=3`);
    return parsed;
  };
  if (kind === 'text' && (value === undefined || value === '')) throw new Error(`fault ${name} needs a value, e.g. ${name}=show run`);
  const parsed =
    kind === 'flag' ? value === undefined || value === 'true'
    : kind === 'number' ? number()
    : kind === 'size' ? (value === undefined ? true : parseSize(value))
    : value;
  Object.assign(faults, { [key]: parsed });
}

/**
 * Reads `--faults`: entries separated by `;`, each `WHO:FAULT[=VALUE],...` where WHO is `all`, a
 * 1-based device number, a range `2-4`, or a device name, e.g.
 * `all:commandLatencyMs=20;2:authFailure;lab-r3:driftEveryBackups=2,garbageBytes`.
 */
export function parseFaultSpec(spec: string, names: readonly string[]): DeviceFaults[] {
  const faults: DeviceFaults[] = names.map(() => ({}));
  for (const entry of spec.split(';').map((part) => part.trim()).filter((part) => part !== '')) {
    const colon = entry.indexOf(':');
    if (colon < 0) throw new Error(`"${entry}" names no devices; write e.g. all:${entry}`);
    const devices = selectDevices(entry.slice(0, colon).trim(), names);
    for (const fault of entry.slice(colon + 1).split(',').map((part) => part.trim()).filter((part) => part !== '')) {
      for (const index of devices) parseFault(faults[index] as DeviceFaults, fault);
    }
  }
  return faults;
}
