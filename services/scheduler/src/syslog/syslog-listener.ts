import { createSocket, type Socket as UdpSocket } from 'node:dgram';
import { createServer, type Server, type Socket } from 'node:net';
import { systemClock, type Clock } from '@netraven/infra/eventstore';
import type { Follower, FollowerRun } from '@netraven/infra/supervision';
import { ChangeDebounce } from './change-debounce.js';
import { recognizeConfigChange, type ConfigChange } from './config-change.js';
import { normalizeAddress, type SenderMatch } from './sender-directory.js';
import { parseSyslog } from './syslog-message.js';
import { MAX_TCP_MESSAGE_BYTES, SyslogFrameDecoder } from './tcp-framing.js';

/** Why a change-triggered backup runs: the job records it through its actor, the rest goes to the log. */
export interface SyslogBackupRequest {
  readonly deviceId: string;
  readonly deviceName: string;
  readonly address: string;
  readonly change: ConfigChange;
  /** The backup at a debounce window's end for the messages folded into it. */
  readonly followUp: boolean;
}

export interface SyslogListenerOptions {
  readonly port: number;
  /** Default `0.0.0.0`: devices send from the network. */
  readonly host?: string;
  readonly debounceMs: number;
  readonly clock?: Clock;
  readonly senders: { find(address: string, hostname: string | undefined): Promise<SenderMatch> };
  /** Starts a backup of one device; answers the job id. */
  readonly backUp: (request: SyslogBackupRequest) => Promise<string>;
  readonly onBackup?: (request: SyslogBackupRequest & { jobId: string }) => void;
  /** A change folded into its device's follow-up (a backup ran less than a window ago). */
  readonly onFolded?: (request: Omit<SyslogBackupRequest, 'followUp'>) => void;
  /** Once per sender and reason (unknown sender, unrelated message), not per message. */
  readonly onIgnored?: (ignored: { address: string; hostname?: string; reason: string }) => void;
  readonly onError?: (error: unknown, context: string) => void;
  readonly onListening?: (address: { port: number; host: string }) => void;
}

// Senders remembered for "logged once"; past this many the memory starts over rather than grow.
const REMEMBERED_SENDERS = 10_000;
const TCP_IDLE_MS = 10 * 60_000;
// Every device keeps one connection at most; more than this is a flood, not a network.
const MAX_TCP_CONNECTIONS = 5_000;

/**
 * Listens for syslog over UDP and TCP on one port and backs up a device when it reports a
 * configuration change: at once for the first message, then at most one follow-up per debounce
 * window (`ChangeDebounce`). A supervised follower: a port that cannot be bound is retried with backoff.
 */
export class SyslogListener implements Follower {
  readonly name = 'syslog-listener';
  private readonly clock: Clock;
  private readonly debounce: ChangeDebounce;
  /** What the follow-up of a window reports: the last change folded into it. */
  private readonly folded = new Map<string, { request: Omit<SyslogBackupRequest, 'followUp'> }>();
  private readonly ignored = new Set<string>();
  private timer: NodeJS.Timeout | undefined;
  private bound: { port: number; host: string } | undefined;

  constructor(private readonly options: SyslogListenerOptions) {
    this.clock = options.clock ?? systemClock;
    this.debounce = new ChangeDebounce(options.debounceMs);
  }

  /** The bound address once listening (port 0 picks one). */
  get address(): { port: number; host: string } | undefined {
    return this.bound;
  }

  async follow(): Promise<FollowerRun> {
    const host = this.options.host ?? '0.0.0.0';
    const sockets = new Set<Socket>();
    const tcp = createServer((socket) => this.serveTcp(socket, sockets));
    tcp.maxConnections = MAX_TCP_CONNECTIONS;
    await new Promise<void>((resolve, reject) => {
      tcp.once('error', reject);
      tcp.listen(this.options.port, host, () => { tcp.off('error', reject); resolve(); });
    });
    const port = (tcp.address() as { port: number }).port;
    let udp: UdpSocket;
    try {
      udp = await this.bindUdp(host, port);
    } catch (error) {
      await closeServer(tcp, sockets);
      throw error;
    }
    this.bound = { port, host };
    this.options.onListening?.(this.bound);
    let closing: Promise<void> | undefined;
    // Idempotent, so a socket error and a stop together close once; a failed run leaves the port free for the restart.
    const closeAll = (): Promise<void> => {
      closing ??= (async () => {
        await new Promise<void>((resolve) => udp.close(() => resolve()));
        await closeServer(tcp, sockets);
        this.bound = undefined;
      })();
      return closing;
    };
    let fail: (error: Error) => void = () => undefined;
    const done = new Promise<void>((resolve, reject) => {
      let failed = false;
      fail = (error) => {
        if (failed) return;
        failed = true;
        void closeAll().finally(() => reject(error));
      };
      tcp.once('close', () => {
        if (!failed) resolve();
      });
    });
    tcp.on('error', (error) => fail(error));
    udp.on('error', (error) => fail(error));
    return {
      done,
      stop: async () => {
        if (this.timer) clearTimeout(this.timer);
        this.timer = undefined;
        await closeAll();
      },
    };
  }

  private bindUdp(host: string, port: number): Promise<UdpSocket> {
    const udp = createSocket({ type: host.includes(':') ? 'udp6' : 'udp4', reuseAddr: false });
    udp.on('message', (data, remote) => this.receive(data.toString('utf8'), remote.address));
    return new Promise((resolve, reject) => {
      udp.once('error', reject);
      udp.bind(port, host, () => { udp.off('error', reject); resolve(udp); });
    });
  }

  private serveTcp(socket: Socket, sockets: Set<Socket>): void {
    sockets.add(socket);
    const address = socket.remoteAddress ?? 'unknown';
    const decoder = new SyslogFrameDecoder();
    socket.setTimeout(TCP_IDLE_MS, () => socket.destroy());
    socket.on('data', (chunk) => {
      try {
        for (const message of decoder.push(chunk)) this.receive(message, address);
      } catch (error) {
        this.options.onError?.(error, `syslog over TCP from ${address} (frames up to ${MAX_TCP_MESSAGE_BYTES} bytes); connection closed`);
        socket.destroy();
      }
    });
    socket.on('end', () => {
      for (const message of decoder.end()) this.receive(message, address);
      socket.end();
    });
    socket.on('error', () => socket.destroy());
    socket.on('close', () => sockets.delete(socket));
  }

  /** One message: recognise, find the device, debounce, back up. Never throws (a bad message is only a bad message). */
  receive(raw: string, remoteAddress: string): void {
    this.handle(raw, normalizeAddress(remoteAddress)).catch((error: unknown) => this.options.onError?.(error, `syslog message from ${remoteAddress}`));
  }

  private async handle(raw: string, address: string): Promise<void> {
    const message = parseSyslog(raw);
    const change = recognizeConfigChange(message);
    if (!change) {
      this.ignoreOnce(address, message.hostname, 'not a configuration-change message');
      return;
    }
    const sender = await this.options.senders.find(address, message.hostname);
    if (!sender.found) {
      this.ignoreOnce(address, message.hostname, `unknown sender: ${sender.reason}`);
      return;
    }
    const request = { deviceId: sender.deviceId, deviceName: sender.deviceName, address, change };
    const decision = this.debounce.message(sender.deviceId, this.clock().getTime());
    if (decision === 'folded') {
      this.folded.set(sender.deviceId, { request });
      this.options.onFolded?.(request);
    } else {
      await this.backUp({ ...request, followUp: false });
    }
    this.armTimer();
  }

  /** Runs the follow-ups whose window ended; tests with a fake clock call it directly. */
  async flushDue(): Promise<void> {
    for (const deviceId of this.debounce.due(this.clock().getTime())) {
      const folded = this.folded.get(deviceId);
      this.folded.delete(deviceId);
      if (folded) await this.backUp({ ...folded.request, followUp: true });
    }
    this.armTimer();
  }

  private async backUp(request: SyslogBackupRequest): Promise<void> {
    try {
      const jobId = await this.options.backUp(request);
      this.options.onBackup?.({ ...request, jobId });
    } catch (error) {
      this.options.onError?.(error, `change-triggered backup of ${request.deviceName} (${request.deviceId})`);
    }
  }

  private armTimer(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    const deadline = this.debounce.nextDeadline();
    if (deadline === undefined) return;
    const waitMs = Math.max(0, deadline - this.clock().getTime());
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.flushDue().catch((error: unknown) => this.options.onError?.(error, 'syslog follow-up backups'));
    }, waitMs);
    this.timer.unref();
  }

  private ignoreOnce(address: string, hostname: string | undefined, reason: string): void {
    const key = `${address}\u0000${reason.split(':')[0]}`;
    if (this.ignored.has(key)) return;
    if (this.ignored.size >= REMEMBERED_SENDERS) this.ignored.clear();
    this.ignored.add(key);
    this.options.onIgnored?.({ address, ...(hostname ? { hostname } : {}), reason });
  }
}

async function closeServer(server: Server, sockets: Set<Socket>): Promise<void> {
  for (const socket of sockets) socket.destroy();
  await new Promise<void>((resolve) => server.close(() => resolve()));
}
