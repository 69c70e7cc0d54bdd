import { assignmentSecrets } from '../capture/secret-grammar.js';
import type { Platform } from './platform.js';

/** Where distributions without ifupdown keep their network setup: netplan, RHEL's ifcfg, NetworkManager keyfiles. */
const NETWORK_FILES = [
  '/etc/netplan/*.yaml',
  '/etc/sysconfig/network-scripts/ifcfg-*',
  '/etc/NetworkManager/system-connections/*.nmconnection',
];

/**
 * A Linux server or appliance over its login shell, after Oxidized's `linuxgeneric.rb`: no pager, no
 * enable. The config is `/etc/network/interfaces` where ifupdown has one; elsewhere (RHEL, netplan) the
 * network files that exist (`linuxFiles` reads any list). The DMI serial is readable by root only; an
 * unprivileged login simply has no serial.
 */
export const linux: Platform = {
  id: 'linux',
  name: 'Linux',
  // `admin@web1:~$ `, `root@web1:/etc# `, `[admin@web1 ~]$ ` (RHEL).
  prompt: /^\[?[\w.-]+@([\w.-]+)(?::\S*|\s[^\]]*\])[$#] ?$/,
  pagingOff: [],
  pagers: [],
  commands: {
    // Debian's file as before, so its stored form stays; else each file that exists under a `==> file <==`
    // header (tail prints headers for several names, even when only one exists). `|| true`: a missing
    // file is no failure over exec either; finding nothing at all is an empty config.
    config: `cat /etc/network/interfaces 2>/dev/null || tail -n +1 ${NETWORK_FILES.join(' ')} 2>/dev/null || true`,
    version: 'cat /etc/os-release',
    // With two files grep names each; a file it may not read is a complaint, not a failure.
    inventory: 'grep . /sys/class/dmi/id/product_name /sys/class/dmi/id/product_serial',
  },
  configHeader: [],
  volatile: [],
  secrets: [
    { pattern: /^(\s*(?:wpa-psk|wpa-password|wireless-key\d?|psk|password|secret)) \S+/gm, replacement: '$1 <removed>' },
    // NetworkManager keyfiles (`[wifi-security]` `psk=`, `[802-1x]` `password=`) and hostapd: the value runs to the end of the line.
    { pattern: /^((?:psk|password|private-key-password|phase2-private-key-password|leap-password|wep-key[0-3]|pin|wpa_passphrase)=)(?!")(?!<removed>$).+$/gm, replacement: '$1<removed>' },
    // wpa_supplicant files: `psk="..."`, quoted, may stand anywhere on a line.
    assignmentSecrets({ keys: ['psk', 'password', 'secret', 'wpa_passphrase', 'wpa_psk', 'private_key_passwd', 'wep-key\\d'] }),
    // netplan (YAML): `password: "..."` under an access point or an `auth:` block.
    { pattern: /^(\s*(?:password|psk|private-key-password):)[ \t]+(?:"[^"\n]*"|'[^'\n]*'|[^\s#"'][^\n]*?)[ \t]*$/gm, replacement: '$1 <removed>' },
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
