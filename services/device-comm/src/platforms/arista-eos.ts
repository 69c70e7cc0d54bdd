import type { Platform } from './platform.js';

const removed = '$1 <removed>';

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
  secrets: [
    { pattern: /^(username \S+(?: privilege \d+)?(?: role \S+)? secret(?: sha512| \d)?) \S+/gm, replacement: removed },
    { pattern: /^(enable (?:password|secret)(?: sha512| \d)?) \S+/gm, replacement: removed },
    { pattern: /^(snmp-server community) \S+/gm, replacement: removed },
    { pattern: /^(snmp-server host \S+(?: vrf \S+)?(?: traps| informs)? version (?:1|2c|3 \w+)) \S+/gm, replacement: removed },
    { pattern: /^((?:tacacs|radius)-server (?:host \S+ (?:vrf \S+ )?)?key(?: \d)?) \S+/gm, replacement: removed },
    { pattern: /^(\s+neighbor \S+ password(?: \d)?) \S+/gm, replacement: removed },
    { pattern: /^(\s+ip ospf (?:authentication-key|message-digest-key \d+ md5)(?: \d)?) \S+/gm, replacement: removed },
  ],
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
