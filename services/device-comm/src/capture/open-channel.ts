import type { Platform } from '../platforms/platform.js';
import { CliSession } from '../session/cli-session.js';
import type { OutputLimits } from '../session/output-limits.js';
import { openSshConnection, type HostKeyVerifier, type SshAlgorithms } from '../session/ssh-connection.js';
import { SshExecChannel } from '../session/ssh-exec.js';
import { openSshShell } from '../session/ssh-shell.js';
import { openTelnet } from '../session/telnet/telnet-transport.js';
import { telnetLogin } from '../session/telnet/telnet-login.js';
import type { CliTransport, CommandChannel } from '../session/transport.js';
import type { CaptureLogger } from './capture-log.js';
import { startInteractive } from './interactive-channel.js';

export type DeviceProtocol = 'ssh' | 'telnet';

export interface ChannelTarget {
  host: string;
  port: number;
  username: string;
  password: string;
  enablePassword?: string;
  protocol?: DeviceProtocol;
  algorithms?: SshAlgorithms;
}

export interface ChannelOptions {
  connectTimeoutMs: number;
  commandTimeoutMs: number;
  hostVerifier?: HostKeyVerifier;
  limits?: Partial<OutputLimits>;
}

export interface OpenedChannel {
  channel: CommandChannel;
  /** The SSH host key the device presented; empty over Telnet, which has none. */
  hostKeyFingerprint: string;
  /** Hangs up for good; safe to call more than once. */
  hangUp(): void;
}

/**
 * Logs in over the target's protocol and returns a channel ready for show commands. This is the one
 * place that knows protocols: SSH shell or exec (platform.exec), Telnet; an HTTP API would be one more.
 */
export async function openCommandChannel(target: ChannelTarget, platform: Platform, options: ChannelOptions, log: CaptureLogger): Promise<OpenedChannel> {
  const sessionOptions = { commandTimeoutMs: options.commandTimeoutMs, ...(options.limits ? { limits: options.limits } : {}) };
  const username = loginName(target.username, platform);
  if (target.protocol === 'telnet') {
    const transport = await openTelnet({ host: target.host, port: target.port, connectTimeoutMs: options.connectTimeoutMs });
    try {
      const session = new CliSession(transport, platform, sessionOptions);
      await telnetLogin(session, username, target.password);
      log('info', 'logged in over Telnet');
      const channel = await startInteractive(session, platform, target.enablePassword, log, options.commandTimeoutMs);
      return { channel, hostKeyFingerprint: '', hangUp: () => transport.close() };
    } catch (error) {
      transport.close();
      throw error;
    }
  }

  const connection = await openSshConnection({
    host: target.host,
    port: target.port,
    username,
    password: target.password,
    connectTimeoutMs: options.connectTimeoutMs,
    ...(options.hostVerifier ? { hostVerifier: options.hostVerifier } : {}),
    ...(target.algorithms ? { algorithms: target.algorithms } : {}),
  });
  const hangUp = (): void => connection.close();
  try {
    log('info', `authenticated; host key ${connection.hostKeyFingerprint}`);
    if (platform.exec) {
      log('info', 'running each command in its own exec channel');
      return { channel: new SshExecChannel(connection, platform, sessionOptions), hostKeyFingerprint: connection.hostKeyFingerprint, hangUp };
    }
    const transport: CliTransport = await openSshShell(connection, options.commandTimeoutMs);
    const channel = await startInteractive(new CliSession(transport, platform, sessionOptions), platform, target.enablePassword, log, options.commandTimeoutMs);
    return { channel, hostKeyFingerprint: connection.hostKeyFingerprint, hangUp };
  } catch (error) {
    hangUp();
    throw error;
  }
}

/** The name to log in with: the username plus the platform's console options (`admin+ct`), unless it has some. */
export function loginName(username: string, platform: Pick<Platform, 'loginNameSuffix'>): string {
  const suffix = platform.loginNameSuffix;
  return suffix === undefined || username.includes('+') ? username : `${username}${suffix}`;
}
