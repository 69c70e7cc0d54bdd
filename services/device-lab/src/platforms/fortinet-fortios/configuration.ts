import { fakePlainSecret } from '../../formats/fake-secrets.js';
import { plant } from '../../formats/planted-secrets.js';
import { driftRunningConfig } from '../../simulation/config-drift.js';
import type { DefaultConfigInput, RunningConfigDialect, RunningConfigState } from '../../simulation/platform-profile.js';
import { seededBase64 } from '../seeded-strings.js';
import type { FortiGateIdentity } from './identity.js';

const ENC_VALUE = /^(\s*set [\w-]+ ENC )\S+$/;

export const fortiOsConfiguration: RunningConfigDialect = {
  printedOnly: [/^#config-version=/, /^#conf_file_ver=/, /^#buildno=/, /^#global_vdom=/],
  hostnameLine: /^\s+set hostname "([^"]+)"$/m,
  drift: (body, driftNumber) =>
    driftRunningConfig(body, driftNumber, {
      interfaceIndent: '        ',
      interfaceHeader: /^ {4}edit "(?:wan\d|internal|dmz)"$/,
      description: (text) => `        set description "${text}"`,
      // A new address object closes the last one and takes over its `next`.
      listEntry: (n) => `    next\n    edit "CUSTOMERS-${n}"\n        set subnet 10.20.${n % 250}.0 255.255.255.0`,
      listAnchor: /^ {8}set subnet 10\.20\.\d+\.0 255\.255\.255\.0$/,
      newList: (entry) => ['config firewall address', ...entry.split('\n').slice(1), '    next', 'end'],
    }),
};

/**
 * `show full-configuration`: the version header, then the body. FortiOS encrypts stored secrets with
 * a fresh salt every time it prints them, so every `ENC` value differs from one print to the next.
 */
export function printFortiOsConfiguration(state: RunningConfigState, id: FortiGateIdentity): string {
  const body = state.body
    .split('\n')
    .map((line, at) => line.replace(ENC_VALUE, (_value, set: string) => `${set}${seededBase64(`${state.renders}/${at}`, 66)}`))
    .join('\n');
  return [
    `#config-version=${id.code}-${id.version}-FW-build${id.build}-${id.buildDate}:opmode=0:vdom=0:user=admin`,
    `#conf_file_ver=${1_000_000_000_000 + state.renders * 7_919 + Math.floor(state.lastChangedAt.getTime() / 1_000)}`,
    `#buildno=${id.build}`,
    '#global_vdom=1',
    body.replace(/\n*$/, '\n'),
  ].join('\n');
}

const pemBody = (seed: string, lines: number): string[] =>
  Array.from({ length: lines }, (_, at) => seededBase64(`${seed}/${at}`, 48));

/**
 * A plausible branch firewall: admins, TACACS+, SNMP communities, an IPsec tunnel with a PSK, a local certificate
 * and an SSH proxy key (PEM private keys), OSPF with an MD5 key, addresses. `ENC` values change with every print,
 * so only the values printed as they are generated are planted.
 */
export function defaultFortiOsConfiguration(input: DefaultConfigInput): string {
  const { hostname, username } = input;
  const site = input.index + 1;
  const octet = site % 250;
  const third = Math.floor(site / 250) % 250;
  const enc = (what: string): string => `ENC ${seededBase64(`${hostname}/${what}`, 66)}`;
  return [
    'config system global',
    '    set admin-sport 443',
    `    set alias "${hostname}"`,
    `    set hostname "${hostname}"`,
    '    set timezone "Etc/UTC"',
    'end',
    'config system interface',
    '    edit "wan1"',
    '        set vdom "root"',
    `        set ip 203.0.113.${(site % 200) + 2} 255.255.255.0`,
    '        set allowaccess ping https ssh',
    '        set type physical',
    '        set role wan',
    '        set snmp-index 1',
    '    next',
    '    edit "internal"',
    '        set vdom "root"',
    `        set ip 10.30.${octet}.1 255.255.255.0`,
    '        set allowaccess ping https ssh snmp',
    '        set type hard-switch',
    '        set role lan',
    '        set snmp-index 2',
    '    next',
    '    edit "dmz"',
    '        set vdom "root"',
    `        set ip 10.250.${third}.${octet} 255.255.255.0`,
    '        set allowaccess ping https ssh',
    '        set role dmz',
    '        set snmp-index 3',
    '    next',
    'end',
    'config system admin',
    `    edit "${username}"`,
    '        set accprofile "super_admin"',
    '        set vdom "root"',
    `        set password ${enc(username)}`,
    '    next',
    '    edit "backup"',
    '        set accprofile "prof_admin"',
    '        set vdom "root"',
    `        set password ${enc('backup')}`,
    '    next',
    'end',
    'config system snmp sysinfo',
    '    set status enable',
    `    set location "DC1 row ${Math.floor(site / 20) + 1} rack ${(site % 20) + 1}"`,
    'end',
    'config system snmp community',
    '    edit 1',
    `        set name "${plant(`nr-ro-${site}`)}"`,
    '        config hosts',
    '            edit 1',
    '                set ip 10.10.1.20 255.255.255.255',
    '            next',
    '        end',
    '    next',
    'end',
    'config user tacacs+',
    '    edit "TACACS"',
    '        set server "10.10.1.30"',
    `        set key ${enc('tacacs')}`,
    '    next',
    'end',
    'config vpn certificate local',
    '    edit "lab-cert"',
    `        set password ${enc('cert')}`,
    '        set comments "lab device certificate"',
    '        set private-key "-----BEGIN ENCRYPTED PRIVATE KEY-----',
    ...pemBody(`${hostname}/key`, 6).map(plant),
    '-----END ENCRYPTED PRIVATE KEY-----"',
    '        set certificate "-----BEGIN CERTIFICATE-----',
    ...pemBody(`${hostname}/cert`, 4),
    '-----END CERTIFICATE-----"',
    '    next',
    'end',
    'config vpn ipsec phase1-interface',
    '    edit "to-dc"',
    '        set interface "wan1"',
    '        set peertype any',
    '        set net-device disable',
    '        set proposal aes256-sha256',
    `        set remote-gw 198.51.100.${(site % 200) + 10}`,
    `        set psksecret ${enc('psk')}`,
    '    next',
    'end',
    'config firewall ssh local-key',
    '    edit "lab-ssh-proxy"',
    `        set password ${enc('ssh-proxy')}`,
    '        set private-key "-----BEGIN OPENSSH PRIVATE KEY-----',
    ...pemBody(`${hostname}/ssh-proxy`, 5).map(plant),
    '-----END OPENSSH PRIVATE KEY-----"',
    `        set public-key "ssh-ed25519 ${seededBase64(`${hostname}/ssh-proxy-public`, 51)}"`,
    '        set source user',
    '    next',
    'end',
    'config firewall address',
    '    edit "CUSTOMERS-0"',
    '        set subnet 10.20.0.0 255.255.255.0',
    '    next',
    'end',
    'config router ospf',
    `    set router-id 10.255.${third}.${octet}`,
    '    config area',
    '        edit 0.0.0.0',
    '        next',
    '    end',
    '    config ospf-interface',
    '        edit "wan1-ospf"',
    '            set interface "wan1"',
    '            set authentication md5',
    `            set md5-key 1 ${fakePlainSecret(`${hostname}/ospf`)}`,
    '        next',
    '    end',
    'end',
    'config router static',
    '    edit 1',
    `        set gateway 203.0.113.254`,
    '        set device "wan1"',
    '    next',
    'end',
    '',
  ].join('\n');
}
