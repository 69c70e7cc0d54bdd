import type { PagerErase, PagerStyle } from '../simulation/platform-profile.js';

const ANSI_ATTRIBUTES = /\x1b\[[0-9;]*m/g;

/** What the pager writes to wipe its prompt: IOS backs over it, others return and blank the line. */
function eraseSequence(prompt: string, erase: PagerStyle['erase']): string {
  if (typeof erase !== 'string') return erase.literal;
  const width = prompt.replace(ANSI_ATTRIBUTES, '').length;
  switch (erase satisfies PagerErase) {
    case 'backspaces':
      return '\b'.repeat(width) + ' '.repeat(width) + '\b'.repeat(width);
    case 'carriage-return':
      return `\r${' '.repeat(width)}\r`;
    case 'clear-line':
      return '\r\x1b[K';
  }
}

/**
 * Shows long output a screen at a time behind the platform's pager prompt. An endless pager (a fault)
 * starts again from the top instead of ending.
 */
export class OutputPager {
  private shown = 0;
  private readonly erase: string;

  constructor(
    private readonly lines: readonly string[],
    private readonly linesPerPage: number,
    private readonly style: PagerStyle,
    private readonly write: (text: string) => void,
    private readonly endless = false,
  ) {
    this.erase = eraseSequence(style.prompt, style.erase);
  }

  /** Writes the first screen; true when the whole output fitted and paging is already over. */
  begin(): boolean {
    return this.show(this.linesPerPage);
  }

  /** Space: next screen; Enter: one more line; anything else (q): stop. True when paging is over. */
  press(key: string): boolean {
    this.write(this.erase);
    if (key === ' ') return this.show(this.linesPerPage);
    if (key === '\r' || key === '\n') return this.show(1);
    return true;
  }

  private show(count: number): boolean {
    const end = Math.min(this.lines.length, this.shown + count);
    let text = '';
    for (let at = this.shown; at < end; at += 1) text += `${this.lines[at]}\r\n`;
    this.shown = this.endless && end >= this.lines.length ? 0 : end;
    if (end >= this.lines.length && !this.endless) {
      this.write(text);
      return true;
    }
    const first = Math.max(1, end - this.linesPerPage + 1);
    this.write(text + this.style.prompt.replace('{first}', String(first)).replace('{last}', String(end)));
    return false;
  }
}
