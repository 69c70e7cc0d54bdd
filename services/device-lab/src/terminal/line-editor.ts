const BACKSPACE = '\b';
const DELETE = '\x7f';

/** Assembles typed characters into a line and echoes them like a pty in cooked mode. */
export class LineEditor {
  private buffer = '';

  constructor(private readonly echo: (text: string) => void) {}

  /** Feeds one key; returns the finished line when the key was Enter. Secret input echoes only `mask`. */
  feed(key: string, secret: boolean, mask = ''): string | undefined {
    if (key === '\r' || key === '\n') {
      const line = this.buffer;
      this.buffer = '';
      this.echo('\r\n');
      return line;
    }
    if (key === BACKSPACE || key === DELETE) {
      if (this.buffer.length > 0) {
        this.buffer = this.buffer.slice(0, -1);
        if (!secret || mask !== '') this.echo('\b \b');
      }
      return undefined;
    }
    if (key < ' ') return undefined;
    this.buffer += key;
    const shown = secret ? mask : key;
    if (shown !== '') this.echo(shown);
    return undefined;
  }
}
