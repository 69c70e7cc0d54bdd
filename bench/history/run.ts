// bench/history: Git history at scale. A repository of `--devices` devices with `--fleet-versions` versions each,
// one of them with `--versions` versions; the query layer the GraphQL API calls pages the long history, diffs its
// first version against its last and finds configs at a time. One JSON line per figure.
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { ConfigQueries, NetRavenQueries, systemActor } from '@netraven/application';
import { GitConfigRepository } from '@netraven/infra/git';
import { configTextsOf, openReadModels, snapshotCursor, type SnapshotRow } from '@netraven/projections';
import { percentile, report } from '../support/metrics.js';
import { awaitProjectors, awaitSnapshots, backupJob, versionJobs, configVersion, openHistoryStore, registerDevices } from './history-store.js';

const { values } = parseArgs({ options: {
  devices: { type: 'string', default: '10000' },
  versions: { type: 'string', default: '1000' },
  'fleet-versions': { type: 'string', default: '10' },
  samples: { type: 'string', default: '20' },
} });
const [devices, versions, fleetVersions, samples] = [values.devices, values.versions, values['fleet-versions'], values.samples].map(Number) as [number, number, number, number];
const actor = systemActor('bench');
const PAGE = 100;

const h = await openHistoryStore();
try {
  let started = performance.now();
  const ids = await registerDevices(h, devices);
  const target = ids[0]!;
  // Jobs of a thousand devices each: the setup's memory stays flat whatever the fleet size.
  for (let v = 0; v < fleetVersions; v++) {
    for (let i = 0; i < ids.length; i += 1000) await backupJob(h, ids.slice(i, i + 1000), (id) => configVersion(id, v));
  }
  await versionJobs(h, target, fleetVersions, versions - fleetVersions, (v) => configVersion(target, v));
  await awaitSnapshots(h, target, versions);
  await awaitSnapshots(h, ids.at(-1)!, fleetVersions);
  await awaitProjectors(h);
  report('history.setup_seconds', (performance.now() - started) / 1000, 's', { devices, versions, fleetVersions });

  // Measured as a NetRaven process that just started would read: its own repository handle and read-model pool,
  // none of the writers' warm objects.
  const db = await openReadModels(h.connectionString);
  const git = await GitConfigRepository.open(h.git.repoPath);
  const queries = new NetRavenQueries(db);
  const configs = new ConfigQueries(db, configTextsOf(git));
  const device = (await queries.device(actor, target))!;

  const pageMs: number[] = [];
  let first: SnapshotRow | undefined;
  let last: SnapshotRow | undefined;
  for (let pass = 0; pass < Math.max(1, Math.ceil(samples / 10)); pass++) {
    let after: SnapshotRow | undefined;
    let seen = 0;
    for (;;) {
      started = performance.now();
      const page = await queries.snapshots(actor, device, { limit: PAGE + 1, inverted: false, ...(after ? { after: snapshotCursor(after) } : {}) });
      pageMs.push(performance.now() - started);
      const rows = page.slice(0, PAGE);
      seen += rows.length;
      last ??= rows[0];
      after = rows.at(-1);
      if (page.length <= PAGE) break;
    }
    first = after;
    if (seen !== versions) throw new Error(`paged ${seen} snapshots, expected ${versions}`);
  }
  report('history.snapshot_page_p99', percentile(pageMs, 99), 'ms', { pageSize: PAGE, pages: pageMs.length, versions });
  report('history.snapshots_page_ms', percentile(pageMs, 50), 'ms', { p50: percentile(pageMs, 50), p99: percentile(pageMs, 99), pageSize: PAGE });

  const diffMs: number[] = [];
  for (let i = 0; i < samples; i++) {
    started = performance.now();
    const diff = await configs.configDiff(actor, { deviceId: target, commit: first!.commit }, { deviceId: target, commit: last!.commit });
    diffMs.push(performance.now() - started);
    if (diff.stats.added === 0) throw new Error('the first and last versions should differ');
  }
  report('history.diff_first_last_ms', percentile(diffMs, 50), 'ms', { first: diffMs[0], p99: percentile(diffMs, 99), versions, devices });

  const from = first!.recorded_at.getTime();
  const span = last!.recorded_at.getTime() - from;
  const configAtMs: number[] = [];
  for (let i = 0; i < samples; i++) {
    started = performance.now();
    const at = await configs.configAt(actor, device, new Date(from + Math.floor((span * i) / samples)));
    const text = at && (await configTextsOf(git).configAt(target, at.commit));
    configAtMs.push(performance.now() - started);
    if (!text) throw new Error('configAt found no version');
  }
  report('history.configat_ms', percentile(configAtMs, 50), 'ms', { p99: percentile(configAtMs, 99) });

  const historyMs: number[] = [];
  for (let i = 0; i < samples * 5; i++) {
    const id = ids[Math.floor(Math.random() * ids.length)]!;
    started = performance.now();
    const row = (await queries.device(actor, id))!;
    const page = await queries.snapshots(actor, row, { limit: 21, inverted: false });
    historyMs.push(performance.now() - started);
    if (page.length === 0) throw new Error(`no history for ${id}`);
  }
  report('history.device_history_p99', percentile(historyMs, 99), 'ms', { devices, fleetVersions, queries: historyMs.length });
  await db.destroy();
} finally {
  await h.dispose();
}
