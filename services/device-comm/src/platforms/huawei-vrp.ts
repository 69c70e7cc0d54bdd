import { keywordSecrets } from '../capture/secret-grammar.js';
import { HUAWEI_VRP } from './secret-keywords.js';
import type { Platform } from './platform.js';

/**
 * Huawei VRP 5 and 8, after Oxidized's `vrp.rb`: `<HOST>` and `[~HOST]`, `screen-length 0 temporary`,
 * the pager wiped with cursor-left escapes (the session applies them). Secrets are `cipher` text.
 */
export const huaweiVrp: Platform = {
  id: 'huawei_vrp',
  name: 'Huawei VRP',
  // The user view `<HOST>`, where a capture stays; system views (`[~HOST-10GE1/0/1]`) cannot say where
  // the hostname ends, so a line like `[x]` could not be told from a prompt. Firewalls in hot standby put
  // their HRP role in front: `HRP_M<FW1>`, `HRP_S<FW1>`, and `HRP_M[FW1]`, which the prefix makes safe
  // (netmiko PR 440, Oxidized PR 2365).
  prompt: /^(?:HRP_[MS]\[(?=[\w.-]+\]$)|(?:HRP_[MS])?<(?=[\w.-]+>$))([\w.-]+)[>\]]$/,
  pagingOff: ['screen-length 0 temporary'],
  pagers: [{ pattern: /\s*---- More ----(?:\s+\d+%)?\s*$/, answer: ' ' }],
  commands: { config: 'display current-configuration', version: 'display version', inventory: 'display esn' },
  // With `timestamp enable` some releases print the time above every display output (`2018-03-14
  // 19:42:14.040 +01:00`, Oxidized issue 1218); an `Info:` notice may stand there too.
  configHeader: [/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d(?:\.\d+)?(?: ?[+-]\d\d:\d\d)?(?: DST)?$/, /^Info: /],
  volatile: [/^!Last configuration was (?:updated|saved) at /],
  secrets: [
    keywordSecrets(HUAWEI_VRP),
    { pattern: /%\^%#\S*?%\^%#/gm, replacement: '<removed>' },
    { pattern: /^(\s*pin verify(?: auto)?) \S+/gm, replacement: '$1 <removed>' },
  ],
  errors: [/^Error: /],
  configComplete: /(?:^|\n)return\n*$/,
  facts: {
    hostname: null,
    // `HUAWEI CE6881-48S6CQ uptime is`, `HUAWEI S5720-28X-SI-AC Routing Switch uptime is`, `Quidway S5700-28C-EI ...`.
    model: /^(?:HUAWEI|Quidway) (\S+)(?: (?:Terabit )?Routing Switch)? uptime is /m,
    serial: /^ESN of [^:]+: (\S+)/m,
    osVersion: /^VRP \(R\) software, Version [\d.]+ \(\S+ (V\w+)\)/m,
  },
  logout: 'quit',
};
