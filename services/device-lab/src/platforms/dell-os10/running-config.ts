import { MONTHS, timeOfDay } from '../../formats/clock.js';
import { fakeHex, fakePlainSecret, fakeSha512Crypt } from '../../formats/fake-secrets.js';
import { plant } from '../../formats/planted-secrets.js';
import { driftRunningConfig } from '../../simulation/config-drift.js';
import type { DefaultConfigInput, RunningConfigDialect, RunningConfigState } from '../../simulation/platform-profile.js';
import type { Os10Identity } from './identity.js';

export const os10RunningConfig: RunningConfigDialect = {
  printedOnly: [/^! Version /, /^! Last configuration change at /],
  hostnameLine: /^hostname (\S+)$/m,
  drift: (body, driftNumber) =>
    driftRunningConfig(body, driftNumber, {
      interfaceIndent: ' ',
      listEntry: (n) => `ip prefix-list CUSTOMERS seq ${10 * (n + 2)} permit 10.20.${n % 250}.0/24`,
      listAnchor: /^ip prefix-list CUSTOMERS /,
      newList: (entry) => ['!', entry],
    }),
};

/** `Oct  29 14:53:37 2019`, as OS10 stamps the last change. */
function formatOs10Change(at: Date): string {
  return `${MONTHS[at.getUTCMonth()] ?? 'Jan'}  ${at.getUTCDate()} ${timeOfDay(at)} ${at.getUTCFullYear()}`;
}

/** `show running-configuration` on OS10: the version and the last change as comments, then the body. */
export function printOs10RunningConfig(state: RunningConfigState, id: Os10Identity): string {
  return [`! Version ${id.version}`, `! Last configuration change at ${formatOs10Change(state.lastChangedAt)}`, state.body.replace(/\n*$/, '\n')].join('\n');
}

/** A plausible OS10 leaf: users and the enable password as SHA-512 hashes, TACACS+ and RADIUS keys, SNMPv3, BGP with a password. */
export function defaultOs10RunningConfig(input: DefaultConfigInput): string {
  const { hostname, username } = input;
  const site = input.index + 1;
  const octet = site % 250;
  const third = Math.floor(site / 250) % 250;
  // OS10 type 9 keys: 64 hex digits.
  const type9 = (what: string): string => plant(fakeHex(`${hostname}/${what}`, 32).toLowerCase());
  return [
    '!',
    'ip vrf default',
    '!',
    `hostname ${hostname}`,
    `system-user linuxadmin password ${fakeSha512Crypt(`${hostname}/linuxadmin`)}`,
    'ip domain-name lab.netraven.test',
    `username ${username} password ${fakeSha512Crypt(`${hostname}/${username}`)} role sysadmin priv-lvl 15`,
    `username backup password ${fakeSha512Crypt(`${hostname}/backup`)} role netoperator priv-lvl 1`,
    `enable password sha-512 ${fakeSha512Crypt(`${hostname}/enable`)} priv-lvl 15`,
    'aaa authentication login default local',
    'aaa authentication login console local',
    'iscsi enable',
    'iscsi target port 860',
    'iscsi target port 3260',
    `snmp-server community ${plant(`nr-ro-${site}`)} ro`,
    'snmp-server contact noc@example.net',
    `snmp-server location "DC6 row ${Math.floor(site / 20) + 1} rack ${(site % 20) + 1}"`,
    `snmp-server host 10.10.1.20 traps version 2c ${plant(`nr-trap-${site}`)} udp-port 162`,
    `snmp-server user nms NMS 3 auth sha ${fakePlainSecret(`${hostname}/snmp-auth`)} priv aes ${fakePlainSecret(`${hostname}/snmp-priv`)}`,
    `tacacs-server host 10.10.1.30 key 9 ${type9('tacacs')}`,
    `radius-server host 10.10.1.40 key 9 ${type9('radius')}`,
    '!',
    'interface vlan1',
    ' no shutdown',
    '!',
    'interface vlan10',
    ' no shutdown',
    ` ip address 10.40.${octet}.1/24`,
    '!',
    'interface ethernet1/1/1',
    ` description uplink to spine1 ethernet1/1/${(site % 48) + 1}`,
    ' no shutdown',
    ' no switchport',
    ' mtu 9216',
    ` ip address 10.${third}.${octet}.1/31`,
    ' flowcontrol receive on',
    '!',
    'interface ethernet1/1/2',
    ' no shutdown',
    ' switchport mode trunk',
    ' switchport access vlan 1',
    ' switchport trunk allowed vlan 10',
    ' flowcontrol receive on',
    '!',
    'interface ethernet1/1/3',
    ' shutdown',
    ' switchport access vlan 1',
    ' flowcontrol receive on',
    '!',
    'interface loopback0',
    ' no shutdown',
    ` ip address 10.255.${third}.${octet}/32`,
    '!',
    'interface mgmt1/1/1',
    ' no shutdown',
    ' no ip address dhcp',
    ` ip address 10.250.${third}.${octet}/24`,
    ' ipv6 address autoconfig',
    '!',
    'ip access-list MGMT-ACCESS',
    ' seq 10 permit ip 10.10.0.0/16 any',
    ' seq 20 deny ip any any',
    '!',
    'ip prefix-list CUSTOMERS seq 10 permit 10.20.0.0/24',
    '!',
    `management route 0.0.0.0/0 10.250.${third}.254`,
    '!',
    `router bgp ${65100 + site}`,
    ` router-id 10.255.${third}.${octet}`,
    ' !',
    ` neighbor 10.${third}.${octet}.0`,
    `  password 9 ${type9('bgp')}`,
    '  remote-as 65000',
    '  no shutdown',
    '!',
    'ntp server 10.10.1.10',
    '!',
    'logging server 10.10.1.20',
    '!',
    'line vty',
    ' ip access-class MGMT-ACCESS',
    '',
  ].join('\n');
}
