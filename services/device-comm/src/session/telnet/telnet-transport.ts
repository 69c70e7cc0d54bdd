import { connect, type Socket } from 'node:net';
import { classifyConnectionError } from '../connection-failure.js';
import { DeviceCommError } from '../device-comm-error.js';
import { OutputBuffer, type CliTransport } from '../transport.js';
import { TelnetCodec, type TelnetWindow } from './telnet-codec.js';

export interface TelnetConnectOptions {
  host: string;
  port: number;
  /** Bounds the TCP connect. */
  connectTimeoutMs: number;
  /** Reported with NAWS; wide, so that no config line wraps. */
  window?: TelnetWindow;
}

const WINDOW: TelnetWindow = { cols: 511, rows: 24 };

/** Opens a Telnet connection as a CLI transport; the login happens in band, on the CLI session. */
export function openTelnet(options: TelnetConnectOptions): Promise<CliTransport> {
  const address = `${options.host}:${options.port}`;
  return new Promise((resolve, reject) => {
    const socket: Socket = connect({ host: options.host, port: options.port });
    let settled = false;
    const fail = (error: DeviceCommError): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      socket.destroy();
      reject(error);
    };
    const timer = setTimeout(
      () => fail(new DeviceCommError('timeout', `no TCP connection to ${address} within ${options.connectTimeoutMs} ms`)),
      options.connectTimeoutMs,
    );
    socket.once('error', (error) => fail(classifyConnectionError(error, address, '', 'Telnet')));
    socket.setNoDelay(true);
    socket.once('connect', () => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve(telnetTransport(socket, address, options.window ?? WINDOW));
    });
  });
}

function telnetTransport(socket: Socket, address: string, window: TelnetWindow): CliTransport {
  let ended = false;
  const output = new OutputBuffer();
  const codec = new TelnetCodec((bytes) => {
    if (!ended) socket.write(bytes);
  }, window);
  const closed = new Promise<DeviceCommError>((settle) => {
    socket.once('error', (error) => settle(new DeviceCommError('protocol', `Telnet with ${address} failed: ${error.message}`, { cause: error })));
    socket.once('close', () => settle(new DeviceCommError('protocol', `${address} closed the connection`)));
  });
  void closed.then(() => (ended = true));
  // The first error settles `closed`; a later one must not go unheard and crash the process.
  socket.on('error', () => undefined);
  socket.on('data', (chunk: Buffer) => {
    const data = codec.decode(chunk);
    if (data.length > 0) output.push(data);
  });
  codec.start();
  return {
    address,
    write: (text) => {
      if (!ended) socket.write(codec.encode(text));
    },
    onData: (receiver) => output.attach(receiver),
    closed,
    close: () => {
      ended = true;
      socket.destroy();
    },
  };
}
