import { createHash } from 'node:crypto';
import { fakeAsaMd5, fakeAsaPbkdf2, fakeHex, fakePlainSecret } from '../../formats/fake-secrets.js';
import { plant } from '../../formats/planted-secrets.js';
import { driftRunningConfig } from '../../simulation/config-drift.js';
import type { DefaultConfigInput, RunningConfigDialect, RunningConfigState } from '../../simulation/platform-profile.js';
import { formatAsaTime, type AsaIdentity } from './identity.js';

export const asaRunningConfig: RunningConfigDialect = {
  printedOnly: [/^:/, /^Cryptochecksum:/],
  hostnameLine: /^hostname (\S+)$/m,
  motd: (body) => {
    const lines = [...body.matchAll(/^banner motd (.*)$/gm)].map((match) => match[1] ?? '');
    return lines.length > 0 ? lines.join('\n') : undefined;
  },
  drift: (body, driftNumber) =>
    driftRunningConfig(body, driftNumber, {
      interfaceIndent: ' ',
      listEntry: (n) => `access-list CUSTOMERS extended permit ip 10.20.${n % 250}.0 255.255.255.0 any `,
      listAnchor: /^access-list CUSTOMERS /,
      newList: (entry) => [entry],
    }),
};

/**
 * `show running-config` on the ASA: `:` comment lines naming the unit and the last save, the body,
 * then the MD5 of the config and `: end`.
 */
export function printAsaRunningConfig(state: RunningConfigState, id: AsaIdentity): string {
  const body = state.body.replace(/\n*$/, '\n');
  const checksum = createHash('md5').update(body).digest('hex');
  return [
    ': Saved',
    '',
    ': ',
    `: Serial Number: ${id.serial}`,
    `: Hardware:   ${id.hardware}`,
    `: Written by enable_15 at ${formatAsaTime(state.lastChangedAt)}`,
    `${body}Cryptochecksum:${checksum}`,
    ': end',
    '',
  ].join('\n');
}

/** SNMPv3 keys as the ASA prints them: colon-separated hex bytes. */
const colonHex = (seed: string, bytes: number): string => plant(fakeHex(seed, bytes).toLowerCase().match(/../g)?.join(':') ?? '');

/**
 * A plausible edge firewall on ASA 9.x: PBKDF2 passwords, TACACS+, RADIUS and LDAP servers, SNMPv3, OSPF, NTP
 * keys, site-to-site IKEv1 and IKEv2 tunnels. Keys print in clear, as `more system:running-config` shows them
 * (`show running-config` on a real ASA prints `*****`), so that every kind of ASA secret is there to mask.
 */
export function defaultAsaRunningConfig(input: DefaultConfigInput, id: AsaIdentity): string {
  const { hostname, username } = input;
  const site = input.index + 1;
  const octet = site % 250;
  const third = Math.floor(site / 250) % 250;
  const peer = `198.51.100.${(site % 200) + 10}`;
  const plain = (what: string): string => fakePlainSecret(`${hostname}/${what}`);
  const peer2 = `198.51.100.${(site % 200) + 30}`;
  const enableLine = input.enablePassword === undefined ? [] : [`enable password ${fakeAsaPbkdf2(`${hostname}/enable`)} pbkdf2`];
  return [
    '!',
    `ASA Version ${id.version} `,
    '!',
    `hostname ${hostname}`,
    'domain-name lab.netraven.test',
    ...enableLine,
    'service-module 0 keepalive-timeout 4',
    'service-module 0 keepalive-counter 6',
    `passwd ${fakeAsaMd5(`${hostname}/passwd`)} encrypted`,
    'names',
    'no mac-address auto',
    '',
    '!',
    'interface GigabitEthernet1/1',
    ` description ISP uplink circuit ISP-${2000 + site}`,
    ' nameif outside',
    ' security-level 0',
    ` ip address 203.0.113.${(site % 200) + 2} 255.255.255.0 `,
    '!',
    'interface GigabitEthernet1/2',
    ' nameif inside',
    ' security-level 100',
    ` ip address 10.30.${octet}.1 255.255.255.0 `,
    ' ospf authentication message-digest',
    ` ospf message-digest-key 1 md5 ${plain('ospf')}`,
    '!',
    'interface GigabitEthernet1/3',
    ' shutdown',
    ' no nameif',
    ' no security-level',
    ' no ip address',
    '!',
    'interface Management1/1',
    ' management-only',
    ' nameif management',
    ' security-level 100',
    ` ip address 10.250.${third}.${octet} 255.255.255.0 `,
    '!',
    'banner motd Authorized access only.',
    'banner motd Disconnect now if you are not an authorized user.',
    `boot system ${id.imageFile}`,
    'ftp mode passive',
    'clock timezone UTC 0',
    'dns server-group DefaultDNS',
    ' domain-name lab.netraven.test',
    'object network INSIDE-NET',
    ` subnet 10.30.${octet}.0 255.255.255.0`,
    'access-list CUSTOMERS extended permit ip 10.20.0.0 255.255.255.0 any ',
    'access-list OUTSIDE-IN extended permit icmp any any echo-reply ',
    'pager lines 24',
    'logging enable',
    'logging timestamp',
    'logging buffered informational',
    'logging host management 10.10.1.20',
    'mtu outside 1500',
    'mtu inside 1500',
    'mtu management 1500',
    'no failover',
    'icmp unreachable rate-limit 1 burst-size 1',
    'no asdm history enable',
    'arp timeout 14400',
    'no arp permit-nonconnected',
    'arp rate-limit 16384',
    '!',
    'object network INSIDE-NET',
    ' nat (inside,outside) dynamic interface',
    'access-group OUTSIDE-IN in interface outside',
    'route outside 0.0.0.0 0.0.0.0 203.0.113.254 1',
    'timeout xlate 3:00:00',
    'aaa-server TACACS protocol tacacs+',
    'aaa-server TACACS (management) host 10.10.1.30',
    ` key ${plain('tacacs')}`,
    'aaa-server ISE protocol radius',
    'aaa-server ISE (management) host 10.10.1.40',
    ` key ${plain('radius')}`,
    ' authentication-port 1812',
    ' accounting-port 1813',
    'aaa-server AD protocol ldap',
    'aaa-server AD (management) host 10.10.1.50',
    ' ldap-base-dn dc=lab,dc=netraven,dc=test',
    ' ldap-scope subtree',
    ` ldap-login-password ${plain('ldap')}`,
    ' ldap-login-dn cn=asa-bind,ou=svc,dc=lab,dc=netraven,dc=test',
    ' server-type microsoft',
    'user-identity default-domain LOCAL',
    'aaa authentication ssh console TACACS LOCAL',
    'aaa authentication enable console TACACS LOCAL',
    'http server enable',
    'http 10.10.0.0 255.255.0.0 management',
    `snmp-server group NMS v3 priv`,
    `snmp-server user nms NMS v3 engineID 80000009fe${fakeHex(`${hostname}/engine`, 10).toLowerCase()} encrypted auth sha ${colonHex(`${hostname}/snmp-auth`, 20)} priv aes 128 ${colonHex(`${hostname}/snmp-priv`, 16)}`,
    `snmp-server host management 10.10.1.20 community ${plain('snmp-trap')} version 2c`,
    `snmp-server location DC1 row ${Math.floor(site / 20) + 1} rack ${(site % 20) + 1}`,
    'snmp-server contact noc@example.net',
    `snmp-server community ${plain('snmp-ro')}`,
    'crypto ipsec ikev1 transform-set ESP-AES-SHA esp-aes-256 esp-sha-hmac ',
    'crypto ipsec security-association pmtu-aging infinite',
    'crypto map OUTSIDE-MAP 10 match address CUSTOMERS',
    `crypto map OUTSIDE-MAP 10 set peer ${peer} `,
    'crypto map OUTSIDE-MAP 10 set ikev1 transform-set ESP-AES-SHA',
    'crypto map OUTSIDE-MAP interface outside',
    'crypto ikev1 enable outside',
    'crypto ikev1 policy 10',
    ' authentication pre-share',
    ' encryption aes-256',
    ' hash sha',
    ' group 14',
    ' lifetime 86400',
    'ssh stricthostkeycheck',
    'ssh 10.10.0.0 255.255.0.0 management',
    'ssh timeout 30',
    'ssh version 2',
    'console timeout 0',
    'threat-detection basic-threat',
    'threat-detection statistics access-list',
    'ntp authenticate',
    `ntp authentication-key 1 md5 ${plain('ntp')}`,
    'ntp trusted-key 1',
    'ntp server 10.10.1.10 source management',
    `username ${username} password ${fakeAsaPbkdf2(`${hostname}/${username}`)} pbkdf2 privilege 15`,
    `username backup password ${fakeAsaPbkdf2(`${hostname}/backup`)} pbkdf2 privilege 15`,
    `username legacy password ${fakeAsaMd5(`${hostname}/legacy`)} encrypted privilege 1`,
    `tunnel-group ${peer} type ipsec-l2l`,
    `tunnel-group ${peer} ipsec-attributes`,
    ` ikev1 pre-shared-key ${plain('ikev1')}`,
    `tunnel-group ${peer2} type ipsec-l2l`,
    `tunnel-group ${peer2} ipsec-attributes`,
    ` ikev2 remote-authentication pre-shared-key ${plain('ikev2-remote')}`,
    ` ikev2 local-authentication pre-shared-key ${plain('ikev2-local')}`,
    '!',
    'class-map inspection_default',
    ' match default-inspection-traffic',
    '!',
    '!',
    'policy-map type inspect dns preset_dns_map',
    ' parameters',
    '  message-length maximum client auto',
    '  message-length maximum 512',
    'policy-map global_policy',
    ' class inspection_default',
    '  inspect dns preset_dns_map ',
    '  inspect ftp ',
    '  inspect icmp ',
    '!',
    'service-policy global_policy global',
    'prompt hostname context ',
    'no call-home reporting anonymous',
    'password encryption aes',
  ].join('\n');
}
