import { keywordSecrets } from '../capture/secret-grammar.js';
import { CISCO_LIKE } from './secret-keywords.js';
import type { Platform } from './platform.js';


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
  secrets: [keywordSecrets(CISCO_LIKE)],
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
