import { fakeSha256Crypt } from '../../formats/fake-secrets.js';
import { driftRunningConfig } from '../../simulation/config-drift.js';
import type { DefaultConfigInput, RunningConfigDialect, RunningConfigState } from '../../simulation/platform-profile.js';
import { seededBase64 } from '../seeded-strings.js';

/** Shaped like a PAN-OS encrypted value: `-AQ==`, base64 of a hash, `=`, base64 of the ciphertext. */
const fakeEncrypted = (seed: string): string => `-AQ==${seededBase64(`${seed}/hash`, 21)}${seededBase64(`${seed}/data`, 24)}`;

export const panOsRunningConfig: RunningConfigDialect = {
  printedOnly: [],
  hostnameLine: /^\s+hostname ([^;\s]+);$/m,
  drift: (body, driftNumber) =>
    driftRunningConfig(body, driftNumber, {
      interfaceIndent: '              ',
      interfaceHeader: /^ {12}ethernet1\/\d+ \{$/,
      description: (text) => `              comment "${text}";`,
      // A new address object closes the last one and takes over its closing brace.
      listEntry: (n) => `            }\n            CUSTOMERS-${n} {\n              ip-netmask 10.20.${n % 250}.0/24;`,
      listAnchor: /^ {14}ip-netmask 10\.20\.\d+\.0\/24;$/,
      newList: (entry) => [entry],
    }),
};

/** `show config running`: the braces format, after the blank line PAN-OS puts under every command. */
export function printPanOsRunningConfig(state: RunningConfigState): string {
  return `\n${state.body.replace(/\n*$/, '\n')}\n`;
}

/** A plausible edge firewall: local admins with SHA-256 hashes, TACACS+, an IKE gateway with a PSK, SNMP. */
export function defaultPanOsRunningConfig(input: DefaultConfigInput): string {
  const { hostname, username } = input;
  const site = input.index + 1;
  const octet = site % 250;
  const third = Math.floor(site / 250) % 250;
  const user = (name: string, role: string): string[] => [
    `      ${name} {`,
    `        phash ${fakeSha256Crypt(`${hostname}/${name}`)};`,
    '        permissions {',
    '          role-based {',
    `            ${role} yes;`,
    '          }',
    '        }',
    '      }',
  ];
  return [
    'config {',
    '  mgt-config {',
    '    users {',
    ...user(username, 'superuser'),
    ...user('backup', 'superreader'),
    '    }',
    '  }',
    '  shared {',
    '    server-profile {',
    '      tacplus {',
    '        TACACS {',
    '          server {',
    '            tac1 {',
    '              address 10.10.1.30;',
    `              secret ${fakeEncrypted(`${hostname}/tacacs`)};`,
    '            }',
    '          }',
    '        }',
    '      }',
    '    }',
    '  }',
    '  devices {',
    '    localhost.localdomain {',
    '      network {',
    '        interface {',
    '          ethernet {',
    '            ethernet1/1 {',
    '              layer3 {',
    '                ip {',
    `                  203.0.113.${(site % 200) + 2}/24;`,
    '                }',
    '              }',
    '              comment "uplink to isp";',
    '            }',
    '            ethernet1/2 {',
    '              layer3 {',
    '                ip {',
    `                  10.30.${octet}.1/24;`,
    '                }',
    '              }',
    '            }',
    '          }',
    '        }',
    '        ike {',
    '          gateway {',
    '            to-dc {',
    '              authentication {',
    '                pre-shared-key {',
    `                  key ${fakeEncrypted(`${hostname}/psk`)};`,
    '                }',
    '              }',
    '              peer-address {',
    `                ip 198.51.100.${(site % 200) + 10};`,
    '              }',
    '            }',
    '          }',
    '        }',
    '      }',
    '      deviceconfig {',
    '        system {',
    `          hostname ${hostname};`,
    `          ip-address 10.250.${third}.${octet};`,
    '          netmask 255.255.255.0;',
    `          default-gateway 10.250.${third}.254;`,
    '          domain lab.netraven.test;',
    '          timezone UTC;',
    '          snmp-setting {',
    '            access-setting {',
    '              version {',
    '                v2c {',
    `                  snmp-community-string nr-ro-${site};`,
    '                }',
    '              }',
    '            }',
    '          }',
    '          login-banner "Authorized access only.";',
    '        }',
    '      }',
    '      vsys {',
    '        vsys1 {',
    '          address {',
    '            CUSTOMERS-0 {',
    '              ip-netmask 10.20.0.0/24;',
    '            }',
    '          }',
    '        }',
    '      }',
    '    }',
    '  }',
    '}',
    '',
  ].join('\n');
}
