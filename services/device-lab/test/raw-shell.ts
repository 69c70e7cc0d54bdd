import ssh2 from 'ssh2';
import type { ClientChannel } from 'ssh2';
import type { LabDevice } from '../src/index.js';

export interface RawShell {
  /** Everything received so far, byte for byte (as text). */
  readonly transcript: string;
  /** Everything received so far, the bytes themselves. */
  readonly bytes: Buffer;
  send(text: string): void;
  /** Resolves with the transcript once `pattern` matches the text received after `from`; rejects after `timeoutMs`. */
  waitFor(pattern: RegExp, options?: { from?: number; timeoutMs?: number }): Promise<string>;
  /** Resolves when the device closed the session; rejects after `timeoutMs`. */
  closed(timeoutMs?: number): Promise<void>;
  end(): void;
}

export function connectRaw(
  device: Pick<LabDevice, 'host' | 'port' | 'username'>,
  auth: { password?: string; keyboardInteractive?: string },
  timeoutMs = 3_000,
  algorithms?: ssh2.Algorithms,
): Promise<RawShell> {
  const client = new ssh2.Client();
  return new Promise<RawShell>((resolve, reject) => {
    const timer = setTimeout(() => {
      client.destroy();
      reject(new Error('ssh connect timed out'));
    }, timeoutMs);
    client.on('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    client.on('ready', () => {
      client.shell({ term: 'vt100', cols: 200, rows: 24 }, (error, channel) => {
        clearTimeout(timer);
        if (error) return reject(error);
        resolve(wrap(client, channel));
      });
    });
    client.connect({
      host: device.host,
      port: device.port,
      username: device.username,
      ...(auth.password === undefined ? {} : { password: auth.password }),
      tryKeyboard: auth.keyboardInteractive !== undefined,
      readyTimeout: timeoutMs,
      ...(algorithms ? { algorithms } : {}),
    });
    client.on('keyboard-interactive', (_name, _instructions, _lang, prompts, finish) =>
      finish(prompts.map(() => auth.keyboardInteractive ?? '')),
    );
    client.setNoDelay(true);
  });
}

function wrap(client: ssh2.Client, channel: ClientChannel): RawShell {
  let transcript = '';
  const chunks: Buffer[] = [];
  let isClosed = false;
  const listeners = new Set<() => void>();
  channel.on('data', (chunk: Buffer) => {
    transcript += chunk.toString('utf8');
    chunks.push(chunk);
    for (const listener of [...listeners]) listener();
  });
  channel.on('close', () => {
    isClosed = true;
    for (const listener of [...listeners]) listener();
  });
  const until = (done: () => boolean, timeoutMs: number, what: string): Promise<void> =>
    new Promise((resolve, reject) => {
      const check = (): void => {
        if (!done()) return;
        listeners.delete(check);
        clearTimeout(timer);
        resolve();
      };
      const timer = setTimeout(() => {
        listeners.delete(check);
        reject(new Error(`timed out waiting for ${what}; transcript: ${JSON.stringify(transcript.slice(-300))}`));
      }, timeoutMs);
      listeners.add(check);
      check();
    });
  return {
    get transcript() {
      return transcript;
    },
    get bytes() {
      return Buffer.concat(chunks);
    },
    send: (text) => channel.write(text),
    waitFor: async (pattern, { from = 0, timeoutMs = 2_000 } = {}) => {
      await until(() => pattern.test(transcript.slice(from)), timeoutMs, String(pattern));
      return transcript;
    },
    closed: (timeoutMs = 2_000) => until(() => isClosed, timeoutMs, 'close'),
    end: () => {
      client.end();
      client.destroy();
    },
  };
}
