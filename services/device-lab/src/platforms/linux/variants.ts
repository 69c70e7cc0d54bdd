import { command, show } from '../../simulation/command-table.js';
import type { PlatformProfile } from '../../simulation/platform-profile.js';
import { linuxIdentityFor, RHEL_8, UBUNTU_NETPLAN } from './identity.js';
import { linuxBox, linuxServer } from './index.js';
import { defaultIfcfgFiles, defaultNetplanFile, networkFiles } from './network-files.js';

const noInterfacesFile = command('cat /etc/network/interfaces', show(() => 'cat: /etc/network/interfaces: No such file or directory\n'));
const withoutInterfacesFile = linuxServer.commands.map((spec) => (spec.words.join(' ') === 'cat /etc/network/interfaces' ? noInterfacesFile : spec));

/** RHEL 8: `[user@host ~]$ `, bash 4.4 without bracketed paste, ifcfg files instead of ifupdown. */
const rhel8: PlatformProfile = {
  ...linuxServer,
  variant: 'rhel8',
  sshIdent: 'OpenSSH_8.0',
  prompts: { user: '[{username}@{hostname} ~]$ ', privileged: '[{username}@{hostname} ~]$ ', config: '[{username}@{hostname} ~]$ ' },
  screen: {},
  commands: withoutInterfacesFile,
  runningConfig: networkFiles,
  createBox: (index, now) => linuxBox(linuxIdentityFor(index, now, RHEL_8), defaultIfcfgFiles),
};

/** Ubuntu 22.04 with netplan only, as the installer leaves it. */
const ubuntuNetplan: PlatformProfile = {
  ...linuxServer,
  variant: 'netplan',
  commands: withoutInterfacesFile,
  runningConfig: networkFiles,
  createBox: (index, now) => linuxBox(linuxIdentityFor(index, now, UBUNTU_NETPLAN), defaultNetplanFile),
};

export const linuxVariants: readonly PlatformProfile[] = [rhel8, ubuntuNetplan];
