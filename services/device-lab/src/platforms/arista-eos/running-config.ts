import { encodeType7, fakeHex, fakeSha512Crypt } from '../../formats/fake-secrets.js';
import { plant } from '../../formats/planted-secrets.js';
import { driftRunningConfig } from '../../simulation/config-drift.js';
import type { DefaultConfigInput, RunningConfigDialect, RunningConfigState } from '../../simulation/platform-profile.js';
import type { EosIdentity } from './identity.js';

export const eosRunningConfig: RunningConfigDialect = {
  printedOnly: [/^! Command: /, /^! device: /, /^! boot system /],
  hostnameLine: /^hostname (\S+)$/m,
  drift: (body, driftNumber) =>
    driftRunningConfig(body, driftNumber, {
      interfaceIndent: '   ',
      listEntry: (n) => `ip prefix-list CUSTOMERS seq ${10 * (n + 2)} permit 10.20.${n % 250}.0/24`,
      listAnchor: /^ip prefix-list CUSTOMERS /,
      newList: (entry) => [entry, '!'],
      endMarker: 'end',
    }),
};

/** `show running-config` on EOS: the command, the device and its image as comments, then the body. */
export function printEosRunningConfig(state: RunningConfigState, id: EosIdentity): string {
  return [
    '! Command: show running-config',
    `! device: ${state.hostname} (${id.model}, EOS-${id.version})`,
    '!',
    `! boot system flash:/EOS-${id.version}.swi`,
    '!',
    state.body.replace(/\n*$/, '\n'),
  ].join('\n');
}

/** A plausible EOS leaf: root and users with sha512 secrets, SNMPv3, TACACS+ and RADIUS keys, NTP, OSPF and BGP keys. */
export function defaultEosRunningConfig(input: DefaultConfigInput): string {
  const { hostname, username } = input;
  const site = input.index + 1;
  const octet = site % 250;
  const third = Math.floor(site / 250) % 250;
  const type7 = (what: string, offset: number): string => encodeType7(`${what}-${site}`, site + offset);
  // SNMPv3 localized keys: hex, as `show running-config` prints them.
  const localized = (what: string, bytes: number): string => plant(fakeHex(`${hostname}/${what}`, bytes).toLowerCase());
  const enableLine = input.enablePassword === undefined ? [] : [`enable password sha512 ${fakeSha512Crypt(`${hostname}/enable`)}`, '!'];
  return [
    `aaa root secret sha512 ${fakeSha512Crypt(`${hostname}/root`)}`,
    '!',
    ...enableLine,
    `username ${username} privilege 15 role network-admin secret sha512 ${fakeSha512Crypt(`${hostname}/${username}`)}`,
    `username backup privilege 15 role network-operator secret sha512 ${fakeSha512Crypt(`${hostname}/backup`)}`,
    '!',
    'transceiver qsfp default-mode 4x10G',
    '!',
    'service routing protocols model multi-agent',
    '!',
    `hostname ${hostname}`,
    'ip domain-name lab.netraven.test',
    '!',
    `snmp-server location DC5 row ${Math.floor(site / 20) + 1} rack ${(site % 20) + 1}`,
    'snmp-server engineID local f5717f444ca8e2a7f700',
    `snmp-server community ${plant(`nr-ro-${site}`)} ro`,
    'snmp-server group NMS v3 priv',
    `snmp-server user nms NMS v3 localized f5717f444ca8e2a7f700 auth sha ${localized('snmp-auth', 20)} priv aes ${localized('snmp-priv', 16)}`,
    `snmp-server host 10.10.1.20 version 2c ${plant(`nr-trap-${site}`)}`,
    '!',
    `tacacs-server key 7 ${type7('tac-global', 6)}`,
    `tacacs-server host 10.10.1.30 key 7 ${encodeType7(`tac-${site}`, site + 5)}`,
    '!',
    `radius-server host 10.10.1.40 vrf MGMT key 7 ${type7('radius', 7)}`,
    '!',
    'spanning-tree mode mstp',
    '!',
    'vlan 10',
    '   name SERVERS',
    '!',
    'vrf instance MGMT',
    '!',
    'interface Ethernet1',
    `   description uplink to spine1 Ethernet${(site % 48) + 1}`,
    '   no switchport',
    `   ip address 10.${third}.${octet}.1/31`,
    '   ip ospf authentication message-digest',
    `   ip ospf message-digest-key 1 md5 7 ${type7('ospf', 8)}`,
    '!',
    'interface Ethernet2',
    '   switchport mode trunk',
    '   switchport trunk allowed vlan 10',
    '!',
    'interface Ethernet3',
    '   shutdown',
    '!',
    'interface Loopback0',
    `   ip address 10.255.${third}.${octet}/32`,
    '!',
    'interface Management1',
    '   vrf MGMT',
    `   ip address 10.250.${third}.${octet}/24`,
    '!',
    'interface Vlan10',
    `   ip address 10.40.${octet}.1/24`,
    '!',
    'ip prefix-list CUSTOMERS seq 10 permit 10.20.0.0/24',
    '!',
    'ip routing',
    'no ip routing vrf MGMT',
    '!',
    `ip route vrf MGMT 0.0.0.0/0 10.250.${third}.254`,
    '!',
    `ntp authentication-key 1 md5 7 ${type7('ntp', 9)}`,
    'ntp trusted-key 1',
    'ntp authenticate',
    'ntp server vrf MGMT 10.10.1.10 key 1',
    '!',
    `router bgp ${65000 + site}`,
    `   router-id 10.255.${third}.${octet}`,
    `   neighbor 10.${third}.${octet}.0 remote-as 65000`,
    `   neighbor 10.${third}.${octet}.0 password 7 ${encodeType7(`bgp-${site}`, site + 2)}`,
    '   neighbor SPINES peer group',
    '   neighbor SPINES remote-as 65000',
    `   neighbor SPINES password 7 ${type7('bgp-spines', 10)}`,
    `   network 10.255.${third}.${octet}/32`,
    '!',
    'router ospf 1',
    `   router-id 10.255.${third}.${octet}`,
    `   network 10.${third}.${octet}.0/31 area 0.0.0.0`,
    '!',
    'management api http-commands',
    '   no shutdown',
    '   !',
    '   vrf MGMT',
    '      no shutdown',
    '!',
    'end',
    '',
  ].join('\n');
}
