import type { Platform } from './platform.js';

const removed = '$1 <removed>';

/** Cisco NX-OS (Nexus), after Oxidized's `nxos.rb`: no enable step, `!Time:` changes on every print. */
export const ciscoNxos: Platform = {
  id: 'cisco_nxos',
  name: 'Cisco NX-OS',
  prompt: /^([\w.@-]+)(?:\([\w./-]+\))?#\s?$/,
  pagingOff: ['terminal length 0'],
  pagers: [{ pattern: /\s*--More--\s*$/, answer: ' ' }],
  commands: { config: 'show running-config', version: 'show version' },
  configHeader: [/^!Command: show running-config/, /^!Running configuration last done at: /, /^!Time: /, /^$/],
  volatile: [/^!Running configuration last done at: /, /^!Time: /],
  secrets: [
    { pattern: /^(username \S+ password \d) \S+/gm, replacement: removed },
    { pattern: /^(snmp-server user \S+ \S+ auth \S+) \S+( priv(?: aes-128)?) \S+/gm, replacement: '$1 <removed>$2 <removed>' },
    { pattern: /^(snmp-server community) \S+/gm, replacement: removed },
    { pattern: /^(snmp-server host \S+ (?:traps|informs) version (?:1|2c|3 \w+)) \S+/gm, replacement: removed },
    { pattern: /^((?:tacacs|radius)-server (?:host \S+ )?key(?: \d)?) (?:"[^"]*"|\S+)/gm, replacement: removed },
    { pattern: /^(\s+ip ospf (?:authentication-key|message-digest-key \d+ md5)(?: \d)?) \S+/gm, replacement: removed },
    { pattern: /^(\s+password(?: \d)?) \S+/gm, replacement: removed },
  ],
  errors: [/^% Invalid command/, /^% Incomplete command/, /^% Ambiguous command/, /^% Permission denied/],
  // NX-OS prints no end marker; a config without its version and hostname lines is not one.
  configComplete: /^version \S+.*\nhostname \S+$/m,
  facts: {
    hostname: /^\s*Device name: (\S+)/m,
    model: /^\s*cisco Nexus\s?\d+ (\S+) [Cc]hassis/m,
    serial: /^\s*Processor [Bb]oard ID (\S+)/m,
    osVersion: /^\s*(?:NXOS|system):\s+version (\S+)/m,
  },
  logout: 'exit',
};
