/**
 * At most `limit` concurrent sessions per device endpoint (`host:port`), whatever the worker's
 * overall concurrency: two overlapping jobs must not open more vty sessions on a fragile device
 * than it tolerates. Waiters are served in arrival order.
 */
export class HostLimiter {
  private readonly active = new Map<string, number>();
  private readonly waiting = new Map<string, Array<() => void>>();

  constructor(private readonly limit: number) {
    if (!Number.isInteger(limit) || limit < 1) throw new Error(`per-host limit must be a positive integer, got ${limit}`);
  }

  async run<T>(endpoint: string, work: () => Promise<T>): Promise<T> {
    await this.acquire(endpoint);
    try {
      return await work();
    } finally {
      this.release(endpoint);
    }
  }

  private acquire(endpoint: string): Promise<void> {
    const active = this.active.get(endpoint) ?? 0;
    if (active < this.limit) {
      this.active.set(endpoint, active + 1);
      return Promise.resolve();
    }
    return new Promise((resolve) => this.waiting.set(endpoint, [...(this.waiting.get(endpoint) ?? []), resolve]));
  }

  private release(endpoint: string): void {
    const next = this.waiting.get(endpoint)?.shift();
    if (next) return next();
    if (this.waiting.get(endpoint)?.length === 0) this.waiting.delete(endpoint);
    const active = (this.active.get(endpoint) ?? 1) - 1;
    if (active === 0) this.active.delete(endpoint);
    else this.active.set(endpoint, active);
  }
}
