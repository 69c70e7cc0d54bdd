import { commandRefusal, type CommandResult } from '@netraven/domain';
import { DeviceCommError } from '../session/device-comm-error.js';
import { redactingLogger } from './capture-log.js';
import { resolvePlatform, type CaptureOptions, type CaptureTarget } from './capture-device.js';
import { cleanConfig } from './config-cleaner.js';
import { loginName, openCommandChannel } from './open-channel.js';
import { redactWithCredentials } from './secret-redactor.js';

export interface CommandRun {
  /** Each command's output without echo and prompt, secrets masked as in a stored config. */
  readonly results: CommandResult[];
  readonly hostKeyFingerprint: string;
}

/**
 * A COMMAND job on one device: logs in as a backup does, runs each read-only command, logs out. The
 * platform's allow-list is checked again here (the device's platform may have changed since the job
 * was asked for); a refused command fails the device with `command` before anything is sent.
 */
export async function runShowCommands(target: CaptureTarget, options: CaptureOptions, commands: readonly string[]): Promise<CommandRun> {
  const platform = resolvePlatform(target.platform);
  const credentials = [target.password, target.enablePassword];
  const redact = (text: string): string => redactWithCredentials(text, platform, credentials);
  const log = redactingLogger(options.onLog, redact);
  const address = `${target.host}:${target.port}`;
  for (const command of commands) {
    const refusal = commandRefusal(command, platform.id);
    if (refusal) throw new DeviceCommError('command', refusal);
  }
  try {
    log('info', `running ${commands.length} read-only command(s) on ${address} as ${loginName(target.username, platform)} (${platform.id})`);
    const opened = await openCommandChannel(target, platform, options, log);
    try {
      const results: CommandResult[] = [];
      for (const command of commands) {
        log('info', `> ${command}`);
        const raw = await opened.channel.run(command);
        // The config cleaner's echo, prompt and secret rules, with this command in place of the config command.
        const output = cleanConfig(raw, { ...platform, commands: { ...platform.commands, config: command }, configHeader: [], volatile: [] });
        results.push({ command, output: redactWithCredentials(output, platform, credentials) });
      }
      await opened.channel.logout();
      return { results, hostKeyFingerprint: opened.hostKeyFingerprint };
    } finally {
      opened.hangUp();
    }
  } catch (error) {
    const failure = error instanceof DeviceCommError ? error : new DeviceCommError('protocol', `commands on ${address} failed: ${String(error)}`, { cause: error });
    const message = redact(failure.message);
    log('error', `${failure.category}: ${message}`);
    throw message === failure.message ? failure : new DeviceCommError(failure.category, message, { cause: failure.cause });
  }
}
