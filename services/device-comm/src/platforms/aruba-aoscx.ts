import type { Platform } from './platform.js';

const removed = '$1 <removed>';

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
  secrets: [
    { pattern: /^(user \S+ group \S+ password ciphertext) \S+/gm, replacement: removed },
    { pattern: /^(\s*(?:tacacs|radius)-server host \S+ key (?:ciphertext|plaintext)) \S+/gm, replacement: removed },
    { pattern: /^(snmp-server community) \S+/gm, replacement: removed },
    { pattern: /^(snmp-server host \S+ (?:trap|inform) version (?:v1|v2c) community) \S+/gm, replacement: removed },
    { pattern: /^(snmpv3 user \S+ auth \S+ auth-pass (?:ciphertext|plaintext)) \S+( priv \S+ priv-pass (?:ciphertext|plaintext)) \S+/gm, replacement: '$1 <removed>$2 <removed>' },
  ],
  errors: [/^Invalid input: /, /^Command incomplete\./, /^Ambiguous command\./],
  // No end marker; every printout starts with the release comment.
  configComplete: /^!Version ArubaOS-CX \S+$/m,
  facts: {
    hostname: /^Hostname\s*: (\S+)/m,
    model: /^Product Name\s*: (\S+)/m,
    serial: /^Chassis Serial Nbr\s*: (\S+)/m,
    osVersion: /^ArubaOS-CX Version\s*: (\S+)/m,
  },
  logout: 'exit',
};
