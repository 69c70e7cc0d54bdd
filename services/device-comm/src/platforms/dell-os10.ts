import { keywordSecrets } from '../capture/secret-grammar.js';
import { CISCO_LIKE } from './secret-keywords.js';
import type { Platform } from './platform.js';


/** Dell EMC SmartFabric OS10, after Oxidized's `os10.rb`; the serial is the service tag in `show inventory`. */
export const dellOs10: Platform = {
  id: 'dell_os10',
  name: 'Dell EMC OS10',
  prompt: /^([\w.@-]+)(?:\([\w./-]+\))?[>#]\s?$/,
  pagingOff: ['terminal length 0'],
  pagers: [{ pattern: /\s*--more--\s*$/, answer: ' ' }],
  commands: { config: 'show running-configuration', version: 'show version', inventory: 'show inventory' },
  configHeader: [],
  volatile: [/^! Last configuration change at /],
  secrets: [keywordSecrets(CISCO_LIKE)],
  errors: [/^% Error: /],
  // OS10 prints no end marker; every configuration starts with its version comment.
  configComplete: /^! Version \d/,
  facts: {
    hostname: null,
    model: /^System Type: (\S+)/m,
    serial: /^\* 1\s+\S+\s+\S+\s+\S+\s+\S+\s+(\S+)/m,
    osVersion: /^OS Version: (\S+)/m,
  },
  logout: 'exit',
};
