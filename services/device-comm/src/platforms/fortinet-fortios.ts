import { keywordSecrets } from '../capture/secret-grammar.js';
import { FORTIOS } from './secret-keywords.js';
import type { Platform } from './platform.js';

const removed = '$1 <removed>';

/**
 * Fortinet FortiOS, after Oxidized's `fortios.rb`. FortiOS prints every stored secret `ENC`rypted with
 * a fresh salt each time, so they must be masked or every backup differs. Paging is a console setting:
 * turning it off (`config system console` / `set output standard`) would change the very config we back
 * up and needs write access, so the pager is answered instead, as Oxidized does.
 */
export const fortinetFortiOs: Platform = {
  id: 'fortinet_fortios',
  name: 'Fortinet FortiOS',
  // `FGT60E # `, `FGT60E (console) # `, `FGT60E (root) # ` with VDOMs, `$` for read-only admins; since 7.6.7
  // an HA member shows its role, `FW1(Primary) # `, `FW1(Primary) (global) # ` (Oxidized issues 3846, 3851),
  // also written `FGT-A (Secondary) # `.
  prompt: /^([\w.~-]+)(?:\((?:Primary|Secondary)\))?(?: \([\w.~-]+\)){0,2} [#$] ?$/,
  pagingOff: [],
  pagers: [
    { pattern: /\s*--More--\s*$/, answer: ' ' },
    // `set post-login-banner enable`: the disclaimer waits for this one key (Oxidized PR 2996, netmiko issue 988).
    { pattern: /\(Press 'a' to accept\):\s*$/, answer: 'a' },
  ],
  // `show` prints what differs from the defaults, as FortiOS' own backup file does; `show full-configuration` is
  // many times longer and changes with every firmware's defaults.
  commands: { config: 'show', version: 'get system status' },
  configHeader: [],
  volatile: [/^#conf_file_ver=/],
  secrets: [
    keywordSecrets(FORTIOS),
    // A PEM key spans lines inside one quoted value.
    { pattern: /^(\s*set (?:private-key|privatekey)) "[^"]*"/gm, replacement: removed },
    // An SNMP community is named by `set name` inside `config system snmp community`; elsewhere a name is a name.
    { pattern: /(?<=^config system snmp community\n(?:(?!end$).*\n)*?\s+set name )"[^"\n]*"/gm, replacement: '<removed>' },
  ],
  errors: [/^Unknown action \d+$/, /^command parse error before /, /^Command fail\. Return code /],
  configComplete: /(?:^|\n)#config-version=[\s\S]*\nend\n*$/,
  facts: {
    hostname: /^Hostname: (\S+)/m,
    model: /^Version: (\S+) v/m,
    serial: /^Serial-Number: (\S+)/m,
    osVersion: /^Version: \S+ v([\d.]+),build/m,
  },
  logout: 'exit',
};
