import type { CliMode, CommandAction, CommandSpec } from './platform-profile.js';
import type { SimulatedDevice } from './simulated-device.js';

/** Where a command exists: exec commands in both exec modes, privileged ones only after enable. */
export const EXEC: readonly CliMode[] = ['user', 'privileged'];
export const PRIVILEGED: readonly CliMode[] = ['privileged'];
export const CONFIG: readonly CliMode[] = ['config'];

/** `command('show running-config', runningConfig, PRIVILEGED)`: one row of a vendor's command table. */
export function command(words: string, action: CommandAction, modes: readonly CliMode[] = EXEC): CommandSpec {
  return { words: words.split(' '), action, modes };
}

export const show = (render: (device: SimulatedDevice, now: Date) => string): CommandAction => ({ kind: 'show', render });
export const showVersion = show((device, now) => device.renderVersion(now));
export const showInventory = show((device) => device.box.showInventory());
export const showRunningConfig: CommandAction = { kind: 'show-running-config' };
export const terminalLength: CommandAction = { kind: 'terminal-length' };
export const timestampsOff: CommandAction = { kind: 'timestamps-off' };
export const accept: CommandAction = { kind: 'accept' };
export const enable: CommandAction = { kind: 'enable' };
export const disable: CommandAction = { kind: 'disable' };
export const configure: CommandAction = { kind: 'configure' };
export const end: CommandAction = { kind: 'end' };
export const exit: CommandAction = { kind: 'exit' };

/** The ways out every Cisco-like CLI knows: `exit` everywhere, `end` from config mode, `logout`/`quit` from exec. */
export const leaving: readonly CommandSpec[] = [
  command('exit', exit, ['user', 'privileged', 'config']),
  command('end', end, CONFIG),
  command('logout', exit),
  command('quit', exit),
];
