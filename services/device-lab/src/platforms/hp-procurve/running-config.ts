import { createHash } from 'node:crypto';
import { driftRunningConfig } from '../../simulation/config-drift.js';
import type { DefaultConfigInput, RunningConfigDialect, RunningConfigState } from '../../simulation/platform-profile.js';
import type { ProCurveIdentity } from './identity.js';

export const proCurveRunningConfig: RunningConfigDialect = {
  printedOnly: [/^Running configuration:$/, /^; \S+ Configuration Editor; Created on release /, /^; Ver #/],
  hostnameLine: /^hostname "?([^"\n]+)"?$/m,
  drift: (body, driftNumber) =>
    driftRunningConfig(body, driftNumber, {
      interfaceIndent: '   ',
      interfaceHeader: /^interface \d+$/,
      description: (text) => `   name "${text}"`,
      listEntry: (n) => `ip authorized-managers 10.20.${n % 250}.0 255.255.255.0 access operator`,
      listAnchor: /^ip authorized-managers /,
      newList: (entry) => [entry],
    }),
};

/** The `; Ver #` line: a fingerprint of the release and hardware, stable for one switch. */
function versionFingerprint(id: ProCurveIdentity): string {
  const bytes = createHash('sha1').update(`${id.productNumber}/${id.version}`).digest('hex').match(/../g) ?? [];
  return `; Ver #14:${bytes.join('.')}:05`;
}

/** `show running-config`: a title line, the editor header naming product and release, then the body. */
export function printProCurveRunningConfig(state: RunningConfigState, id: ProCurveIdentity): string {
  return [
    '',
    'Running configuration:',
    '',
    `; ${id.productNumber} Configuration Editor; Created on release #${id.version}`,
    versionFingerprint(id),
    state.body.replace(/\n*$/, '\n'),
  ].join('\n');
}

const sha1 = (text: string): string => createHash('sha1').update(text).digest('hex');

/** A plausible access switch: manager/operator passwords (SHA-1, `include-credentials`), TACACS+, SNMP, VLANs. */
export function defaultProCurveRunningConfig(input: DefaultConfigInput, id: ProCurveIdentity): string {
  const { hostname, username } = input;
  const site = input.index + 1;
  const octet = site % 250;
  const third = Math.floor(site / 250) % 250;
  return [
    `hostname "${hostname}"`,
    `module 1 type ${id.productNumber.toLowerCase()}`,
    'time timezone 0',
    'include-credentials',
    `ip default-gateway 10.250.${third}.254`,
    'ip authorized-managers 10.10.0.0 255.255.0.0 access manager',
    'ip authorized-managers 10.20.0.0 255.255.255.0 access operator',
    'logging 10.10.1.20',
    `snmp-server community "nr-ro-${site}" operator`,
    `snmp-server community "nr-rw-${site}" manager unrestricted`,
    `snmp-server host 10.10.1.20 community "nr-trap-${site}"`,
    'snmp-server contact "noc@example.net"',
    `snmp-server location "DC1 row ${Math.floor(site / 20) + 1} rack ${(site % 20) + 1}"`,
    `tacacs-server host 10.10.1.30 key "tac-${site}-${sha1(hostname).slice(0, 8)}"`,
    'aaa authentication ssh login tacacs local',
    'aaa authentication ssh enable tacacs local',
    'sntp server priority 1 10.10.1.10',
    'timesync sntp',
    'sntp unicast',
    'oobm',
    `   ip address 10.250.${third}.${octet} 255.255.255.0`,
    '   exit',
    'vlan 1',
    '   name "DEFAULT_VLAN"',
    '   no untagged 1-2',
    '   untagged 3-48',
    '   no ip address',
    '   exit',
    'vlan 10',
    '   name "USERS"',
    '   untagged 2',
    '   tagged 1',
    `   ip address 10.40.${octet}.2 255.255.255.0`,
    '   exit',
    'interface 1',
    `   name "uplink to core1 1/1/${(site % 48) + 1}"`,
    '   exit',
    'interface 2',
    '   exit',
    'spanning-tree',
    'no tftp server',
    'no telnet-server',
    'ip ssh',
    `password manager user-name "${username}" sha1 "${sha1(`${hostname}/${username}`)}"`,
    `password operator user-name "operator" sha1 "${sha1(`${hostname}/operator`)}"`,
    '',
  ].join('\n');
}
