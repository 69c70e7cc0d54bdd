import { CR, DO, DONT, ECHO, IAC, LF, NAWS, NUL, SB, SE, SGA, TTYPE, TTYPE_IS, TTYPE_SEND, WILL, WONT } from './telnet-codes.js';

type ParseState = 'data' | 'iac' | 'option' | 'sb' | 'sb-iac';

/** What the client told the device about its terminal. */
export interface TelnetTerminal {
  width?: number;
  height?: number;
  type?: string;
}

/**
 * The device's side of RFC 854 like Cisco IOS does it: it offers to echo and to suppress go-ahead,
 * asks for the window size (RFC 1073) and the terminal type (RFC 1091), and refuses everything else.
 * Each option is answered at most once per state change, so two such endpoints never loop.
 */
export class TelnetServerCodec {
  readonly terminal: TelnetTerminal = {};
  private state: ParseState = 'data';
  private command = 0;
  private subnegotiation: number[] = [];
  private afterCr = false;
  // Options each side has agreed to, by number; what we asked for and have not heard back about.
  private readonly ours = new Set<number>();
  private readonly theirs = new Set<number>();
  private readonly asked = new Set<string>();

  constructor(private readonly send: (bytes: Buffer) => void) {}

  /** The opening offers, sent once the TCP connection is up. */
  open(): void {
    this.request(WILL, ECHO);
    this.request(WILL, SGA);
    this.request(DO, NAWS);
    this.request(DO, TTYPE);
  }

  /** Data bytes from the client, with every command taken out and `CR NUL` turned back into `CR`. */
  decode(chunk: Buffer): Buffer {
    const data: number[] = [];
    for (const byte of chunk) {
      switch (this.state) {
        case 'data':
          if (byte === IAC) this.state = 'iac';
          else if (!(this.afterCr && byte === NUL)) data.push(byte);
          this.afterCr = byte === CR;
          break;
        case 'iac':
          this.afterCr = false;
          if (byte === IAC) {
            data.push(IAC);
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
    return Buffer.from(data);
  }

  /** Device output as NVT data: IAC doubled, a bare CR sent as `CR NUL`. */
  encode(bytes: Buffer): Buffer {
    // At most every byte doubles; a 20 MB config goes through here in one piece.
    const out = Buffer.allocUnsafe(bytes.length * 2);
    let length = 0;
    for (let at = 0; at < bytes.length; at += 1) {
      const byte = bytes[at] as number;
      out[length++] = byte;
      if (byte === IAC) out[length++] = IAC;
      else if (byte === CR && bytes[at + 1] !== LF) out[length++] = NUL;
    }
    return out.subarray(0, length);
  }

  private request(command: number, option: number): void {
    this.asked.add(`${command === WILL ? 'ours' : 'theirs'}:${option}`);
    this.send(Buffer.from([IAC, command, option]));
  }

  private negotiate(command: number, option: number): void {
    // WILL/WONT speak about the client's options, DO/DONT about ours.
    const theirSide = command === WILL || command === WONT;
    const enable = command === WILL || command === DO;
    const agreed = theirSide ? this.theirs : this.ours;
    const isAnswer = this.asked.delete(`${theirSide ? 'theirs' : 'ours'}:${option}`);
    const reply = (yes: boolean): void => {
      if (!isAnswer) this.send(Buffer.from([IAC, theirSide ? (yes ? DO : DONT) : yes ? WILL : WONT, option]));
    };
    if (!enable) {
      if (agreed.delete(option)) reply(false);
      return;
    }
    if (!(theirSide ? [NAWS, TTYPE] : [ECHO, SGA]).includes(option)) return reply(false);
    if (agreed.has(option)) return;
    agreed.add(option);
    reply(true);
    if (theirSide && option === TTYPE) this.send(Buffer.from([IAC, SB, TTYPE, TTYPE_SEND, IAC, SE]));
  }

  private subnegotiate(bytes: readonly number[]): void {
    const [option, ...rest] = bytes;
    if (option === NAWS && rest.length === 4) {
      const [w1 = 0, w2 = 0, h1 = 0, h2 = 0] = rest;
      this.terminal.width = (w1 << 8) | w2;
      this.terminal.height = (h1 << 8) | h2;
    } else if (option === TTYPE && rest[0] === TTYPE_IS) {
      this.terminal.type = Buffer.from(rest.slice(1)).toString('latin1');
    }
  }
}
