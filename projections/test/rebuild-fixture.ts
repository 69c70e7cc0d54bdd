import type { Kysely, Transaction } from 'kysely';
import { NETRAVEN_EVENT_SCHEMAS, type JobLogRecorded } from '@netraven/domain';
import type { FreshDatabase } from '@netraven/infra/db';
import { CommandHandler, comparePositions, PostgresEventStore, UpcastingEventStore, type EventStore, type Position, type RecordedEvent } from '@netraven/infra/eventstore';
import { freshTestDatabase } from '@netraven/infra/testing';
import { ALL_PROJECTORS, openReadModels, ProjectionRunner, waitUntilCaughtUp, type BatchApplier, type Projector, type ReadModelDatabase } from '../src/index.js';
import { RandomWorkload } from './random-workload.js';

/** One projector application: by the rebuild, or by the runner in a batch that moved the checkpoint to `claimed`. */
export interface Application {
  readonly projector: string;
  readonly eventId: string;
  readonly position: Position;
  readonly source: 'rebuild' | 'runner';
  readonly claimed?: Position;
}

/**
 * Wraps projectors so every application is recorded. A runner batch records the checkpoint as its own
 * transaction sees it (already moved to the batch's last event, `advanceCheckpoint`): batches committed after a
 * swap moved it past the swapped-in position, those before it at most to it, which is how the test tells them
 * apart without trusting timing.
 */
export function recordingProjectors(projectors: readonly Projector[], ledger: Application[], source: Application['source']): Projector[] {
  const claims = new WeakMap<Transaction<ReadModelDatabase>, Position>();
  const claimOf = async (trx: Transaction<ReadModelDatabase>, projector: string): Promise<Position | undefined> => {
    let claimed = claims.get(trx);
    if (source === 'runner' && !claimed) {
      const row = await trx.selectFrom('projection_checkpoints').select(['position_commit', 'position_prepare'])
        .where('projection', '=', projector).executeTakeFirstOrThrow();
      claimed = { commit: BigInt(row.position_commit), prepare: BigInt(row.position_prepare) };
      claims.set(trx, claimed);
    }
    return claimed;
  };
  const record = (projector: string, event: RecordedEvent, claimed: Position | undefined): void => {
    ledger.push({ projector, eventId: event.metadata.eventId, position: event.position, source, ...(claimed ? { claimed } : {}) });
  };
  return projectors.map((projector) => {
    const batch: BatchApplier | undefined = projector.batch;
    return {
      ...projector,
      async apply(trx, event) {
        const claimed = await claimOf(trx, projector.name);
        await projector.apply(trx, event);
        record(projector.name, event, claimed);
      },
      ...(batch ? {
        batch: {
          eventTypes: batch.eventTypes,
          async applyAll(trx, events) {
            const claimed = await claimOf(trx, projector.name);
            await batch.applyAll(trx, events);
            for (const event of events) record(projector.name, event, claimed);
          },
        },
      } : {}),
    };
  });
}

export interface RebuildFixture {
  readonly database: FreshDatabase;
  readonly store: EventStore;
  readonly db: Kysely<ReadModelDatabase>;
  readonly commands: CommandHandler;
  readonly ledger: Application[];
  workload(seed: number, prefix?: string): RandomWorkload;
  /** Waits until every projector has applied the log up to `position`. */
  caughtUp(position: Position | undefined): Promise<void>;
  readLog(): Promise<RecordedEvent[]>;
  dispose(): Promise<void>;
}

export async function openRebuildFixture(): Promise<RebuildFixture> {
  const database = await freshTestDatabase('netraven_rb');
  const store = new UpcastingEventStore(
    await PostgresEventStore.open({ connectionString: database.connectionString, pollIntervalMs: 50 }),
    NETRAVEN_EVENT_SCHEMAS,
  );
  const db = await openReadModels(database.connectionString);
  const ledger: Application[] = [];
  const runner = new ProjectionRunner(db, store, recordingProjectors(ALL_PROJECTORS, ledger, 'runner'), { batchSize: 50 });
  await runner.start();
  const commands = new CommandHandler(store);
  return {
    database, store, db, commands, ledger,
    workload: (seed, prefix) => new RandomWorkload(commands, store, seed, prefix),
    async caughtUp(position) {
      if (!position) return;
      for (const projector of ALL_PROJECTORS) await waitUntilCaughtUp(db, store, projector, position, { timeoutMs: 20_000 });
    },
    async readLog() {
      const events: RecordedEvent[] = [];
      for (;;) {
        const batch = await store.readAll({ ...(events.length ? { after: events[events.length - 1]?.position } : {}), limit: 5000 });
        events.push(...batch);
        if (batch.length < 5000) return events;
      }
    },
    async dispose() {
      await runner.stop();
      await db.destroy();
      await store.close();
      await database.drop();
    },
  };
}

/** Row counts every read model must have, derived from the log alone. */
export function countsFromLog(events: readonly RecordedEvent[]): Record<string, number> {
  const tags = new Map<string, Set<string>>();
  const counts = { devices: 0, device_tags: 0, credentials: 0, jobs: 0, job_devices: 0, snapshots: 0, logs: 0, users: 0, api_tokens: 0, schedules: 0, webhooks: 0, webhook_deliveries: 0, webhook_delivery_attempts: 0, job_results: 0, device_reachability: 0, backup_policies: 0, device_staleness: 0 };
  // Every contact that says something about reaching a device (see job-control-projector.ts).
  const contacted = new Set<string>();
  const reachabilityCategories = ['unreachable', 'timeout', 'auth', 'prompt', 'command', 'config'];
  const policies = new Set<string>();
  const stalenessDevices = new Set<string>();
  const jobLogTypes = ['BackupScheduled', 'JobDispatched', 'DeviceBackupStarted', 'SnapshotRecorded', 'DeviceBackupFailed', 'JobCompleted'];
  for (const event of events) {
    const data = event.data as { deviceId?: string; tags?: string[]; deviceIds?: string[] };
    if (jobLogTypes.includes(event.type)) counts.logs++;
    switch (event.type) {
      case 'DeviceRegistered': counts.devices++; tags.set(data.deviceId ?? '', new Set(data.tags)); break;
      case 'DeviceTagged': data.tags?.forEach((t) => tags.get(data.deviceId ?? '')?.add(t)); break;
      case 'DeviceUntagged': data.tags?.forEach((t) => tags.get(data.deviceId ?? '')?.delete(t)); break;
      case 'CredentialCreated': counts.credentials++; break;
      case 'UserCreated': counts.users++; break;
      case 'ApiTokenCreated': counts.api_tokens++; break;
      case 'ScheduleCreated': counts.schedules++; break;
      case 'WebhookCreated': counts.webhooks++; break;
      case 'WebhookDeliveryRequested': counts.webhook_deliveries++; break;
      case 'WebhookDeliveryAttempted': counts.webhook_delivery_attempts++; break;
      case 'BackupScheduled': counts.jobs++; break;
      case 'JobDispatched': counts.job_devices += data.deviceIds?.length ?? 0; break;
      case 'SnapshotRecorded': counts.snapshots++; contacted.add(data.deviceId ?? ''); stalenessDevices.add(data.deviceId ?? ''); break;
      case 'DeviceTaskSucceeded': contacted.add(data.deviceId ?? ''); counts.job_results += (event.data as { results?: unknown[] }).results?.length ?? 0; break;
      case 'DeviceBackupFailed': if (reachabilityCategories.includes((event.data as { category: string }).category)) contacted.add(data.deviceId ?? ''); break;
      case 'DeviceBecameStale': case 'DeviceBecameFresh': stalenessDevices.add(data.deviceId ?? ''); break;
      case 'BackupPolicySet': policies.add(JSON.stringify((event.data as { scope: unknown }).scope)); break;
      case 'BackupPolicyRemoved': policies.delete(JSON.stringify((event.data as { scope: unknown }).scope)); break;
      case 'JobLogRecorded': counts.logs += (event.data as JobLogRecorded['data']).entries.length; break;
    }
  }
  counts.device_reachability = contacted.size;
  counts.device_tags = [...tags.values()].reduce((n, set) => n + set.size, 0);
  counts.backup_policies = policies.size;
  counts.device_staleness = stalenessDevices.size;
  return counts;
}

export function isAfter(position: Position, than: Position): boolean {
  return comparePositions(position, than) > 0;
}
