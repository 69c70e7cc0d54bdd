import { keywordSecrets } from '../capture/secret-grammar.js';
import { CISCO_LIKE } from './secret-keywords.js';
import type { Platform } from './platform.js';


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
  secrets: [keywordSecrets(CISCO_LIKE)],
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
