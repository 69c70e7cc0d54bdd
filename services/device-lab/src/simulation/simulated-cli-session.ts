import { LineEditor } from '../terminal/line-editor.js';
import { OutputPager } from '../terminal/output-pager.js';
import { parseCommand, type ParsedCommand } from './command-parser.js';
import type { CliMode, CommandAction, ConsoleStyle, Template } from './platform-profile.js';
import type { SimulatedDevice } from './simulated-device.js';

/** The shell channel as the CLI sees it. */
export interface TerminalIo {
  write(text: string): void;
  /** End the session (the device closes the connection, as these CLIs do on `exit`; or the exec channel). */
  close(): void;
}

type InputState = 'gate' | 'command' | 'enable-password' | 'paging' | 'busy' | 'hung' | 'closed';

const DEFAULT_TERMINAL_LENGTH = 24;

function fill(template: Template, values: Record<string, string | number>): string {
  return template.replace(/\{(\w+)\}/g, (placeholder, name: string) => String(values[name] ?? placeholder));
}

/** One interactive exec session on a simulated device, driven entirely by its platform profile. */
export class SimulatedCliSession {
  private input: InputState = 'busy';
  private mode: CliMode;
  private terminalLength = DEFAULT_TERMINAL_LENGTH;
  private timestamps = true;
  private typeahead = '';
  private lastKeyWasCarriageReturn = false;
  private failedEnableAttempts = 0;
  private oneShot = false;
  private pager: OutputPager | undefined;
  private style: ConsoleStyle = {};
  private readonly editor: LineEditor;

  constructor(
    private readonly device: SimulatedDevice,
    private readonly io: TerminalIo,
  ) {
    this.mode = device.privilegedAtLogin ? 'privileged' : 'user';
    this.editor = new LineEditor((text) => this.io.write(text));
  }

  private get profile() {
    return this.device.profile;
  }

  /** `loginOptions`: the letters after `+` in the login name, on platforms that read them (RouterOS). */
  start(loginOptions = ''): void {
    this.style = this.profile.loginNameOptions?.(loginOptions) ?? {};
    this.write(this.profile.loginBanner(this.device, new Date()));
    if (this.style.beforePrompt !== undefined) this.io.write(this.style.beforePrompt);
    if (this.device.faults.hangAfterLogin) {
      this.input = 'hung';
      return;
    }
    const gate = this.profile.loginGate;
    if (gate === undefined) return this.showPrompt();
    this.write(gate);
    this.input = 'gate';
  }

  /** Runs one command the way an SSH exec request does: no banner, no prompt, no pager; then closes. */
  runOnce(line: string): void {
    this.oneShot = true;
    this.terminalLength = 0;
    if (this.device.faults.hangAfterLogin) {
      this.input = 'hung';
      return;
    }
    this.input = 'command';
    this.enter(line);
  }

  receive(data: string): void {
    this.typeahead += data;
    this.pump();
  }

  /** The client went away; stop any pending work. */
  abandon(): void {
    this.input = 'closed';
  }

  private get prompt(): string {
    if (this.device.faults.unrecognisablePrompt) return `[${this.device.hostname} ready] $ `;
    return fill(this.profile.prompts[this.mode], { hostname: this.device.hostname, username: this.device.username });
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
    return this.input === 'command' || this.input === 'enable-password' || this.input === 'paging' || this.input === 'gate';
  }

  private handleKey(key: string): void {
    if (this.input === 'gate') {
      const opens = this.profile.loginGateKey;
      return opens === undefined || key === opens ? this.showPrompt() : undefined;
    }
    if (this.input === 'paging') {
      if (this.pager?.press(key) ?? true) this.showPrompt();
      return;
    }
    const secret = this.input === 'enable-password';
    const line = this.editor.feed(key, secret, this.profile.enable?.echoMask);
    if (line === undefined) return;
    if (secret) return this.checkEnablePassword(line);
    const afterEnter = this.profile.screen?.afterEnter;
    if (afterEnter !== undefined) this.io.write(afterEnter);
    this.enter(line);
  }

  private enter(line: string): void {
    const hangOn = this.device.faults.hangOnCommand;
    if (hangOn !== undefined && line.trim().startsWith(hangOn)) {
      this.input = 'hung';
      return;
    }
    const { commands, abbreviations } = this.profile;
    const parsed = parseCommand(line, { commands, mode: this.mode, abbreviations });
    const latency = this.device.faults.commandLatencyMs ?? 0;
    if (latency <= 0 || parsed.kind === 'empty') {
      this.execute(parsed, line);
      return;
    }
    this.input = 'busy';
    setTimeout(() => {
      if (this.input === 'busy') this.execute(parsed, line);
    }, latency);
  }

  private execute(parsed: ParsedCommand, line: string): void {
    const errors = this.profile.errors;
    const caret = (column: number): string => `${' '.repeat(this.prompt.length + column)}^`;
    const command = line.trim().split(/\s+/)[0] ?? '';
    switch (parsed.kind) {
      case 'empty':
        return this.showPrompt();
      case 'unknown':
        return this.reply(fill(errors.unknown, { caret: caret(parsed.column), line: line.trim(), word: parsed.word, token: 0, column: parsed.column + 1, command }));
      case 'invalid':
        return this.reply(fill(errors.invalid, { caret: caret(parsed.column), line: line.trim(), word: parsed.word, token: parsed.token, column: parsed.column + 1, command }));
      case 'incomplete':
        return this.reply(fill(errors.incomplete, { caret: caret(line.trimEnd().length + 1), line: line.trim(), command }));
      case 'ambiguous':
        return this.reply(fill(errors.ambiguous, { caret: caret(line.trimEnd().length + 1), line: line.trim(), command }));
      case 'command':
        return this.run(parsed.spec.action, parsed.argument);
    }
  }

  private run(action: CommandAction, argument: number | undefined): void {
    switch (action.kind) {
      case 'show':
        return this.page(this.timestamp() + action.render(this.device, new Date()));
      case 'show-running-config':
        return this.showRunningConfig();
      case 'terminal-length':
        this.terminalLength = action.lines ?? argument ?? DEFAULT_TERMINAL_LENGTH;
        return this.reply(action.reply === undefined ? '' : fill(action.reply, { value: this.terminalLength }));
      case 'timestamps-off':
        this.timestamps = false;
        return this.showPrompt();
      case 'accept':
        return this.reply(action.reply === undefined ? '' : fill(action.reply, { value: argument ?? '' }));
      case 'enable':
        return this.enable();
      case 'disable':
        this.mode = 'user';
        return this.showPrompt();
      case 'configure':
        this.mode = 'config';
        return this.reply(this.profile.configBanner === '' ? '' : `${this.profile.configBanner}\n`);
      case 'end':
        this.mode = 'privileged';
        return this.showPrompt();
      case 'exit':
        if (this.mode === 'config') return this.run({ kind: 'end' }, undefined);
        this.input = 'closed';
        return this.io.close();
    }
  }

  private timestamp(): string {
    const stamp = this.profile.outputTimestamp;
    return stamp && this.timestamps ? `${stamp(new Date())}\n` : '';
  }

  private enable(): void {
    if (this.mode === 'user' && this.device.enablePassword !== undefined) {
      this.input = 'enable-password';
      return this.write('Password: ');
    }
    if (this.mode === 'user') this.mode = 'privileged';
    this.showPrompt();
  }

  private checkEnablePassword(entered: string): void {
    if (entered === this.device.enablePassword) {
      this.mode = 'privileged';
      this.failedEnableAttempts = 0;
      return this.showPrompt();
    }
    const style = this.profile.enable;
    this.failedEnableAttempts += 1;
    if (this.failedEnableAttempts < (style?.attempts ?? 1)) return this.write(`${style?.retry ?? ''}Password: `);
    this.failedEnableAttempts = 0;
    this.reply(style?.refused ?? '');
  }

  private showRunningConfig(): void {
    if (this.device.faults.dropDuringConfig) return this.dropHalfway();
    const text = this.timestamp() + this.device.renderRunningConfig();
    this.device.configShown();
    this.page(text, this.device.faults.endlessPager === true && !this.oneShot);
  }

  private page(text: string, endless = false): void {
    const lines = text.split('\n');
    if (lines.at(-1) === '') lines.pop();
    const style = this.profile.pager;
    if (style === undefined || (this.terminalLength === 0 && !endless)) return this.reply(lines.map((line) => `${line}\n`).join(''));
    // The last screen row holds the pager prompt, so a screen shows one line less than its length.
    const linesPerPage = Math.max(1, (this.terminalLength || DEFAULT_TERMINAL_LENGTH) - 1);
    this.pager = new OutputPager(lines, linesPerPage, style, (chunk) => this.io.write(chunk), endless);
    if (this.pager.begin()) return this.showPrompt();
    this.input = 'paging';
  }

  private dropHalfway(): void {
    const lines = this.device.renderRunningConfig().split('\n');
    this.write(lines.slice(0, Math.floor(lines.length / 2)).join('\n'));
    this.input = 'closed';
    this.io.close();
  }

  private reply(text: string): void {
    this.write(text);
    this.showPrompt();
  }

  private showPrompt(): void {
    if (this.input === 'closed') return;
    if (this.oneShot) {
      this.input = 'closed';
      return this.io.close();
    }
    this.pager = undefined;
    this.input = 'command';
    const draw = this.style.screen?.prompt ?? this.profile.screen?.prompt;
    this.io.write(draw ? draw(this.prompt) : this.prompt);
    this.pump();
  }

  private write(text: string): void {
    if (text !== '') this.io.write(text.replace(/\n/g, '\r\n'));
  }
}
