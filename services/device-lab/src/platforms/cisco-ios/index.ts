import { formatIosUptime } from '../../formats/uptime.js';
import type { PlatformProfile } from '../../simulation/platform-profile.js';
import { defaultRunningConfig } from './default-running-config.js';
import { ciscoIdentityFor } from './identity.js';
import { iosCli } from './ios-cli.js';
import { printIosRunningConfig } from './ios-running-config.js';
import { renderIosInventory } from './show-inventory.js';
import { renderShowVersion } from './show-version.js';

/** Classic Cisco IOS 15.x branch routers (ISR G2). */
export const ciscoIos: PlatformProfile = {
  id: 'cisco_ios',
  ...iosCli,
  createBox: (index, now) => {
    const identity = ciscoIdentityFor(index, now);
    return {
      identity: { model: identity.model, serial: identity.serial, osVersion: identity.version, bootedAt: identity.bootedAt },
      defaultConfig: (input) => defaultRunningConfig(input, identity),
      renderRunningConfig: (state) => printIosRunningConfig(state, { wanderingClockPeriod: true }),
      showVersion: (hostname, at) => renderShowVersion({ hostname, identity, uptime: formatIosUptime(identity.bootedAt, at) }),
      showInventory: () =>
        renderIosInventory([{ name: `${identity.model} chassis`, description: `${identity.model} chassis`, pid: identity.model, serial: identity.serial }]),
    };
  },
};
