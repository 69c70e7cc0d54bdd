import { fakePlainSecret } from '../../formats/fake-secrets.js';
import { driftRunningConfig } from '../../simulation/config-drift.js';
import type { DefaultConfigInput, RunningConfigDialect } from '../../simulation/platform-profile.js';

export const interfacesFile: RunningConfigDialect = {
  printedOnly: [],
  // The hostname lives in /etc/hostname, not in this file; the prompt shows the lab device's name.
  hostnameLine: /^(?!)(.)/,
  drift: (body, driftNumber) =>
    driftRunningConfig(body, driftNumber, {
      interfaceIndent: '    ',
      interfaceHeader: /^iface (?!lo )\S+ inet /,
      description: (text) => `    # ${text}`,
      listEntry: (n) => `    up ip route add 10.20.${n % 250}.0/24 via 10.30.0.254`,
      listAnchor: /^ {4}up ip route add 10\.20\./,
      newList: (entry) => [entry],
    }),
};

/** A plausible ifupdown configuration of a server: loopback, a static management address, a bonded VLAN, Wi-Fi with a WPA PSK. */
export function defaultInterfacesFile(input: DefaultConfigInput): string {
  const site = input.index + 1;
  const octet = site % 250;
  const third = Math.floor(site / 250) % 250;
  return [
    '# This file describes the network interfaces available on your system',
    '# and how to activate them. For more information, see interfaces(5).',
    '',
    'source /etc/network/interfaces.d/*',
    '',
    '# The loopback network interface',
    'auto lo',
    'iface lo inet loopback',
    '',
    '# Management',
    'auto eno1',
    'iface eno1 inet static',
    `    address 10.250.${third}.${octet}/24`,
    `    gateway 10.250.${third}.254`,
    '    dns-nameservers 10.10.1.53',
    '    dns-search lab.netraven.test',
    '',
    'auto bond0',
    'iface bond0 inet manual',
    '    bond-slaves ens1f0 ens1f1',
    '    bond-mode 802.3ad',
    '    bond-miimon 100',
    '',
    'auto bond0.30',
    'iface bond0.30 inet static',
    `    address 10.30.${octet}.10/24`,
    '    up ip route add 10.20.0.0/24 via 10.30.0.254',
    '',
    'allow-hotplug wlp2s0',
    'iface wlp2s0 inet dhcp',
    '    wpa-ssid corp-wifi',
    `    wpa-psk ${fakePlainSecret(`linux/${input.index}/wpa-psk`)}`,
    '',
  ].join('\n');
}
