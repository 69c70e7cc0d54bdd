import { LineEditor } from '../terminal/line-editor.js';
import { OutputPager } from '../terminal/output-pager.js';
import { parseIosCommand, type ParsedIosCommand } from './ios-command-parser.js';
import { formatIosClock } from './ios-clock.js';
import type { SimulatedCiscoDevice } from './simulated-cisco-device.js';

/** The shell channel as the CLI sees it. */
export interface TerminalIo {
  write(text: string): void;
  /** End the session (the device closes the SSH connection, as IOS does on `exit`). */
  close(): void;
}

type Mode = 'command' | 'enable-password' | 'paging' | 'busy' | 'hung' | 'closed';

const DEFAULT_TERMINAL_LENGTH = 24;
const ENABLE_ATTEMPTS = 3;

/** One interactive exec session on a simulated IOS device: prompts, enable, commands, pager. */
export class IosCliSession {
  private mode: Mode = 'busy';
  private privileged: boolean;
  private terminalLength = DEFAULT_TERMINAL_LENGTH;
  private typeahead = '';
  private lastKeyWasCarriageReturn = false;
  private failedEnableAttempts = 0;
  private pager: OutputPager | undefined;
  private readonly editor: LineEditor;

  constructor(
    private readonly device: SimulatedCiscoDevice,
    private readonly io: TerminalIo,
  ) {
    this.privileged = device.enablePassword === undefined;
    this.editor = new LineEditor((text) => this.io.write(text));
  }

  start(): void {
    const motd = this.device.motd;
    this.write(motd === undefined ? '\n' : `\n${motd}\n\n`);
    this.showPrompt();
  }

  receive(data: string): void {
    this.typeahead += data;
    this.pump();
  }

  /** The client went away; stop any pending work. */
  abandon(): void {
    this.mode = 'closed';
  }

  private get prompt(): string {
    if (this.device.faults.unrecognisablePrompt) return `[${this.device.hostname} ready] $ `;
    return `${this.device.hostname}${this.privileged ? '#' : '>'}`;
  }

  private pump(): void {
    while (this.typeahead.length > 0 && this.acceptsKeys()) {
      const key = this.typeahead.charAt(0);
      this.typeahead = this.typeahead.slice(1);
      if (key === '\n' && this.lastKeyWasCarriageReturn) {
        this.lastKeyWasCarriageReturn = false;
        continue;
      }
      this.lastKeyWasCarriageReturn = key === '\r';
      this.handleKey(key);
    }
  }

  private acceptsKeys(): boolean {
    return this.mode === 'command' || this.mode === 'enable-password' || this.mode === 'paging';
  }

  private handleKey(key: string): void {
    if (this.mode === 'paging') {
      if (this.pager?.press(key) ?? true) this.showPrompt();
      return;
    }
    const secret = this.mode === 'enable-password';
    const line = this.editor.feed(key, secret);
    if (line === undefined) return;
    if (secret) this.checkEnablePassword(line);
    else this.enter(line);
  }

  private enter(line: string): void {
    const hangOn = this.device.faults.hangOnCommand;
    if (hangOn !== undefined && line.trim().startsWith(hangOn)) {
      this.mode = 'hung';
      return;
    }
    const parsed = parseIosCommand(line, this.privileged);
    const latency = this.device.faults.commandLatencyMs ?? 0;
    if (latency <= 0 || parsed.kind === 'empty') {
      this.execute(parsed, line);
      return;
    }
    this.mode = 'busy';
    setTimeout(() => {
      if (this.mode === 'busy') this.execute(parsed, line);
    }, latency);
  }

  private execute(parsed: ParsedIosCommand, line: string): void {
    switch (parsed.kind) {
      case 'empty':
        return this.showPrompt();
      case 'unknown':
        return this.reply('% Unknown command or computer name, or unable to find computer address\n');
      case 'invalid':
        return this.reply(`${' '.repeat(this.prompt.length + parsed.column)}^\n% Invalid input detected at '^' marker.\n\n`);
      case 'incomplete':
        return this.reply('% Incomplete command.\n\n');
      case 'ambiguous':
        return this.reply(`% Ambiguous command:  "${line.trim()}"\n`);
      case 'command':
        return this.run(parsed.id, parsed.argument);
    }
  }

  private run(id: Extract<ParsedIosCommand, { kind: 'command' }>['id'], argument: number | undefined): void {
    switch (id) {
      case 'show-running-config':
        return this.device.faults.dropDuringConfig ? this.dropHalfway() : this.page(this.device.renderRunningConfig());
      case 'show-version':
        return this.page(this.device.renderVersion());
      case 'show-clock':
        return this.reply(`${formatIosClock(new Date())}\n`);
      case 'terminal-length':
        this.terminalLength = argument ?? DEFAULT_TERMINAL_LENGTH;
        return this.showPrompt();
      case 'terminal-width':
        return this.showPrompt();
      case 'enable':
        if (this.privileged) return this.showPrompt();
        this.mode = 'enable-password';
        return this.write('Password: ');
      case 'disable':
        this.privileged = false;
        return this.showPrompt();
      case 'exit':
        this.mode = 'closed';
        return this.io.close();
    }
  }

  private checkEnablePassword(entered: string): void {
    if (entered === this.device.enablePassword) {
      this.privileged = true;
      this.failedEnableAttempts = 0;
      return this.showPrompt();
    }
    this.failedEnableAttempts += 1;
    if (this.failedEnableAttempts < ENABLE_ATTEMPTS) return this.write('Password: ');
    this.failedEnableAttempts = 0;
    this.reply('% Bad secrets\n\n');
  }

  private page(text: string): void {
    const lines = text.split('\n');
    if (lines.at(-1) === '') lines.pop();
    if (this.terminalLength === 0) return this.reply(lines.map((line) => `${line}\n`).join(''));
    // The last screen row holds ` --More-- `, so a screen shows one line less than its length.
    this.pager = new OutputPager(lines, Math.max(1, this.terminalLength - 1), (chunk) => this.io.write(chunk));
    if (this.pager.begin()) return this.showPrompt();
    this.mode = 'paging';
  }

  private dropHalfway(): void {
    const lines = this.device.renderRunningConfig().split('\n');
    this.write(lines.slice(0, Math.floor(lines.length / 2)).join('\n'));
    this.mode = 'closed';
    this.io.close();
  }

  private reply(text: string): void {
    this.write(text);
    this.showPrompt();
  }

  private showPrompt(): void {
    if (this.mode === 'closed') return;
    this.pager = undefined;
    this.mode = 'command';
    this.io.write(this.prompt);
    this.pump();
  }

  private write(text: string): void {
    this.io.write(text.replace(/\n/g, '\r\n'));
  }
}
