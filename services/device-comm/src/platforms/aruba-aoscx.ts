import { keywordSecrets } from '../capture/secret-grammar.js';
import { CISCO_LIKE } from './secret-keywords.js';
import type { Platform } from './platform.js';


/** Aruba AOS-CX, after Oxidized's `aoscx.rb`: prompts end in a space, `no page`, facts in `show system`. */
export const arubaAosCx: Platform = {
  id: 'aruba_aoscx',
  name: 'Aruba AOS-CX',
  prompt: /^([\w.-]+)(?:\([\w./-]+\))?[>#] ?$/,
  pagingOff: ['no page'],
  pagers: [
    { pattern: /\s*-- MORE --, next page: Space, next line: Enter, quit: q\s*$/, answer: ' ' },
    // A login banner may wait for a key, and a VSF stack asks which member, as on ArubaOS-Switch.
    { pattern: /Press any key to continue\s*$/, answer: ' ' },
    { pattern: /Enter switch number[^\n]*$/, answer: '\n' },
  ],
  commands: { config: 'show running-config', version: 'show system' },
  configHeader: [/^Current configuration:$/, /^$/],
  volatile: [],
  secrets: [keywordSecrets(CISCO_LIKE)],
  errors: [/^Invalid input: /, /^Command incomplete\./, /^Ambiguous command\./],
  // No end marker; every printout starts with the release comment: `!Version ArubaOS-CX FL.10.10.1000`, and
  // `!Version AOS-CX HL.10.15.1020` since the rename (Oxidized spec/model/data/aoscx#8325H_HL.10.15.1020).
  configComplete: /^!Version (?:Aruba|A)OS-CX \S+$/m,
  facts: {
    hostname: /^Hostname\s*: (\S+)/m,
    model: /^Product Name\s*: (\S+)/m,
    serial: /^Chassis Serial Nbr\s*: (\S+)/m,
    osVersion: /^(?:Aruba|A)OS-CX Version\s*: (\S+)/m,
  },
  logout: 'exit',
};
