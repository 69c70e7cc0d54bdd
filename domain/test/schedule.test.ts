import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { scheduleDecider } from '../src/schedule/index.js';
import { nextOccurrences, occurrenceJobId, parseEvery, planOccurrence, type ScheduleCommand, type ScheduleEvent, type ScheduleInput } from '../src/schedule/index.js';
import { IllegalStateError } from '../src/shared/errors.js';
import { AT, given, metadata, NOW } from './decider-spec.js';

const nightly: ScheduleInput = { name: 'nightly core', cron: '0 3 * * *', timezone: 'Europe/Berlin', targets: { tags: ['core'] } };
const create = (input: Partial<ScheduleInput> = {}, now = NOW): ScheduleCommand =>
  ({ type: 'CreateSchedule', data: { scheduleId: 's1', input: { ...nightly, ...input } }, metadata: { ...metadata, now } });
const created = (over: Partial<Extract<ScheduleEvent, { type: 'ScheduleCreated' }>['data']> = {}): ScheduleEvent => ({
  type: 'ScheduleCreated',
  data: { scheduleId: 's1', name: 'nightly core', timing: { kind: 'cron', cron: '0 3 * * *', timezone: 'Europe/Berlin' }, startAt: null, endAt: null,
    targets: { deviceIds: [], tags: ['core'] }, misfire: 'RUN_ONCE', enabled: true, createdAt: AT, ...over },
});

const Fresh = suite('Schedule — when fresh');

Fresh('a cron schedule in a time zone is created enabled, missed runs caught up once by default', () => {
  given(scheduleDecider, []).when(create()).then([created()]);
});

Fresh('a bad cron pattern, an unknown time zone, an end before the start are refused by field', () => {
  given(scheduleDecider, []).when(create({ cron: '61 * * * *' })).thenRefusesField('cron');
  given(scheduleDecider, []).when(create({ timezone: 'Mars/Olympus_Mons' })).thenRefusesField('timezone', 'unknown time zone');
  given(scheduleDecider, []).when(create({ startAt: '2025-04-01T00:00:00Z', endAt: '2025-03-01T00:00:00Z' })).thenRefusesField('endAt');
  given(scheduleDecider, []).when(create({ cron: null, timezone: null, every: '5s' })).thenRefusesField('every', 'at least 10');
  given(scheduleDecider, []).when(create({ cron: null, timezone: null, every: 'often' })).thenRefusesField('every');
  given(scheduleDecider, []).when(create({ cron: null, timezone: null, runAt: '2025-02-01T00:00:00Z' })).thenRefusesField('runAt', 'future');
  given(scheduleDecider, []).when(create({ every: '15m' })).thenRefusesField('every', 'exactly one');
  given(scheduleDecider, []).when(create({ targets: {} })).thenRefusesField('deviceIds');
});

Fresh('intervals read as "30s", "15m", "2h", "1d", ISO-8601 or seconds', () => {
  assert.equal(['30s', '15m', '2h', '1d', 'PT15M', 'P1DT1H', '900'].map(parseEvery), [30, 900, 7200, 86_400, 900, 90_000, 900]);
});

const Existing = suite('Schedule — when it exists');

Existing('an edit changes only what it names', () => {
  given(scheduleDecider, [created()])
    .when({ type: 'UpdateSchedule', data: { scheduleId: 's1', changes: { every: '2h' } }, metadata })
    .then([{ type: 'ScheduleUpdated', data: { scheduleId: 's1', name: 'nightly core', timing: { kind: 'interval', everySeconds: 7200 }, startAt: null, endAt: null,
      targets: { deviceIds: [], tags: ['core'] }, misfire: 'RUN_ONCE', updatedAt: AT } }]);
});

Existing('disable, enable and delete; a deleted schedule takes no more commands', () => {
  given(scheduleDecider, [created()]).when({ type: 'DisableSchedule', data: { scheduleId: 's1' }, metadata })
    .then([{ type: 'ScheduleDisabled', data: { scheduleId: 's1', disabledAt: AT } }]);
  given(scheduleDecider, [created()]).when({ type: 'EnableSchedule', data: { scheduleId: 's1' }, metadata }).thenNothingHappens();
  const deleted: ScheduleEvent = { type: 'ScheduleDeleted', data: { scheduleId: 's1', deletedAt: AT } };
  given(scheduleDecider, [created()]).when({ type: 'DeleteSchedule', data: { scheduleId: 's1' }, metadata }).then([deleted]);
  given(scheduleDecider, [created(), deleted]).when({ type: 'EnableSchedule', data: { scheduleId: 's1' }, metadata }).thenThrows(IllegalStateError, 'deleted');
});

Existing('an occurrence is settled once: a second runner reporting it is refused', () => {
  const fire = (occurrence: string): ScheduleCommand => ({ type: 'RecordOccurrenceFired', data: { scheduleId: 's1', occurrence, jobId: 'j', skipped: 0 }, metadata });
  const fired: ScheduleEvent = { type: 'ScheduleOccurrenceFired', data: { scheduleId: 's1', occurrence: '2025-03-02T02:00:00.000Z', jobId: 'j', skipped: 0, firedAt: AT } };
  given(scheduleDecider, [created()]).when(fire('2025-03-02T02:00:00.000Z')).then([fired]);
  given(scheduleDecider, [created(), fired]).when(fire('2025-03-02T02:00:00.000Z')).thenThrows(IllegalStateError, 'already settled');
});

const Occurrences = suite('Schedule — occurrences');
const position = (events: ScheduleEvent[]) => {
  const state = given(scheduleDecider, events).state();
  if (state.phase !== 'Active') throw new Error('no schedule');
  return state;
};

Occurrences('cron in Europe/Berlin follows the clocks across the spring-forward change', () => {
  const runs = nextOccurrences(position([created()]), new Date('2025-03-29T00:00:00Z'), 3).map((d) => d.toISOString());
  // 03:00 CET is 02:00Z; from 30 March (CEST) it is 01:00Z.
  assert.equal(runs, ['2025-03-29T02:00:00.000Z', '2025-03-30T01:00:00.000Z', '2025-03-31T01:00:00.000Z']);
});

Occurrences('an interval counts from its start and stops at its end', () => {
  const s = position([created({ timing: { kind: 'interval', everySeconds: 3600 }, startAt: '2025-03-01T05:00:00.000Z', endAt: '2025-03-01T07:00:00.000Z' })]);
  assert.equal(nextOccurrences(s, NOW, 5).map((d) => d.toISOString()), ['2025-03-01T05:00:00.000Z', '2025-03-01T06:00:00.000Z', '2025-03-01T07:00:00.000Z']);
});

Occurrences('on time: the occurrence fires with a job id made of the schedule and the occurrence', () => {
  const plan = planOccurrence(position([created()]), new Date('2025-03-02T02:00:05Z'));
  assert.equal(plan, { action: 'fire', occurrence: new Date('2025-03-02T02:00:00Z'), jobId: 'sched-s1-1740880800', skipped: 0 });
  assert.is(occurrenceJobId('s1', new Date('2025-03-02T02:00:00Z')), plan?.action === 'fire' ? plan.jobId : '');
});

Occurrences('missed while down, RUN_ONCE: one catch-up of the latest, the others folded in', () => {
  const plan = planOccurrence(position([created()]), new Date('2025-03-05T12:00:00Z'));
  assert.equal(plan, { action: 'fire', occurrence: new Date('2025-03-05T02:00:00Z'), jobId: 'sched-s1-1741140000', skipped: 3 });
});

Occurrences('missed while down, SKIP: nothing fires, the missed ones are settled', () => {
  const plan = planOccurrence(position([created({ misfire: 'SKIP' })]), new Date('2025-03-05T12:00:00Z'));
  assert.equal(plan, { action: 'skip', through: new Date('2025-03-05T02:00:00Z'), count: 4 });
});

Occurrences('nothing is due twice once fired, nor before creation or while an edit retimed it', () => {
  const fired: ScheduleEvent = { type: 'ScheduleOccurrenceFired', data: { scheduleId: 's1', occurrence: '2025-03-02T02:00:00.000Z', jobId: 'j', skipped: 0, firedAt: AT } };
  assert.is(planOccurrence(position([created(), fired]), new Date('2025-03-02T02:00:30Z')), null);
  assert.is(planOccurrence(position([created({ createdAt: '2025-03-02T02:00:01.000Z' })]), new Date('2025-03-02T02:00:30Z')), null);
  const disabledAndBack: ScheduleEvent[] = [created(), { type: 'ScheduleDisabled', data: { scheduleId: 's1', disabledAt: AT } },
    { type: 'ScheduleEnabled', data: { scheduleId: 's1', enabledAt: '2025-03-04T00:00:00.000Z' } }];
  assert.equal(planOccurrence(position(disabledAndBack), new Date('2025-03-04T02:00:01Z'))?.action, 'fire');
  assert.equal(planOccurrence(position(disabledAndBack), new Date('2025-03-04T02:00:01Z')), { action: 'fire', occurrence: new Date('2025-03-04T02:00:00Z'), jobId: 'sched-s1-1741053600', skipped: 0 });
});

Occurrences('a one-time schedule fires once at runAt', () => {
  const s = position([created({ timing: { kind: 'once', runAt: '2025-03-01T03:00:00.000Z' } })]);
  assert.equal(nextOccurrences(s, NOW, 3).map((d) => d.toISOString()), ['2025-03-01T03:00:00.000Z']);
});

Fresh.run();
Existing.run();
Occurrences.run();
