/**
 * Runs async tasks one at a time in call order. Each caller gets its own task's result or rejection;
 * a failed task does not stop the ones queued after it.
 */
export class SerialQueue {
  private tail: Promise<void> = Promise.resolve();

  run<T>(task: () => Promise<T>): Promise<T> {
    const result = this.tail.then(task);
    // The rejection is delivered to the caller through `result`; the chain itself only needs to know it settled.
    this.tail = result.then(
      () => undefined,
      () => undefined,
    );
    return result;
  }
}
