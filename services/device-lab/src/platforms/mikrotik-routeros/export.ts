import { plant } from '../../formats/planted-secrets.js';
import { MONTHS, timeOfDay } from '../../formats/clock.js';
import { fakeHex } from '../../formats/fake-secrets.js';
import type { DefaultConfigInput, RunningConfigDialect, RunningConfigState } from '../../simulation/platform-profile.js';
import type { RouterOsIdentity } from './identity.js';

// RouterOS 7 leaves these out of `/export` unless asked for `show-sensitive`; RouterOS 6 prints them.
const SENSITIVE = /\s(?:[a-z0-9-]*-)?(?:password|secret|auth-key|authentication-key|private-key|preshared-key|md5-key|pre-shared-key)=(?:"[^"]*"|\S+)/g;
const ETHERNET_SET = /^\/interface ethernet set \[ find default-name=\S+ \]/;
const ADDRESS_LIST_ENTRY = /^\/ip firewall address-list add address=10\.20\.\d+\.0\/24 list=CUSTOMERS$/;

export const routerOsExport: RunningConfigDialect = {
  printedOnly: [/^# /, /^#$/],
  hostnameLine: /^\/system identity set name="?([^"\n]+?)"?$/m,
  drift: driftExport,
};

/** Alternately a new interface comment and a new address-list entry, each one line of a terse export. */
function driftExport(body: string, driftNumber: number): string {
  const lines = body.split('\n');
  const interfaces = lines.flatMap((line, at) => (ETHERNET_SET.test(line) ? [at] : []));
  const target = interfaces[(driftNumber / 2) % Math.max(1, interfaces.length)];
  if (driftNumber % 2 === 0 && target !== undefined) {
    const comment = `comment="circuit CKT-${String(4000 + driftNumber).padStart(5, '0')} (change ${driftNumber})"`;
    const line = (lines[target] ?? '').replace(/ comment=(?:"[^"]*"|\S+)/, '');
    lines[target] = line.replace(ETHERNET_SET, (set) => `${set} ${comment}`);
    return lines.join('\n');
  }
  const entry = `/ip firewall address-list add address=10.20.${driftNumber % 250}.0/24 list=CUSTOMERS`;
  const last = lines.reduce((found, line, at) => (ADDRESS_LIST_ENTRY.test(line) ? at : found), -1);
  lines.splice(last >= 0 ? last + 1 : lines.length, 0, entry);
  return lines.join('\n');
}

/** `2026-11-22 10:00:00` on RouterOS 7.10+, `nov/22/2026 10:00:00` before. */
function exportTime(at: Date, version: string): string {
  if (version.startsWith('7')) return `${at.toISOString().slice(0, 10)} ${timeOfDay(at)}`;
  const month = (MONTHS[at.getUTCMonth()] ?? 'Jan').toLowerCase();
  return `${month}/${String(at.getUTCDate()).padStart(2, '0')}/${at.getUTCFullYear()} ${timeOfDay(at)}`;
}

/** `/export terse`: when and by which release, the box, then one full command per line. */
export function printRouterOsExport(state: RunningConfigState, id: RouterOsIdentity): string {
  const body = id.version.startsWith('7') ? state.body.replace(SENSITIVE, '') : state.body;
  return [
    `# ${exportTime(state.now, id.version)} by RouterOS ${id.version}`,
    `# software id = ${id.softwareId}`,
    '#',
    `# model = ${id.model}`,
    `# serial number = ${id.serial}`,
    body.replace(/\n*$/, '\n'),
  ].join('\n');
}

/**
 * A plausible branch router: bridge and firewall defaults, OSPF and BGP keys, an L2TP/IPsec server and user, an
 * IPsec peer, WireGuard (7) or a wireless PSK (6), RADIUS, SNMPv2c and v3 with a trap community.
 */
export function defaultRouterOsExport(input: DefaultConfigInput, id: RouterOsIdentity): string {
  const { hostname } = input;
  const site = input.index + 1;
  const octet = site % 250;
  const third = Math.floor(site / 250) % 250;
  const v7 = id.version.startsWith('7');
  const mac = `48:A9:8A:${fakeHex(hostname, 3).match(/../g)?.join(':') ?? '00:00:00'}`;
  const key = (what: string): string => plant(`${what}-${fakeHex(`${hostname}/${what}`, 6).toLowerCase()}`);
  const ospf = v7
    ? [
        `/routing ospf instance add disabled=no name=default-v2 router-id=10.255.${third}.${octet}`,
        '/routing ospf area add disabled=no instance=default-v2 name=backbone-v2',
        `/routing ospf interface-template add area=backbone-v2 auth=md5 auth-id=1 auth-key=${key('ospf')} disabled=no interfaces=ether2`,
      ]
    : [
        `/routing ospf instance set [ find default=yes ] router-id=10.255.${third}.${octet}`,
        `/routing ospf interface add authentication=md5 authentication-key=${key('ospf')} interface=ether2`,
        `/routing ospf network add area=backbone network=10.${third}.${octet}.0/31`,
      ];
  const peer = `198.51.100.${(site % 200) + 10}`;
  const wgKey = (what: string): string => plant(`${Buffer.from(fakeHex(`${hostname}/${what}`, 32), 'hex').toString('base64')}`);
  // Tunnels and BGP differ between the releases: WireGuard and `/routing bgp connection` are RouterOS 7 only.
  const tunnels = v7
    ? [
        `/interface wireguard add listen-port=13231 mtu=1420 name=wg0 private-key="${wgKey('wg-private')}"`,
        `/interface wireguard peers add allowed-address=10.99.${octet}.0/24 endpoint-address=${peer} endpoint-port=13231 interface=wg0 preshared-key="${wgKey('wg-psk')}" public-key="${Buffer.from(fakeHex(`${hostname}/wg-public`, 32), 'hex').toString('base64')}"`,
      ]
    : [`/interface wireless security-profiles add authentication-types=wpa2-psk mode=dynamic-keys name=corp supplicant-identity=MikroTik wpa2-pre-shared-key=${key('wifi')}`];
  const bgp = v7
    ? [`/routing bgp connection add as=${65000 + site} local.role=ibgp name=core remote.address=10.255.0.1/32 .as=65000 tcp-md5-key=${key('bgp')}`]
    : [`/routing bgp peer add name=core remote-address=10.255.0.1 remote-as=65000 tcp-md5-key=${key('bgp')}`];
  const ntp = v7 ? ['/system ntp client set enabled=yes', '/system ntp client servers add address=10.10.1.10'] : ['/system ntp client set enabled=yes primary-ntp=10.10.1.10'];
  return [
    `/interface bridge add admin-mac=${mac} auto-mac=no comment=defconf name=bridge`,
    '/interface ethernet set [ find default-name=ether1 ] comment="uplink to isp"',
    `/interface ethernet set [ find default-name=ether2 ] comment="core link to core1 ether${(site % 8) + 1}"`,
    '/interface list add comment=defconf name=WAN',
    '/interface list add comment=defconf name=LAN',
    ...tunnels,
    `/ip ipsec peer add address=${peer}/32 exchange-mode=ike2 name=dc`,
    `/ip pool add name=dhcp ranges=192.168.${octet}.10-192.168.${octet}.254`,
    ...ospf.slice(0, v7 ? 2 : 1),
    '/interface bridge port add bridge=bridge comment=defconf interface=ether3',
    '/interface bridge port add bridge=bridge comment=defconf interface=ether4',
    '/interface list member add comment=defconf interface=bridge list=LAN',
    '/interface list member add comment=defconf interface=ether1 list=WAN',
    `/ip address add address=192.168.${octet}.1/24 comment=defconf interface=bridge network=192.168.${octet}.0`,
    `/ip address add address=10.${third}.${octet}.1/31 interface=ether2 network=10.${third}.${octet}.0`,
    `/ip address add address=10.250.${third}.${octet}/24 interface=ether8 network=10.250.${third}.0`,
    '/ip dhcp-client add comment=defconf interface=ether1',
    '/ip dns set servers=10.10.1.53',
    '/ip firewall address-list add address=10.20.0.0/24 list=CUSTOMERS',
    `/interface l2tp-server server set enabled=yes ipsec-secret=${key('l2tp-ipsec')} use-ipsec=yes`,
    `/ip ipsec identity add peer=dc secret=${key('ipsec')}`,
    '/ip firewall filter add action=accept chain=input comment="defconf: accept established,related,untracked" connection-state=established,related,untracked',
    '/ip firewall filter add action=drop chain=input comment="defconf: drop all not coming from LAN" in-interface-list=!LAN',
    '/ip firewall nat add action=masquerade chain=srcnat comment="defconf: masquerade" ipsec-policy=out,none out-interface-list=WAN',
    '/ip service set telnet disabled=yes',
    '/ip service set ftp disabled=yes',
    `/ppp secret add name=branch-${site} password=${key('ppp')} profile=default-encryption service=l2tp`,
    `/radius add address=10.10.1.31 secret=${key('radius')} service=login`,
    ...ospf.slice(v7 ? 2 : 1),
    ...bgp,
    '/snmp community set [ find default=yes ] disabled=yes',
    `/snmp community add addresses=10.10.0.0/16 name=${plant(`nr-ro-${site}`)}`,
    `/snmp community add addresses=10.10.1.20/32 authentication-password=${key('snmp-auth')} authentication-protocol=SHA1 encryption-password=${key('snmp-priv')} encryption-protocol=AES name=${plant(`nms-v3-${site}`)} security=private`,
    `/snmp set contact=noc@example.net enabled=yes location="DC1 row ${Math.floor(site / 20) + 1} rack ${(site % 20) + 1}" trap-community=${plant(`nr-trap-${site}`)} trap-target=10.10.1.20 trap-version=2`,
    '/system clock set time-zone-name=UTC',
    `/system identity set name=${hostname}`,
    ...ntp,
    '/user aaa set use-radius=yes',
    '',
  ].join('\n');
}
