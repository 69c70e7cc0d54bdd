import { fakePlainSecret } from '../../formats/fake-secrets.js';
import type { DefaultConfigInput, RunningConfigDialect } from '../../simulation/platform-profile.js';

/**
 * What NetRaven runs to read a Linux host's network setup: Debian's interfaces file, else every network
 * file that exists, each under tail's `==> file <==` header. The lab answers the exact line.
 */
export const NETWORK_CONFIG_COMMAND =
  'cat /etc/network/interfaces 2>/dev/null || tail -n +1 /etc/netplan/*.yaml /etc/sysconfig/network-scripts/ifcfg-* ' +
  '/etc/NetworkManager/system-connections/*.nmconnection 2>/dev/null || true';

/** A hand edit an operator might make: a comment at the end (both YAML and ifcfg files take `#`). */
export const networkFiles: RunningConfigDialect = {
  printedOnly: [],
  // The hostname lives in /etc/hostname; the prompt shows the lab device's name.
  hostnameLine: /^(?!)(.)/,
  drift: (body, driftNumber) =>
    `${body.replace(/\n*$/, '\n')}# circuit CKT-${String(4000 + driftNumber).padStart(5, '0')} (change ${driftNumber})\n`,
};

/** `tail -n +1 a b`: each file under its header, a blank line between files. */
function tailed(files: ReadonlyArray<readonly [path: string, lines: readonly string[]]>): string {
  return `${files.map(([path, lines]) => [`==> ${path} <==`, ...lines].join('\n')).join('\n\n')}\n`;
}

function addressing(input: DefaultConfigInput): { octet: number; third: number } {
  const site = input.index + 1;
  return { octet: site % 250, third: Math.floor(site / 250) % 250 };
}

/** A secret of its own per server and file entry, as an operator typed it. */
const secretOf = (input: DefaultConfigInput, what: string): string => fakePlainSecret(`linux/${input.index}/${what}`);

/**
 * RHEL 8: one ifcfg file per interface, as NetworkManager's ifcfg-rh plugin writes them, and the keyfiles it
 * writes for what ifcfg cannot hold: a WPA-PSK Wi-Fi and an 802.1X-authenticated wired port (secrets in clear).
 */
export function defaultIfcfgFiles(input: DefaultConfigInput): string {
  const { octet, third } = addressing(input);
  return tailed([
    ['/etc/sysconfig/network-scripts/ifcfg-eno1', [
      'TYPE=Ethernet', 'BOOTPROTO=none', 'NAME=eno1', 'DEVICE=eno1', 'ONBOOT=yes',
      `IPADDR=10.250.${third}.${octet}`, 'PREFIX=24', `GATEWAY=10.250.${third}.254`, 'DNS1=10.10.1.53', 'DOMAIN=lab.netraven.test',
    ]],
    ['/etc/sysconfig/network-scripts/ifcfg-ens1f0.30', [
      'VLAN=yes', 'TYPE=Vlan', 'PHYSDEV=ens1f0', 'VLAN_ID=30', 'NAME=ens1f0.30', 'DEVICE=ens1f0.30', 'ONBOOT=yes',
      'BOOTPROTO=none', `IPADDR=10.30.${octet}.10`, 'PREFIX=24',
    ]],
    ['/etc/NetworkManager/system-connections/corp-wifi.nmconnection', [
      '[connection]', 'id=corp-wifi', 'uuid=6f1d4a52-3c1e-4b7a-9d2f-0c8e5a7b1f30', 'type=wifi', 'interface-name=wlp2s0', '',
      '[wifi]', 'mode=infrastructure', 'ssid=corp-wifi', '',
      '[wifi-security]', 'key-mgmt=wpa-psk', `psk=${secretOf(input, 'wifi-psk')}`, '',
      '[ipv4]', 'method=auto', '', '[ipv6]', 'addr-gen-mode=default', 'method=auto', '', '[proxy]',
    ]],
    ['/etc/NetworkManager/system-connections/dot1x-eno2.nmconnection', [
      '[connection]', 'id=dot1x-eno2', 'uuid=0b8e9c61-7d2a-4f5e-8a3b-2e6c1d9f4a72', 'type=ethernet', 'interface-name=eno2', '',
      '[802-1x]', 'eap=peap;', 'identity=svc-web', `password=${secretOf(input, 'dot1x')}`, 'phase2-auth=mschapv2', '',
      '[ipv4]', 'method=auto', '', '[ipv6]', 'addr-gen-mode=default', 'method=auto', '', '[proxy]',
    ]],
  ]);
}

/** Ubuntu 22.04: the file the installer (subiquity) writes, and Wi-Fi added by hand: a WPA-PSK and an 802.1X network. */
export function defaultNetplanFile(input: DefaultConfigInput): string {
  const { octet, third } = addressing(input);
  return tailed([
    ['/etc/netplan/00-installer-config.yaml', [
      "# This is the network config written by 'subiquity'",
      'network:',
      '  ethernets:',
      '    eno1:',
      '      addresses:',
      `      - 10.250.${third}.${octet}/24`,
      '      nameservers:',
      '        addresses:',
      '        - 10.10.1.53',
      '        search:',
      '        - lab.netraven.test',
      '      routes:',
      '      - to: default',
      `        via: 10.250.${third}.254`,
      '  version: 2',
      '  wifis:',
      '    wlp2s0:',
      '      dhcp4: true',
      '      access-points:',
      '        "corp-wifi":',
      `          password: "${secretOf(input, 'wifi-psk')}"`,
      '        "corp-8021x":',
      '          auth:',
      '            key-management: eap',
      '            method: peap',
      '            identity: "svc-web"',
      `            password: "${secretOf(input, 'dot1x')}"`,
    ]],
  ]);
}
