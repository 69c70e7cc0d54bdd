import { formatCtime } from '../../formats/clock.js';
import { encodeType7, fakeHex, fakeHexKey, fakePlainSecret, fakeSha256Crypt } from '../../formats/fake-secrets.js';
import { plant } from '../../formats/planted-secrets.js';
import { driftRunningConfig } from '../../simulation/config-drift.js';
import type { DefaultConfigInput, RunningConfigDialect, RunningConfigState } from '../../simulation/platform-profile.js';
import type { NxosIdentity } from './identity.js';

export const nxosRunningConfig: RunningConfigDialect = {
  printedOnly: [/^!Command: /, /^!Running configuration last done at: /, /^!Time: /],
  // `switchname` on Nexus 5000/7000 and MDS.
  hostnameLine: /^(?:hostname|switchname) (\S+)$/m,
  drift: (body, driftNumber) =>
    driftRunningConfig(body, driftNumber, {
      interfaceIndent: '  ',
      listEntry: (n) => `ip prefix-list CUSTOMERS seq ${5 * (n + 2)} permit 10.20.${n % 250}.0/24`,
      listAnchor: /^ip prefix-list CUSTOMERS /,
      newList: (entry) => ['', entry],
    }),
};

/** `show running-config` on NX-OS: a blank line, the command, two stamps (both change on their own), the body. */
export function printNxosRunningConfig(state: RunningConfigState): string {
  return [
    '',
    '!Command: show running-config',
    `!Running configuration last done at: ${formatCtime(state.lastChangedAt)}`,
    `!Time: ${formatCtime(state.now)}`,
    '',
    state.body.replace(/\n*$/, '\n\n\n'),
  ].join('\n');
}

/** A plausible Nexus 9000 leaf: VDC limits, features, AAA, SNMPv3, OSPF underlay, a vPC-less access side. */
export function defaultNxosRunningConfig(input: DefaultConfigInput, id: NxosIdentity): string {
  const { hostname, username } = input;
  const site = input.index + 1;
  const octet = site % 250;
  const third = Math.floor(site / 250) % 250;
  const authKey = fakeHexKey(`${hostname}/snmp-auth`, 16);
  const privKey = fakeHexKey(`${hostname}/snmp-priv`, 16);
  const type7 = (what: string, offset: number): string => encodeType7(`${what}-${site}`, site + offset);
  // NX-OS type 3 keys: hex, without the `0x` of the SNMP keys.
  const type3 = (what: string): string => plant(fakeHex(`${hostname}/${what}`, 8).toLowerCase());
  return [
    `version ${id.version} Bios:version ${id.biosVersion}`,
    `hostname ${hostname}`,
    `vdc ${hostname} id 1`,
    '  limit-resource vlan minimum 16 maximum 4094',
    '  limit-resource vrf minimum 2 maximum 4096',
    '  limit-resource port-channel minimum 0 maximum 511',
    '  limit-resource u4route-mem minimum 248 maximum 248',
    '  limit-resource u6route-mem minimum 96 maximum 96',
    '  limit-resource m4route-mem minimum 58 maximum 58',
    '  limit-resource m6route-mem minimum 8 maximum 8',
    '',
    'feature tacacs+',
    'feature ospf',
    'feature bgp',
    'feature interface-vlan',
    'feature hsrp',
    'feature lacp',
    'feature lldp',
    '',
    'no password strength-check',
    `username ${username} password 5 ${fakeSha256Crypt(`${hostname}/${username}`)}  role network-admin`,
    `username backup password 5 ${fakeSha256Crypt(`${hostname}/backup`)}  role network-operator`,
    'ip domain-lookup',
    'ip domain-name lab.netraven.test',
    `tacacs-server key 7 "${type7('tac-global', 6)}"`,
    `tacacs-server host 10.10.1.30 key 7 "${encodeType7(`tac-${site}`, site + 5)}"`,
    `radius-server key 7 "${type7('rad-global', 7)}"`,
    `radius-server host 10.10.1.40 key 7 "${type7('rad', 8)}" authentication accounting`,
    'aaa group server radius ISE',
    '    server 10.10.1.40',
    '    use-vrf management',
    'aaa group server tacacs+ TACACS',
    '    server 10.10.1.30',
    '    use-vrf management',
    'copp profile strict',
    `snmp-server user ${username} network-admin auth md5 ${authKey} priv ${privKey} localizedkey`,
    `snmp-server user nms network-operator auth sha ${fakeHexKey(`${hostname}/snmp-sha`, 20)} priv aes-128 ${fakeHexKey(`${hostname}/snmp-aes`, 16)} localizedkey`,
    `snmp-server host 10.10.1.20 traps version 2c ${plant(`nr-trap-${site}`)}`,
    'rmon event 1 description FATAL(1) owner PMON@FATAL',
    'rmon event 2 description CRITICAL(2) owner PMON@CRITICAL',
    `snmp-server community ${plant(`nr-ro-${site}`)} group network-operator`,
    `ntp authentication-key 1 md5 ${fakePlainSecret(`${hostname}/ntp`)} 7`,
    'ntp server 10.10.1.10 use-vrf management key 1',
    'ntp trusted-key 1',
    'ntp authenticate',
    '',
    'ip prefix-list CUSTOMERS seq 5 permit 10.20.0.0/24',
    'vlan 1,10,20',
    'vlan 10',
    '  name SERVERS',
    'vlan 20',
    '  name STORAGE',
    '',
    'vrf context management',
    `  ip route 0.0.0.0/0 10.250.${third}.254`,
    '',
    'interface Vlan1',
    '',
    'interface Vlan10',
    '  no shutdown',
    `  ip address 10.40.${octet}.2/24`,
    '  ip ospf authentication',
    `  ip ospf authentication-key 3 ${type3('ospf-vlan10')}`,
    '  ip router ospf UNDERLAY area 0.0.0.0',
    '  hsrp version 2',
    '  hsrp 10',
    `    authentication md5 key-string ${fakePlainSecret(`${hostname}/hsrp`)}`,
    `    ip 10.40.${octet}.1`,
    '',
    'interface Ethernet1/1',
    `  description uplink to spine1 Ethernet1/${(site % 48) + 1}`,
    '  no switchport',
    '  mtu 9216',
    `  ip address 10.${third}.${octet}.1/31`,
    '  ip ospf authentication message-digest',
    `  ip ospf message-digest-key 1 md5 3 ${type3('ospf')}`,
    '  ip router ospf UNDERLAY area 0.0.0.0',
    '  no shutdown',
    '',
    'interface Ethernet1/2',
    '  switchport mode trunk',
    '  switchport trunk allowed vlan 10,20',
    '  no shutdown',
    '',
    'interface Ethernet1/3',
    '  shutdown',
    '',
    'interface mgmt0',
    '  vrf member management',
    `  ip address 10.250.${third}.${octet}/24`,
    '',
    'interface loopback0',
    `  ip address 10.255.${third}.${octet}/32`,
    '  ip router ospf UNDERLAY area 0.0.0.0',
    'icam monitor scale',
    '',
    'line console',
    '  exec-timeout 15',
    'line vty',
    '  exec-timeout 15',
    `boot nxos ${id.imageFile.replace('bootflash:///', 'bootflash:/')}`,
    'router ospf UNDERLAY',
    `  router-id 10.255.${third}.${octet}`,
    `router bgp ${65000 + site}`,
    `  router-id 10.255.${third}.${octet}`,
    `  neighbor 10.${third}.${octet}.0`,
    '    remote-as 65000',
    `    password 3 ${type3('bgp')}`,
    '    address-family ipv4 unicast',
    '',
  ].join('\n');
}
