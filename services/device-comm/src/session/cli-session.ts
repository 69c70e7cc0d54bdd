import { StringDecoder } from 'node:string_decoder';
import type { Client as SshClient, ClientChannel } from 'ssh2';
import { DeviceCommError } from './device-comm-error.js';
import { PromptDetector } from './prompt-detector.js';
import { TerminalText } from './terminal-text.js';

/** The little a session must know about a CLI; platforms supply it, the session never names a vendor. */
export interface CliDialect {
  /** Matches a whole prompt line; capture group 1, when present, is the hostname. */
  prompt: RegExp;
  pagers: readonly { pattern: RegExp; answer: string }[];
  /** Output lines meaning the device rejected a command. */
  errors: readonly RegExp[];
}

export interface CliSessionOptions {
  commandTimeoutMs: number;
  /** Used in error messages. */
  address: string;
}

/** What a sent line led to: the prompt came back, or one of the expected lines appeared first. */
export type LineOutcome =
  | { kind: 'prompt'; prompt: string; output: string }
  | { kind: 'expected'; index: number; output: string };

interface Waiter {
  probe(): void;
  fail(error: DeviceCommError): void;
}

// Wide enough that no config line wraps; rows are only a hint, paging is turned off by command.
const PTY = { term: 'vt100', cols: 511, rows: 24 } as const;

/** An interactive shell on a device: send a line, read until the prompt, answer pagers on the way. */
export class CliSession {
  private readonly screen = new TerminalText();
  private readonly decoder = new StringDecoder('utf8');
  private readonly detector: PromptDetector;
  private waiter: Waiter | undefined;
  private failure: DeviceCommError | undefined;
  private channelClosed = false;
  private lastPrompt = '';

  private constructor(
    private readonly channel: ClientChannel,
    private readonly dialect: CliDialect,
    private readonly options: CliSessionOptions,
  ) {
    this.detector = new PromptDetector(dialect.prompt);
    channel.on('data', (chunk: Buffer) => this.receive(chunk));
    channel.stderr.on('data', (chunk: Buffer) => this.receive(chunk));
    channel.on('close', () => {
      this.channelClosed = true;
      this.abort(new DeviceCommError('protocol', `${options.address} closed the session`));
    });
  }

  static open(client: SshClient, dialect: CliDialect, options: CliSessionOptions): Promise<CliSession> {
    return new Promise((resolve, reject) => {
      let timedOut = false;
      const timer = setTimeout(() => {
        timedOut = true;
        reject(new DeviceCommError('timeout', `${options.address} did not open a shell within ${options.commandTimeoutMs} ms`));
      }, options.commandTimeoutMs);
      client.once('error', (error) => reject(new DeviceCommError('protocol', `SSH with ${options.address} failed: ${error.message}`, { cause: error })));
      client.shell(PTY, (error, channel) => {
        clearTimeout(timer);
        if (timedOut) return channel?.close();
        if (error) return reject(new DeviceCommError('protocol', `${options.address} refused a shell: ${error.message}`, { cause: error }));
        const session = new CliSession(channel, dialect, options);
        client.on('error', (failure) =>
          session.abort(new DeviceCommError('protocol', `SSH with ${options.address} failed: ${failure.message}`, { cause: failure })),
        );
        client.on('close', () => session.abort(new DeviceCommError('protocol', `${options.address} dropped the connection`)));
        resolve(session);
      });
    });
  }

  /** `host:port`, for messages. */
  get address(): string {
    return this.options.address;
  }

  /** The last prompt seen, e.g. `R1#`. */
  get prompt(): string {
    return this.lastPrompt;
  }

  get hostname(): string | undefined {
    return this.detector.pinnedHostname;
  }

  /** Waits for the first prompt after login; returns what came before it (banner, MOTD). */
  async waitForFirstPrompt(): Promise<string> {
    const timeoutMs = this.options.commandTimeoutMs;
    const prompt = await this.waitFor(timeoutMs, () => this.detector.match(this.screen.currentLine), () => {
      if (!this.screen.receivedAnything) return new DeviceCommError('timeout', `${this.options.address} sent nothing within ${timeoutMs} ms of login`);
      return new DeviceCommError('prompt', `no prompt recognised from ${this.options.address} within ${timeoutMs} ms${this.lastLineSeen()}`);
    });
    this.detector.learn(prompt);
    return this.takeOutput(prompt, undefined);
  }

  /** Runs a command and returns its output without the echo and the prompt; device errors throw `command`. */
  async run(command: string, timeoutMs = this.options.commandTimeoutMs): Promise<string> {
    const outcome = await this.sendLine(command, [], { timeoutMs });
    const rejected = outcome.output.split('\n').find((line) => this.dialect.errors.some((error) => error.test(line)));
    if (rejected !== undefined) throw new DeviceCommError('command', `${this.options.address} rejected "${command}": ${rejected.trim()}`);
    return outcome.output;
  }

  /**
   * Sends a line and waits for the prompt or for a line matching one of `expected` (e.g. `Password:`).
   * A secret line is neither echoed into the output nor quoted in errors.
   */
  async sendLine(
    text: string,
    expected: readonly RegExp[],
    { timeoutMs = this.options.commandTimeoutMs, secret = false }: { timeoutMs?: number; secret?: boolean } = {},
  ): Promise<LineOutcome> {
    this.screen.clear();
    this.write(`${text}\n`);
    const shown = secret ? 'a secret' : `"${text}"`;
    const outcome = await this.waitFor(timeoutMs, () => this.probeLine(expected), () =>
      new DeviceCommError('timeout', `${this.options.address} did not answer ${shown} within ${timeoutMs} ms${this.lastLineSeen()}`),
    );
    return outcome.kind === 'prompt'
      ? { ...outcome, output: this.takeOutput(outcome.prompt, secret ? undefined : text) }
      : { ...outcome, output: this.takeOutput(undefined, secret ? undefined : text) };
  }

  /** Sends the logout command and gives the device a moment to hang up; never throws. */
  async logout(command: string, graceMs: number): Promise<void> {
    if (this.channelClosed || this.failure) return;
    const closed = new Promise<void>((resolve) => this.channel.once('close', () => resolve()));
    this.write(`${command}\n`);
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([closed, new Promise<void>((resolve) => (timer = setTimeout(resolve, graceMs)))]);
    clearTimeout(timer);
  }

  private probeLine(expected: readonly RegExp[]): { kind: 'prompt'; prompt: string } | { kind: 'expected'; index: number } | undefined {
    // An answer always starts on a new line (at least the echoed Enter); a prompt before that is stale.
    if (this.screen.completedLines.length === 0) return undefined;
    const line = this.screen.currentLine;
    const index = expected.findIndex((pattern) => pattern.test(line));
    if (index >= 0) return { kind: 'expected', index };
    const prompt = this.detector.match(line);
    return prompt === undefined ? undefined : { kind: 'prompt', prompt };
  }

  /** `; last line: "..."` when anything arrived, to tell a silent device from an unexpected prompt. */
  private lastLineSeen(): string {
    const seen = this.screen.currentLine || this.screen.completedLines.at(-1) || '';
    return seen === '' ? '' : `; last line: ${JSON.stringify(seen.slice(0, 120))}`;
  }

  private takeOutput(prompt: string | undefined, echoed: string | undefined): string {
    if (prompt !== undefined) this.lastPrompt = prompt;
    const lines = [...this.screen.completedLines];
    if (prompt === undefined && this.screen.currentLine !== '') lines.push(this.screen.currentLine);
    if (echoed !== undefined && echoed.trim() !== '' && lines[0]?.trimEnd().endsWith(echoed.trim())) lines.shift();
    return lines.join('\n');
  }

  private waitFor<T>(timeoutMs: number, probe: () => T | undefined, onTimeout: () => DeviceCommError): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      if (this.failure) return reject(this.failure);
      const timer = setTimeout(() => {
        this.waiter = undefined;
        reject(onTimeout());
      }, timeoutMs);
      const waiter: Waiter = {
        probe: () => {
          const found = probe();
          if (found === undefined) return;
          clearTimeout(timer);
          this.waiter = undefined;
          resolve(found);
        },
        fail: (error) => {
          clearTimeout(timer);
          this.waiter = undefined;
          reject(error);
        },
      };
      this.waiter = waiter;
      waiter.probe();
    });
  }

  private receive(chunk: Buffer): void {
    this.screen.push(this.decoder.write(chunk));
    this.answerPager();
    this.waiter?.probe();
  }

  private answerPager(): void {
    const line = this.screen.currentLine;
    for (const pager of this.dialect.pagers) {
      if (!pager.pattern.test(line)) continue;
      this.screen.replaceCurrentLine(line.replace(pager.pattern, ''));
      this.write(pager.answer);
      return;
    }
  }

  private abort(error: DeviceCommError): void {
    this.failure ??= error;
    this.waiter?.fail(this.failure);
  }

  private write(text: string): void {
    if (!this.channelClosed) this.channel.write(text);
  }
}
