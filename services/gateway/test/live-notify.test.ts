import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { sql } from 'kysely';
import { LiveQueries, systemActor } from '@netraven/application';
import type { DeviceRow, LogRow } from '@netraven/projections';
import { LiveFeeds, LiveUpdates, READ_MODEL_CHANNEL, ReadModelChangeListener } from '../src/index.js';
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

it.run();
