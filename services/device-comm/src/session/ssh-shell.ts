import { DeviceCommError } from './device-comm-error.js';
import type { SshConnection } from './ssh-connection.js';
import { OutputBuffer, type CliTransport } from './transport.js';

// Wide enough that no config line wraps; rows are only a hint, paging is turned off by command.
const PTY = { term: 'vt100', cols: 511, rows: 24 } as const;

/** Opens an interactive shell (with a pty) on an authenticated SSH connection, as a CLI transport. */
export function openSshShell(connection: SshConnection, timeoutMs: number): Promise<CliTransport> {
  const { client, address } = connection;
  return new Promise((resolve, reject) => {
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      reject(new DeviceCommError('timeout', `${address} did not open a shell within ${timeoutMs} ms`));
    }, timeoutMs);
    const early = (error: Error): void =>
      reject(new DeviceCommError('protocol', `SSH with ${address} failed: ${error.message}`, { cause: error }));
    client.once('error', early);
    client.shell(PTY, (error, channel) => {
      clearTimeout(timer);
      client.off('error', early);
      if (timedOut) return channel?.close();
      if (error) return reject(new DeviceCommError('protocol', `${address} refused a shell: ${error.message}`, { cause: error }));
      const output = new OutputBuffer();
      channel.on('data', (chunk: Buffer) => output.push(chunk));
      channel.stderr.on('data', (chunk: Buffer) => output.push(chunk));
      const closed = new Promise<DeviceCommError>((settle) => {
        channel.once('close', () => settle(new DeviceCommError('protocol', `${address} closed the session`)));
        client.once('close', () => settle(new DeviceCommError('protocol', `${address} dropped the connection`)));
        client.once('error', (failure) => settle(new DeviceCommError('protocol', `SSH with ${address} failed: ${failure.message}`, { cause: failure })));
      });
      let ended = false;
      void closed.then(() => (ended = true));
      resolve({
        address,
        write: (text) => {
          if (!ended) channel.write(text);
        },
        onData: (receiver) => output.attach(receiver),
        closed,
        close: () => connection.close(),
      });
    });
  });
}
