import { plant } from '../../formats/planted-secrets.js';
import { driftRunningConfig } from '../../simulation/config-drift.js';
import type { DefaultConfigInput, RunningConfigDialect, RunningConfigState } from '../../simulation/platform-profile.js';
import { seededChars } from '../seeded-strings.js';
import type { VrpIdentity } from './identity.js';

// Real cipher text uses nearly all printable characters; the lab keeps to ones that never end a word.
const CIPHER_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789!#$&'()*+,-./:<=>?@[]^_`{|}~";
/** Shaped like VRP reversible `cipher` text: `%^%#...%^%#`. */
const fakeCipher = (seed: string): string => plant(`%^%#${seededChars(CIPHER_ALPHABET, seed, 40)}%^%#`);
/** Shaped like a VRP `irreversible-cipher` hash: `$1c$...$`. */
const fakeIrreversible = (seed: string): string => plant(`$1c$${seededChars(CIPHER_ALPHABET.replace('$', ''), seed, 46)}$`);

export const vrpRunningConfig: RunningConfigDialect = {
  printedOnly: [/^!Software Version /, /^!Last configuration was (?:updated|saved) at /],
  hostnameLine: /^sysname (\S+)$/m,
  drift: (body, driftNumber) =>
    driftRunningConfig(body, driftNumber, {
      interfaceIndent: ' ',
      listEntry: (n) => `ip ip-prefix CUSTOMERS index ${10 * (n + 2)} permit 10.20.${n % 250}.0 24`,
      listAnchor: /^ip ip-prefix CUSTOMERS /,
      newList: (entry) => [entry, '#'],
      endMarker: 'return',
    }),
};

/** `2026-11-22 10:00:00+00:00` */
const vrpTime = (at: Date): string => `${at.toISOString().slice(0, 19).replace('T', ' ')}+00:00`;

/** `display current-configuration`: the release and the last change as `!` comments, `#` between sections, `return`. */
export function printVrpRunningConfig(state: RunningConfigState, id: VrpIdentity): string {
  return [
    `!Software Version ${id.version}`,
    `!Last configuration was updated at ${vrpTime(state.lastChangedAt)} by admin`,
    state.body.replace(/\n*$/, '\n'),
  ].join('\n');
}

/**
 * A plausible CloudEngine leaf: AAA users, HWTACACS and RADIUS keys, NTP, OSPF, BGP and VRRP keys, SNMPv2c and
 * v3, an IKE peer, a console password, a prefix list.
 */
export function defaultVrpRunningConfig(input: DefaultConfigInput, id: VrpIdentity): string {
  const { hostname, username } = input;
  const site = input.index + 1;
  const octet = site % 250;
  const third = Math.floor(site / 250) % 250;
  return [
    '#',
    `sysname ${hostname}`,
    '#',
    `device board 1 board-type ${id.model}`,
    '#',
    'info-center loghost 10.10.1.20',
    '#',
    'clock timezone UTC add 00:00:00',
    '#',
    'aaa',
    ` local-user ${username} password irreversible-cipher ${fakeIrreversible(`${hostname}/${username}`)}`,
    ` local-user ${username} service-type ssh`,
    ` local-user ${username} level 3`,
    ` local-user backup password irreversible-cipher ${fakeIrreversible(`${hostname}/backup`)}`,
    ' local-user backup service-type ssh',
    ' local-user backup level 1',
    ' #',
    ' authentication-scheme default',
    ' #',
    ' authorization-scheme default',
    ' #',
    ' domain default',
    '#',
    'hwtacacs-server template TAC',
    ' hwtacacs-server authentication 10.10.1.30',
    ` hwtacacs-server shared-key cipher ${fakeCipher(`${hostname}/tacacs`)}`,
    '#',
    'radius-server template ISE',
    ` radius-server shared-key cipher ${fakeCipher(`${hostname}/radius`)}`,
    ' radius-server authentication 10.10.1.40 1812 weight 80',
    '#',
    'ntp-service authentication enable',
    `ntp-service authentication-keyid 1 authentication-mode md5 cipher ${fakeCipher(`${hostname}/ntp`)}`,
    'ntp-service reliable authentication-keyid 1',
    'ntp-service unicast-server 10.10.1.10 authentication-keyid 1',
    '#',
    'ike peer DC',
    ` pre-shared-key cipher ${fakeCipher(`${hostname}/ike`)}`,
    ` remote-address 198.51.100.${(site % 200) + 10}`,
    '#',
    'interface MEth0/0/0',
    ` ip address 10.250.${third}.${octet} 255.255.255.0`,
    '#',
    'interface 10GE1/0/1',
    ` description uplink to core1 100GE1/0/${(site % 32) + 1}`,
    ' undo portswitch',
    ` ip address 10.${third}.${octet}.1 255.255.255.254`,
    ` ospf authentication-mode md5 1 cipher ${fakeCipher(`${hostname}/ospf`)}`,
    '#',
    'interface 10GE1/0/2',
    ' port link-type trunk',
    ' port trunk allow-pass vlan 10',
    '#',
    'interface Vlanif10',
    ` ip address 10.40.${octet}.2 255.255.255.0`,
    ` vrrp vrid 1 virtual-ip 10.40.${octet}.1`,
    ` vrrp vrid 1 authentication-mode md5 ${fakeCipher(`${hostname}/vrrp`)}`,
    '#',
    'interface LoopBack0',
    ` ip address 10.255.${third}.${octet} 255.255.255.255`,
    '#',
    `ospf 1 router-id 10.255.${third}.${octet}`,
    ' area 0.0.0.0',
    `  network 10.${third}.${octet}.0 0.0.0.1`,
    `  network 10.255.${third}.${octet} 0.0.0.0`,
    '#',
    `bgp ${65000 + site}`,
    ` router-id 10.255.${third}.${octet}`,
    ' peer 10.255.0.1 as-number 65000',
    ` peer 10.255.0.1 password cipher ${fakeCipher(`${hostname}/bgp`)}`,
    '#',
    'ip ip-prefix CUSTOMERS index 10 permit 10.20.0.0 24',
    '#',
    'snmp-agent',
    `snmp-agent community read cipher ${fakeCipher(`${hostname}/snmp`)}`,
    'snmp-agent sys-info contact noc@example.net',
    `snmp-agent sys-info location DC5 row ${Math.floor(site / 20) + 1} rack ${(site % 20) + 1}`,
    'snmp-agent sys-info version v2c v3',
    'snmp-agent group v3 NMS privacy',
    `snmp-agent usm-user v3 nms group NMS authentication-mode sha cipher ${fakeCipher(`${hostname}/snmp-auth`)} privacy-mode aes128 cipher ${fakeCipher(`${hostname}/snmp-priv`)}`,
    '#',
    'stelnet server enable',
    `ssh user ${username}`,
    `ssh user ${username} authentication-type password`,
    `ssh user ${username} service-type stelnet`,
    'ssh authorization-type default aaa',
    '#',
    'user-interface con 0',
    ' authentication-mode password',
    ` set authentication password cipher ${fakeCipher(`${hostname}/console`)}`,
    '#',
    'user-interface vty 0 4',
    ' authentication-mode aaa',
    ' protocol inbound ssh',
    '#',
    'return',
    '',
  ].join('\n');
}
