import type { DeviceFacts } from '@netraven/domain';
import { getPlatform, parseFacts } from '../platforms/index.js';
import type { Platform } from '../platforms/platform.js';
import { CliSession } from '../session/cli-session.js';
import { DeviceCommError } from '../session/device-comm-error.js';
import { openSshConnection, type HostKeyVerifier } from '../session/ssh-connection.js';
import { redactingLogger, type CaptureLogger, type CaptureLogLine } from './capture-log.js';
import { cleanConfig } from './config-cleaner.js';
import { enterPrivilegedMode } from './privilege-escalation.js';
import { redactWithCredentials } from './secret-redactor.js';

export interface CaptureTarget {
  host: string;
  port: number;
  username: string;
  password: string;
  enablePassword?: string;
  /** A platform id from the catalog (`cisco_ios`), or a platform object (variants, tests). */
  platform: string | Platform;
}

export interface CaptureOptions {
  /** Bounds TCP connect, SSH handshake and authentication. */
  connectTimeoutMs: number;
  /** Bounds each step after login: the shell, the first prompt, each command. */
  commandTimeoutMs: number;
  hostVerifier?: HostKeyVerifier;
  /** Receives the conversation log; every message is redacted first. */
  onLog?: (line: CaptureLogLine) => void;
}

export interface DeviceCapture {
  /** Stored form: no echo, prompt, header or volatile lines; secrets masked. */
  config: string;
  facts: DeviceFacts;
  hostKeyFingerprint: string;
}

const LOGOUT_GRACE_MS = 1_000;

function resolvePlatform(platform: string | Platform): Platform {
  if (typeof platform !== 'string') return platform;
  try {
    return getPlatform(platform);
  } catch (error) {
    throw new DeviceCommError('config', error instanceof Error ? error.message : String(error), { cause: error });
  }
}

/** Logs in to one device over SSH, reads its config and facts, and logs out. */
export async function captureDevice(target: CaptureTarget, options: CaptureOptions): Promise<DeviceCapture> {
  const platform = resolvePlatform(target.platform);
  const redact = (text: string): string => redactWithCredentials(text, platform, [target.password, target.enablePassword]);
  const log = redactingLogger(options.onLog, redact);
  const address = `${target.host}:${target.port}`;
  try {
    log('info', `connecting to ${address} as ${target.username} (${platform.id})`);
    const connection = await openSshConnection({
      host: target.host,
      port: target.port,
      username: target.username,
      password: target.password,
      connectTimeoutMs: options.connectTimeoutMs,
      ...(options.hostVerifier ? { hostVerifier: options.hostVerifier } : {}),
    });
    try {
      log('info', `authenticated; host key ${connection.hostKeyFingerprint}`);
      const session = await CliSession.open(connection.client, platform, { commandTimeoutMs: options.commandTimeoutMs, address });
      return await converse(session, platform, target, log, connection.hostKeyFingerprint, options.commandTimeoutMs);
    } finally {
      connection.close();
    }
  } catch (error) {
    // Messages may quote device output and end up in events and logs: they leave here redacted.
    const failure = error instanceof DeviceCommError ? error : new DeviceCommError('protocol', `capture of ${address} failed: ${String(error)}`, { cause: error });
    const message = redact(failure.message);
    log('error', `${failure.category}: ${message}`);
    throw message === failure.message ? failure : new DeviceCommError(failure.category, message, { cause: failure.cause });
  }
}

async function converse(
  session: CliSession,
  platform: Platform,
  target: CaptureTarget,
  log: CaptureLogger,
  hostKeyFingerprint: string,
  commandTimeoutMs: number,
): Promise<DeviceCapture> {
  const banner = await session.waitForFirstPrompt();
  if (banner.trim() !== '') log('debug', `banner:\n${banner}`);
  log('info', `prompt ${session.prompt}`);
  await enterPrivilegedMode(session, platform.enable, target.enablePassword);
  for (const command of platform.pagingOff) await turnPagingOff(session, command, log);

  const version = await runLogged(session, platform.commands.version, log);
  const inventoryCommand = platform.commands.inventory;
  const inventory = inventoryCommand === undefined ? '' : await runLogged(session, inventoryCommand, log);
  const facts = parseFacts(`${version}\n${inventory}`, platform.facts);
  if (facts.hostname === undefined && session.hostname !== undefined) facts.hostname = session.hostname;

  const raw = await runLogged(session, platform.commands.config, log);
  const config = cleanConfig(raw, platform);
  if (config.trim() === '') throw new DeviceCommError('config', `${session.address} returned an empty config`);
  if (!platform.configComplete.test(config)) {
    throw new DeviceCommError('config', `${session.address} returned an incomplete config (${config.split('\n').length - 1} lines, no end marker)`);
  }
  log('info', `config captured: ${config.length} characters`);
  await session.logout(platform.logout, Math.min(LOGOUT_GRACE_MS, commandTimeoutMs));
  return { config, facts, hostKeyFingerprint };
}

async function turnPagingOff(session: CliSession, command: string, log: CaptureLogger): Promise<void> {
  try {
    await session.run(command);
  } catch (error) {
    if (!(error instanceof DeviceCommError) || error.category !== 'command') throw error;
    log('warn', `${error.message}; answering pager prompts instead`);
  }
}

async function runLogged(session: CliSession, command: string, log: CaptureLogger): Promise<string> {
  log('debug', `> ${command}`);
  const output = await session.run(command);
  log('debug', output);
  return output;
}
