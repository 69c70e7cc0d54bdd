/** What each simulated platform must look like on the wire, written out from the vendors' CLIs. */
export interface WireLook {
  loginPrompt: string;
  privilegedPrompt: string;
  /** Console options after the username, as clients send them (RouterOS `+ct`: no colours, no terminal probes). */
  loginOptions?: string;
  /** Shown before the first prompt; the device waits for a key (HP ProCurve). */
  gate?: string;
  /** The commands that turn paging off, in order; absent: the platform has none. */
  pagingOff?: readonly string[];
  configCommand: string;
  /** The config printout's first non-blank line. */
  configStart: RegExp;
  /** The line naming the device in its config; `{name}` is the device name. */
  hostnameLine: string;
  /** Absent: output is never paged. `wipe` is what the device writes once a key was pressed. */
  pager?: { prompt: string; wipe: string };
  /** Commands whose output tells model, serial and version between them. */
  factCommands: readonly string[];
  /** The serial is not shown to the lab's (unprivileged) user. */
  serialHidden?: true;
  badCommandError: RegExp;
}

const IOS_WIPE = `${'\b'.repeat(10)}${' '.repeat(10)}${'\b'.repeat(10)}`;
const CISCO_FACTS = ['show version', 'show inventory'];
const ROW = '\x1b[24;1H';

export const WIRE: Readonly<Record<string, WireLook>> = {
  cisco_ios: {
    loginPrompt: 'lab-r1>', privilegedPrompt: 'lab-r1#', pagingOff: ['terminal length 0'], configCommand: 'show running-config',
    configStart: /^Building configuration\.\.\.$/, hostnameLine: 'hostname {name}', pager: { prompt: ' --More-- ', wipe: IOS_WIPE },
    factCommands: CISCO_FACTS, badCommandError: /% Invalid input detected at '\^' marker\./,
  },
  cisco_iosxe: {
    loginPrompt: 'lab-r2>', privilegedPrompt: 'lab-r2#', pagingOff: ['terminal length 0'], configCommand: 'show running-config',
    configStart: /^Building configuration\.\.\.$/, hostnameLine: 'hostname {name}', pager: { prompt: ' --More-- ', wipe: IOS_WIPE },
    factCommands: CISCO_FACTS, badCommandError: /% Invalid input detected at '\^' marker\./,
  },
  cisco_nxos: {
    loginPrompt: 'lab-r3#', privilegedPrompt: 'lab-r3#', pagingOff: ['terminal length 0'], configCommand: 'show running-config',
    configStart: /^!Command: show running-config$/, hostnameLine: 'hostname {name}',
    pager: { prompt: '\x1b[7m--More--\x1b[27m', wipe: '\r\x1b[K' }, factCommands: CISCO_FACTS, badCommandError: /% Invalid command at '\^' marker\./,
  },
  cisco_iosxr: {
    loginPrompt: 'RP/0/RP0/CPU0:lab-r4#', privilegedPrompt: 'RP/0/RP0/CPU0:lab-r4#', pagingOff: ['terminal length 0'],
    configCommand: 'show running-config', configStart: /^\w{3} \w{3} [ \d]\d \d\d:\d\d:\d\d\.\d{3} UTC$/, hostnameLine: 'hostname {name}',
    pager: { prompt: ' --More-- ', wipe: IOS_WIPE }, factCommands: CISCO_FACTS, badCommandError: /% Invalid input detected at '\^' marker\./,
  },
  cisco_asa: {
    loginPrompt: 'lab-r5> ', privilegedPrompt: 'lab-r5# ', pagingOff: ['terminal pager 0'], configCommand: 'show running-config',
    configStart: /^: Saved$/, hostnameLine: 'hostname {name}', pager: { prompt: '<--- More --->', wipe: `\r${' '.repeat(14)}\r` },
    factCommands: CISCO_FACTS, badCommandError: /ERROR: % Invalid input detected at '\^' marker\./,
  },
  arista_eos: {
    loginPrompt: 'lab-r6>', privilegedPrompt: 'lab-r6#', pagingOff: ['terminal length 0'], configCommand: 'show running-config',
    configStart: /^! Command: show running-config$/, hostnameLine: 'hostname {name}', pager: { prompt: ' --More-- ', wipe: `\r${' '.repeat(10)}\r` },
    factCommands: CISCO_FACTS, badCommandError: /% Invalid input \(at token 1: 'bogus'\)/,
  },
  dell_os10: {
    loginPrompt: 'lab-r7#', privilegedPrompt: 'lab-r7#', pagingOff: ['terminal length 0'], configCommand: 'show running-configuration',
    configStart: /^! Version 10\.5\.\d+\.\d+$/, hostnameLine: 'hostname {name}', pager: { prompt: '--more--', wipe: `\r${' '.repeat(8)}\r` },
    factCommands: CISCO_FACTS, badCommandError: /% Error: Invalid input at "\^" marker\./,
  },
  juniper_junos: {
    loginPrompt: 'admin@lab-r8> ', privilegedPrompt: 'admin@lab-r8> ', pagingOff: ['set cli screen-length 0'],
    configCommand: 'show configuration | display omit', configStart: /^## Last commit: \d{4}-\d\d-\d\d \d\d:\d\d:\d\d UTC by admin$/,
    hostnameLine: '    host-name {name};', pager: { prompt: '---(more)---', wipe: `\r${' '.repeat(40)}\r` },
    factCommands: ['show version', 'show chassis hardware'], badCommandError: /\n\s+\^\r\nsyntax error, expecting <command>\./,
  },
  hp_procurve: {
    loginPrompt: 'lab-r9# ', privilegedPrompt: 'lab-r9# ', gate: 'Press any key to continue', pagingOff: ['no page'],
    configCommand: 'show running-config', configStart: /^Running configuration:$/, hostnameLine: 'hostname "{name}"',
    pager: { prompt: `${ROW}-- MORE --, next page: Space, next line: Enter, quit: Control-C`, wipe: `${ROW}\x1b[2K${ROW}\x1b[1;24r${ROW}` },
    factCommands: ['show system', 'show modules'], badCommandError: /Invalid input: bogus/,
  },
  aruba_aoscx: {
    loginPrompt: 'lab-r10# ', privilegedPrompt: 'lab-r10# ', pagingOff: ['no page'], configCommand: 'show running-config',
    configStart: /^Current configuration:$/, hostnameLine: 'hostname {name}',
    pager: { prompt: '-- MORE --, next page: Space, next line: Enter, quit: q', wipe: '\r\x1b[K' },
    factCommands: ['show system'], badCommandError: /Invalid input: bogus/,
  },
  mikrotik_routeros: {
    loginPrompt: '[admin@lab-r11] > ', privilegedPrompt: '[admin@lab-r11] > ', loginOptions: '+ct', configCommand: '/export terse',
    configStart: /^# \d{4}-\d\d-\d\d \d\d:\d\d:\d\d by RouterOS 7\.14$/, hostnameLine: '/system identity set name={name}',
    pager: { prompt: '-- [Q quit|D dump|C-z pause|down]', wipe: '\r\x1b[K' },
    factCommands: ['/system resource print', '/system routerboard print'], badCommandError: /bad command name show \(line 1 column 1\)/,
  },
  fortinet_fortios: {
    loginPrompt: 'lab-r12 # ', privilegedPrompt: 'lab-r12 # ', pagingOff: ['config system console', 'set output standard', 'end'], configCommand: 'show full-configuration',
    configStart: /^#config-version=FG100F-7\.4\.3-FW-build2573-240201:opmode=0:vdom=0:user=admin$/, hostnameLine: '    set hostname "{name}"',
    pager: { prompt: '--More-- ', wipe: `\r${' '.repeat(9)}\r` }, factCommands: ['get system status'],
    badCommandError: /command parse error before 'bogus'\r\nCommand fail\. Return code -61/,
  },
  paloalto_panos: {
    loginPrompt: 'admin@lab-r13> ', privilegedPrompt: 'admin@lab-r13> ', pagingOff: ['set cli pager off'], configCommand: 'show config running',
    configStart: /^config \{$/, hostnameLine: '          hostname {name};', pager: { prompt: 'lines 1-23 ', wipe: '\r\x1b[K' },
    factCommands: ['show system info'], badCommandError: /Unknown command: bogus/,
  },
  huawei_vrp: {
    loginPrompt: '<lab-r14>', privilegedPrompt: '<lab-r14>', pagingOff: ['screen-length 0 temporary'], configCommand: 'display current-configuration',
    configStart: /^!Software Version V200R020C10SPC600$/, hostnameLine: 'sysname {name}',
    pager: { prompt: '  ---- More ----', wipe: `\x1b[16D${' '.repeat(16)}\x1b[16D` },
    factCommands: ['display version', 'display esn'], badCommandError: /Error: Unrecognized command found at '\^' position\./,
  },
  linux: {
    loginPrompt: 'admin@lab-r15:~$ ', privilegedPrompt: 'admin@lab-r15:~$ ', configCommand: 'cat /etc/network/interfaces',
    configStart: /^# This file describes the network interfaces available on your system$/, hostnameLine: 'iface eno1 inet static',
    factCommands: ['cat /etc/os-release', 'grep . /sys/class/dmi/id/product_name /sys/class/dmi/id/product_serial'],
    serialHidden: true, badCommandError: /-bash: show: command not found/,
  },
};
