import type { CiscoIdentity } from './identity.js';
import { encodeType7, fakeType9 } from './ios-secrets.js';

export interface DefaultConfigInput {
  hostname: string;
  index: number;
  identity: CiscoIdentity;
  username: string;
  enablePassword?: string;
}

function majorMinor(version: string): string {
  const match = /^(\d+\.\d+)/.exec(version);
  return match?.[1] ?? version;
}

/** A plausible branch-router running config body, from `version` to `end`, unique per device. */
export function defaultRunningConfig(input: DefaultConfigInput): string {
  const { hostname, index, identity } = input;
  const site = index + 1;
  const octet = site % 250;
  const third = Math.floor(site / 250) % 250;
  const enableLine = input.enablePassword === undefined ? [] : [`enable secret 9 ${fakeType9(`${hostname}/enable`)}`];
  return [
    `version ${majorMinor(identity.version)}`,
    'service timestamps debug datetime msec',
    'service timestamps log datetime msec',
    'service password-encryption',
    '!',
    `hostname ${hostname}`,
    '!',
    'boot-start-marker',
    `boot system ${identity.imageFile}`,
    'boot-end-marker',
    '!',
    '!',
    'logging buffered 51200 warnings',
    ...enableLine,
    '!',
    'no aaa new-model',
    'clock timezone UTC 0 0',
    '!',
    'no ip domain lookup',
    'ip domain name lab.netraven.test',
    'ip cef',
    'no ipv6 cef',
    '!',
    'multilink bundle-name authenticated',
    '!',
    `license udi pid ${identity.model} sn ${identity.serial}`,
    '!',
    `username ${input.username} privilege 15 secret 9 ${fakeType9(`${hostname}/${input.username}`)}`,
    `username backup privilege 15 password 7 ${encodeType7(`bk-${hostname}`, site)}`,
    '!',
    'redundancy',
    '!',
    '!',
    'interface Loopback0',
    ` ip address 10.255.${third}.${octet} 255.255.255.255`,
    '!',
    'interface GigabitEthernet0/0',
    ` description uplink to core-sw1 Gi1/0/${(site % 48) + 1}`,
    ` ip address 10.${third}.${octet}.1 255.255.255.252`,
    ' ip ospf authentication message-digest',
    ` ip ospf message-digest-key 1 md5 7 ${encodeType7(`ospf-${site}`, site + 3)}`,
    ' duplex auto',
    ' speed auto',
    '!',
    'interface GigabitEthernet0/1',
    ' description branch LAN',
    ` ip address 192.168.${octet}.1 255.255.255.0`,
    ' duplex auto',
    ' speed auto',
    '!',
    'interface GigabitEthernet0/2',
    ' no ip address',
    ' shutdown',
    ' duplex auto',
    ' speed auto',
    '!',
    'router ospf 1',
    ` router-id 10.255.${third}.${octet}`,
    ' passive-interface GigabitEthernet0/1',
    ` network 10.${third}.${octet}.0 0.0.0.3 area 0`,
    ` network 10.255.${third}.${octet} 0.0.0.0 area 0`,
    ` network 192.168.${octet}.0 0.0.0.255 area 0`,
    '!',
    'ip forward-protocol nd',
    '!',
    'no ip http server',
    'no ip http secure-server',
    'ip ssh version 2',
    '!',
    'ip access-list standard MGMT-ACCESS',
    ' permit 10.10.0.0 0.0.255.255',
    ' deny   any log',
    '!',
    'logging host 10.10.1.20',
    'access-list 10 permit 10.10.1.0 0.0.0.255',
    '!',
    `snmp-server community nr-ro-${site} RO 10`,
    `snmp-server community nr-rw-${site} RW 10`,
    `snmp-server location DC1 row ${Math.floor(site / 20) + 1} rack ${(site % 20) + 1}`,
    'snmp-server contact noc@example.net',
    'tacacs-server host 10.10.1.30',
    `tacacs-server key 7 ${encodeType7(`tac-${site}`, site + 5)}`,
    '!',
    'control-plane',
    '!',
    'banner motd ^C',
    'Authorized access only. Disconnect now if you are not an authorized user.',
    '^C',
    '!',
    'line con 0',
    ' exec-timeout 15 0',
    ' logging synchronous',
    'line aux 0',
    'line vty 0 4',
    ' access-class MGMT-ACCESS in',
    ' exec-timeout 15 0',
    ` password 7 ${encodeType7(`vty-${site}`, site + 7)}`,
    ' login local',
    ' transport input ssh',
    '!',
    'scheduler allocate 20000 1000',
    'ntp clock-period 17208629',
    'ntp server 10.10.1.10',
    '!',
    'end',
    '',
  ].join('\n');
}
