export const MORE_PROMPT = ' --More-- ';
// IOS wipes the pager prompt in place: back over it, blank it, back again.
const ERASE_MORE = '\b'.repeat(MORE_PROMPT.length) + ' '.repeat(MORE_PROMPT.length) + '\b'.repeat(MORE_PROMPT.length);

/** Shows long output a screen at a time behind ` --More-- `, answering keys like IOS does. */
export class OutputPager {
  private shown = 0;

  constructor(
    private readonly lines: readonly string[],
    private readonly linesPerPage: number,
    private readonly write: (text: string) => void,
  ) {}

  /** Writes the first screen; true when the whole output fitted and paging is already over. */
  begin(): boolean {
    return this.show(this.linesPerPage);
  }

  /** Space: next screen; Enter: one more line; anything else (q): stop. True when paging is over. */
  press(key: string): boolean {
    this.write(ERASE_MORE);
    if (key === ' ') return this.show(this.linesPerPage);
    if (key === '\r' || key === '\n') return this.show(1);
    return true;
  }

  private show(count: number): boolean {
    const end = Math.min(this.lines.length, this.shown + count);
    let text = '';
    for (let at = this.shown; at < end; at += 1) text += `${this.lines[at]}\r\n`;
    this.shown = end;
    if (end >= this.lines.length) {
      this.write(text);
      return true;
    }
    this.write(text + MORE_PROMPT);
    return false;
  }
}
