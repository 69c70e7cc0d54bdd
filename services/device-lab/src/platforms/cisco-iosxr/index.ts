import { dayName, formatCtime, monthName, timeOfDayMillis } from '../../formats/clock.js';
import { formatIosUptime } from '../../formats/uptime.js';
import {
  accept, command, CONFIG, configure, end, exit, EXEC, show, showInventory, showRunningConfig, showVersion, terminalLength, timestampsOff,
} from '../../simulation/command-table.js';
import type { PlatformProfile } from '../../simulation/platform-profile.js';
import { iosXrIdentityFor, renderIosXrInventory, renderIosXrShowVersion } from './identity.js';
import { defaultIosXrRunningConfig, iosXrRunningConfig, printIosXrRunningConfig } from './running-config.js';

/** `Thu Aug 25 09:17:42.875 UTC`: what IOS XR prints before every command's output. */
const timestamp = (now: Date): string => `${formatCtime(now).slice(0, 10)} ${timeOfDayMillis(now)} UTC`;

/** Cisco IOS XR 7.x (NCS 5700, ASR 9901): lands in exec with its node-qualified prompt, timestamps every output. */
export const ciscoIosXr: PlatformProfile = {
  id: 'cisco_iosxr',
  sshIdent: 'Cisco-2.0',
  prompts: {
    user: 'RP/0/RP0/CPU0:{hostname}#',
    privileged: 'RP/0/RP0/CPU0:{hostname}#',
    config: 'RP/0/RP0/CPU0:{hostname}(config)#',
  },
  pager: { prompt: ' --More-- ', erase: 'backspaces' },
  commands: [
    command('show running-config', showRunningConfig),
    command('show version', showVersion),
    command('show inventory', showInventory),
    command('show clock', show((_, now) => `${timeOfDayMillis(now)} UTC ${dayName(now)} ${monthName(now)} ${now.getUTCDate()} ${now.getUTCFullYear()}\n`)),
    command('terminal length <0-512>', terminalLength),
    command('terminal width <0-512>', accept),
    command('terminal exec prompt no-timestamp', timestampsOff),
    command('configure terminal', configure),
    command('exit', exit, [...EXEC, ...CONFIG]),
    command('end', end, CONFIG),
  ],
  abbreviations: true,
  errors: {
    unknown: "{caret}\n% Invalid input detected at '^' marker.\n",
    invalid: "{caret}\n% Invalid input detected at '^' marker.\n",
    incomplete: '% Incomplete command.\n',
    ambiguous: '% Ambiguous command:  "{line}"\n',
  },
  configBanner: '',
  outputTimestamp: timestamp,
  runningConfig: iosXrRunningConfig,
  loginBanner: () => '\n\n',
  createBox: (index, now) => {
    const identity = iosXrIdentityFor(index, now);
    return {
      identity: { model: identity.model, serial: identity.serial, osVersion: identity.version, bootedAt: identity.bootedAt },
      defaultConfig: (input) => defaultIosXrRunningConfig(input, identity),
      renderRunningConfig: (state) => printIosXrRunningConfig(state, identity),
      showVersion: (hostname, at) => renderIosXrShowVersion(hostname, identity, formatIosUptime(identity.bootedAt, at)),
      showInventory: () => renderIosXrInventory(identity),
    };
  },
};
