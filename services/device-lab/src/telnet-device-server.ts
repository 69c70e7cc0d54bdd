import type { Socket } from 'node:net';
import { StringDecoder } from 'node:string_decoder';
import { outputEncoder } from './faults/garbage.js';
import { SimulatedCliSession } from './simulation/simulated-cli-session.js';
import type { SimulatedDevice } from './simulation/simulated-device.js';
import { listenForDevice, type ListeningDevice } from './ssh-device-server.js';
import { TelnetLogin } from './telnet/telnet-login.js';
import { TelnetServerCodec } from './telnet/telnet-server-codec.js';

/** Serves one simulated device over Telnet on its own TCP port, with the same CLI as over SSH. */
export async function listenAsTelnetDevice(device: SimulatedDevice, host: string, port: number): Promise<ListeningDevice> {
  let connections = 0;
  return listenForDevice(device, host, port, (socket) => serveTelnet(device, socket, `${device.name}/telnet#${(connections += 1)}`));
}

function serveTelnet(device: SimulatedDevice, socket: Socket, connectionId: string): void {
  let open = true;
  const codec = new TelnetServerCodec((bytes) => {
    if (open) socket.write(bytes);
  });
  const encode = outputEncoder(() => device.faults.garbageBytes === true, connectionId);
  const write = (text: string): void => {
    if (open && text !== '') socket.write(codec.encode(encode(text)));
  };
  const hangUp = (): void => {
    if (!open) return;
    open = false;
    socket.end();
  };
  const cli = new SimulatedCliSession(device, { write, close: hangUp });
  let loggedIn = false;
  const login = new TelnetLogin(device, write, (loginOptions) => {
    loggedIn = true;
    cli.start(loginOptions);
  }, hangUp);
  const decoder = new StringDecoder('utf8');
  let lastWasCr = false;

  socket.on('data', (chunk: Buffer) => {
    for (const key of decoder.write(codec.decode(chunk))) {
      // An NVT newline is CR LF: one Enter, also when the login ends on the CR and the CLI gets the LF.
      const skip = key === '\n' && lastWasCr;
      lastWasCr = key === '\r';
      if (skip || !open) continue;
      if (loggedIn) cli.receive(key);
      else login.receive(key);
    }
  });
  socket.on('close', () => {
    open = false;
    cli.abandon();
  });
  codec.open();
  login.start();
}
