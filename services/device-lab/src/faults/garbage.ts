/** A small seeded generator (mulberry32), so a run with garbage can be replayed. */
function generator(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

function seedOf(text: string): number {
  let hash = 2_166_136_261;
  for (let at = 0; at < text.length; at += 1) hash = Math.imul(hash ^ text.charCodeAt(at), 16_777_619);
  return hash >>> 0;
}

// Never \b, \t, \r or \n (a terminal acts on those), never a lone ESC (it would swallow the next character).
const CONTROLS = [0x00, 0x07, 0x0e, 0x0f, 0x1a, 0x7f];
const ESCAPES = ['\x1b[0m', '\x1b[1;31m', '\x1b[?25l', '\x1b[?25h', '\x1b[K', '\x1b]0;lab\x07', '\x1b(B', '\x1b=', '\x1b>', '\x1b7', '\x1b8'];
// Bytes that never start or continue a valid UTF-8 character wherever they stand.
const NEVER_UTF8 = [0xc0, 0xc1, 0xf5, 0xf8, 0xfe, 0xff, 0x80, 0xbf];
// Valid beginnings cut short; always followed by a control byte, so nothing completes them.
const TRUNCATED = [[0xe2, 0x82], [0xf0, 0x9f, 0x98], [0xc3]];
const AVERAGE_GAP = 160;

/**
 * Mixes bursts of junk into device output at character boundaries: bytes that are not UTF-8, control
 * characters and complete escape sequences. A terminal (and a careful client) shows exactly the real text.
 */
export class GarbageMixer {
  private readonly random: () => number;

  constructor(seed: string) {
    this.random = generator(seedOf(seed));
  }

  mix(text: string): Buffer {
    const parts: Buffer[] = [];
    let from = 0;
    while (from < text.length) {
      let to = Math.min(text.length, from + 1 + Math.floor(this.random() * AVERAGE_GAP * 2));
      // Never split a surrogate pair: both halves must reach the encoder together.
      if (to < text.length && /[\ud800-\udbff]/.test(text.charAt(to - 1))) to += 1;
      parts.push(this.burst(), Buffer.from(text.slice(from, to), 'utf8'));
      from = to;
    }
    return Buffer.concat(parts);
  }

  private burst(): Buffer {
    const bytes: number[] = [];
    const items = 1 + Math.floor(this.random() * 4);
    for (let item = 0; item < items; item += 1) {
      const kind = Math.floor(this.random() * 4);
      if (kind === 0) bytes.push(this.pick(CONTROLS));
      else if (kind === 1) bytes.push(...Buffer.from(this.pick(ESCAPES), 'latin1'));
      else if (kind === 2) bytes.push(this.pick(NEVER_UTF8));
      else bytes.push(...this.pick(TRUNCATED), this.pick(CONTROLS));
    }
    return Buffer.from(bytes);
  }

  private pick<T>(choices: readonly T[]): T {
    return choices[Math.floor(this.random() * choices.length)] as T;
  }
}

/** Turns CLI text into the bytes a device sends: UTF-8, with junk mixed in while `garbageBytes` is on. */
export function outputEncoder(isOn: () => boolean, seed: string): (text: string) => Buffer {
  let mixer: GarbageMixer | undefined;
  return (text) => {
    if (!isOn()) return Buffer.from(text, 'utf8');
    mixer ??= new GarbageMixer(seed);
    return mixer.mix(text);
  };
}
