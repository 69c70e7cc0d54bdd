import type { DeviceFacts } from '@netraven/domain';
import { getPlatform, parseFacts } from '../platforms/index.js';
import type { Platform } from '../platforms/platform.js';
import { CommandRejectedError, DeviceCommError } from '../session/device-comm-error.js';
import type { OutputLimits } from '../session/output-limits.js';
import type { HostKeyVerifier, SshAlgorithms } from '../session/ssh-connection.js';
import type { CommandChannel } from '../session/transport.js';
import { redactingLogger, type CaptureLogger, type CaptureLogLine } from './capture-log.js';
import { cleanConfig } from './config-cleaner.js';
import { loginName, openCommandChannel, type DeviceProtocol } from './open-channel.js';
import { redactWithCredentials } from './secret-redactor.js';

export interface CaptureTarget {
  host: string;
  port: number;
  username: string;
  password: string;
  enablePassword?: string;
  /** A platform id from the catalog (`cisco_ios`), or a platform object (variants, tests). */
  platform: string | Platform;
  /** How to reach the CLI. Default: `ssh`. Host key checks apply to SSH only; Telnet has no host key. */
  protocol?: DeviceProtocol;
  /** SSH only: old algorithms to offer besides the modern defaults, for old gear. */
  algorithms?: SshAlgorithms;
}

export interface CaptureOptions {
  /** Bounds TCP connect, SSH handshake and authentication. */
  connectTimeoutMs: number;
  /** Bounds each step after login: the shell, the first prompt, each command (a whole command, not a pause). */
  commandTimeoutMs: number;
  /** SSH only: decides whether the device's host key is acceptable. */
  hostVerifier?: HostKeyVerifier;
  /** Bounds on what one command may send; defaults: 64 MiB, 100,000 pager prompts. */
  limits?: Partial<OutputLimits>;
  /** Receives the conversation log; every message is redacted first. */
  onLog?: (line: CaptureLogLine) => void;
}

export interface DeviceCapture {
  /** Stored form: no echo, prompt, header or volatile lines; secrets masked. */
  config: string;
  facts: DeviceFacts;
  /** The SSH host key the device presented; empty over Telnet, which has none to pin. */
  hostKeyFingerprint: string;
}

// A debug log line carries at most this much of one output; a 20 MB config does not belong in a log.
const LOGGED_OUTPUT_CHARS = 1 << 20;

export function resolvePlatform(platform: string | Platform): Platform {
  if (typeof platform !== 'string') return platform;
  try {
    return getPlatform(platform);
  } catch (error) {
    throw new DeviceCommError('config', error instanceof Error ? error.message : String(error), { cause: error });
  }
}

/** Logs in to one device (SSH or Telnet), reads its config and facts, and logs out. */
export async function captureDevice(target: CaptureTarget, options: CaptureOptions): Promise<DeviceCapture> {
  const platform = resolvePlatform(target.platform);
  const redact = (text: string): string => redactWithCredentials(text, platform, [target.password, target.enablePassword]);
  const log = redactingLogger(options.onLog, redact);
  const address = `${target.host}:${target.port}`;
  try {
    log('info', `connecting to ${address} over ${target.protocol ?? 'ssh'} as ${loginName(target.username, platform)} (${platform.id})`);
    const opened = await openCommandChannel(target, platform, options, log);
    try {
      const captured = await converse(opened.channel, platform, log);
      return { ...captured, hostKeyFingerprint: opened.hostKeyFingerprint };
    } finally {
      opened.hangUp();
    }
  } catch (error) {
    // Messages may quote device output and end up in events and logs: they leave here redacted.
    const failure = error instanceof DeviceCommError ? error : new DeviceCommError('protocol', `capture of ${address} failed: ${String(error)}`, { cause: error });
    const message = redact(failure.message);
    log('error', `${failure.category}: ${message}`);
    throw message === failure.message ? failure : new DeviceCommError(failure.category, message, { cause: failure.cause });
  }
}

async function converse(channel: CommandChannel, platform: Platform, log: CaptureLogger): Promise<Omit<DeviceCapture, 'hostKeyFingerprint'>> {
  const version = await runForFacts(channel, platform.commands.version, log);
  const inventoryCommand = platform.commands.inventory;
  const inventory = inventoryCommand === undefined ? '' : await runForFacts(channel, inventoryCommand, log);
  const facts = parseFacts(`${version}\n${inventory}`, platform.facts);
  if (facts.hostname === undefined && channel.hostname !== undefined) facts.hostname = channel.hostname;

  const raw = await runLogged(channel, platform.commands.config, log);
  const config = cleanConfig(raw, platform);
  if (config.trim() === '') throw new DeviceCommError('config', `${channel.address} returned an empty config`);
  if (!platform.configComplete.test(config)) {
    throw new DeviceCommError('config', `${channel.address} returned an incomplete config (${config.split('\n').length - 1} lines, no end marker)`);
  }
  log('info', `config captured: ${config.length} characters`);
  if (channel.droppedCharacters > 0) {
    log('warn', `dropped ${channel.droppedCharacters} characters that were not text (line noise, or bytes that were not UTF-8)`);
  }
  await channel.logout();
  return { config, facts };
}

async function runLogged(channel: CommandChannel, command: string, log: CaptureLogger): Promise<string> {
  log('debug', `> ${command}`);
  const output = await channel.run(command);
  log('debug', loggable(output));
  return output;
}

/**
 * Facts are a bonus, the config is the backup: a box that lacks a facts command (an HP 2510G has no
 * `show modules`) still gets backed up, with only what that command would have told left empty.
 */
async function runForFacts(channel: CommandChannel, command: string, log: CaptureLogger): Promise<string> {
  try {
    return await runLogged(channel, command, log);
  } catch (error) {
    if (!(error instanceof CommandRejectedError)) throw error;
    log('warn', `${error.message}; facts from "${command}" left empty`);
    return '';
  }
}

/** Whole lines only, so a secret is never cut in half where redaction could no longer recognise it. */
function loggable(output: string): string {
  if (output.length <= LOGGED_OUTPUT_CHARS) return output;
  const cut = output.lastIndexOf('\n', LOGGED_OUTPUT_CHARS);
  const kept = output.slice(0, Math.max(0, cut));
  return `${kept}\n... ${output.length - kept.length} more characters not logged`;
}
