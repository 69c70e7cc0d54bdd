import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { graphql, openGatewayFixture, type GatewayFixture } from './gateway-fixture.js';
import { call, codeOf, createUser, login, registerDevice } from './access-fixture.js';

const it = suite<{ fx: GatewayFixture; credentialId: string }>('gateway: schedules');
it.before(async (ctx) => {
  ctx.fx = await openGatewayFixture();
  const { createCredential } = await graphql<{ createCredential: { id: string } }>(ctx.fx.url,
    'mutation { createCredential(input: { name: "lab", username: "netops", password: "device-secret" }) { id } }');
  ctx.credentialId = createCredential.id;
});
it.after(async (ctx) => ctx.fx.dispose());

const FIELDS = 'id name jobType kind runAt every cron timezone startAt endAt misfire enabled targets { deviceIds tags } lastRunAt nextRuns(count: 3)';
type Schedule = { id: string; name: string; kind: string; every: string | null; cron: string | null; timezone: string | null; enabled: boolean; misfire: string; nextRuns: string[]; targets: { deviceIds: string[]; tags: string[] } };

it('COMMAND schedules: read-only commands are required, checked against the targeted platforms, kept and replaced', async ({ fx, credentialId }) => {
  await registerDevice(fx, credentialId, ['cmd']);
  const create = (i: Record<string, unknown>) => call(fx.url, fx.authorization.slice(7), 'mutation($i: CreateScheduleInput!) { createSchedule(input: $i) { id jobType commands } }', { i });
  const base = { name: 'inventory', jobType: 'COMMAND', every: '1d', targets: { tags: ['cmd'] } };
  const refused = (answer: Awaited<ReturnType<typeof create>>) => [codeOf(answer), (answer.errors?.[0]?.extensions as { field?: string } | undefined)?.field];
  assert.equal(refused(await create(base)), ['BAD_USER_INPUT', 'commands'], 'no commands');
  assert.equal(refused(await create({ ...base, commands: ['configure terminal'] })), ['BAD_USER_INPUT', 'commands'], 'not read-only');
  assert.equal(refused(await create({ ...base, jobType: 'BACKUP', commands: ['show version'] })), ['BAD_USER_INPUT', 'commands'], 'commands on a backup schedule');
  const created = await create({ ...base, commands: ['show version', 'show inventory'] });
  const schedule = (created.data as { createSchedule: { id: string; jobType: string; commands: string[] } }).createSchedule;
  assert.equal([schedule.jobType, schedule.commands], ['COMMAND', ['show version', 'show inventory']]);
  const { updateSchedule } = await graphql<{ updateSchedule: { commands: string[] } }>(fx.url,
    'mutation($id: ID!) { updateSchedule(id: $id, input: { commands: ["show clock"] }) { commands } }', { id: schedule.id });
  assert.equal(updateSchedule.commands, ['show clock']);
  const bad = await call(fx.url, fx.authorization.slice(7), 'mutation($id: ID!) { updateSchedule(id: $id, input: { commands: ["reload"] }) { commands } }', { id: schedule.id });
  assert.is(codeOf(bad), 'BAD_USER_INPUT');
});

it('create, read with next runs, edit, disable, enable, delete', async ({ fx, credentialId }) => {
  const deviceId = await registerDevice(fx, credentialId, ['core']);
  const { createSchedule } = await graphql<{ createSchedule: Schedule }>(fx.url, `mutation($i: CreateScheduleInput!) { createSchedule(input: $i) { ${FIELDS} } }`,
    { i: { name: 'nightly core', jobType: 'BACKUP', cron: '0 3 * * *', timezone: 'Europe/Berlin', misfire: 'SKIP', targets: { deviceIds: [deviceId], tags: ['core'] } } });
  assert.equal([createSchedule.kind, createSchedule.cron, createSchedule.timezone, createSchedule.misfire, createSchedule.enabled], ['CRON', '0 3 * * *', 'Europe/Berlin', 'SKIP', true]);
  assert.equal(createSchedule.targets, { deviceIds: [deviceId], tags: ['core'] });
  assert.is(createSchedule.nextRuns.length, 3);
  for (const run of createSchedule.nextRuns) assert.match(new Date(run).toLocaleString('en-GB', { timeZone: 'Europe/Berlin' }), /03:00:00/);

  const id = createSchedule.id;
  const { updateSchedule } = await graphql<{ updateSchedule: Schedule }>(fx.url, `mutation($id: ID!) { updateSchedule(id: $id, input: { every: "15m", name: "quarter-hourly" }) { ${FIELDS} } }`, { id });
  assert.equal([updateSchedule.kind, updateSchedule.every, updateSchedule.cron, updateSchedule.name, updateSchedule.misfire], ['INTERVAL', '15m', null, 'quarter-hourly', 'SKIP']);
  const { disableSchedule } = await graphql<{ disableSchedule: Schedule }>(fx.url, 'mutation($id: ID!) { disableSchedule(id: $id) { enabled } }', { id });
  assert.is(disableSchedule.enabled, false);
  const { enableSchedule } = await graphql<{ enableSchedule: Schedule }>(fx.url, 'mutation($id: ID!) { enableSchedule(id: $id) { enabled } }', { id });
  assert.is(enableSchedule.enabled, true);
  const { schedules: { nodes: schedules } } = await graphql<{ schedules: { nodes: Schedule[] } }>(fx.url, '{ schedules { nodes { id name } } }');
  assert.ok(schedules.some((s) => s.id === id));
  await graphql(fx.url, 'mutation($id: ID!) { deleteSchedule(id: $id) { id } }', { id });
  const { schedule } = await graphql<{ schedule: Schedule | null }>(fx.url, 'query($id: ID!) { schedule(id: $id) { id } }', { id });
  assert.is(schedule, null);
  const again = await call(fx.url, fx.authorization.slice(7), 'mutation($id: ID!) { enableSchedule(id: $id) { id } }', { id });
  assert.is(codeOf(again), 'NOT_FOUND');
});

it('bad input is refused by field: cron, time zone, interval, end before start, unknown device', async ({ fx }) => {
  const create = (i: Record<string, unknown>) => call(fx.url, fx.authorization.slice(7), 'mutation($i: CreateScheduleInput!) { createSchedule(input: $i) { id } }',
    { i: { name: 'bad', targets: { tags: ['core'] }, ...i } });
  const refusal = async (i: Record<string, unknown>) => {
    const answer = await create(i);
    return [codeOf(answer), (answer.errors?.[0]?.extensions as { field?: string } | undefined)?.field];
  };
  assert.equal(await refusal({ cron: 'every day' }), ['BAD_USER_INPUT', 'cron']);
  assert.equal(await refusal({ cron: '0 3 * * *', timezone: 'Europe/Atlantis' }), ['BAD_USER_INPUT', 'timezone']);
  assert.equal(await refusal({ every: '5s' }), ['BAD_USER_INPUT', 'every']);
  assert.equal(await refusal({ every: '1h', startAt: '2030-02-01T00:00:00Z', endAt: '2030-01-01T00:00:00Z' }), ['BAD_USER_INPUT', 'endAt']);
  assert.equal(await refusal({ every: '1h', targets: { deviceIds: ['no-such-device'] } }), ['NOT_FOUND', 'deviceIds']);
});

it('a scoped operator schedules only within its tags and sees only such schedules', async ({ fx }) => {
  const { password } = await createUser(fx, 'edge-ops', 'OPERATOR', ['edge']);
  const { accessToken } = await login(fx.url, 'edge-ops', password);
  const outside = await call(fx.url, accessToken, 'mutation { createSchedule(input: { name: "x", every: "1h", targets: { tags: ["core"] } }) { id } }');
  assert.is(codeOf(outside), 'FORBIDDEN');
  const inside = await call<{ createSchedule: { id: string } }>(fx.url, accessToken, 'mutation { createSchedule(input: { name: "edge hourly", every: "1h", targets: { tags: ["edge"] } }) { id } }');
  assert.is(inside.errors, undefined);
  const { createSchedule: core } = await graphql<{ createSchedule: { id: string } }>(fx.url, 'mutation { createSchedule(input: { name: "core hourly", every: "1h", targets: { tags: ["core"] } }) { id } }');
  const seen = await call<{ schedules: { nodes: Array<{ id: string }> } }>(fx.url, accessToken, '{ schedules { nodes { id } } }');
  assert.ok(seen.data?.schedules.nodes.some((s) => s.id === inside.data?.createSchedule.id));
  assert.not.ok(seen.data?.schedules.nodes.some((s) => s.id === core.id));
  assert.is(codeOf(await call(fx.url, accessToken, 'mutation($id: ID!) { deleteSchedule(id: $id) { id } }', { id: core.id })), 'NOT_FOUND');
});

it.run();
