/** The longest message a TCP sender may announce (octet counting) or send without a newline. */
export const MAX_TCP_MESSAGE_BYTES = 64 * 1024;

/**
 * Splits a syslog TCP stream into messages (RFC 6587): octet counting (`<length> <message>`) or
 * non-transparent framing (one message per line, LF; a NUL also ends one, as some senders do).
 * Each frame decides for itself: a frame starting with a digit is counted, one starting with `<`
 * is a line. Bytes, not characters, are counted, so a multi-byte UTF-8 character cannot shift a frame.
 */
export class SyslogFrameDecoder {
  private buffer: Buffer = Buffer.alloc(0);

  /** The complete messages in what has arrived so far; throws on a frame no sender could mean. */
  push(chunk: Buffer): string[] {
    this.buffer = this.buffer.length === 0 ? chunk : Buffer.concat([this.buffer, chunk]);
    const messages: string[] = [];
    for (;;) {
      const message = this.next();
      if (message === undefined) break;
      if (message !== '') messages.push(message);
    }
    if (this.buffer.length > MAX_TCP_MESSAGE_BYTES + 8) throw new Error(`a syslog frame over ${MAX_TCP_MESSAGE_BYTES} bytes`);
    return messages;
  }

  private next(): string | undefined {
    while (this.buffer.length > 0 && (this.buffer[0] === 0x0a || this.buffer[0] === 0x0d || this.buffer[0] === 0x00)) this.buffer = this.buffer.subarray(1);
    if (this.buffer.length === 0) return undefined;
    const first = this.buffer[0] ?? 0;
    if (first >= 0x31 && first <= 0x39) {
      const space = this.buffer.indexOf(0x20);
      if (space === -1) {
        if (this.buffer.length > 7) throw new Error('an octet count longer than 7 digits');
        return undefined;
      }
      const digits = this.buffer.subarray(0, space).toString('latin1');
      if (/^\d+$/.test(digits)) {
        const length = Number(digits);
        if (digits.length > 7 || length > MAX_TCP_MESSAGE_BYTES) throw new Error(`a syslog frame of ${length} bytes (at most ${MAX_TCP_MESSAGE_BYTES})`);
        if (this.buffer.length < space + 1 + length) return undefined;
        const message = this.buffer.subarray(space + 1, space + 1 + length).toString('utf8');
        this.buffer = this.buffer.subarray(space + 1 + length);
        return message;
      }
    }
    let end = -1;
    for (let i = 0; i < this.buffer.length; i += 1) {
      if (this.buffer[i] === 0x0a || this.buffer[i] === 0x00) {
        end = i;
        break;
      }
    }
    if (end === -1) return undefined;
    const message = this.buffer.subarray(0, end).toString('utf8').replace(/\r$/, '');
    this.buffer = this.buffer.subarray(end + 1);
    return message;
  }

  /** What is left when the sender closes: a last line without its newline still counts. */
  end(): string[] {
    const rest = this.buffer.toString('utf8').trim();
    this.buffer = Buffer.alloc(0);
    return rest === '' ? [] : [rest];
  }
}
