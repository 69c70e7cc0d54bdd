import type { DeviceLab } from '@netraven/device-lab';

/** Lines of the lab's generated configs that carry a secret right after this prefix. */
const SECRET_PREFIXES = [
  'enable secret 9 ',
  'username admin privilege 15 secret 9 ',
  'username backup privilege 15 password 7 ',
  ' ip ospf message-digest-key 1 md5 7 ',
  'tacacs-server key 7 ',
  ' password 7 ',
];
const COMMUNITY = 'snmp-server community ';

/**
 * What the stored config of a lab device must be, worked out from the lab's own printout with
 * plain string handling (not with the platform's rules, which are what is under test).
 */
export function expectedStoredConfig(printed: string): string {
  const lines = printed.split('\n');
  const afterHeader = lines.findIndex((line) => line.startsWith('Current configuration : ')) + 1;
  const kept = lines
    .slice(afterHeader)
    .filter((line) => !line.startsWith('! Last configuration change at '))
    .filter((line) => !line.startsWith('! NVRAM config last updated at '))
    .filter((line) => !line.startsWith('ntp clock-period '))
    .map((line) => {
      const prefix = SECRET_PREFIXES.find((candidate) => line.startsWith(candidate));
      if (prefix) return `${prefix}<removed>`;
      if (line.startsWith(COMMUNITY)) return `${COMMUNITY}<removed> ${line.slice(COMMUNITY.length).split(' ').slice(1).join(' ')}`;
      return line;
    });
  return `${kept.join('\n').replace(/\n+$/, '')}\n`;
}

/** Every secret value in the lab's printout, to prove none of them leaks anywhere. */
export function secretValues(printed: string): string[] {
  return printed.split('\n').flatMap((line) => {
    const prefix = SECRET_PREFIXES.find((candidate) => line.startsWith(candidate));
    if (prefix) return [line.slice(prefix.length)];
    if (line.startsWith(COMMUNITY)) return [line.slice(COMMUNITY.length).split(' ')[0] ?? ''];
    return [];
  });
}

/** Waits (bounded) until the lab sees no open connections: clients must always hang up. */
export async function waitForNoConnections(lab: DeviceLab, timeoutMs = 2_000): Promise<number> {
  const deadline = Date.now() + timeoutMs;
  while (lab.openConnections() > 0 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
  return lab.openConnections();
}
