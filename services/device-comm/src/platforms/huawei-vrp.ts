import type { Platform } from './platform.js';

/**
 * Huawei VRP 5 and 8, after Oxidized's `vrp.rb`: `<HOST>` and `[~HOST]`, `screen-length 0 temporary`,
 * the pager wiped with cursor-left escapes (the session applies them). Secrets are `cipher` text.
 */
export const huaweiVrp: Platform = {
  id: 'huawei_vrp',
  name: 'Huawei VRP',
  // The user view `<HOST>`, where a capture stays; system views (`[~HOST-10GE1/0/1]`) cannot say where
  // the hostname ends, so a line like `[x]` could not be told from a prompt.
  prompt: /^<([\w.-]+)>$/,
  pagingOff: ['screen-length 0 temporary'],
  pagers: [{ pattern: /\s*---- More ----(?:\s+\d+%)?\s*$/, answer: ' ' }],
  commands: { config: 'display current-configuration', version: 'display version', inventory: 'display esn' },
  configHeader: [],
  volatile: [/^!Last configuration was (?:updated|saved) at /],
  secrets: [
    { pattern: /^(.*\b(?:irreversible-)?cipher) \S+/gm, replacement: '$1 <removed>' },
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
