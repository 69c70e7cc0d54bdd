import { keywordSecrets } from '../capture/secret-grammar.js';
import { PANOS } from './secret-keywords.js';
import type { Platform } from './platform.js';

const removed = '$1 <removed>';
const SECRET_FIELDS = 'phash|key|secret|password|bind-password|auth-password|priv-password|authpwd|privpwd|snmp-community-string|private-key|passphrase';

/** Palo Alto PAN-OS, after Oxidized's `panos.rb`: `user@host> `, `set cli pager off`, the braces config. */
export const paloAltoPanOs: Platform = {
  id: 'paloalto_panos',
  name: 'Palo Alto PAN-OS',
  // `admin@PA-VM> `, `admin@fw1(active)> ` in an HA pair, `#` in configure mode.
  prompt: /^[\w.+-]+@([\w.-]+)(?:\([\w-]+\))?[>#] ?$/,
  pagingOff: ['set cli pager off'],
  pagers: [{ pattern: /^lines \d+-\d+(?:\/\d+)?(?: \(END\))? ?$/, answer: ' ' }],
  commands: { config: 'show config running', version: 'show system info' },
  configHeader: [/^$/],
  volatile: [],
  secrets: [
    keywordSecrets(PANOS),
    // A PEM key spans lines inside one quoted value.
    { pattern: /^(\s*private-key) "[^"]*"/gm, replacement: removed },
    // The same values when the config is shown as XML.
    { pattern: new RegExp(String.raw`(<(${SECRET_FIELDS})>)[^<]*(</\2>)`, 'gm'), replacement: '$1<removed>$3' },
  ],
  errors: [/^Unknown command: /, /^Invalid syntax\./, /^Validation Error:/, /^Server error ?:/],
  configComplete: /(?:^|\n)config \{\n[\s\S]*\n\}\n*$/,
  facts: {
    hostname: /^hostname: (\S+)/m,
    model: /^model: (\S+)/m,
    // An unlicensed VM says `serial: unknown`.
    serial: /^serial: (?!unknown$)(\S+)/m,
    osVersion: /^sw-version: (\S+)/m,
  },
  logout: 'exit',
};
