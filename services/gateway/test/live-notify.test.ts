import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { sql } from 'kysely';
import { LiveQueries, systemActor } from '@netraven/application';
import type { DeviceRow, JobRow, LogRow } from '@netraven/projections';
import { CHANGE_LISTENER_APPLICATION, LiveFeeds, LiveUpdates, READ_MODEL_CHANNEL, ReadModelCatchUp, ReadModelChangeListener } from '../src/index.js';
import { graphql, openGatewayFixture, type GatewayFixture } from './gateway-fixture.js';
import { registerDevice, scheduleJob } from './access-fixture.js';
import { appendLogLines, entry } from './logs-fixture.js';

interface Ctx { fx: GatewayFixture; credentialId: string }

const it = suite<Ctx>('distributed mode: a gateway apart from the projector hears of devices and log lines through NOTIFY');
it.before(async (ctx) => {
  ctx.fx = await openGatewayFixture();
  const { createCredential } = await graphql<{ createCredential: { id: string } }>(ctx.fx.url,
    'mutation { createCredential(input: { name: "lab", username: "netops", password: "device-secret" }) { id } }');
  ctx.credentialId = createCredential.id;
});
it.after(async (ctx) => ctx.fx.dispose());

/** The next item of a live stream, or a refusal after 10 s. */
const nextOf = <T>(stream: AsyncIterator<T>): Promise<T> => Promise.race([
  stream.next().then((r) => r.value as T),
  new Promise<T>((_, reject) => setTimeout(() => reject(new Error('nothing within 10 s')), 10_000)),
]);

/** Items of a live stream until one matches (a change near the outage may come twice, as the row's current state). */
async function seen<T>(stream: AsyncIterator<T>, wanted: (item: T) => boolean): Promise<T> {
  for (;;) {
    const item = await nextOf(stream);
    if (wanted(item)) return item;
  }
}

async function eventually(check: () => Promise<boolean>, what: string): Promise<void> {
  const deadline = Date.now() + 10_000;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`not within 10 s: ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

it('notices announced as the projector role announces them reach another process’s live feeds', async (ctx) => {
  // The projector side: every notice of the fixture's projectors, announced as ReadModelChangeAnnouncer does.
  const stopAnnouncing = ctx.fx.live.listen((notice) => {
    if (notice) void sql`SELECT pg_notify(${READ_MODEL_CHANNEL}, ${JSON.stringify(notice)})`.execute(ctx.fx.db);
  });
  // The gateway side: its own live updates, fed only by LISTEN.
  const live = new LiveUpdates();
  const feeds = new LiveFeeds(live, new LiveQueries(ctx.fx.db));
  const badNotices: unknown[] = [];
  const listening = await new ReadModelChangeListener(ctx.fx.connectionString, live, (error) => badNotices.push(error)).follow();
  try {
    const admin = systemActor('test');
    const devices = (await feeds.deviceChanged(admin, { tags: ['core'] }))[Symbol.asyncIterator]();
    const lines = (await feeds.logAdded(admin, { type: 'session' }))[Symbol.asyncIterator]();
    const edge = await registerDevice(ctx.fx, ctx.credentialId, ['edge']);
    const core = await registerDevice(ctx.fx, ctx.credentialId, ['core']);
    const device = await nextOf<DeviceRow>(devices);
    assert.equal([device.id, device.tags], [core, ['core']], `not the edge device ${edge}`);
    const job = await scheduleJob(ctx.fx, [core]);
    await appendLogLines(ctx.fx, job, [entry('connection', 'info', core, 'connecting', new Date().toISOString()), entry('session', 'info', core, 'heard apart', new Date().toISOString())], { wait: false });
    const line = await nextOf<LogRow>(lines);
    assert.equal([line.message, line.kind, line.job_id], ['heard apart', 'session', job]);
    await devices.return?.();
    await lines.return?.();
    assert.is(feeds.subscribers, 0);
    assert.equal(badNotices, []);
  } finally {
    stopAnnouncing();
    feeds.close();
    await listening.stop();
  }
});

it('a device registered, a job scheduled and a line logged while the listener was cut off all reach their subscribers', async (ctx) => {
  const { fx } = ctx;
  // The projector side announces every notice, as the projector role does; nobody hears those sent during the outage.
  const stopAnnouncing = fx.live.listen((notice) => {
    if (notice) void sql`SELECT pg_notify(${READ_MODEL_CHANNEL}, ${JSON.stringify(notice)})`.execute(fx.db);
  });
  const live = new LiveUpdates();
  const feeds = new LiveFeeds(live, new LiveQueries(fx.db));
  const listener = new ReadModelChangeListener(fx.connectionString, live, (error) => assert.unreachable(String(error)), { catchUp: new ReadModelCatchUp(fx.store, live), heartbeatMs: 100 });
  let run = await listener.follow();
  try {
    const admin = systemActor('test');
    const devices = (await feeds.deviceChanged(admin, { tags: ['core'] }))[Symbol.asyncIterator]();
    const jobs = (await feeds.jobsChanged(admin, {}))[Symbol.asyncIterator]();
    const lines = (await feeds.logAdded(admin, { type: 'session' }))[Symbol.asyncIterator]();
    const before = await registerDevice(fx, ctx.credentialId, ['core']);
    assert.is((await nextOf<DeviceRow>(devices)).id, before, 'heard live before the outage');

    const { rows } = await sql<{ terminated: boolean }>`
      SELECT pg_terminate_backend(pid) AS terminated FROM pg_stat_activity
      WHERE application_name = ${CHANGE_LISTENER_APPLICATION} AND datname = current_database()`.execute(fx.db);
    assert.equal(rows.map((r) => r.terminated), [true]);
    await run.done.then(() => assert.unreachable('the run should fail'), () => undefined);

    // Meanwhile: changes projected and announced to nobody.
    const during = await registerDevice(fx, ctx.credentialId, ['core']);
    const job = await scheduleJob(fx, [during]);
    await appendLogLines(fx, job, [entry('session', 'info', during, 'logged during the outage', new Date().toISOString())], { wait: false });
    await eventually(async () => (await fx.db.selectFrom('logs').select('id').where('message', '=', 'logged during the outage').executeTakeFirst()) !== undefined, 'the line is projected');
    await eventually(async () => (await fx.db.selectFrom('jobs').select('id').where('id', '=', job).executeTakeFirst()) !== undefined, 'the job is projected');

    run = await listener.follow(); // as the supervisor does after a failed run
    assert.equal((await seen<DeviceRow>(devices, (d) => d.id === during)).tags, ['core'], 'the device registered during the outage');
    assert.is((await seen<JobRow>(jobs, (j) => j.id === job)).id, job, 'the job scheduled during the outage');
    assert.is((await nextOf<LogRow>(lines)).message, 'logged during the outage', 'the line logged during the outage, once');

    // And live again afterwards.
    const after = await registerDevice(fx, ctx.credentialId, ['core']);
    assert.is((await seen<DeviceRow>(devices, (d) => d.id !== during && d.id !== before)).id, after);
    await devices.return?.();
    await jobs.return?.();
    await lines.return?.();
  } finally {
    stopAnnouncing();
    feeds.close();
    await run.stop();
  }
});

it.run();
