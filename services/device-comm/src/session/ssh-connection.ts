import { createHash } from 'node:crypto';
import ssh2 from 'ssh2';
import type { Algorithms, AuthenticationType, AnyAuthMethod, Client as SshClient } from 'ssh2';
import { classifyConnectionError } from './connection-failure.js';
import { DeviceCommError } from './device-comm-error.js';

const { Client } = ssh2;

/** Decides whether a device's host key is acceptable; the caller pins keys (trust on first use). */
export type HostKeyVerifier = (fingerprint: string, key: Buffer) => boolean | Promise<boolean>;

/**
 * Algorithms to offer besides ssh2's modern defaults, for old gear (e.g. kex `diffie-hellman-group1-sha1`,
 * cipher `aes128-cbc`, host key `ssh-rsa`, hmac `hmac-sha1`). They are offered last, so a device that
 * speaks something better still gets that. Names ssh2 does not support fail the capture as `config`.
 */
export interface SshAlgorithms {
  kex?: readonly string[];
  cipher?: readonly string[];
  serverHostKey?: readonly string[];
  hmac?: readonly string[];
}

export interface SshConnectOptions {
  host: string;
  port: number;
  username: string;
  password: string;
  /** Bounds TCP connect, SSH handshake and authentication together. */
  connectTimeoutMs: number;
  hostVerifier?: HostKeyVerifier;
  algorithms?: SshAlgorithms;
}

export interface SshConnection {
  readonly client: SshClient;
  readonly address: string;
  /** OpenSSH-style `SHA256:...` fingerprint of the key the device presented. */
  readonly hostKeyFingerprint: string;
  /** Ends the connection for good; safe to call more than once. */
  close(): void;
}

export function sshFingerprint(key: Buffer): string {
  return `SHA256:${createHash('sha256').update(key).digest('base64').replace(/=+$/, '')}`;
}

/**
 * Password auth first; keyboard-interactive only when the server does not take passwords at all,
 * so a wrong password costs one failed login on the device, not two.
 */
function passwordAuthHandler(username: string, password: string) {
  let attempts = 0;
  return (methodsLeft: AuthenticationType[] | null): AnyAuthMethod | false => {
    attempts += 1;
    if (attempts === 1) return { type: 'password', username, password };
    if (attempts === 2 && methodsLeft && !methodsLeft.includes('password') && methodsLeft.includes('keyboard-interactive')) {
      return {
        type: 'keyboard-interactive',
        username,
        prompt: (_name, _instructions, _lang, prompts, finish) => finish(prompts.map(() => password)),
      };
    }
    return false;
  };
}

/** ssh2's "defaults plus these" form; it checks the names itself and throws on unknown ones. */
function appendedAlgorithms(extra: SshAlgorithms): Algorithms {
  const lists: Record<string, { append: string[]; prepend: string[]; remove: string[] }> = {};
  for (const [kind, names] of Object.entries(extra)) {
    if (names !== undefined && names.length > 0) lists[kind] = { append: [...names], prepend: [], remove: [] };
  }
  return lists as Algorithms;
}

/** Opens an authenticated SSH connection, or fails with a categorised DeviceCommError. */
export function openSshConnection(options: SshConnectOptions): Promise<SshConnection> {
  const address = `${options.host}:${options.port}`;
  const client = new Client();
  let fingerprint: string | undefined;
  let hostKeyRefusal: DeviceCommError | undefined;
  const close = (): void => {
    client.end();
    client.destroy();
  };

  return new Promise<SshConnection>((resolve, reject) => {
    let settled = false;
    const fail = (error: DeviceCommError): void => {
      if (settled) return;
      settled = true;
      clearTimeout(guard);
      close();
      reject(error);
    };
    // ssh2's readyTimeout normally fires first; this guard also covers a host verifier that never answers.
    const guard = setTimeout(
      () => fail(new DeviceCommError('timeout', `no SSH session with ${address} within ${options.connectTimeoutMs} ms`)),
      options.connectTimeoutMs + 250,
    );
    client.on('error', (error) => fail(hostKeyRefusal ?? classifyConnectionError(error, address, options.username)));
    client.on('close', () => fail(hostKeyRefusal ?? new DeviceCommError('protocol', `${address} closed the connection during SSH setup`)));
    client.on('ready', () => {
      if (settled) return;
      settled = true;
      clearTimeout(guard);
      client.removeAllListeners('error');
      client.removeAllListeners('close');
      // From here the session owns failures; this only keeps a late error from crashing the process.
      client.on('error', () => undefined);
      resolve({ client, address, hostKeyFingerprint: fingerprint ?? 'unknown', close });
    });
    const connect = (settings: Parameters<SshClient['connect']>[0]): void => {
      try {
        client.connect(settings);
      } catch (error) {
        // ssh2 refuses an algorithm it does not know before it opens any socket.
        const reason = error instanceof Error ? error.message : String(error);
        fail(new DeviceCommError('config', `SSH settings for ${address} are invalid: ${reason}`, { cause: error }));
      }
    };
    connect({
      host: options.host,
      port: options.port,
      username: options.username,
      readyTimeout: options.connectTimeoutMs,
      ...(options.algorithms ? { algorithms: appendedAlgorithms(options.algorithms) } : {}),
      authHandler: passwordAuthHandler(options.username, options.password),
      hostVerifier: (key: Buffer, verify: (valid: boolean) => void) => {
        const presented = sshFingerprint(key);
        fingerprint = presented;
        const check = options.hostVerifier;
        if (!check) return verify(true);
        Promise.resolve()
          .then(() => check(presented, key))
          .then(
            (accepted) => {
              if (!accepted) hostKeyRefusal = new DeviceCommError('hostkey', `${address} presented host key ${presented}, which does not match the pinned key`);
              verify(accepted);
            },
            (error: unknown) => {
              hostKeyRefusal = new DeviceCommError('hostkey', `host key check for ${address} failed: ${String(error)}`, { cause: error });
              verify(false);
            },
          );
      },
    });
    // Without it each request/response step waits ~40 ms on Nagle + delayed ACK (see PROBES.md).
    client.setNoDelay(true);
  });
}
