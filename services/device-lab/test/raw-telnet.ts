import { connect } from 'node:net';

const IAC = 255;
const SB = 250;
const SE = 240;

export interface RawTelnet {
  /** Every byte received, commands included. */
  readonly bytes: Buffer;
  /** The data received, commands taken out (IAC IAC kept as one 0xFF), as UTF-8. */
  readonly text: string;
  /** The commands received, each as its bytes (`[IAC, WILL, 1]`, `[IAC, SB, ..., IAC, SE]`). */
  readonly commands: number[][];
  send(data: string | number[]): void;
  waitFor(pattern: RegExp, options?: { from?: number; timeoutMs?: number }): Promise<string>;
  closed(timeoutMs?: number): Promise<void>;
  end(): void;
}

/** A Telnet client that negotiates nothing by itself, so tests see and send exactly the bytes they mean. */
export function connectTelnet(port: number, host = '127.0.0.1', timeoutMs = 2_000): Promise<RawTelnet> {
  return new Promise((resolve, reject) => {
    const socket = connect({ host, port });
    const chunks: Buffer[] = [];
    const data: number[] = [];
    const commands: number[][] = [];
    let command: number[] | undefined;
    let isClosed = false;
    const listeners = new Set<() => void>();
    const notify = (): void => {
      for (const listener of [...listeners]) listener();
    };
    socket.on('data', (chunk: Buffer) => {
      chunks.push(chunk);
      for (const byte of chunk) {
        if (command === undefined) {
          if (byte === IAC) command = [IAC];
          else data.push(byte);
          continue;
        }
        command.push(byte);
        const [, kind] = command;
        if (command.length === 2 && kind === IAC) {
          data.push(IAC);
          command = undefined;
        } else if ((kind === SB && command.length > 3 && command.at(-2) === IAC && byte === SE) || (kind !== SB && command.length === (kind !== undefined && kind >= 251 ? 3 : 2))) {
          commands.push(command);
          command = undefined;
        }
      }
      notify();
    });
    socket.on('close', () => {
      isClosed = true;
      notify();
    });
    const until = (done: () => boolean, waitMs: number, what: string): Promise<void> =>
      new Promise((settle, fail) => {
        const check = (): void => {
          if (!done()) return;
          listeners.delete(check);
          clearTimeout(timer);
          settle();
        };
        const timer = setTimeout(() => {
          listeners.delete(check);
          fail(new Error(`timed out waiting for ${what}; got ${JSON.stringify(Buffer.from(data).toString('utf8').slice(-300))}`));
        }, waitMs);
        listeners.add(check);
        check();
      });
    const text = (): string => Buffer.from(data).toString('utf8');
    socket.once('error', reject);
    socket.setNoDelay(true);
    socket.once('connect', () =>
      resolve({
        get bytes() {
          return Buffer.concat(chunks);
        },
        get text() {
          return text();
        },
        commands,
        send: (payload) => socket.write(typeof payload === 'string' ? Buffer.from(payload, 'utf8') : Buffer.from(payload)),
        waitFor: async (pattern, { from = 0, timeoutMs: waitMs = timeoutMs } = {}) => {
          await until(() => pattern.test(text().slice(from)), waitMs, String(pattern));
          return text();
        },
        closed: (waitMs = timeoutMs) => until(() => isClosed, waitMs, 'close'),
        end: () => socket.destroy(),
      }),
    );
  });
}
