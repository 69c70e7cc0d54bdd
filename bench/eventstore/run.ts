import { parseArgs } from 'node:util';
import { NETRAVEN_EVENT_SCHEMAS } from '@netraven/domain';
import { PostgresEventStore, UpcastingEventStore, type Position } from '@netraven/infra/eventstore';
import { freshTestDatabase } from '@netraven/infra/testing';
import { ALL_PROJECTORS, openReadModels, ProjectionRunner, rebuildProjections, waitUntilCaughtUp } from '@netraven/projections';
import { measureAppends } from './append-throughput.js';
import { measureReadAll } from './read-all-throughput.js';
import { writeJobHistory } from './job-history.js';
import { LagProbe, summarize } from './projection-lag.js';
import { report as emit } from '../support/metrics.js';
import { note } from './report.js';

/**
 * Event store and projection figures against a fresh database on the machine's PostgreSQL
 * (NETRAVEN_TEST_DATABASE_URL or 127.0.0.1:5432). stdout: one JSON object per line.
 */
const { values } = parseArgs({
  options: {
    only: { type: 'string', default: 'appends,read,rebuild,lag' },
    'append-seconds': { type: 'string', default: '5' },
    events: { type: 'string', default: '200000' },
    'lag-seconds': { type: 'string', default: '20' },
    'lag-rate': { type: 'string', default: '200' },
    'pool-size': { type: 'string', default: '20' },
  },
});
const only = new Set(values.only.split(','));
const database = await freshTestDatabase('netraven_bench_es');
const raw = await PostgresEventStore.open({ connectionString: database.connectionString, poolSize: Number(values['pool-size']) });
const store = new UpcastingEventStore(raw, NETRAVEN_EVENT_SCHEMAS);
try {
  if (only.has('appends')) {
    for (const writers of [1, 8, 32]) {
      const { appends, seconds } = await measureAppends(store, writers, Number(values['append-seconds']) * 1000);
      emit(`append_single_event_commands_${writers}_writers`, appends / seconds, 'appends/s', { appends, seconds });
    }
  }
  let historyEnd: Position | undefined;
  if (only.has('read') || only.has('rebuild') || only.has('lag')) {
    const started = performance.now();
    const history = await writeJobHistory(store, { targetEvents: Number(values.events), devices: 500, concurrency: 8 });
    historyEnd = history.last;
    note(`wrote ${history.events} job-history events in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  }
  if (only.has('read')) {
    const { events, seconds } = await measureReadAll(raw, 5000);
    emit('read_all_events', events / seconds, 'events/s', { events, seconds, batch: 5000 });
  }
  const db = await openReadModels(database.connectionString);
  try {
    if (only.has('rebuild')) {
      const report = await rebuildProjections({ connectionString: database.connectionString, store, projectors: ALL_PROJECTORS });
      emit('rebuild_all_projections', report.replayedEvents / (report.timings.totalMs / 1000), 'events/s', {
        events: report.replayedEvents + report.catchUpEvents, replayMs: Math.round(report.timings.replayMs),
        swapMs: Math.round(report.timings.swapMs), rows: Object.fromEntries(report.tables.map((t) => [t.table, t.rows])),
      });
    }
    if (only.has('lag')) {
      const probe = new LagProbe(ALL_PROJECTORS);
      const runner = new ProjectionRunner(db, store, ALL_PROJECTORS, { onChange: (change) => probe.onChange(change.events) });
      await runner.start();
      // Lag is measured from a caught-up runner (after a rebuild it already is).
      if (historyEnd) for (const p of ALL_PROJECTORS) await waitUntilCaughtUp(db, store, p, historyEnd, { timeoutMs: 600_000 });
      try {
        const result = await probe.run(store, { eventsPerSecond: Number(values['lag-rate']), seconds: Number(values['lag-seconds']), warmupSeconds: 2, lanes: 16 });
        const endToEnd = summarize(result.endToEndMs);
        const afterCommit = summarize(result.afterCommitMs);
        emit('projection_lag_load', result.events / result.seconds, 'events/s', { events: result.events });
        emit('projection_lag_p50', endToEnd.p50, 'ms', { from: 'command issued', to: 'rows committed by every projector of the event' });
        emit('projection_lag_p99', endToEnd.p99, 'ms', { max: endToEnd.max });
        emit('projection_lag_after_commit_p50', afterCommit.p50, 'ms');
        emit('projection_lag_after_commit_p99', afterCommit.p99, 'ms', { max: afterCommit.max });
      } finally {
        await runner.stop();
      }
    }
  } finally {
    await db.destroy();
  }
} finally {
  await store.close();
  await database.drop();
}
