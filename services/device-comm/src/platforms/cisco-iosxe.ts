import { ciscoIos } from './cisco-ios.js';
import type { Platform } from './platform.js';

/** Cisco IOS XE 16/17 (Catalyst 9000, ISR 4000): the IOS CLI and config, its own `show version`. Oxidized covers it with `ios.rb`. */
export const ciscoIosXe: Platform = {
  ...ciscoIos,
  id: 'cisco_iosxe',
  name: 'Cisco IOS XE',
  facts: {
    hostname: /^(\S+) uptime is /m,
    model: /^cisco (\S+) \(.*\) processor/m,
    serial: /^Processor board ID (\S+)/m,
    osVersion: /^Cisco IOS XE Software, Version (\S+)/m,
  },
};
