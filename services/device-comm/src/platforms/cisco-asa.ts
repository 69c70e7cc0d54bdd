import type { Platform } from './platform.js';

const removed = '$1 <removed>';

/** Cisco ASA, after Oxidized's `asa.rb`: prompts end in a space, `terminal pager 0`, `:` comment lines on top. */
export const ciscoAsa: Platform = {
  id: 'cisco_asa',
  name: 'Cisco ASA',
  // `fw1> `, `fw1/admin# ` (multiple context), `fw1/pri/act(config)# ` (failover).
  prompt: /^([\w.@-]+)(?:\/[\w.-]+)*(?:\([\w./-]+\))?[>#] ?$/,
  enable: { command: 'enable', passwordPrompt: /^Password:\s?$/, privilegedPrompt: /#\s?$/ },
  pagingOff: ['terminal pager 0'],
  pagers: [{ pattern: /\s*<--- More --->\s*$/, answer: ' ' }],
  commands: { config: 'show running-config', version: 'show version' },
  configHeader: [/^: /, /^:$/, /^$/],
  volatile: [/^Cryptochecksum:/, /^: Written by /],
  secrets: [
    { pattern: /^(enable password) \S+/gm, replacement: removed },
    { pattern: /^(passwd) \S+/gm, replacement: removed },
    { pattern: /^(username \S+ password) \S+/gm, replacement: removed },
    { pattern: /^(\s*ikev[12] (?:(?:remote|local)-authentication )?pre-shared-key) \S+/gm, replacement: removed },
    { pattern: /^(\s+key) \S+/gm, replacement: removed },
    { pattern: /^(snmp-server host .*? community) \S+/gm, replacement: removed },
    { pattern: /^(snmp-server community) \S+/gm, replacement: removed },
    { pattern: /^(failover key) \S+/gm, replacement: removed },
    { pattern: /^(\s+ospf (?:message-digest-key \d+ md5|authentication-key)) \S+/gm, replacement: removed },
    { pattern: /^(\s+neighbor \S+ password) \S+/gm, replacement: removed },
    { pattern: /(ldap-login-password) \S+/gm, replacement: removed },
  ],
  errors: [/^ERROR: % /, /^ERROR: Command authorization failed/],
  configComplete: /(?:^|\n): end\n*$/,
  facts: {
    hostname: /^(\S+) up \d+ (?:day|hour|min|sec)/m,
    model: /^Hardware:\s+([^,\s]+)/m,
    serial: /^Serial Number: (\S+)/m,
    osVersion: /^Cisco Adaptive Security Appliance Software Version (\S+)/m,
  },
  logout: 'exit',
};
