import { keywordSecrets } from '../capture/secret-grammar.js';
import { CISCO_LIKE } from './secret-keywords.js';
import type { Platform } from './platform.js';

const removed = '$1 <removed>';
const QUOTED_OR_WORD = String.raw`(?:"[^"]*"|\S+)`;

/**
 * HP ProCurve / Aruba ArubaOS-Switch, after Oxidized's `procurve.rb`: a notice that waits for a key
 * before the first prompt, VT100 cursor control everywhere (the session strips it), `no page`.
 */
export const hpProCurve: Platform = {
  id: 'hp_procurve',
  name: 'HP ProCurve / ArubaOS-Switch',
  // Factory hostnames carry spaces: `ProCurve Switch 2610-48#`.
  prompt: /^([\w.-]+(?: [\w.-]+)*)(?:\([\w.-]+\))?[>#] ?$/,
  pagingOff: ['no page'],
  pagers: [
    { pattern: /\s*-- MORE --, next page: Space, next line: Enter, quit: Control-C\s*$/, answer: ' ' },
    // Not pagers, but answered the same way: the login notice waits for any key, a stack asks which member.
    { pattern: /Press any key to continue\s*$/, answer: ' ' },
    { pattern: /Enter switch number[^\n]*$/, answer: '\n' },
  ],
  commands: { config: 'show running-config', version: 'show system', inventory: 'show modules' },
  configHeader: [/^Running configuration:$/, /^$/],
  volatile: [],
  secrets: [
    { pattern: new RegExp(String.raw`^(password (?:manager|operator|port-access)(?: user-name ${QUOTED_OR_WORD})? (?:sha1|sha256|plaintext)) ${QUOTED_OR_WORD}`, 'gm'), replacement: removed },
    // `password manager ...` names whose password follows; the rest is the Cisco-like grammar.
    keywordSecrets({ ...CISCO_LIKE, notValues: [...(CISCO_LIKE.notValues ?? []), 'manager', 'operator', 'port-access'] }),
  ],
  errors: [/^Invalid input: /, /^Incomplete input: /, /^Ambiguous input: /],
  // No end marker; every printout starts with the editor header naming the product and release.
  configComplete: /^; \S+ Configuration Editor; Created on release #/m,
  facts: {
    hostname: /^\s*System Name\s*: (\S.*?)\s*$/m,
    model: /^\s*Chassis: \S+ (\S+)/m,
    serial: /^\s*ROM Version\s*:.*\bSerial Number\s*: (\S+)/m,
    osVersion: /^\s*Software revision\s*: (\S+)/m,
  },
  logout: 'logout',
};
