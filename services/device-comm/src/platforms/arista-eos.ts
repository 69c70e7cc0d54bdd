import { keywordSecrets } from '../capture/secret-grammar.js';
import { CISCO_LIKE } from './secret-keywords.js';
import type { Platform } from './platform.js';


/** Arista EOS, after Oxidized's `eos.rb`: `enable` may need no password; the hostname comes from the prompt. */
export const aristaEos: Platform = {
  id: 'arista_eos',
  name: 'Arista EOS',
  prompt: /^([\w.@-]+)(?:\([\w./-]+\))*[>#]\s?$/,
  enable: { command: 'enable', passwordPrompt: /^Password:\s?$/, privilegedPrompt: /#\s?$/ },
  pagingOff: ['terminal length 0'],
  pagers: [{ pattern: /\s*--More--\s*$/, answer: ' ' }],
  commands: { config: 'show running-config', version: 'show version' },
  configHeader: [/^! Command: show running-config/, /^$/],
  // Some EOS releases stamp the print time; Oxidized excludes it from the command.
  volatile: [/^! Time: /],
  secrets: [keywordSecrets(CISCO_LIKE)],
  errors: [/^% Invalid input/, /^% Incomplete command/, /^% Ambiguous command/, /^% Authorization denied/],
  configComplete: /(?:^|\n)end\n*$/,
  facts: {
    hostname: null,
    model: /^Arista (\S+)/m,
    serial: /^Serial number:\s+(\S+)/m,
    osVersion: /^Software image version: (\S+)/m,
  },
  logout: 'exit',
};
