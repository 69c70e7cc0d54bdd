import { createServer, type Server as NetServer, type Socket } from 'node:net';
import ssh2 from 'ssh2';
import type { AuthContext, Connection, ServerChannel } from 'ssh2';
import { outputEncoder } from './faults/garbage.js';
import { loadHostKey } from './host-key.js';
import type { LabSshOptions } from './lab-options.js';
import { splitLoginName } from './simulation/login-name.js';
import { SimulatedCliSession, type TerminalIo } from './simulation/simulated-cli-session.js';
import type { SimulatedDevice } from './simulation/simulated-device.js';

const { Server: SshServer } = ssh2;

const PRE_LOGIN_BANNER = 'NetRaven device lab: simulated equipment, authorized use only.\r\n';

export interface ListeningDevice {
  port: number;
  /** TCP connections currently open to this device. */
  readonly openConnections: number;
  close(): Promise<void>;
}

/**
 * Listens on a TCP port and tracks the connections, so the lab can count and cut them. `serve` is
 * skipped while the device hangs on connect: the socket is read and ignored, so a client that gives
 * up is still noticed.
 */
export async function listenForDevice(
  device: SimulatedDevice,
  host: string,
  port: number,
  serve: (socket: Socket) => void,
): Promise<ListeningDevice> {
  const sockets = new Set<Socket>();
  const tcp: NetServer = createServer((socket) => {
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
    socket.on('error', () => socket.destroy());
    // Without it every request/response step waits ~40 ms on Nagle + delayed ACK (see PROBES.md).
    socket.setNoDelay(true);
    if (device.faults.hangOnConnect) {
      socket.resume();
      return;
    }
    serve(socket);
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

/** Serves one simulated device over real SSH on its own TCP port. */
export async function listenAsSshDevice(
  device: SimulatedDevice,
  hostKey: string,
  host: string,
  port: number,
  options: LabSshOptions = {},
): Promise<ListeningDevice> {
  let connections = 0;
  const ssh = new SshServer(
    {
      hostKeys: [{ key: loadHostKey(hostKey) }],
      ident: device.profile.sshIdent,
      banner: PRE_LOGIN_BANNER,
      // Exact lists: the device offers these and nothing else, as old gear does.
      ...(options.algorithms ? { algorithms: { ...options.algorithms } } : {}),
    },
    (client) => serveConnection(device, client, options, `${device.name}#${(connections += 1)}`),
  );
  ssh.on('error', () => undefined);
  return listenForDevice(device, host, port, (socket) => ssh.injectSocket(socket));
}

function serveConnection(device: SimulatedDevice, client: Connection, options: LabSshOptions, connectionId: string): void {
  client.on('error', () => undefined);
  // The console options of the login name that got in (RouterOS `admin+ct`), for the shell.
  let loginOptions = '';
  client.on('authentication', (context) => {
    loginOptions = splitLoginName(device.profile, context.username).options;
    authenticate(device, context);
  });
  client.on('ready', () => {
    client.on('session', (acceptSession) => {
      const session = acceptSession();
      session.on('pty', (accept) => accept?.());
      session.on('window-change', (accept) => accept?.());
      session.on('env', (accept) => accept?.());
      session.on('exec', (accept, reject, info) => {
        if (!options.exec) return reject?.();
        runExec(device, accept(), info.command, connectionId);
      });
      session.on('shell', (accept) => startShell(device, client, accept(), connectionId, loginOptions));
    });
  });
}

function authenticate(device: SimulatedDevice, context: AuthContext): void {
  const offered: Array<'password' | 'keyboard-interactive'> = device.faults.keyboardInteractiveOnly
    ? ['keyboard-interactive']
    : ['password', 'keyboard-interactive'];
  const { username } = splitLoginName(device.profile, context.username);
  const valid = (password: string | undefined): boolean =>
    !device.faults.authFailure && username === device.username && password === device.password;
  if (context.method === 'password' && offered.includes('password')) {
    return valid(context.password) ? context.accept() : context.reject(offered);
  }
  if (context.method === 'keyboard-interactive') {
    return context.prompt([{ prompt: 'Password: ', echo: false }], (answers) => (valid(answers[0]) ? context.accept() : context.reject(offered)));
  }
  context.reject(offered);
}

/** Wires a CLI session to a channel; `hangUp` is what the device does when the session ends. */
function attach(device: SimulatedDevice, channel: ServerChannel, connectionId: string, hangUp: () => void): SimulatedCliSession {
  let open = true;
  const encode = outputEncoder(() => device.faults.garbageBytes === true, connectionId);
  // What the CLI writes in one turn of the event loop (an echo character by character, a page line by line, the
  // prompt after them) goes out as one SSH packet, as a device's output buffer does: not a packet per character.
  let pending = '';
  const flush = (): void => {
    if (open && pending !== '') channel.write(encode(pending));
    pending = '';
  };
  const io: TerminalIo = {
    write: (text) => {
      if (!open) return;
      if (pending === '') queueMicrotask(flush);
      pending += text;
    },
    close: () => {
      if (!open) return;
      flush();
      open = false;
      channel.exit(0);
      channel.end();
      hangUp();
    },
  };
  const cli = new SimulatedCliSession(device, io);
  channel.on('close', () => {
    open = false;
    cli.abandon();
  });
  channel.on('error', () => undefined);
  return cli;
}

function startShell(device: SimulatedDevice, client: Connection, channel: ServerChannel, connectionId: string, loginOptions: string): void {
  // These CLIs close the whole connection on `exit`.
  const cli = attach(device, channel, connectionId, () => client.end());
  channel.on('data', (data: Buffer) => cli.receive(data.toString('utf8')));
  cli.start(loginOptions);
}

function runExec(device: SimulatedDevice, channel: ServerChannel, command: string, connectionId: string): void {
  // An exec channel ends on its own; the connection stays for the next one.
  attach(device, channel, connectionId, () => undefined).runOnce(command);
}
