import type { Platform } from './platform.js';

/**
 * A Linux server or appliance over its login shell, after Oxidized's `linuxgeneric.rb`: no pager, no
 * enable. The config is `/etc/network/interfaces` (`linuxFiles` reads any list). The DMI serial is
 * readable by root only; an unprivileged login simply has no serial.
 */
export const linux: Platform = {
  id: 'linux',
  name: 'Linux',
  // `admin@web1:~$ `, `root@web1:/etc# `, `[admin@web1 ~]$ ` (RHEL).
  prompt: /^\[?[\w.-]+@([\w.-]+)(?::\S*|\s[^\]]*\])[$#] ?$/,
  pagingOff: [],
  pagers: [],
  commands: {
    config: 'cat /etc/network/interfaces',
    version: 'cat /etc/os-release',
    // With two files grep names each; a file it may not read is a complaint, not a failure.
    inventory: 'grep . /sys/class/dmi/id/product_name /sys/class/dmi/id/product_serial',
  },
  configHeader: [],
  volatile: [],
  secrets: [
    { pattern: /^(\s*(?:wpa-psk|wpa-password|wireless-key\d?|psk|password|secret)) \S+/gm, replacement: '$1 <removed>' },
  ],
  errors: [/^-?bash: .*: command not found$/, /^(?:cat|tail): .*: (?:No such file or directory|Permission denied|Is a directory)$/],
  configComplete: /^(?:auto|iface|allow-[\w-]+|source|==>) /m,
  facts: {
    hostname: null,
    model: /^\/sys\/class\/dmi\/id\/product_name:(.+)$/m,
    serial: /^\/sys\/class\/dmi\/id\/product_serial:(\S.*)$/m,
    osVersion: /^PRETTY_NAME="?([^"\n]+)"?$/m,
  },
  logout: 'exit',
};

/** Linux with the given files as its config: `tail -n +1` prints each under a `==> file <==` header. */
export function linuxFiles(files: readonly string[]): Platform {
  return { ...linux, commands: { ...linux.commands, config: `tail -n +1 ${files.join(' ')}` }, configComplete: /^==> \S+ <==$/m };
}
