/**
 * The stream one subscriber reads: items pushed from the moment it is created (not from its first
 * read, as a lazy generator or Repeater would: what arrives in between would be lost), kept in order
 * up to `limit`; a subscriber further behind is ended with an error rather than fed without bound.
 * `return` (the client left) runs `onClose` once.
 */
export class Channel<T> implements AsyncIterableIterator<T> {
  private readonly queue: T[] = [];
  private head = 0;
  /** Reads waiting for an item, in the order they were made. */
  private readonly waiting: Array<{ resolve: (result: IteratorResult<T>) => void; reject: (error: Error) => void }> = [];
  private failure: Error | undefined;
  private closed = false;

  constructor(
    private readonly limit: number,
    private readonly onClose: () => void,
  ) {}

  push(item: T): void {
    if (this.closed || this.failure) return;
    const reader = this.waiting.shift();
    if (reader) {
      reader.resolve({ value: item, done: false });
      return;
    }
    if (this.queue.length - this.head >= this.limit) {
      this.fail(new Error(`this subscription fell more than ${this.limit} messages behind and was ended; subscribe again`));
      return;
    }
    this.queue.push(item);
  }

  next(): Promise<IteratorResult<T>> {
    if (this.head < this.queue.length) {
      const value = this.queue[this.head++] as T;
      if (this.head > 1024 && this.head * 2 > this.queue.length) this.queue.splice(0, this.head), (this.head = 0);
      return Promise.resolve({ value, done: false });
    }
    if (this.failure) {
      const failure = this.failure;
      this.failure = undefined;
      this.close();
      return Promise.reject(failure);
    }
    if (this.closed) return Promise.resolve({ value: undefined, done: true });
    return new Promise((resolve, reject) => {
      this.waiting.push({ resolve, reject });
    });
  }

  return(): Promise<IteratorResult<T>> {
    this.close();
    for (const reader of this.waiting.splice(0)) reader.resolve({ value: undefined, done: true });
    return Promise.resolve({ value: undefined, done: true });
  }

  [Symbol.asyncIterator](): AsyncIterableIterator<T> {
    return this;
  }

  private fail(error: Error): void {
    this.failure = error;
    this.queue.length = 0;
    this.head = 0;
    if (this.waiting.length > 0) {
      for (const reader of this.waiting.splice(0)) reader.reject(error);
      this.close();
    }
  }

  private close(): void {
    if (this.closed) return;
    this.closed = true;
    this.onClose();
  }
}
