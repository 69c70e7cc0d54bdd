import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { Kysely } from 'kysely';
import { LiveQueries, type Actor } from '@netraven/application';
import { freshTestDatabase } from '@netraven/infra/testing';
import { openReadModels, type ReadModelDatabase } from '@netraven/projections';
import { logFeedReader, SCOPE_SETTLE_MS } from '../src/live/log-feed.js';

/**
 * A tag-scoped `logAdded` feed over a real read model: the logs projector can commit a job's line before the jobs
 * projector commits the job's row, so the line is invisible to a scoped reader at first and visible a moment later.
 */
const scoped: Actor = { kind: 'user', id: 'u-scoped', name: 'scoped', role: 'OPERATOR', tags: ['core'] };

async function jobLine(db: Kysely<ReadModelDatabase>, id: string, jobId: string, commit: number): Promise<void> {
  await db.insertInto('logs').values({
    id, position_commit: String(commit), position_prepare: '1', seq: 0, job_id: jobId, device_id: null,
    level: 'info', kind: 'job', source: 'api', message: `line ${id}`, at: new Date(),
  }).execute();
}

async function jobRow(db: Kysely<ReadModelDatabase>, jobId: string, tags: string[]): Promise<void> {
  await db.insertInto('jobs').values({
    id: jobId, job_type: 'backup', status: 'QUEUED', target_device_ids: JSON.stringify([]), target_tags: JSON.stringify(tags),
    device_count: 0, succeeded: 0, failed: 0, scheduled_at: new Date(), dispatched_at: null, started_at: null, completed_at: null,
    requested_by: 'admin', commands: JSON.stringify([]),
  }).execute();
}

test('a scoped log feed hands over a job line that became visible after it was first read, once; out-of-scope lines never', async () => {
  const database = await freshTestDatabase('netraven_log_feed');
  const db = await openReadModels(database.connectionString);
  try {
    let now = 1_000_000;
    const feed = await logFeedReader(new LiveQueries(db), () => scoped, {}, () => now);
    assert.ok(feed.rereadsOnOtherProjections, 'a scoped feed reads again on other projections');
    await jobLine(db, 'l-1', 'job-core', 100);
    await jobLine(db, 'l-2', 'job-edge', 101);
    assert.equal(await feed.read(), [], 'neither job row is projected yet');
    now += 100;
    await jobRow(db, 'job-core', ['core']);
    await jobRow(db, 'job-edge', ['edge']);
    assert.equal((await feed.read()).map((row) => row.id), ['l-1'], 'the core job\'s line, once its row is there');
    now += 100;
    assert.equal(await feed.read(), [], 'not handed over twice');
    await jobLine(db, 'l-3', 'job-core', 102);
    now += SCOPE_SETTLE_MS;
    assert.equal((await feed.read()).map((row) => row.id), ['l-3']);
    now += SCOPE_SETTLE_MS;
    assert.equal(await feed.read(), [], 'the place has moved on; nothing comes back');

    const unscoped = await logFeedReader(new LiveQueries(db), () => ({ ...scoped, tags: [] }), {}, () => now);
    assert.not.ok(unscoped.rereadsOnOtherProjections);
    await jobLine(db, 'l-4', 'job-unknown', 103);
    assert.equal((await unscoped.read()).map((row) => row.id), ['l-4'], 'an unscoped reader sees a line without its job row');
  } finally {
    await db.destroy();
    await database.drop();
  }
});

test.run();
