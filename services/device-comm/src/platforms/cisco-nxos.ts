import { keywordSecrets } from '../capture/secret-grammar.js';
import { CISCO_LIKE } from './secret-keywords.js';
import type { Platform } from './platform.js';


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
  secrets: [keywordSecrets(CISCO_LIKE)],
  errors: [/^% Invalid command/, /^% Incomplete command/, /^% Ambiguous command/, /^% Permission denied/],
  // NX-OS prints no end marker; a config without its version and hostname lines is not one. Nexus 5000/7000
  // and MDS configs name the box with `switchname` (as `show running-config` on NX-OS 5.x-7.x prints it).
  configComplete: /^version \S+.*\n(?:hostname|switchname) \S+$/m,
  facts: {
    hostname: /^\s*Device name: (\S+)/m,
    model: /^\s*cisco Nexus\s?\d+ (\S+) [Cc]hassis/m,
    serial: /^\s*Processor [Bb]oard ID (\S+)/m,
    osVersion: /^\s*(?:NXOS|system):\s+version (\S+)/m,
  },
  logout: 'exit',
};
