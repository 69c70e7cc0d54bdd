// CSI (colours, cursor moves), OSC (window titles), charset selection, and two-byte escapes (keypad modes, resets).
const ANSI_ESCAPE = /\x1b(?:\[[0-?]*[ -/]*[@-~]|\][^\x07\x1b]*(?:\x07|\x1b\\)|[()][0-9A-Za-z]|[0-Z\\^_`-~])/g;
const COMPLETE_ESCAPE_AT_START = new RegExp(`^(?:${ANSI_ESCAPE.source})`);
const LONGEST_PLAUSIBLE_ESCAPE = 64;
// What no terminal prints: C0 controls other than \b \t \n \r, a lone ESC, DEL, C1 controls, and the
// replacement character the UTF-8 decoder puts where bytes were not text.
const NOT_TEXT = /[\x00-\x07\x0b\x0c\x0e-\x1f\x7f-\x9f\ufffd]/;
const NOT_TEXT_ALL = new RegExp(NOT_TEXT.source, 'g');
const LINE_CONTROL = /[\n\r\b]/g;
// Escapes that edit the line rather than decorate it, turned into the control characters `apply` knows:
// cursor left n (Huawei wipes its pager with it), erase the whole line (HP ProCurve always moves to
// column 1 next, so a line restart) and next line (HP ProCurve).
const CURSOR_LEFT = /\x1b\[(\d*)D/g;
const ERASE_LINE = /\x1b\[2K/g;
const NEXT_LINE = /\x1bE/g;

function interpretLineEdits(text: string): string {
  return text
    .replace(CURSOR_LEFT, (_escape, count: string) => '\b'.repeat(Math.max(1, Number(count) || 1)))
    .replace(ERASE_LINE, '\r')
    .replace(NEXT_LINE, '\r\n');
}

export function stripAnsi(text: string): string {
  return text.replace(ANSI_ESCAPE, '');
}

/**
 * What a terminal would show from raw pty output, as lines: escapes stripped, `\r\n` and `\r\r\n`
 * ending lines, a lone `\r` restarting the line (the pager-wipe idiom) and `\b` deleting a character;
 * cursor-left, erase-line and next-line escapes act like backspaces, a line wipe and a line end.
 * Fed chunk by chunk; a `\r` or escape split across chunks is held back until the next chunk.
 */
export class TerminalText {
  private lines: string[] = [];
  private current = '';
  private pending = '';
  private received = false;
  private dropped = 0;

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
    data = stripAnsi(interpretLineEdits(data));
    // Noise between \r and \n must go before \r is read, or it would wipe the line.
    if (NOT_TEXT.test(data)) {
      data = data.replace(NOT_TEXT_ALL, () => {
        this.dropped += 1;
        return '';
      });
    }
    if (this.pending === '' && data.endsWith('\r')) {
      const trailing = /\r+$/.exec(data)?.[0] ?? '';
      this.pending = trailing;
      data = data.slice(0, data.length - trailing.length);
    }
    this.apply(data);
  }

  /** Characters dropped because no terminal would show them, since the start (not reset by `clear`). */
  get droppedCharacters(): number {
    return this.dropped;
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

  /** Forgets the finished lines but keeps the one being written (the prompt), once their text was taken. */
  forgetCompletedLines(): void {
    this.lines = [];
  }

  clear(): void {
    this.lines = [];
    this.current = '';
    this.pending = '';
    this.received = false;
  }

  private apply(data: string): void {
    let at = 0;
    while (at < data.length) {
      LINE_CONTROL.lastIndex = at;
      const control = LINE_CONTROL.exec(data);
      const end = control ? control.index : data.length;
      if (end > at) this.current += data.slice(at, end);
      if (!control) return;
      const char = data.charAt(end);
      if (char === '\n') {
        this.lines.push(this.current);
        this.current = '';
      } else if (char === '\r') {
        const next = data.charAt(end + 1);
        if (next !== '\n' && next !== '\r') this.current = '';
      } else {
        this.current = this.current.slice(0, -1);
      }
      at = end + 1;
    }
  }
}
