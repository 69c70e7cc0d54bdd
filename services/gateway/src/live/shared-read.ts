/**
 * One read shared by every subscriber of the same operation, filter and tag scope: a change notice
 * pokes it, and what it reads goes to each of them. Pokes during a read are coalesced into one more
 * read, so a burst of notices costs a few queries, not one per notice and subscriber.
 */
export class SharedRead<T> {
  private readonly listeners = new Set<(item: T) => void>();
  private running = false;
  private again = false;

  constructor(
    private readonly read: () => Promise<readonly T[]>,
    private readonly onError: (error: unknown) => void,
  ) {}

  get size(): number {
    return this.listeners.size;
  }

  add(listener: (item: T) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  poke(): void {
    if (this.running) {
      this.again = true;
      return;
    }
    this.running = true;
    void this.run();
  }

  /** One subscriber's failure is its own: the others still get the item. */
  private deliver(listener: (item: T) => void, item: T): void {
    try {
      listener(item);
    } catch (error) {
      this.onError(error);
    }
  }

  private async run(): Promise<void> {
    try {
      do {
        this.again = false;
        const items = await this.read();
        for (const item of items) for (const listener of this.listeners) this.deliver(listener, item);
        // Each delivery starts a GraphQL execution per subscriber: let I/O (the projectors' next
        // batch, socket writes) run before reading again, so a burst cannot starve them.
        if (items.length > 0) await new Promise<void>((resolve) => setImmediate(resolve));
      } while (this.again && this.listeners.size > 0);
    } catch (error) {
      // The reader keeps its place (cursor, pending ids): the next notice reads again.
      this.onError(error);
    } finally {
      this.running = false;
    }
  }
}
