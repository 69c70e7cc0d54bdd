import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { graphql, openGatewayFixture, type GatewayFixture } from './gateway-fixture.js';
import { call, codeOf } from './access-fixture.js';

const it = suite<{ fx: GatewayFixture }>('gateway: schedule maintenance windows');
it.before(async (ctx) => {
  ctx.fx = await openGatewayFixture();
});
it.after(async (ctx) => ctx.fx.dispose());

type Window = { days: string[]; start: string; end: string };
type Schedule = { id: string; timezone: string | null; windows: Window[]; nextRuns: string[] };
const FIELDS = 'id timezone windows { days start end } nextRuns(count: 6)';
const berlinClock = (at: string) => new Date(at).toLocaleString('en-GB', { timeZone: 'Europe/Berlin', weekday: 'short', hour: '2-digit', minute: '2-digit', hour12: false });

it('windows are kept, read back, and nextRuns fall inside them in the schedule zone', async ({ fx }) => {
  const { createSchedule } = await graphql<{ createSchedule: Schedule }>(fx.url, `mutation($i: CreateScheduleInput!) { createSchedule(input: $i) { ${FIELDS} } }`,
    { i: { name: 'weekend nights', every: '1h', timezone: 'Europe/Berlin', targets: { tags: ['core'] }, windows: [{ days: ['SUN', 'SAT'], start: '22:00', end: '02:00' }] } });
  assert.equal([createSchedule.timezone, createSchedule.windows], ['Europe/Berlin', [{ days: ['SAT', 'SUN'], start: '22:00', end: '02:00' }]]);
  assert.is(createSchedule.nextRuns.length, 6);
  for (const run of createSchedule.nextRuns) assert.match(berlinClock(run), /^(Sat|Sun|Mon) (22|23|00|01):/);

  const { updateSchedule } = await graphql<{ updateSchedule: Schedule }>(fx.url, `mutation($id: ID!) { updateSchedule(id: $id, input: { windows: [] }) { ${FIELDS} } }`, { id: createSchedule.id });
  assert.equal([updateSchedule.timezone, updateSchedule.windows], [null, []]);
});

it('bad windows and a one-time run outside them answer BAD_USER_INPUT on windows', async ({ fx }) => {
  const refusal = async (i: Record<string, unknown>) => {
    const answer = await call(fx.url, fx.authorization.slice(7), 'mutation($i: CreateScheduleInput!) { createSchedule(input: $i) { id } }', { i: { name: 'bad', targets: { tags: ['core'] }, ...i } });
    return [codeOf(answer), (answer.errors?.[0]?.extensions as { field?: string } | undefined)?.field];
  };
  const noon = new Date(Date.now() + 86_400_000);
  noon.setUTCHours(12, 0, 0, 0);
  assert.equal(await refusal({ runAt: noon.toISOString(), windows: [{ days: ['MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT', 'SUN'], start: '22:00', end: '04:00' }] }), ['BAD_USER_INPUT', 'windows']);
  assert.equal(await refusal({ every: '1h', windows: [{ days: ['MON'], start: '7pm', end: '04:00' }] }), ['BAD_USER_INPUT', 'windows']);
  assert.equal(await refusal({ every: '1h', windows: [{ days: [], start: '22:00', end: '04:00' }] }), ['BAD_USER_INPUT', 'windows']);
  assert.equal(await refusal({ cron: '0 12 * * *', windows: [{ days: ['MON'], start: '22:00', end: '04:00' }] }), ['BAD_USER_INPUT', 'windows']);
  assert.equal(await refusal({ every: '1h', timezone: 'Europe/Berlin' }), ['BAD_USER_INPUT', 'timezone']);
});

it.run();
