import { plant } from '../../formats/planted-secrets.js';
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

/**
 * A plausible access switch: manager/operator/port-access passwords (`include-credentials`), TACACS+ and RADIUS
 * keys, SNMPv2c communities and an SNMPv3 user, VLANs.
 */
export function defaultProCurveRunningConfig(input: DefaultConfigInput, id: ProCurveIdentity): string {
  const { hostname, username } = input;
  const site = input.index + 1;
  const octet = site % 250;
  const third = Math.floor(site / 250) % 250;
  const key = (what: string): string => plant(`${what}-${site}-${sha1(`${hostname}/${what}`).slice(0, 8)}`);
  return [
    `hostname "${hostname}"`,
    `module 1 type ${id.productNumber.toLowerCase()}`,
    'time timezone 0',
    'include-credentials',
    `ip default-gateway 10.250.${third}.254`,
    'ip authorized-managers 10.10.0.0 255.255.0.0 access manager',
    'ip authorized-managers 10.20.0.0 255.255.255.0 access operator',
    'logging 10.10.1.20',
    `snmp-server community "${plant(`nr-ro-${site}`)}" operator`,
    `snmp-server community "${plant(`nr-rw-${site}`)}" manager unrestricted`,
    `snmp-server host 10.10.1.20 community "${plant(`nr-trap-${site}`)}"`,
    'snmp-server contact "noc@example.net"',
    `snmp-server location "DC1 row ${Math.floor(site / 20) + 1} rack ${(site % 20) + 1}"`,
    `tacacs-server host 10.10.1.30 key "${plant(`tac-${site}-${sha1(hostname).slice(0, 8)}`)}"`,
    `tacacs-server key "${key('tac-global')}"`,
    `radius-server host 10.10.1.40 key "${key('rad')}"`,
    `radius-server key "${key('rad-global')}"`,
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
    'snmpv3 enable',
    `snmpv3 user "nms" auth sha "${key('snmp-auth')}" priv aes "${key('snmp-priv')}"`,
    'snmpv3 group managerpriv user "nms" sec-model ver3',
    `password manager user-name "${username}" sha1 "${plant(sha1(`${hostname}/${username}`))}"`,
    `password operator user-name "operator" sha1 "${plant(sha1(`${hostname}/operator`))}"`,
    `password port-access user-name "supplicant" plaintext "${key('port-access')}"`,
    '',
  ].join('\n');
}
