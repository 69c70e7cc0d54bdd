import type { Platform } from '../platforms/platform.js';
import type { CliSession } from '../session/cli-session.js';
import { DeviceCommError } from '../session/device-comm-error.js';
import type { CommandChannel } from '../session/transport.js';
import type { CaptureLogger } from './capture-log.js';
import { enterPrivilegedMode } from './privilege-escalation.js';

const LOGOUT_GRACE_MS = 1_000;

/**
 * Gets an interactive CLI (over SSH or Telnet, logged in) ready for show commands: waits for the first
 * prompt, takes the enable step, turns paging off; then runs commands on it.
 */
export async function startInteractive(
  session: CliSession,
  platform: Platform,
  enablePassword: string | undefined,
  log: CaptureLogger,
  commandTimeoutMs: number,
): Promise<CommandChannel> {
  const banner = await session.waitForFirstPrompt();
  if (banner.trim() !== '') log('debug', `banner:\n${banner}`);
  log('info', `prompt ${session.prompt}`);
  await enterPrivilegedMode(session, platform.enable, enablePassword);
  for (const command of platform.pagingOff) await turnPagingOff(session, command, log);
  return {
    address: session.address,
    get hostname() {
      return session.hostname;
    },
    get droppedCharacters() {
      return session.droppedCharacters;
    },
    run: (command) => session.run(command),
    logout: () => session.logout(platform.logout, Math.min(LOGOUT_GRACE_MS, commandTimeoutMs)),
  };
}

async function turnPagingOff(session: CliSession, command: string, log: CaptureLogger): Promise<void> {
  try {
    await session.run(command);
  } catch (error) {
    if (!(error instanceof DeviceCommError) || error.category !== 'command') throw error;
    log('warn', `${error.message}; answering pager prompts instead`);
  }
}
