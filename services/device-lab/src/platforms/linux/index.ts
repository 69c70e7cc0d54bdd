import { formatCtime } from '../../formats/clock.js';
import { command, exit, show, showInventory, showRunningConfig, showVersion } from '../../simulation/command-table.js';
import type { PlatformProfile, SimulatedBox } from '../../simulation/platform-profile.js';
import { kernelOf, linuxIdentityFor, renderDmiGrep, type LinuxIdentity } from './identity.js';
import { defaultInterfacesFile, interfacesFile } from './interfaces-file.js';
import { NETWORK_CONFIG_COMMAND } from './network-files.js';

const HOUR_MS = 3_600_000;

/**
 * A Linux server (Debian 12, Ubuntu 22.04) behind bash: no pager, no enable, config is a file. bash
 * switches bracketed paste on around every prompt and off again once Enter is pressed.
 */
export const linuxServer: PlatformProfile = {
  id: 'linux',
  sshIdent: 'OpenSSH_9.2p1 Debian-2+deb12u2',
  prompts: { user: '{username}@{hostname}:~$ ', privileged: '{username}@{hostname}:~$ ', config: '{username}@{hostname}:~$ ' },
  screen: { prompt: (prompt) => `\x1b[?2004h${prompt}`, afterEnter: '\x1b[?2004l\r' },
  commands: [
    command('cat /etc/network/interfaces', showRunningConfig),
    command(NETWORK_CONFIG_COMMAND, showRunningConfig),
    command('cat /etc/os-release', showVersion),
    command('grep . /sys/class/dmi/id/product_name /sys/class/dmi/id/product_serial', showInventory),
    command('hostname', show((device) => `${device.hostname}\n`)),
    command('uname -r', show((device) => `${kernelOf(device.box.identity.model).release}\n`)),
    command('exit', exit),
    command('logout', exit),
  ],
  abbreviations: false,
  errors: {
    unknown: '-bash: {word}: command not found\n',
    invalid: '{command}: {word}: No such file or directory\n',
    incomplete: '{command}: missing operand\n',
    ambiguous: '-bash: {line}: ambiguous redirect\n',
  },
  configBanner: '',
  runningConfig: interfacesFile,
  loginBanner: (device, now) => {
    const kernel = kernelOf(device.box.identity.model);
    return [
      `Linux ${device.hostname} ${kernel.release} ${kernel.build} x86_64`,
      '',
      'The programs included with this system are free software;',
      'the exact distribution terms for each program are described in the',
      'individual files in /usr/share/doc/*/copyright.',
      '',
      `Last login: ${formatCtime(new Date(now.getTime() - HOUR_MS))} from 10.10.1.5`,
      '',
    ].join('\n');
  },
  createBox: (index, now) => linuxBox(linuxIdentityFor(index, now), defaultInterfacesFile),
};

/** One server: its identity, and its network setup as the config command prints it. */
export function linuxBox(identity: LinuxIdentity, defaultConfig: SimulatedBox['defaultConfig']): SimulatedBox {
  return {
    identity: { model: identity.productName, serial: identity.serial, osVersion: identity.prettyName, bootedAt: identity.bootedAt },
    defaultConfig,
    renderRunningConfig: (state) => state.body.replace(/\n*$/, '\n'),
    showVersion: () => `${identity.osRelease.join('\n')}\n`,
    showInventory: () => renderDmiGrep(identity),
  };
}
