import { StringDecoder } from 'node:string_decoder';
import { CommandRejectedError, DeviceCommError } from './device-comm-error.js';
import { outputLimits, outputTooLarge, tooManyPages, type OutputLimits } from './output-limits.js';
import { PromptDetector } from './prompt-detector.js';
import { TerminalText } from './terminal-text.js';
import type { CliTransport } from './transport.js';

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
  limits?: Partial<OutputLimits>;
}

/** What a sent line led to: the prompt came back, or one of the expected lines appeared first. */
export type LineOutcome =
  | { kind: 'prompt'; prompt: string; output: string }
  | { kind: 'expected'; index: number; output: string };

type Probe = { kind: 'prompt'; prompt: string } | { kind: 'expected'; index: number };

interface Waiter {
  probe(): void;
  fail(error: DeviceCommError): void;
}

// Prompts and pager prompts sit at the end of the line being received and are short; looking only
// there keeps a 20 MB config (or a line that never ends) from being scanned again on every chunk.
const LONGEST_PROMPT = 256;

/** An interactive CLI over any transport: send a line, read until the prompt, answer pagers on the way. */
export class CliSession {
  private readonly screen = new TerminalText();
  private readonly decoder = new StringDecoder('utf8');
  private readonly detector: PromptDetector;
  private readonly limits: OutputLimits;
  private waiter: Waiter | undefined;
  private failure: DeviceCommError | undefined;
  private ended = false;
  private lastPrompt = '';
  private receivedBytes = 0;
  private pagerAnswers = 0;
  private awaiting = 'the login banner';

  constructor(
    private readonly transport: CliTransport,
    private readonly dialect: CliDialect,
    private readonly options: CliSessionOptions,
  ) {
    this.detector = new PromptDetector(dialect.prompt);
    this.limits = outputLimits(options.limits);
    transport.onData((chunk) => this.receive(chunk));
    void transport.closed.then((reason) => {
      this.ended = true;
      this.abort(reason);
    });
  }

  /** `host:port`, for messages. */
  get address(): string {
    return this.transport.address;
  }

  /** The last prompt seen, e.g. `R1#`. */
  get prompt(): string {
    return this.lastPrompt;
  }

  get hostname(): string | undefined {
    return this.detector.pinnedHostname;
  }

  /** Characters dropped so far because they were not text (line noise, bytes that were not UTF-8). */
  get droppedCharacters(): number {
    return this.screen.droppedCharacters;
  }

  /** Waits for the first prompt after login; returns what came before it (banner, MOTD). */
  async waitForFirstPrompt(): Promise<string> {
    const outcome = await this.waitForPromptOr([]);
    if (outcome.kind !== 'prompt') throw new DeviceCommError('prompt', `${this.address}: no prompt`);
    this.detector.learn(outcome.prompt);
    return outcome.output;
  }

  /**
   * Waits, without sending, for a prompt or a line matching one of `expected` (e.g. `Username:`).
   * On timeout a device whose output ends with a finished line has printed no prompt at all, so it is
   * silent (`timeout`, may pass); an unfinished last line that is no prompt we know is `prompt` (needs a person).
   */
  async waitForPromptOr(expected: readonly RegExp[], timeoutMs = this.options.commandTimeoutMs): Promise<LineOutcome> {
    const found = await this.waitFor(timeoutMs, () => this.probeLine(expected), () => {
      if (!this.screen.receivedAnything) return new DeviceCommError('timeout', `${this.address} sent nothing within ${timeoutMs} ms of login`);
      if (this.screen.currentLine.trim() === '') {
        return new DeviceCommError('timeout', `${this.address} sent no prompt within ${timeoutMs} ms of login, only text ending in a line break${this.lastLineSeen()}`);
      }
      return new DeviceCommError('prompt', `no prompt recognised from ${this.address} within ${timeoutMs} ms${this.lastLineSeen()}`);
    });
    return this.outcome(found, undefined);
  }

  /** Runs a command and returns its output without the echo and the prompt; device errors throw `command`. */
  async run(command: string, timeoutMs = this.options.commandTimeoutMs): Promise<string> {
    const outcome = await this.sendLine(command, [], { timeoutMs });
    const rejected = outcome.output.split('\n').find((line) => this.dialect.errors.some((error) => error.test(line)));
    if (rejected !== undefined) throw new CommandRejectedError(`${this.address} rejected "${command}": ${rejected.trim()}`);
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
    this.send(text, { secret });
    const shown = secret ? 'a secret' : `"${text}"`;
    // An answer always starts on a new line (at least the echoed Enter); a prompt before that is stale.
    const found = await this.waitFor(timeoutMs, () => (this.screen.completedLines.length === 0 ? undefined : this.probeLine(expected)), () =>
      new DeviceCommError('timeout', `${this.address} did not answer ${shown} within ${timeoutMs} ms${this.lastLineSeen()}`),
    );
    return this.outcome(found, secret ? undefined : text);
  }

  /** Sends a line without waiting; what was on the screen before is forgotten. */
  send(text: string, { secret = false }: { secret?: boolean } = {}): void {
    this.screen.clear();
    this.receivedBytes = 0;
    this.pagerAnswers = 0;
    this.awaiting = secret ? 'a secret' : `"${text}"`;
    this.write(`${text}\n`);
  }

  /** Sends the logout command and gives the device a moment to hang up; never throws. */
  async logout(command: string, graceMs: number): Promise<void> {
    if (this.ended || this.failure) return;
    this.write(`${command}\n`);
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([this.transport.closed, new Promise<void>((resolve) => (timer = setTimeout(resolve, graceMs)))]);
    clearTimeout(timer);
  }

  private probeLine(expected: readonly RegExp[]): Probe | undefined {
    const line = this.screen.currentLine;
    if (line.length > LONGEST_PROMPT) return undefined;
    const index = expected.findIndex((pattern) => pattern.test(line));
    if (index >= 0) return { kind: 'expected', index };
    const prompt = this.detector.match(line);
    return prompt === undefined ? undefined : { kind: 'prompt', prompt };
  }

  private outcome(found: Probe, echoed: string | undefined): LineOutcome {
    return found.kind === 'prompt'
      ? { ...found, output: this.takeOutput(found.prompt, echoed) }
      : { ...found, output: this.takeOutput(undefined, echoed) };
  }

  /** `; last line: "..."` when anything arrived, to tell a silent device from an unexpected prompt. */
  private lastLineSeen(): string {
    const lines = this.screen.completedLines;
    let seen = this.screen.currentLine;
    for (let at = lines.length - 1; seen.trim() === '' && at >= Math.max(0, lines.length - 50); at -= 1) seen = lines[at] ?? '';
    return seen === '' ? '' : `; last line: ${JSON.stringify(seen.slice(0, 120))}`;
  }

  private takeOutput(prompt: string | undefined, echoed: string | undefined): string {
    if (prompt !== undefined) this.lastPrompt = prompt;
    const lines = [...this.screen.completedLines];
    if (prompt === undefined && this.screen.currentLine !== '') lines.push(this.screen.currentLine);
    if (echoed !== undefined && echoed.trim() !== '' && lines[0]?.trimEnd().endsWith(echoed.trim())) lines.shift();
    // A 20 MB config is some 300,000 line objects; the joined text is all anyone needs from here on.
    this.screen.forgetCompletedLines();
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
    if (this.failure) return;
    this.receivedBytes += chunk.length;
    if (this.receivedBytes > this.limits.maxOutputBytes) return this.abort(outputTooLarge(this.address, this.awaiting, this.limits.maxOutputBytes));
    this.screen.push(this.decoder.write(chunk));
    this.answerPager();
    this.waiter?.probe();
  }

  private answerPager(): void {
    const line = this.screen.currentLine;
    const tail = line.length > LONGEST_PROMPT ? line.slice(-LONGEST_PROMPT) : line;
    for (const pager of this.dialect.pagers) {
      if (!pager.pattern.test(tail)) continue;
      this.pagerAnswers += 1;
      if (this.pagerAnswers > this.limits.maxPagerAnswers) return this.abort(tooManyPages(this.address, this.awaiting, this.limits.maxPagerAnswers));
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
    if (!this.ended) this.transport.write(text);
  }
}
