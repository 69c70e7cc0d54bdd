import { jobDecider, type JobCommand } from '@netraven/domain';
import { CommandHandler, newCommandMetadata, type EventStore, type Position } from '@netraven/infra/eventstore';
import type { Projector } from '@netraven/projections';
import { percentile } from '../support/metrics.js';
import { sleep } from './report.js';

export interface LagResult {
  readonly events: number;
  readonly seconds: number;
  /** Command issued → the event's rows committed by every projector that handles it. */
  readonly endToEndMs: number[];
  /** Append committed (handler returned) → the same. */
  readonly afterCommitMs: number[];
}

const key = (p: Position): string => `${p.commit}/${p.prepare}`;

/**
 * Single-event job commands at a steady rate from a few lanes (each lane walks one job: schedule,
 * dispatch to 40 devices, then start + snapshot per device, leaving the last device open so every
 * command appends exactly one event). The runner's change notices tell when each event is projected.
 */
export class LagProbe {
  private readonly pending = new Map<string, { t0: number; t1: number; waitingFor: number }>();
  private readonly early = new Map<string, number>();
  private readonly endToEnd: number[] = [];
  private readonly afterCommit: number[] = [];
  private measureFrom = Number.POSITIVE_INFINITY;

  constructor(private readonly projectors: readonly Projector[]) {}

  /** Wire this to ProjectionRunner's `onChange`. */
  onChange(events: readonly { position: Position }[]): void {
    const now = performance.now();
    for (const event of events) {
      const k = key(event.position);
      const entry = this.pending.get(k);
      if (!entry) {
        this.early.set(k, (this.early.get(k) ?? 0) + 1);
        continue;
      }
      if (--entry.waitingFor === 0) this.settle(k, entry, now);
    }
  }

  /** Commands of the first `warmupSeconds` (connections opening, code compiling) are not measured. */
  async run(store: EventStore, options: { eventsPerSecond: number; seconds: number; warmupSeconds: number; lanes: number }): Promise<LagResult> {
    const handler = new CommandHandler(store);
    const intervalMs = 1000 / options.eventsPerSecond;
    const warmupStarted = performance.now();
    const started = warmupStarted + options.warmupSeconds * 1000;
    this.measureFrom = started;
    const lanes = Array.from({ length: options.lanes }, (_, i) => laneCommands(`lag-${Date.now()}-${i}`));
    const busy = new Set<number>();
    const inFlight: Promise<void>[] = [];
    let sent = 0;
    for (let due = warmupStarted; due < started + options.seconds * 1000; due += intervalMs) {
      const wait = due - performance.now();
      if (wait > 0) await sleep(wait);
      let lane = lanes.findIndex((_, i) => !busy.has(i));
      while (lane < 0) {
        await sleep(1);
        lane = lanes.findIndex((_, i) => !busy.has(i));
      }
      busy.add(lane);
      const command = (lanes[lane] as Generator<JobCommandInput>).next().value as JobCommandInput;
      if (due >= started) sent++;
      inFlight.push(this.send(handler, command).finally(() => busy.delete(lane)));
    }
    await Promise.all(inFlight);
    const seconds = (performance.now() - started) / 1000;
    const deadline = performance.now() + 10_000;
    while (this.pending.size > 0 && performance.now() < deadline) await sleep(10);
    if (this.pending.size > 0) throw new Error(`${this.pending.size} of ${sent} events never projected`);
    return { events: sent, seconds, endToEndMs: [...this.endToEnd].sort((a, b) => a - b), afterCommitMs: [...this.afterCommit].sort((a, b) => a - b) };
  }

  private async send(handler: CommandHandler, input: JobCommandInput): Promise<void> {
    const t0 = performance.now();
    const command = { ...input, metadata: newCommandMetadata({ actor: 'bench' }) } as JobCommand;
    const result = await handler.handle(jobDecider, command.data.jobId, command);
    const t1 = performance.now();
    const [event] = result.events;
    if (!result.position || !event || result.events.length !== 1) throw new Error(`lag probe expects one event per command, got ${result.events.length}`);
    const k = key(result.position);
    const handlers = this.projectors.filter((p) => p.eventTypes.includes(event.type)).length;
    const entry = { t0, t1, waitingFor: handlers - (this.early.get(k) ?? 0) };
    this.early.delete(k);
    if (entry.waitingFor <= 0) this.settle(k, entry, t1);
    else this.pending.set(k, entry);
  }

  private settle(k: string, entry: { t0: number; t1: number }, at: number): void {
    this.pending.delete(k);
    if (entry.t0 < this.measureFrom) return;
    this.endToEnd.push(at - entry.t0);
    this.afterCommit.push(Math.max(0, at - entry.t1));
  }
}

type JobCommandInput = Omit<JobCommand, 'metadata'>;

function* laneCommands(prefix: string): Generator<JobCommandInput> {
  for (let j = 0; ; j++) {
    const jobId = `${prefix}-${j}`;
    const deviceIds = Array.from({ length: 40 }, (_, d) => `lag-dev-${d}`);
    yield { type: 'ScheduleBackup', data: { jobId, targets: { deviceIds, tags: [] } } };
    yield { type: 'DispatchJob', data: { jobId, deviceIds } };
    for (const deviceId of deviceIds.slice(0, -1)) {
      yield { type: 'StartDeviceBackup', data: { jobId, deviceId, workerId: 'bench', attempt: 1 } };
      yield { type: 'RecordSnapshot', data: { jobId, deviceId, commit: 'c'.repeat(40), changed: false, sha256: 'a'.repeat(64), size: 18_000, facts: {} } };
    }
  }
}

export function summarize(values: readonly number[]): { p50: number; p99: number; max: number } {
  return { p50: percentile(values, 50), p99: percentile(values, 99), max: values[values.length - 1] ?? Number.NaN };
}
