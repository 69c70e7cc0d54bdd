import { randomUUID } from 'node:crypto';
import { credentialDecider, deviceDecider, jobDecider, jobLogStreamName, type Command, type Decider, type DomainEvent, type JobLogEntry } from '@netraven/domain';
import { comparePositions, type EventStore, type NewEvent, type Position } from '@netraven/infra/eventstore';

const CATEGORIES = ['timeout', 'auth', 'unreachable', 'command'] as const;
const TAGS = ['core', 'edge', 'dc1', 'dc2', 'pci', 'branch'];

interface Clock { now(): Date }

/** Runs commands through a decider in memory and returns the events it decided, in order. */
function decideAll<C extends Command, E extends DomainEvent, S>(decider: Decider<C, E, S>, commands: Array<Omit<C, 'metadata'>>, clock: Clock): E[] {
  let state = decider.initialState();
  const events: E[] = [];
  for (const command of commands) {
    const metadata = { now: clock.now(), actor: 'bench', commandId: randomUUID(), correlationId: randomUUID() };
    const decided = decider.decide({ ...command, metadata } as C, state);
    state = decided.reduce(decider.evolve, state);
    events.push(...decided);
  }
  return events;
}

function toNew(events: readonly DomainEvent[], occurredAt: Date): NewEvent[] {
  return events.map((e) => {
    const eventId = randomUUID();
    return { type: e.type, data: e.data, metadata: { eventId, correlationId: eventId, causationId: eventId, actor: 'bench', occurredAt: occurredAt.toISOString(), schemaVersion: 1 } };
  });
}

/**
 * A realistic history decided by the real deciders: devices with tags, then backup jobs over
 * 10–30 devices each (scheduled, dispatched, started, snapshot or failure, completed) with the
 * workers' connection log lines. Appended per stream with `concurrency` writers.
 */
export async function writeJobHistory(
  store: EventStore,
  options: { targetEvents: number; devices: number; concurrency: number },
): Promise<{ events: number; last: Position | undefined }> {
  let tick = Date.UTC(2026, 0, 1);
  const clock: Clock = { now: () => new Date((tick += 250)) };
  const appends: Array<() => Promise<number>> = [];
  let last: Position | undefined;
  const append = (stream: string, events: readonly DomainEvent[]): void => {
    const at = clock.now();
    appends.push(async () => {
      const { position } = await store.append(stream, toNew(events, at), 'no_stream');
      if (!last || comparePositions(position, last) > 0) last = position;
      return events.length;
    });
  };
  append('credential-bench', decideAll(credentialDecider, [{ type: 'CreateCredential', data: { credentialId: 'bench', name: 'bench', username: 'admin', secretRef: 'ref', fingerprint: 'fp' } }], clock));
  const deviceIds = Array.from({ length: options.devices }, (_, i) => `bench-dev-${i}`);
  for (const [i, deviceId] of deviceIds.entries()) {
    append(`device-${deviceId}`, decideAll(deviceDecider, [{ type: 'RegisterDevice', data: {
      deviceId, name: `rtr-${i}`, host: `10.${i >> 8}.${i & 255}.1`, port: 22, platform: 'cisco_ios', credentialId: 'bench',
      tags: TAGS.filter((_, t) => (i + t) % 3 === 0),
    } }], clock));
  }
  let planned = appends.length;
  for (let j = 0; planned < options.targetEvents; j++) {
    const jobId = `bench-job-${j}`;
    const size = 10 + (j % 21);
    const targets = Array.from({ length: size }, (_, k) => deviceIds[(j * 7 + k) % deviceIds.length] as string);
    const commands: Array<Omit<Command, 'metadata'>> = [
      { type: 'ScheduleBackup', data: { jobId, targets: { deviceIds: targets, tags: [] } } },
      { type: 'DispatchJob', data: { jobId, deviceIds: targets } },
    ];
    const logs: DomainEvent[] = [];
    for (const [k, deviceId] of targets.entries()) {
      commands.push({ type: 'StartDeviceBackup', data: { jobId, deviceId, workerId: `worker-${k % 4}`, attempt: 1 } });
      const failed = (j + k) % 7 === 0;
      commands.push(failed
        ? { type: 'RecordDeviceFailure', data: { jobId, deviceId, category: CATEGORIES[(j + k) % CATEGORIES.length], message: 'no prompt within 30 s' } }
        : { type: 'RecordSnapshot', data: { jobId, deviceId, commit: `${j}${k}`.padStart(40, 'c'), changed: k % 3 === 0,
          sha256: `${j}${k}`.padStart(64, 'a'), size: 18_000 + k, facts: { hostname: `rtr-${deviceId}`, model: 'ISR4331', serial: `FDO${j}${k}`, osVersion: '17.9.4' } } });
      const at = clock.now().toISOString();
      const entries: JobLogEntry[] = [
        { level: 'info', kind: 'connection', deviceId, message: `connected to ${deviceId} as admin`, at },
        { level: 'debug', kind: 'connection', deviceId, message: 'terminal length 0; show running-config (18 KB)', at },
        { level: failed ? 'error' : 'info', kind: 'connection', deviceId, message: failed ? 'no prompt within 30 s' : 'session closed', at },
      ];
      logs.push({ type: 'JobLogRecorded', data: { jobId, entries } });
    }
    const events = decideAll(jobDecider as Decider<Command, DomainEvent, unknown>, commands, clock);
    append(`job-${jobId}`, events);
    append(jobLogStreamName(jobId), logs);
    planned += events.length + logs.length;
  }
  let written = 0;
  let next = 0;
  const worker = async (): Promise<void> => {
    for (let i = next++; i < appends.length; i = next++) {
      const count = await (appends[i] as () => Promise<number>)();
      written += count;
    }
  };
  await Promise.all(Array.from({ length: options.concurrency }, worker));
  return { events: written, last };
}
