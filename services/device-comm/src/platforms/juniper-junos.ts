import { keywordSecrets } from '../capture/secret-grammar.js';
import { JUNOS } from './secret-keywords.js';
import type { Platform } from './platform.js';

const removed = '$1 <removed>';

/**
 * Juniper Junos, after Oxidized's `junos.rb`: `user@host> `, no enable step, serial from the chassis
 * inventory. Junos 15.1+ marks every secret `## SECRET-DATA`; older releases are covered by name.
 */
export const juniperJunos: Platform = {
  id: 'juniper_junos',
  name: 'Juniper Junos',
  prompt: /^[\w.+-]+@([\w.-]+)[>#] ?$/,
  pagingOff: ['set cli screen-length 0', 'set cli screen-width 0'],
  pagers: [{ pattern: /\s*---\(more(?: \d+%)?\)---\s*$/, answer: ' ' }],
  commands: { config: 'show configuration | display omit', version: 'show version', inventory: 'show chassis hardware' },
  configHeader: [/^$/],
  // `{master}` (or `{master:0}`, `{primary:node0}`) stands above every prompt on dual-RE and clustered boxes.
  volatile: [/^## Last commit: /, /^## Last changed: /, /^\{(?:master|backup|primary|secondary|linecard)(?::[\w-]+)?\}$/],
  secrets: [
    { pattern: /^(.*) (?:"[^"]*"|[^\s;]+); ## SECRET-DATA$/gm, replacement: '$1 <removed>; ## SECRET-DATA' },
    keywordSecrets(JUNOS),
    // The curly form names an SNMP community as a block: `community NAME {`.
    { pattern: /^(\s*community) (?:"[^"]*"|\S+)(?= \{$)/gm, replacement: removed },
    // Archive sites may carry a password in the URL, which Junos does not mark.
    { pattern: /(\b[a-z]+:\/\/[^:/\s"@]+:)[^@\s"]+@/gm, replacement: '$1<removed>@' },
  ],
  errors: [/^syntax error/, /^unknown command\./, /^error: /],
  // Junos prints no end marker; a whole configuration starts with its version and ends with a top-level brace.
  configComplete: /(?:^|\n)version [^\n]+;\n[\s\S]*\n\}\n*$/,
  facts: {
    hostname: /^Hostname: (\S+)/m,
    model: /^Model: (\S+)/m,
    serial: /^Chassis\s+(\S+)/m,
    osVersion: /^Junos: (\S+)/m,
  },
  logout: 'exit',
};
