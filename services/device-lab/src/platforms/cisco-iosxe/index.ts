import { formatIosUptime } from '../../formats/uptime.js';
import type { PlatformProfile } from '../../simulation/platform-profile.js';
import { iosCli } from '../cisco-ios/ios-cli.js';
import { printIosRunningConfig } from '../cisco-ios/ios-running-config.js';
import { renderIosInventory } from '../cisco-ios/show-inventory.js';
import { defaultRunningConfig } from './default-running-config.js';
import { iosXeIdentityFor } from './identity.js';
import { renderIosXeShowVersion } from './show-version.js';

/** Cisco IOS XE 17.x: Catalyst 9300 access switches and ISR 4331 branch routers; the IOS CLI. */
export const ciscoIosXe: PlatformProfile = {
  id: 'cisco_iosxe',
  ...iosCli,
  createBox: (index, now) => {
    const identity = iosXeIdentityFor(index, now);
    return {
      identity: { model: identity.model, serial: identity.serial, osVersion: identity.version, bootedAt: identity.bootedAt },
      defaultConfig: (input) => defaultRunningConfig(input, identity),
      renderRunningConfig: (state) => printIosRunningConfig(state, { wanderingClockPeriod: false }),
      showVersion: (hostname, at) => renderIosXeShowVersion(hostname, identity, formatIosUptime(identity.bootedAt, at)),
      showInventory: () =>
        renderIosInventory([
          { name: identity.role === 'switch' ? 'c93xx Stack' : 'Chassis', description: `Cisco ${identity.model} Chassis`, pid: identity.model, serial: identity.serial },
        ]),
    };
  },
};
