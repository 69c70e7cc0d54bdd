import { plant } from '../../formats/planted-secrets.js';
import { driftRunningConfig } from '../../simulation/config-drift.js';
import type { DefaultConfigInput, RunningConfigDialect, RunningConfigState } from '../../simulation/platform-profile.js';
import { seededBase64 } from '../seeded-strings.js';
import type { AosCxIdentity } from './identity.js';

/** Shaped like AOS-CX `ciphertext`: base64 that always starts `AQBap`. */
const fakeCiphertext = (seed: string): string => plant(`AQBapX${seededBase64(seed, 45)}`);

export const aosCxRunningConfig: RunningConfigDialect = {
  printedOnly: [/^Current configuration:$/, /^!Version (?:Aruba|A)OS-CX /, /^!export-password: /],
  hostnameLine: /^hostname (\S+)$/m,
  drift: (body, driftNumber) =>
    driftRunningConfig(body, driftNumber, {
      interfaceIndent: '    ',
      interfaceHeader: /^interface \d+\/\d+\/\d+$/,
      listEntry: (n) => `ip prefix-list CUSTOMERS seq ${10 * (n + 2)} permit 10.20.${n % 250}.0/24`,
      listAnchor: /^ip prefix-list CUSTOMERS /,
      newList: (entry) => [entry, '!'],
    }),
};

/** `show running-config`: the title, the release and export-password comments, then the body (no end marker). */
export function printAosCxRunningConfig(state: RunningConfigState, id: AosCxIdentity): string {
  return ['Current configuration:', '!', `!Version ${id.brand} ${id.version}`, '!export-password: default', state.body.replace(/\n*$/, '\n')].join('\n');
}

/**
 * A plausible access switch: local users with ciphertext passwords, TACACS+ and RADIUS keys, SNMPv2c and v3,
 * NTP and OSPF keys, a trunk uplink and an SVI.
 */
export function defaultAosCxRunningConfig(input: DefaultConfigInput): string {
  const { hostname, username } = input;
  const site = input.index + 1;
  const octet = site % 250;
  const third = Math.floor(site / 250) % 250;
  return [
    `hostname ${hostname}`,
    `user ${username} group administrators password ciphertext ${fakeCiphertext(`${hostname}/${username}`)}`,
    `user backup group operators password ciphertext ${fakeCiphertext(`${hostname}/backup`)}`,
    'clock timezone utc',
    `ntp authentication-key 1 md5 ciphertext ${fakeCiphertext(`${hostname}/ntp`)}`,
    'ntp trusted-key 1',
    'ntp authentication',
    'ntp server 10.10.1.10 key 1',
    'ntp enable',
    '!',
    'ssh server vrf mgmt',
    `tacacs-server host 10.10.1.30 key ciphertext ${fakeCiphertext(`${hostname}/tacacs`)} vrf mgmt`,
    `radius-server host 10.10.1.40 key ciphertext ${fakeCiphertext(`${hostname}/radius`)} vrf mgmt`,
    'aaa group server tacacs TAC',
    '    server 10.10.1.30 vrf mgmt',
    'aaa group server radius ISE',
    '    server 10.10.1.40 vrf mgmt',
    'aaa authentication login default group TAC local',
    '!',
    'logging 10.10.1.20 vrf mgmt',
    'snmp-server vrf mgmt',
    `snmp-server system-location DC2 row ${Math.floor(site / 20) + 1} rack ${(site % 20) + 1}`,
    'snmp-server system-contact noc@example.net',
    `snmp-server community ${plant(`nr-ro-${site}`)}`,
    `snmp-server host 10.10.1.20 trap version v2c community ${plant(`nr-trap-${site}`)}`,
    `snmpv3 user nms auth sha auth-pass ciphertext ${fakeCiphertext(`${hostname}/snmp-auth`)} priv aes priv-pass ciphertext ${fakeCiphertext(`${hostname}/snmp-priv`)}`,
    '!',
    'vlan 1,10',
    'spanning-tree',
    'interface mgmt',
    '    no shutdown',
    `    ip static 10.250.${third}.${octet}/24`,
    `    default-gateway 10.250.${third}.254`,
    'interface 1/1/1',
    `    description uplink to core1 1/1/${(site % 48) + 1}`,
    '    no shutdown',
    '    no routing',
    '    vlan trunk native 1',
    '    vlan trunk allowed 10',
    'interface 1/1/2',
    '    no shutdown',
    '    no routing',
    '    vlan access 10',
    'interface vlan 10',
    `    ip address 10.40.${octet}.3/24`,
    '    ip ospf 1 area 0.0.0.0',
    '    ip ospf authentication message-digest',
    `    ip ospf message-digest-key 1 md5 ciphertext ${fakeCiphertext(`${hostname}/ospf`)}`,
    '!',
    'router ospf 1',
    `    router-id 10.255.${third}.${octet}`,
    '    area 0.0.0.0',
    '!',
    'ip prefix-list CUSTOMERS seq 10 permit 10.20.0.0/24',
    '!',
    'https-server vrf mgmt',
    '',
  ].join('\n');
}
