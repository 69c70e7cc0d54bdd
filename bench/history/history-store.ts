// A config history built the way the backup path builds it: real deciders through the command handler, configs
// committed with `GitConfigRepository.commitConfig` (waves, as the worker's concurrent commits form them), and the
// read models filled by the projection runner from the `SnapshotRecorded` events.
import { createHash, randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import { deviceDecider, jobDecider, NETRAVEN_EVENT_SCHEMAS, type JobCommand, type RecordSnapshot, type RegisterDevice } from '@netraven/domain';
import { CommandHandler, newCommandMetadata, PostgresEventStore, UpcastingEventStore, type EventStore } from '@netraven/infra/eventstore';
import { deviceConfigPath, GitConfigRepository } from '@netraven/infra/git';
import { eventually, freshTestDatabase, tempDir } from '@netraven/infra/testing';
import { loadCheckpoint, openReadModels, ProjectionRunner, readModelProjectors, type ReadModelDatabase } from '@netraven/projections';

export interface HistoryStore {
  /** The read-model and event-store database, for a reader opened apart from the writers. */
  readonly connectionString: string;
  readonly store: EventStore;
  readonly commands: CommandHandler;
  readonly db: Kysely<ReadModelDatabase>;
  readonly git: GitConfigRepository;
  dispose(): Promise<void>;
}

export async function openHistoryStore(): Promise<HistoryStore> {
  const database = await freshTestDatabase('netraven_bench_history');
  const dir = await tempDir('netraven-bench-history-');
  const store = new UpcastingEventStore(await PostgresEventStore.open({ connectionString: database.connectionString, pollIntervalMs: 50 }), NETRAVEN_EVENT_SCHEMAS);
  const db = await openReadModels(database.connectionString);
  const git = await GitConfigRepository.open(`${dir.path}/configs.git`);
  const commands = new CommandHandler(store);
  const runner = new ProjectionRunner(db, store, readModelProjectors({ configs: git }));
  await runner.start();
  return {
    connectionString: database.connectionString, store, commands, db, git,
    async dispose() {
      await runner.stop();
      await db.destroy();
      await store.close();
      await database.drop();
      await dir.remove();
    },
  };
}

const metadata = () => newCommandMetadata({ actor: 'system:bench' });
const CHUNK = 1000;

/** `count` devices named `bench-<i>`, registered through the device decider in multi-stream batches. */
export async function registerDevices(h: HistoryStore, count: number): Promise<string[]> {
  const ids = Array.from({ length: count }, (_unused, i) => `bench-${String(i).padStart(6, '0')}`);
  for (let i = 0; i < ids.length; i += CHUNK) {
    const items = ids.slice(i, i + CHUNK).map((deviceId, k) => {
      const n = i + k;
      const command: RegisterDevice = { type: 'RegisterDevice', metadata: metadata(), data: {
        deviceId, name: `rtr-${n}`, host: `10.${(n >> 16) & 255}.${(n >> 8) & 255}.${n & 255}`, port: 22, platform: 'cisco_ios',
        credentialId: 'bench', tags: ['bench'],
      } };
      return { aggregateId: deviceId, command };
    });
    const refused = (await h.commands.handleAll(deviceDecider, items)).find((outcome) => !outcome.ok);
    if (refused && !refused.ok) throw refused.error;
  }
  return ids;
}

/**
 * One backup job over `deviceIds`, as a worker runs it without the device conversation: scheduled, dispatched, each
 * device started, its config committed, its snapshot recorded. Devices run concurrently, so commits form waves.
 */
export async function backupJob(h: HistoryStore, deviceIds: readonly string[], configOf: (deviceId: string) => string): Promise<Map<string, string>> {
  const jobId = `job-${randomBytes(8).toString('hex')}`;
  await h.commands.handle(jobDecider, jobId, { type: 'ScheduleBackup', data: { jobId, targets: { deviceIds: [...deviceIds], tags: [] } }, metadata: metadata() });
  await h.commands.handle(jobDecider, jobId, { type: 'DispatchJob', data: { jobId, deviceIds: [...deviceIds] }, metadata: metadata() });
  const commits = new Map<string, string>();
  await Promise.all(deviceIds.map(async (deviceId) => {
    await h.commands.handle(jobDecider, jobId, { type: 'StartDeviceBackup', data: { jobId, deviceId, workerId: 'bench', attempt: 1 }, metadata: metadata() });
    const content = configOf(deviceId);
    const { commit, changed } = await h.git.commitConfig({ path: deviceConfigPath(deviceId), content, jobId, deviceName: deviceId, when: new Date() });
    const sha256 = createHash('sha256').update(content).digest('hex');
    await h.commands.handle(jobDecider, jobId, {
      type: 'RecordSnapshot', data: { jobId, deviceId, commit, changed, sha256, size: Buffer.byteLength(content), facts: {} }, metadata: metadata(),
    });
    commits.set(deviceId, commit);
  }));
  return commits;
}

/**
 * `count` backup jobs of one device, one version each, committed in order: each step of the jobs is one multi-stream
 * write (`handleAll`), the commits are sequential (one commit per version, as consecutive backups make them), and
 * each snapshot is recorded at the time of its commit (one millisecond apart, so the history has a total order).
 */
export async function versionJobs(h: HistoryStore, deviceId: string, from: number, count: number, configOf: (v: number) => string): Promise<string[]> {
  const commits: string[] = [];
  const start = Date.now();
  for (let base = from; base < from + count; base += CHUNK) {
    const versions = Array.from({ length: Math.min(CHUNK, from + count - base) }, (_unused, k) => base + k);
    const jobIds = versions.map(() => `job-${randomBytes(8).toString('hex')}`);
    const step = async (command: (jobId: string, k: number) => JobCommand): Promise<void> => {
      const outcomes = await h.commands.handleAll(jobDecider, jobIds.map((jobId, k) => ({ aggregateId: jobId, command: command(jobId, k) })));
      const refused = outcomes.find((outcome) => !outcome.ok);
      if (refused && !refused.ok) throw refused.error;
    };
    const targets = { deviceIds: [deviceId], tags: [] };
    await step((jobId) => ({ type: 'ScheduleBackup', data: { jobId, targets }, metadata: metadata() }));
    await step((jobId) => ({ type: 'DispatchJob', data: { jobId, deviceIds: [deviceId] }, metadata: metadata() }));
    await step((jobId) => ({ type: 'StartDeviceBackup', data: { jobId, deviceId, workerId: 'bench', attempt: 1 }, metadata: metadata() }));
    const recorded: RecordSnapshot['data'][] = [];
    for (const [k, v] of versions.entries()) {
      const content = configOf(v);
      const when = new Date(start + v);
      const { commit, changed } = await h.git.commitConfig({ path: deviceConfigPath(deviceId), content, jobId: jobIds[k]!, deviceName: deviceId, when });
      recorded.push({ jobId: jobIds[k]!, deviceId, commit, changed, sha256: createHash('sha256').update(content).digest('hex'), size: Buffer.byteLength(content), facts: {} });
      commits.push(commit);
    }
    await step((_jobId, k) => ({ type: 'RecordSnapshot', data: recorded[k]!, metadata: newCommandMetadata({ actor: 'system:bench', clock: () => new Date(start + versions[k]!) }) }));
  }
  return commits;
}

/** Waits until the snapshots read model holds `count` rows of the device. */
export async function awaitSnapshots(h: HistoryStore, deviceId: string, count: number, timeoutMs = 600_000): Promise<void> {
  await eventually(`${count} snapshots of ${deviceId}`, async () => {
    const row = await h.db.selectFrom('snapshots').where('device_id', '=', deviceId).select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow();
    return Number(row.n) >= count ? true : undefined;
  }, timeoutMs, 200);
}

/**
 * Every read-model projector has applied every event of its types (config search, which reads each version from Git,
 * runs well behind the snapshots): the reads are then measured on a quiet process, not against the setup's tail.
 */
export async function awaitProjectors(h: HistoryStore, timeoutMs = 1_200_000): Promise<void> {
  for (const projector of readModelProjectors({ configs: h.git })) {
    await eventually(`projector ${projector.name} caught up`, async () => {
      const checkpoint = await loadCheckpoint(h.db, projector.name);
      const behind = await h.store.readAll({ ...(checkpoint ? { after: checkpoint } : {}), filter: { eventTypes: projector.eventTypes }, limit: 1 });
      return behind.length === 0 ? true : undefined;
    }, timeoutMs, 200);
  }
}

/**
 * A running-config of about 300 lines whose version `v` differs from the one before in a few lines (a description,
 * a counter in a banner) and gains an ACL line every tenth version, as a long-lived device's history does.
 */
export function configVersion(deviceId: string, v: number): string {
  const lines = [`hostname ${deviceId}`, '!', `banner motd ^C config revision ${v} ^C`, '!'];
  for (let i = 0; i < 48; i++) {
    lines.push(`interface GigabitEthernet1/0/${i + 1}`, ` description uplink-${i}-rev-${i === v % 48 ? v : Math.floor(v / 48)}`,
      ' switchport mode access', ` switchport access vlan ${100 + i}`, '!');
  }
  lines.push('ip access-list extended BENCH');
  for (let i = 0; i < Math.floor(v / 10); i++) lines.push(` permit tcp host 10.0.${i >> 8}.${i & 255} any eq 22`);
  lines.push('!', 'end', '');
  return lines.join('\n');
}
