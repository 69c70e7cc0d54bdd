import { createServer, type Server as NetServer, type Socket } from 'node:net';
import ssh2 from 'ssh2';
import type { AuthContext, Connection, ServerChannel } from 'ssh2';
import { SimulatedCliSession } from './simulation/simulated-cli-session.js';
import type { SimulatedDevice } from './simulation/simulated-device.js';

const { Server: SshServer } = ssh2;

const PRE_LOGIN_BANNER = 'NetRaven device lab: simulated equipment, authorized use only.\r\n';

export interface ListeningDevice {
  port: number;
  /** TCP connections currently open to this device. */
  readonly openConnections: number;
  close(): Promise<void>;
}

/** Serves one simulated device over real SSH on its own TCP port. */
export async function listenAsSshDevice(
  device: SimulatedDevice,
  hostKey: string,
  host: string,
  port: number,
): Promise<ListeningDevice> {
  const sockets = new Set<Socket>();
  const ssh = new SshServer({ hostKeys: [hostKey], ident: device.profile.sshIdent, banner: PRE_LOGIN_BANNER }, (client) =>
    serveConnection(device, client),
  );
  ssh.on('error', () => undefined);
  const tcp: NetServer = createServer((socket) => {
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
    socket.on('error', () => socket.destroy());
    // Without it every request/response step waits ~40 ms on Nagle + delayed ACK (see PROBES.md).
    socket.setNoDelay(true);
    if (device.faults.hangOnConnect) {
      // Read and ignore, so the hang-up of a client that gives up is still noticed.
      socket.resume();
      return;
    }
    ssh.injectSocket(socket);
  });
  await new Promise<void>((resolve, reject) => {
    tcp.once('error', reject);
    tcp.listen(port, host, () => {
      tcp.off('error', reject);
      resolve();
    });
  });
  const address = tcp.address();
  if (address === null || typeof address === 'string') throw new Error(`device ${device.name}: no TCP address`);
  return {
    port: address.port,
    get openConnections() {
      return sockets.size;
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        tcp.close(() => resolve());
      }),
  };
}

function serveConnection(device: SimulatedDevice, client: Connection): void {
  client.on('error', () => undefined);
  client.on('authentication', (context) => authenticate(device, context));
  client.on('ready', () => {
    client.on('session', (acceptSession) => {
      const session = acceptSession();
      session.on('pty', (accept) => accept?.());
      session.on('window-change', (accept) => accept?.());
      session.on('env', (accept) => accept?.());
      session.on('exec', (_accept, reject) => reject?.());
      session.on('shell', (accept) => startShell(device, client, accept()));
    });
  });
}

function authenticate(device: SimulatedDevice, context: AuthContext): void {
  const offered: Array<'password' | 'keyboard-interactive'> = device.faults.keyboardInteractiveOnly
    ? ['keyboard-interactive']
    : ['password', 'keyboard-interactive'];
  const knownUser = context.username === device.username;
  if (context.method === 'password' && offered.includes('password')) {
    return knownUser && context.password === device.password ? context.accept() : context.reject(offered);
  }
  if (context.method === 'keyboard-interactive') {
    return context.prompt([{ prompt: 'Password: ', echo: false }], (answers) =>
      knownUser && answers[0] === device.password ? context.accept() : context.reject(offered),
    );
  }
  context.reject(offered);
}

function startShell(device: SimulatedDevice, client: Connection, channel: ServerChannel): void {
  let open = true;
  const cli = new SimulatedCliSession(device, {
    write: (text) => {
      if (open) channel.write(text);
    },
    close: () => {
      if (!open) return;
      open = false;
      channel.exit(0);
      channel.end();
      client.end();
    },
  });
  channel.on('data', (data: Buffer) => cli.receive(data.toString('utf8')));
  channel.on('close', () => {
    open = false;
    cli.abandon();
  });
  channel.on('error', () => undefined);
  cli.start();
}
