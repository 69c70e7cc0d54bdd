import { formatCtime } from '../../formats/clock.js';
import { encodeType7, fakeSha512Crypt } from '../../formats/fake-secrets.js';
import { plant } from '../../formats/planted-secrets.js';
import { driftRunningConfig } from '../../simulation/config-drift.js';
import type { DefaultConfigInput, RunningConfigDialect, RunningConfigState } from '../../simulation/platform-profile.js';
import type { IosXrIdentity } from './identity.js';
import { iosXrManagementSecretLines, iosXrRoutingSecretLines } from './planted-secret-lines.js';

export const iosXrRunningConfig: RunningConfigDialect = {
  printedOnly: [/^Building configuration\.\.\.$/, /^!! IOS XR Configuration /, /^!! Last configuration change at /],
  hostnameLine: /^hostname (\S+)$/m,
  drift: (body, driftNumber) =>
    driftRunningConfig(body, driftNumber, {
      interfaceIndent: ' ',
      listEntry: (n) => ` ${10 * (n + 2)} permit ipv4 10.20.${n % 250}.0 0.0.0.255 any`,
      listAnchor: /^ \d+ permit ipv4 10\.20\./,
      newList: (entry) => ['ipv4 access-list CUSTOMERS', entry, '!'],
      endMarker: 'end',
    }),
};

/** `show running-config` on IOS XR: the version banner and who changed it last, then the body. */
export function printIosXrRunningConfig(state: RunningConfigState, id: IosXrIdentity): string {
  return [
    'Building configuration...',
    `!! IOS XR Configuration ${id.version}`,
    `!! Last configuration change at ${formatCtime(state.lastChangedAt)} by admin`,
    state.body.replace(/\n*$/, '\n\n'),
  ].join('\n');
}

/** A plausible IOS XR PE/P router: AAA, users with type 10 secrets, IS-IS with a key chain, an ACL. */
export function defaultIosXrRunningConfig(input: DefaultConfigInput, id: IosXrIdentity): string {
  const { hostname, username } = input;
  const site = input.index + 1;
  const octet = site % 250;
  const third = Math.floor(site / 250) % 250;
  const port = id.family === 'ASR9K' ? 'TenGigE0/0/0/0' : 'HundredGigE0/0/0/0';
  const spare = id.family === 'ASR9K' ? 'TenGigE0/0/0/1' : 'HundredGigE0/0/0/1';
  return [
    '!',
    `hostname ${hostname}`,
    'clock timezone UTC 0',
    'logging trap informational',
    'logging console disable',
    'logging 10.10.1.20 vrf MGMT severity info port default',
    'domain name lab.netraven.test',
    'tacacs source-interface MgmtEth0/RP0/CPU0/0 vrf MGMT',
    'tacacs-server host 10.10.1.30 port 49',
    ` key 7 ${encodeType7(`tac-${site}`, site + 5)}`,
    '!',
    `username ${username}`,
    ' group root-lr',
    ' group cisco-support',
    ` secret 10 ${fakeSha512Crypt(`${hostname}/${username}`)}`,
    '!',
    'username backup',
    ' group netadmin',
    ` secret 10 ${fakeSha512Crypt(`${hostname}/backup`)}`,
    '!',
    'vrf MGMT',
    ' address-family ipv4 unicast',
    ' !',
    '!',
    'line default',
    ' exec-timeout 15 0',
    ' transport input ssh',
    '!',
    `snmp-server community ${plant(`nr-ro-${site}`)} RO`,
    `snmp-server location DC4 row ${Math.floor(site / 20) + 1} rack ${(site % 20) + 1}`,
    'snmp-server contact noc@example.net',
    ...iosXrManagementSecretLines(site),
    'ipv4 access-list CUSTOMERS',
    ' 10 permit ipv4 10.20.0.0 0.0.0.255 any',
    '!',
    'key chain ISIS-KEY',
    ' key 1',
    '  accept-lifetime 00:00:00 january 01 2024 infinite',
    `  key-string password ${encodeType7(`isis-${site}`, site + 9)}`,
    '  send-lifetime 00:00:00 january 01 2024 infinite',
    '  cryptographic-algorithm HMAC-MD5',
    ' !',
    '!',
    'interface Loopback0',
    ` ipv4 address 10.255.${third}.${octet} 255.255.255.255`,
    '!',
    'interface MgmtEth0/RP0/CPU0/0',
    ' vrf MGMT',
    ` ipv4 address 10.250.${third}.${octet} 255.255.255.0`,
    '!',
    `interface ${port}`,
    ` description core link to p1 ${port.replace('0/0/0/0', `0/0/0/${site % 16}`)}`,
    ' mtu 9216',
    ` ipv4 address 10.${third}.${octet}.1 255.255.255.252`,
    '!',
    `interface ${spare}`,
    ' shutdown',
    '!',
    'router static',
    ' vrf MGMT',
    '  address-family ipv4 unicast',
    `   0.0.0.0/0 10.250.${third}.254`,
    '  !',
    ' !',
    '!',
    'router isis CORE',
    ' is-type level-2-only',
    ` net 49.0001.0102.5500.${String(site).padStart(4, '0')}.00`,
    ` lsp-password hmac-md5 encrypted ${encodeType7(`lsp-${site}`, site + 10)}`,
    ' address-family ipv4 unicast',
    '  metric-style wide',
    ' !',
    ' interface Loopback0',
    '  passive',
    '  address-family ipv4 unicast',
    '  !',
    ' !',
    ` interface ${port}`,
    '  point-to-point',
    '  hello-password keychain ISIS-KEY',
    '  address-family ipv4 unicast',
    '  !',
    ' !',
    '!',
    ...iosXrRoutingSecretLines(site, port, `10.255.${third}.${octet}`),
    'ssh server v2',
    'ssh server vrf MGMT',
    'end',
    '',
  ].join('\n');
}
