import { deviceDecider, type PinHostKey } from '@netraven/domain';
import type { BatchOutcome, CommandHandler } from '@netraven/infra/eventstore';

type PinOutcome = BatchOutcome<{ type: string; data: unknown }>;

interface QueuedPin {
  readonly command: PinHostKey;
  readonly settle: (outcome: PinOutcome) => void;
  readonly fail: (error: unknown) => void;
}

/**
 * First-use host-key pins of the sessions that finish together, decided and appended in one multi-stream write
 * (group commit: while one write is in flight the next pins queue up, and go together when it returns). A first
 * backup of 1,000 devices costs a few writes instead of a stream read and an append per device. Each pin is still
 * decided on its own device stream with its expected revision, and a refused pin (another key pinned meanwhile, a
 * decommissioned device) fails alone.
 */
export class HostKeyPins {
  private queue: QueuedPin[] = [];
  private writing = false;

  constructor(private readonly commands: CommandHandler, private readonly maxBatch = 500) {}

  /** The pin's outcome: `ok` with the events appended (none when this key was already pinned), or the refusal. */
  pin(command: PinHostKey): Promise<PinOutcome> {
    return new Promise<PinOutcome>((settle, fail) => {
      this.queue.push({ command, settle, fail });
      if (!this.writing) void this.drain();
    });
  }

  private async drain(): Promise<void> {
    this.writing = true;
    // One turn of the microtask queue: pins asked for in the same tick go in the same write.
    await Promise.resolve();
    try {
      while (this.queue.length > 0) {
        const batch = this.nextBatch();
        try {
          const outcomes = await this.commands.handleAll(deviceDecider, batch.map((p) => ({ aggregateId: p.command.data.deviceId, command: p.command })));
          batch.forEach((p, i) => p.settle(outcomes[i]!));
        } catch (error) {
          batch.forEach((p) => p.fail(error));
        }
      }
    } finally {
      this.writing = false;
    }
  }

  /** Up to `maxBatch` pins, at most one per device (a write names each stream once); the rest wait for the next write. */
  private nextBatch(): QueuedPin[] {
    const devices = new Set<string>();
    const batch: QueuedPin[] = [];
    const rest: QueuedPin[] = [];
    for (const pin of this.queue) {
      if (batch.length < this.maxBatch && !devices.has(pin.command.data.deviceId)) {
        devices.add(pin.command.data.deviceId);
        batch.push(pin);
      } else {
        rest.push(pin);
      }
    }
    this.queue = rest;
    return batch;
  }
}
