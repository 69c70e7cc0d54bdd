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
  // `FGT60E # `, `FGT60E (console) # `, `FGT60E (root) # ` with VDOMs, `$` for read-only admins.
  prompt: /^([\w.~-]+)(?: \([\w.~-]+\))? [#$] ?$/,
  pagingOff: [],
  pagers: [{ pattern: /\s*--More--\s*$/, answer: ' ' }],
  // `show` prints what differs from the defaults, as FortiOS' own backup file does; `show full-configuration` is
  // many times longer and changes with every firmware's defaults.
  commands: { config: 'show', version: 'get system status' },
  configHeader: [],
  volatile: [/^#conf_file_ver=/],
  secrets: [
    { pattern: /^(\s*set [\w-]+ ENC) \S+/gm, replacement: removed },
    { pattern: /^(\s*set private-key) "[^"]*"/gm, replacement: removed },
    { pattern: /^(\s*set (?:password|passwd|psksecret|secret|key|auth-pwd|priv-pwd)) (?!ENC )(?!<removed>)\S+/gm, replacement: removed },
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
