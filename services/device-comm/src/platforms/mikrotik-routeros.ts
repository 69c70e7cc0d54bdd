import { assignmentSecrets } from '../capture/secret-grammar.js';
import { ROUTEROS } from './secret-keywords.js';
import type { Platform } from './platform.js';

/**
 * MikroTik RouterOS 6 and 7, after Oxidized's `routeros.rb` (which uses SSH exec; this reads the same
 * over the interactive console). `/export terse` gives one whole command per line; RouterOS 7 leaves
 * sensitive values out of it, RouterOS 6 prints them and they are masked here.
 */
export const mikrotikRouterOs: Platform = {
  id: 'mikrotik_routeros',
  name: 'MikroTik RouterOS',
  // `[admin@MikroTik] > `, `[admin@core router] <SAFE> ` in safe mode; the identity may hold spaces.
  prompt: /^\[[^@\]\s]+@([^\]]+)\] ?(?:>|<SAFE>) ?$/,
  // RouterOS has no command that turns its pager off; the answer keeps it going.
  pagingOff: [],
  // No colours, no terminal probing (netmiko's mikrotik driver logs in as `user+ct511w4098h`).
  loginNameSuffix: '+ct',
  pagers: [{ pattern: /\s*-- \[Q quit\|D dump\|(?:C-z pause\|)?down\]\s*$/, answer: ' ' }],
  commands: { config: '/export terse', version: '/system resource print', inventory: '/system routerboard print' },
  configHeader: [],
  volatile: [
    // `# 2026-11-22 10:00:00 by RouterOS 7.14`, `# nov/22/2026 10:00:00 by RouterOS 6.49.10`
    /^# \S+ \d\d:\d\d:\d\d by RouterOS /,
    // Runtime state RouterOS writes into the export; `# poe-out status: voltage_on_poe-in` too (Oxidized PR 3863).
    /^# (?:inactive time|received packet from \S+ bad format|poe-out status: \S+|\S+ not ready)$/,
    /^# Firmware upgraded successfully, please reboot for changes to take effect!$/,
  ],
  secrets: [
    assignmentSecrets(ROUTEROS),
    { pattern: /^(\/snmp community (?:add|set) .*?\bname=)(?:"[^"]*"|\S+)/gm, replacement: '$1<removed>' },
  ],
  errors: [/^bad command name /, /^expected end of command/, /^syntax error /, /^failure: /, /^input does not match any value/],
  // No end marker; an export is at least one command.
  configComplete: /^\/\w/m,
  facts: {
    hostname: null,
    model: /^\s*board-name: (.+?)\s*$/m,
    serial: /^\s*serial-number: (\S+)/m,
    osVersion: /^\s*version: (\S+)/m,
  },
  logout: 'quit',
};
