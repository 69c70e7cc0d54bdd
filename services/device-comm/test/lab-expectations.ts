import type { DeviceLab } from '@netraven/device-lab';

/**
 * Where a secret sits in a lab config line: the line starts with the first string, and the value is
 * the word after each following marker (after the first string itself when there is no marker).
 */
type SecretPlace = readonly [lineStart: string, ...markers: string[]];

/** How the stored config of a lab device differs from its printout, written out by hand per platform. */
interface StoredForm {
  /** Leading lines dropped before the config proper (blank lines there go too). */
  header: readonly string[];
  /** Lines dropped anywhere because they change without a config change. */
  volatile: readonly string[];
  secrets: readonly SecretPlace[];
}

const IOS_CHANGE_STAMPS = ['! Last configuration change at ', '! NVRAM config last updated at '];

const STORED_FORMS: Readonly<Record<string, StoredForm>> = {
  cisco_ios: {
    header: ['Building configuration...', 'Current configuration : '],
    volatile: [...IOS_CHANGE_STAMPS, 'ntp clock-period '],
    secrets: [
      ['enable secret 9 '],
      ['username admin privilege 15 secret 9 '],
      ['username backup privilege 15 password 7 '],
      [' ip ospf message-digest-key 1 md5 7 '],
      ['tacacs-server key 7 '],
      [' password 7 '],
      ['snmp-server community '],
    ],
  },
  cisco_iosxe: {
    header: ['Building configuration...', 'Current configuration : '],
    volatile: IOS_CHANGE_STAMPS,
    secrets: [
      ['enable secret 9 '],
      ['username admin privilege 15 secret 9 '],
      ['username backup privilege 15 password 7 '],
      [' ip ospf message-digest-key 1 md5 7 '],
      [' key 7 '],
      [' password 7 '],
      ['snmp-server community '],
    ],
  },
  cisco_nxos: {
    header: ['!Command: show running-config', '!Running configuration last done at: ', '!Time: '],
    volatile: ['!Running configuration last done at: ', '!Time: '],
    secrets: [
      ['username admin password 5 '],
      ['username backup password 5 '],
      ['snmp-server user ', ' md5 ', ' priv '],
      ['snmp-server host 10.10.1.20 traps version 2c '],
      ['snmp-server community '],
      ['tacacs-server host 10.10.1.30 key 7 '],
      ['  ip ospf message-digest-key 1 md5 3 '],
    ],
  },
  cisco_iosxr: {
    header: ['Building configuration...'],
    volatile: ['!! Last configuration change at '],
    secrets: [[' secret 10 '], ['snmp-server community '], [' key 7 '], ['  key-string password ']],
  },
  cisco_asa: {
    header: [':'],
    volatile: ['Cryptochecksum:'],
    secrets: [
      ['enable password '],
      ['passwd '],
      ['username admin password '],
      ['username backup password '],
      [' key '],
      [' ikev1 pre-shared-key '],
      ['snmp-server host management 10.10.1.20 community '],
      ['snmp-server community '],
    ],
  },
  arista_eos: {
    header: ['! Command: show running-config'],
    volatile: [],
    secrets: [
      ['enable password sha512 '],
      ['username admin privilege 15 role network-admin secret sha512 '],
      ['username backup privilege 15 role network-operator secret sha512 '],
      ['snmp-server community '],
      ['snmp-server host 10.10.1.20 version 2c '],
      ['tacacs-server host 10.10.1.30 key 7 '],
      ['   neighbor ', ' password 7 '],
    ],
  },
  dell_os10: {
    header: [],
    volatile: ['! Last configuration change at '],
    secrets: [
      ['system-user linuxadmin password '],
      ['username admin password '],
      ['username backup password '],
      ['snmp-server community '],
      ['tacacs-server host 10.10.1.30 key 9 '],
      ['  password 9 '],
    ],
  },
};

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
      const value = /^\S+/.exec(masked.slice(valueAt))?.[0] ?? '';
      masked = `${masked.slice(0, valueAt)}<removed>${masked.slice(valueAt + value.length)}`;
      values.push(value);
      from = valueAt;
    }
    if (values.length === Math.max(1, markers.length)) return { masked, values };
  }
  return undefined;
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
  const kept = lines
    .slice(start)
    .filter((line) => !form.volatile.some((prefix) => line.startsWith(prefix)))
    .map((line) => maskLine(line, form.secrets)?.masked ?? line);
  return `${kept.join('\n').replace(/\n+$/, '')}\n`;
}

/** Every secret value in the lab's printout, to prove none of them leaks anywhere. */
export function secretValues(printed: string, platform = 'cisco_ios'): string[] {
  const form = storedFormOf(platform);
  // ASA's `show running-config` already prints some keys as `*****`; there is nothing to leak there.
  return printed.split('\n').flatMap((line) => (maskLine(line, form.secrets)?.values ?? []).filter((value) => value !== '*****'));
}

/** Waits (bounded) until the lab sees no open connections: clients must always hang up. */
export async function waitForNoConnections(lab: DeviceLab, timeoutMs = 2_000): Promise<number> {
  const deadline = Date.now() + timeoutMs;
  while (lab.openConnections() > 0 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
  return lab.openConnections();
}
