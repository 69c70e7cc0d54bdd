import type { Appended } from './wake-listener.js';

/** NOTIFY payloads must stay under 8000 bytes; a notice that would not fit says only who sent it. */
const MAX_PAYLOAD_BYTES = 7000;
/** Past this many distinct (type, stream) pairs a notice cannot fit anyway: stop collecting them. */
const MAX_EVENTS = 200;

/**
 * What one NOTIFY tells other processes: who appended, and, when it fits, which event types on which
 * streams up to which transaction, so that they wake only the subscriptions the appends concern (as
 * this process's own appends do). A notice without events (too many, or an older store's plain token)
 * wakes every subscription.
 */
export interface AppendNotice {
  readonly from: string;
  readonly appended: Appended | undefined;
}

/** Appends committed since the last NOTIFY, collected into one notice. */
export class PendingAppends {
  private readonly events = new Map<string, { type: string; streamId: string }>();
  private commit = 0n;
  private overflowed = false;
  private any = false;

  get isEmpty(): boolean {
    return !this.any;
  }

  add(append: Appended): void {
    this.any = true;
    if (append.commit > this.commit) this.commit = append.commit;
    if (this.overflowed) return;
    for (const event of append.events) this.events.set(`${event.type}\u0000${event.streamId}`, event);
    if (this.events.size > MAX_EVENTS) {
      this.overflowed = true;
      this.events.clear();
    }
  }

  /** The payload for everything collected, and a fresh start. */
  take(from: string): string {
    const events = [...this.events.values()].map((e) => [e.type, e.streamId]);
    const payload = this.overflowed ? undefined : JSON.stringify({ from, commit: this.commit.toString(), events });
    this.events.clear();
    this.commit = 0n;
    this.overflowed = false;
    this.any = false;
    return payload !== undefined && Buffer.byteLength(payload) <= MAX_PAYLOAD_BYTES ? payload : JSON.stringify({ from });
  }
}

export function parseAppendNotice(payload: string | undefined): AppendNotice {
  let parsed: unknown;
  try {
    parsed = JSON.parse(payload ?? '');
  } catch {
    // An older store's payload is its bare token: it names no events.
    return { from: payload ?? '', appended: undefined };
  }
  if (typeof parsed !== 'object' || parsed === null) return { from: payload ?? '', appended: undefined };
  const { from, commit, events } = parsed as { from?: unknown; commit?: unknown; events?: unknown };
  const sender = typeof from === 'string' ? from : '';
  if (typeof commit !== 'string' || !/^\d+$/.test(commit) || !Array.isArray(events)) return { from: sender, appended: undefined };
  const named: Array<{ type: string; streamId: string }> = [];
  for (const event of events) {
    if (!Array.isArray(event) || typeof event[0] !== 'string' || typeof event[1] !== 'string') return { from: sender, appended: undefined };
    named.push({ type: event[0], streamId: event[1] });
  }
  return { from: sender, appended: { events: named, commit: BigInt(commit) } };
}
