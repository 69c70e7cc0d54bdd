import { keywordSecrets } from '../capture/secret-grammar.js';
import { CISCO_LIKE } from './secret-keywords.js';
import type { Platform } from './platform.js';

// IOS XR stamps every command's output, e.g. `Thu Aug 25 09:17:42.875 UTC`.
const OUTPUT_TIMESTAMP = /^(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun) [A-Z][a-z]{2} [ \d]\d \d\d:\d\d:\d\d\.\d{3} \S+$/;

/** Cisco IOS XR, after Oxidized's `iosxr.rb`: node-qualified prompt, no enable step, serial from the inventory. */
export const ciscoIosXr: Platform = {
  id: 'cisco_iosxr',
  name: 'Cisco IOS XR',
  prompt: /^(?:RP\/\d+\/(?:RSP|RP)?\d+\/CPU\d+:)?([\w.@-]+)(?:\([\w./-]+\))?[>#]\s?$/,
  pagingOff: ['terminal length 0', 'terminal width 0'],
  pagers: [{ pattern: /\s*--More--\s*$/, answer: ' ' }],
  commands: { config: 'show running-config', version: 'show version', inventory: 'show inventory' },
  configHeader: [OUTPUT_TIMESTAMP, /^Building configuration\.\.\.$/, /^$/],
  volatile: [/^!! Last configuration change at /, OUTPUT_TIMESTAMP],
  secrets: [keywordSecrets(CISCO_LIKE)],
  errors: [/^% Invalid input detected/, /^% Incomplete command/, /^% Ambiguous command/, /^% This command is not authorized/],
  configComplete: /(?:^|\n)end\n*$/,
  facts: {
    hostname: /^(\S+) uptime is /m,
    model: /^cisco (\S+)(?: Series)? \(.*\) processor/m,
    serial: /^NAME: "(?:Rack 0|Chassis)"[^\n]*\nPID: [^,]*, VID: [^,]*, SN: (\S+)/m,
    osVersion: /^Cisco IOS XR Software, Version (\S+)/m,
  },
  logout: 'exit',
};
