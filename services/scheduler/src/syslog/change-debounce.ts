/** What to do about one configuration-change message. */
export type DebounceDecision = 'backup-now' | 'folded';

interface Window {
  readonly endsAt: number;
  /** A message arrived after the window's backup started: one follow-up at its end. */
  pending: boolean;
}

/**
 * Debounce per device, pure (the caller passes the time): the first change message backs the device
 * up at once and opens a window; messages inside it fold into at most one follow-up backup at the
 * window's end, which opens the next window (so a device that keeps changing is backed up at most
 * once per window, and its last change is always captured). A window that ends with nothing pending
 * is forgotten.
 */
export class ChangeDebounce {
  private readonly windows = new Map<string, Window>();

  constructor(private readonly windowMs: number) {
    if (!(windowMs >= 0)) throw new Error(`debounce window must be 0 or more milliseconds, not ${windowMs}`);
  }

  /** A change message from `key` at `now` (epoch ms). */
  message(key: string, now: number): DebounceDecision {
    const window = this.windows.get(key);
    if (window && now < window.endsAt) {
      window.pending = true;
      return 'folded';
    }
    this.windows.set(key, { endsAt: now + this.windowMs, pending: false });
    return 'backup-now';
  }

  /** The keys whose follow-up is due at `now`; each starts a new window from its old one's end. */
  due(now: number): string[] {
    const due: string[] = [];
    for (const [key, window] of this.windows) {
      if (window.endsAt > now) continue;
      if (window.pending) {
        due.push(key);
        this.windows.set(key, { endsAt: window.endsAt + this.windowMs, pending: false });
        // A clock that jumped past several windows: the next one starts now.
        if (window.endsAt + this.windowMs <= now) this.windows.set(key, { endsAt: now + this.windowMs, pending: false });
      } else {
        this.windows.delete(key);
      }
    }
    return due;
  }

  /** When `due` next has something to do (epoch ms), or undefined when no window is open. */
  nextDeadline(): number | undefined {
    let next: number | undefined;
    for (const window of this.windows.values()) {
      if (next === undefined || window.endsAt < next) next = window.endsAt;
    }
    return next;
  }

  get openWindows(): number {
    return this.windows.size;
  }
}
