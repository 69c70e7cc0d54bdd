// CSI (colours, cursor moves), OSC (window titles), charset selection, and two-byte escapes (keypad modes, resets).
const ANSI_ESCAPE = /\x1b(?:\[[0-?]*[ -/]*[@-~]|\][^\x07\x1b]*(?:\x07|\x1b\\)|[()][0-9A-Za-z]|[0-Z\\^_`-~])/g;
const COMPLETE_ESCAPE_AT_START = new RegExp(`^(?:${ANSI_ESCAPE.source})`);
const LONGEST_PLAUSIBLE_ESCAPE = 64;

export function stripAnsi(text: string): string {
  return text.replace(ANSI_ESCAPE, '');
}

/**
 * What a terminal would show from raw pty output, as lines: escapes stripped, `\r\n` and `\r\r\n`
 * ending lines, a lone `\r` restarting the line (the pager-wipe idiom) and `\b` deleting a character.
 * Fed chunk by chunk; a `\r` or escape split across chunks is held back until the next chunk.
 */
export class TerminalText {
  private lines: string[] = [];
  private current = '';
  private pending = '';
  private received = false;

  push(chunk: string): void {
    if (chunk.length > 0) this.received = true;
    let data = this.pending + chunk;
    this.pending = '';
    const lastEscape = data.lastIndexOf('\x1b');
    if (lastEscape >= 0 && data.length - lastEscape < LONGEST_PLAUSIBLE_ESCAPE) {
      if (!COMPLETE_ESCAPE_AT_START.test(data.slice(lastEscape))) {
        this.pending = data.slice(lastEscape);
        data = data.slice(0, lastEscape);
      }
    }
    data = stripAnsi(data);
    if (this.pending === '' && data.endsWith('\r')) {
      const trailing = /\r+$/.exec(data)?.[0] ?? '';
      this.pending = trailing;
      data = data.slice(0, data.length - trailing.length);
    }
    this.apply(data);
  }

  /** True once any byte arrived, even if it produced no visible text. */
  get receivedAnything(): boolean {
    return this.received;
  }

  /** The line still being written: where prompts and pagers appear. */
  get currentLine(): string {
    return this.current;
  }

  replaceCurrentLine(text: string): void {
    this.current = text;
  }

  get completedLines(): readonly string[] {
    return this.lines;
  }

  /** Everything seen so far, lines joined with `\n`. */
  get text(): string {
    return this.lines.length === 0 ? this.current : `${this.lines.join('\n')}\n${this.current}`;
  }

  clear(): void {
    this.lines = [];
    this.current = '';
    this.pending = '';
    this.received = false;
  }

  private apply(data: string): void {
    for (let at = 0; at < data.length; at += 1) {
      const char = data.charAt(at);
      if (char === '\n') {
        this.lines.push(this.current);
        this.current = '';
      } else if (char === '\r') {
        const next = data.charAt(at + 1);
        if (next !== '\n' && next !== '\r') this.current = '';
      } else if (char === '\b') {
        this.current = this.current.slice(0, -1);
      } else if (char === '\t' || (char >= ' ' && char !== '\x7f')) {
        this.current += char;
      }
    }
  }
}
