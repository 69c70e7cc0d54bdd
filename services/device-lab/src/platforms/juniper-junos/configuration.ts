import { fakeSha512Crypt } from '../../formats/fake-secrets.js';
import { driftRunningConfig } from '../../simulation/config-drift.js';
import type { DefaultConfigInput, RunningConfigDialect, RunningConfigState } from '../../simulation/platform-profile.js';
import { seededChars } from '../seeded-strings.js';
import type { JunosIdentity } from './identity.js';

const NINE_ALPHABET = 'QzF3n6/9CAtpu0OB1IREhcSyrleKvMW8LXx7N-dVbwsY2g4oaJZGUDjiHkq.mPf5T';
/** Shaped like a Junos `$9$` reversible secret. */
const fakeNine = (seed: string): string => `$9$${seededChars(NINE_ALPHABET, seed, 36)}`;
// Junos 15.1+ marks every secret in the configuration it prints.
const SECRET = '## SECRET-DATA';

export const junosConfiguration: RunningConfigDialect = {
  printedOnly: [/^## Last commit: /, /^## Last changed: /],
  hostnameLine: /^\s+host-name ([^;\s]+);$/m,
  drift: (body, driftNumber) =>
    driftRunningConfig(body, driftNumber, {
      interfaceIndent: '        ',
      interfaceHeader: /^ {4}(?:[a-z]{2}-\d+\/\d+\/\d+|lo0|fxp0) \{$/,
      description: (text) => `        description "${text}";`,
      listEntry: (n) => `        10.20.${n % 250}.0/24;`,
      listAnchor: /^ {8}10\.20\.\d+\.0\/24;$/,
      newList: (entry) => ['policy-options {', '    prefix-list CUSTOMERS {', entry, '    }', '}'],
    }),
};

/** `2026-11-22 10:00:00 UTC`, as in `## Last commit:`. */
function formatCommitTime(at: Date): string {
  return `${at.toISOString().slice(0, 19).replace('T', ' ')} UTC`;
}

/** `show configuration`: who committed last, the hierarchy, then the blank line Junos ends output with. */
export function printJunosConfiguration(state: RunningConfigState): string {
  return `## Last commit: ${formatCommitTime(state.lastChangedAt)} by admin\n${state.body.replace(/\n*$/, '\n')}\n`;
}

/** A plausible MX edge router: local users with SHA-512 hashes, TACACS+, OSPF with MD5, iBGP with a key. */
export function defaultJunosConfiguration(input: DefaultConfigInput, id: JunosIdentity): string {
  const { hostname, username } = input;
  const site = input.index + 1;
  const octet = site % 250;
  const third = Math.floor(site / 250) % 250;
  const loopback = `10.255.${third}.${octet}`;
  return [
    `version ${id.version};`,
    'system {',
    `    host-name ${hostname};`,
    '    root-authentication {',
    `        encrypted-password "${fakeSha512Crypt(`${hostname}/root`)}"; ${SECRET}`,
    '    }',
    '    login {',
    `        user ${username} {`,
    '            uid 2000;',
    '            class super-user;',
    '            authentication {',
    `                encrypted-password "${fakeSha512Crypt(`${hostname}/${username}`)}"; ${SECRET}`,
    '            }',
    '        }',
    '        user backup {',
    '            uid 2001;',
    '            class read-only;',
    '            authentication {',
    `                encrypted-password "${fakeSha512Crypt(`${hostname}/backup`)}"; ${SECRET}`,
    '            }',
    '        }',
    '    }',
    '    services {',
    '        ssh {',
    '            root-login deny;',
    '            protocol-version v2;',
    '        }',
    '        netconf {',
    '            ssh;',
    '        }',
    '    }',
    '    domain-name lab.netraven.test;',
    '    time-zone UTC;',
    '    tacplus-server {',
    '        10.10.1.30 {',
    `            secret "${fakeNine(`${hostname}/tacplus`)}"; ${SECRET}`,
    `            source-address ${loopback};`,
    '        }',
    '    }',
    '    syslog {',
    '        host 10.10.1.20 {',
    '            any notice;',
    '        }',
    '        file messages {',
    '            any notice;',
    '            authorization info;',
    '        }',
    '    }',
    '    ntp {',
    '        server 10.10.1.10;',
    '    }',
    '}',
    'interfaces {',
    '    et-0/0/0 {',
    `        description "uplink to core1 et-0/0/${site % 16}";`,
    '        mtu 9192;',
    '        unit 0 {',
    '            family inet {',
    `                address 10.${third}.${octet}.1/31;`,
    '            }',
    '            family iso;',
    '        }',
    '    }',
    '    xe-0/1/0 {',
    '        disable;',
    '    }',
    '    fxp0 {',
    '        unit 0 {',
    '            family inet {',
    `                address 10.250.${third}.${octet}/24;`,
    '            }',
    '        }',
    '    }',
    '    lo0 {',
    '        unit 0 {',
    '            family inet {',
    `                address ${loopback}/32;`,
    '            }',
    '        }',
    '    }',
    '}',
    'snmp {',
    `    location "DC3 row ${Math.floor(site / 20) + 1} rack ${(site % 20) + 1}";`,
    '    contact "noc@example.net";',
    `    community nr-ro-${site} {`,
    '        authorization read-only;',
    '    }',
    '}',
    'routing-options {',
    `    router-id ${loopback};`,
    '    autonomous-system 65000;',
    '}',
    'protocols {',
    '    ospf {',
    '        area 0.0.0.0 {',
    '            interface et-0/0/0.0 {',
    '                interface-type p2p;',
    '                authentication {',
    `                    md5 1 key "${fakeNine(`${hostname}/ospf`)}"; ${SECRET}`,
    '                }',
    '            }',
    '            interface lo0.0 {',
    '                passive;',
    '            }',
    '        }',
    '    }',
    '    bgp {',
    '        group CORE {',
    '            type internal;',
    `            local-address ${loopback};`,
    `            authentication-key "${fakeNine(`${hostname}/bgp`)}"; ${SECRET}`,
    '            neighbor 10.255.0.1;',
    '        }',
    '    }',
    '    lldp {',
    '        interface all;',
    '    }',
    '}',
    'policy-options {',
    '    prefix-list CUSTOMERS {',
    '        10.20.0.0/24;',
    '    }',
    '}',
    '',
  ].join('\n');
}
