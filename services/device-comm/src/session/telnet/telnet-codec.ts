import { CR, DO, DONT, ECHO, IAC, NAWS, NUL, SB, SE, SGA, TTYPE, TTYPE_IS, TTYPE_SEND, WILL, WONT } from './telnet-codes.js';

type ParseState = 'data' | 'iac' | 'option' | 'sb' | 'sb-iac';
/** RFC 1143's states for one side of one option; we never ask to turn an option off, so no want-no. */
type OptionState = 'no' | 'yes' | 'want-yes';

export interface TelnetWindow {
  cols: number;
  rows: number;
}

/**
 * The client side of RFC 854 option negotiation with the Q method of RFC 1143, so two endpoints never
 * loop: the device may echo and suppress go-ahead; we suppress go-ahead, report our window size
 * (NAWS) and terminal type, and refuse everything else. Data comes out with commands taken out,
 * `IAC IAC` as one 0xFF and `CR NUL` as `CR`.
 */
export class TelnetCodec {
  private state: ParseState = 'data';
  private command = 0;
  private subnegotiation: number[] = [];
  private afterCr = false;
  private readonly local = new Map<number, OptionState>();
  private readonly remote = new Map<number, OptionState>();

  constructor(
    private readonly send: (bytes: Buffer) => void,
    private readonly window: TelnetWindow,
    private readonly terminalType = 'VT100',
  ) {}

  /** Offers what a terminal client usually offers first; safe against a device that asks at the same time. */
  start(): void {
    this.ask('remote', SGA);
    this.ask('remote', ECHO);
    this.ask('local', NAWS);
  }

  /** Whether the device agreed to echo what we type (it does, for every CLI worth the name). */
  get deviceEchoes(): boolean {
    return this.remote.get(ECHO) === 'yes';
  }

  decode(chunk: Buffer): Buffer {
    const data = Buffer.allocUnsafe(chunk.length);
    let length = 0;
    for (const byte of chunk) {
      switch (this.state) {
        case 'data':
          if (byte === IAC) this.state = 'iac';
          else if (!(this.afterCr && byte === NUL)) data[length++] = byte;
          this.afterCr = byte === CR;
          break;
        case 'iac':
          this.afterCr = false;
          if (byte === IAC) {
            data[length++] = IAC;
            this.state = 'data';
          } else if (byte >= WILL && byte <= DONT) {
            this.command = byte;
            this.state = 'option';
          } else if (byte === SB) {
            this.subnegotiation = [];
            this.state = 'sb';
          } else this.state = 'data';
          break;
        case 'option':
          this.negotiate(this.command, byte);
          this.state = 'data';
          break;
        case 'sb':
          if (byte === IAC) this.state = 'sb-iac';
          else this.subnegotiation.push(byte);
          break;
        case 'sb-iac':
          if (byte === SE) {
            this.subnegotiate(this.subnegotiation);
            this.state = 'data';
          } else {
            this.subnegotiation.push(byte);
            this.state = 'sb';
          }
          break;
      }
    }
    return data.subarray(0, length);
  }

  /** Keystrokes as NVT data: `\n` as `CR LF`, a lone `\r` as `CR NUL`, 0xFF doubled. */
  encode(text: string): Buffer {
    const bytes = Buffer.from(text.replace(/\r?\n/g, '\r\n').replace(/\r(?!\n)/g, '\r\0'), 'utf8');
    return escapeIac(bytes);
  }

  private ask(side: 'local' | 'remote', option: number): void {
    const states = side === 'local' ? this.local : this.remote;
    if ((states.get(option) ?? 'no') !== 'no') return;
    states.set(option, 'want-yes');
    this.reply(side === 'local' ? WILL : DO, option);
  }

  private negotiate(command: number, option: number): void {
    // WILL/WONT are about the device's side of an option, DO/DONT about ours.
    const side = command === WILL || command === WONT ? 'remote' : 'local';
    const states = side === 'remote' ? this.remote : this.local;
    const [yes, no] = side === 'remote' ? [DO, DONT] : [WILL, WONT];
    const current = states.get(option) ?? 'no';
    const acceptable = side === 'remote' ? option === ECHO || option === SGA : option === SGA || option === NAWS || option === TTYPE;
    if (command === WILL || command === DO) {
      if (current === 'yes') return;
      if (current === 'no' && !acceptable) return this.reply(no, option);
      states.set(option, 'yes');
      // From want-yes this is the answer to our own request: answering it again would start a loop.
      if (current === 'no') this.reply(yes, option);
      if (side === 'local' && option === NAWS) this.sendWindowSize();
      return;
    }
    if (current === 'no') return;
    states.set(option, 'no');
    if (current === 'yes') this.reply(no, option);
  }

  private sendWindowSize(): void {
    const { cols, rows } = this.window;
    const size = Buffer.from([cols >> 8, cols & 0xff, rows >> 8, rows & 0xff]);
    this.send(Buffer.concat([Buffer.from([IAC, SB, NAWS]), escapeIac(size), Buffer.from([IAC, SE])]));
  }

  private subnegotiate(bytes: readonly number[]): void {
    if (bytes[0] === TTYPE && bytes[1] === TTYPE_SEND && this.local.get(TTYPE) === 'yes') {
      this.send(Buffer.concat([Buffer.from([IAC, SB, TTYPE, TTYPE_IS]), Buffer.from(this.terminalType, 'latin1'), Buffer.from([IAC, SE])]));
    }
  }

  private reply(command: number, option: number): void {
    this.send(Buffer.from([IAC, command, option]));
  }
}

/** 0xFF is IAC; as data (and inside a subnegotiation) it is sent twice. */
function escapeIac(bytes: Buffer): Buffer {
  if (!bytes.includes(IAC)) return bytes;
  const out: number[] = [];
  for (const byte of bytes) {
    out.push(byte);
    if (byte === IAC) out.push(IAC);
  }
  return Buffer.from(out);
}
