import type { Platform } from './platform.js';

const removed = '$1 <removed>';

/** Cisco IOS (classic), after Oxidized's `ios.rb`. */
export const ciscoIos: Platform = {
  id: 'cisco_ios',
  name: 'Cisco IOS',
  prompt: /^([\w.@/:-]+)(?:\([\w.-]+\))?[>#]\s?$/,
  enable: { command: 'enable', passwordPrompt: /^Password:\s?$/, privilegedPrompt: /#\s?$/ },
  pagingOff: ['terminal length 0', 'terminal width 0'],
  pagers: [{ pattern: /\s*--More--\s*$/, answer: ' ' }],
  commands: { config: 'show running-config', version: 'show version' },
  configHeader: [/^Building configuration\.\.\.$/, /^Current configuration : \d+ bytes$/, /^$/],
  volatile: [
    /^! Last configuration change at /,
    /^! NVRAM config last updated at /,
    /^! No configuration change since last restart/,
    /^ntp clock-period \d+/,
  ],
  secrets: [
    { pattern: /^(enable (?:password|secret)(?: level \d+)?(?: \d)?) \S+/gm, replacement: removed },
    { pattern: /^(username \S+(?: privilege \d+)? (?:password|secret)(?: \d)?) \S+/gm, replacement: removed },
    { pattern: /^(snmp-server community) \S+/gm, replacement: removed },
    { pattern: /^(snmp-server host \S+(?: vrf \S+)?(?: (?:traps|informs))?(?: version (?:1|2c|3 \w+))?) \S+/gm, replacement: removed },
    { pattern: /^(\s+(?:password|secret)(?: \d)?) \S+/gm, replacement: removed },
    { pattern: /^((?:tacacs|radius)-server key(?: \d)?) \S+/gm, replacement: removed },
    { pattern: /^(\s+key 7) \S+/gm, replacement: removed },
    { pattern: /^(\s+key-string(?: \d)?) \S+/gm, replacement: removed },
    { pattern: /^(\s*ip ospf (?:authentication-key|message-digest-key \d+ md5)(?: \d)?) \S+/gm, replacement: removed },
    { pattern: /^(\s*neighbor \S+ password(?: \d)?) \S+/gm, replacement: removed },
    { pattern: /^(crypto isakmp key(?: \d)?) \S+/gm, replacement: removed },
    { pattern: /^(.*wpa-psk ascii \d) \S+/gm, replacement: removed },
  ],
  errors: [/^% Invalid input detected/, /^% Unknown command/, /^% Incomplete command/, /^% Ambiguous command/],
  configComplete: /(?:^|\n)end\n*$/,
  facts: {
    hostname: /^(\S+) uptime is /m,
    model: /^[Cc]isco (\S+) \(.*\) with \S+ bytes of memory/m,
    serial: /^Processor board ID (\S+)/m,
    osVersion: /^(?:Cisco )?IOS.*?Software.*?, Version ([^\s,]+)/m,
  },
  logout: 'exit',
};
