import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import {
  insideWindows, nextOccurrences, nextWindowOpening, planOccurrence, scheduleDecider, WEEKDAYS,
  type MaintenanceWindow, type ScheduleCommand, type ScheduleEvent, type ScheduleInput,
} from '../src/schedule/index.js';
import { AT, given, metadata, NOW } from './decider-spec.js';

const EVERY_DAY = [...WEEKDAYS];
const night: MaintenanceWindow = { days: EVERY_DAY, start: '22:00', end: '04:00' };
const base: ScheduleInput = { name: 'night', every: '30m', timezone: 'Europe/Berlin', windows: [night], targets: { tags: ['core'] } };
const create = (input: Partial<ScheduleInput> = {}, now = NOW): ScheduleCommand =>
  ({ type: 'CreateSchedule', data: { scheduleId: 's1', input: { ...base, ...input } }, metadata: { ...metadata, now } });
const eventsOf = (command: ScheduleCommand, history: ScheduleEvent[] = []): ScheduleEvent[] => scheduleDecider.decide(command, given(scheduleDecider, history).state());
const stateOf = (events: ScheduleEvent[]) => {
  const s = given(scheduleDecider, events).state();
  if (s.phase !== 'Active') throw new Error('no schedule');
  return s;
};
const state = (command: ScheduleCommand) => stateOf(eventsOf(command));
const iso = (dates: Date[]) => dates.map((d) => d.toISOString());
const runsBetween = (command: ScheduleCommand, from: string, to: string) =>
  iso(nextOccurrences(state(command), new Date(from), 500)).filter((at) => at < to);

const Validation = suite('Schedule windows — validation');

Validation('windows are stored in canonical form with the zone they are read in', () => {
  given(scheduleDecider, []).when(create({ windows: [{ days: ['SUN', 'MON', 'SUN'], start: '2:00', end: '24:00' }] })).then([{
    type: 'ScheduleCreated',
    data: { scheduleId: 's1', name: 'night', timing: { kind: 'interval', everySeconds: 1800 }, startAt: null, endAt: null, targets: { deviceIds: [], tags: ['core'] },
      misfire: 'RUN_ONCE', windows: { timezone: 'Europe/Berlin', list: [{ days: ['MON', 'SUN'], start: '02:00', end: '24:00' }] }, enabled: true, createdAt: AT },
  }]);
});

Validation('bad days, times, empty or zero-length windows are refused on windows', () => {
  const refuse = (windows: MaintenanceWindow[], words?: string) => given(scheduleDecider, []).when(create({ windows })).thenRefusesField('windows', words);
  refuse([{ days: [], start: '22:00', end: '04:00' }], 'at least one');
  refuse([{ days: ['MONDAY' as 'MON'], start: '22:00', end: '04:00' }], 'not one of');
  refuse([{ days: ['MON'], start: '25:00', end: '04:00' }], 'HH:MM');
  refuse([{ days: ['MON'], start: '24:00', end: '04:00' }], 'HH:MM');
  refuse([{ days: ['MON'], start: '10:00', end: '10:00' }], '00:00–24:00');
  refuse(Array.from({ length: 21 }, () => night), 'at most');
});

Validation('a one-time run outside every window is refused; inside one it is accepted', () => {
  // NOW is Saturday 1 March 2025, 03:00 in Berlin.
  given(scheduleDecider, []).when(create({ every: null, runAt: '2025-03-01T12:00:00Z' })).thenRefusesField('windows', 'outside every maintenance window');
  assert.is(state(create({ every: null, runAt: '2025-03-01T22:30:00Z' })).definition.timing.kind, 'once');
});

Validation('a timezone without cron needs windows; a cron never inside them is refused', () => {
  given(scheduleDecider, []).when(create({ windows: [] })).thenRefusesField('timezone', 'maintenance windows');
  given(scheduleDecider, []).when(create({ every: null, cron: '0 12 * * *', windows: [night] })).thenRefusesField('windows', 'no occurrence');
  assert.equal(state(create({ every: null, cron: '0 23 * * *' })).definition.windows?.timezone, 'Europe/Berlin');
});

Validation('an edit replaces or clears the windows and keeps their zone through a retiming', () => {
  const created = eventsOf(create());
  const update = (changes: Extract<ScheduleCommand, { type: 'UpdateSchedule' }>['data']['changes']) =>
    eventsOf({ type: 'UpdateSchedule', data: { scheduleId: 's1', changes }, metadata }, created)[0] as Extract<ScheduleEvent, { type: 'ScheduleUpdated' }>;
  assert.is(update({ windows: [] }).data.windows, undefined);
  assert.equal(update({ every: '1h' }).data.windows, { timezone: 'Europe/Berlin', list: [night] });
  assert.equal(update({ timezone: 'America/New_York' }).data.windows?.timezone, 'America/New_York');
  assert.equal(update({ windows: [{ days: ['SAT'], start: '01:00', end: '05:00' }] }).data.windows?.list, [{ days: ['SAT'], start: '01:00', end: '05:00' }]);
});

const Timing = suite('Schedule windows — occurrences');

Timing('a window across midnight belongs to the day it opens', () => {
  const friday = { timezone: 'UTC', list: [{ days: ['FRI'] as const, start: '22:00', end: '02:00' }] };
  assert.ok(insideWindows(friday, Date.parse('2025-03-07T23:00:00Z'))); // Friday night
  assert.ok(insideWindows(friday, Date.parse('2025-03-08T01:59:00Z'))); // Saturday early, same window
  assert.not.ok(insideWindows(friday, Date.parse('2025-03-08T02:00:00Z'))); // end is exclusive
  assert.not.ok(insideWindows(friday, Date.parse('2025-03-08T23:00:00Z'))); // Saturday night: no window
  assert.not.ok(insideWindows(friday, Date.parse('2025-03-07T01:00:00Z'))); // Friday early belongs to Thursday
});

Timing('nextRuns of an interval pass over the hours outside the window', () => {
  const runs = iso(nextOccurrences(state(create({ timezone: 'UTC', every: '1h' })), new Date('2025-03-01T12:00:00Z'), 8));
  assert.equal(runs, [
    '2025-03-01T22:00:00.000Z', '2025-03-01T23:00:00.000Z', '2025-03-02T00:00:00.000Z', '2025-03-02T01:00:00.000Z',
    '2025-03-02T02:00:00.000Z', '2025-03-02T03:00:00.000Z', '2025-03-02T22:00:00.000Z', '2025-03-02T23:00:00.000Z',
  ]);
});

Timing('Europe/Berlin: the 22:00–04:00 window is 5 h on the spring-forward night and 7 h on the fall-back night', () => {
  const cmd = create({}, new Date('2025-03-01T00:00:00Z'));
  const spring = runsBetween(cmd, '2025-03-29T12:00:00Z', '2025-03-30T12:00:00Z');
  assert.is(spring.length, 10); // 21:00Z (22:00 CET) to 01:30Z (03:30 CEST), every 30 min
  assert.equal([spring[0], spring.at(-1)], ['2025-03-29T21:00:00.000Z', '2025-03-30T01:30:00.000Z']);
  const ordinary = runsBetween(cmd, '2025-03-28T12:00:00Z', '2025-03-29T12:00:00Z');
  assert.is(ordinary.length, 12);
  const autumn = runsBetween(cmd, '2025-10-25T12:00:00Z', '2025-10-26T12:00:00Z');
  assert.is(autumn.length, 14); // 20:00Z (22:00 CEST) to 02:30Z (03:30 CET)
  assert.equal([autumn[0], autumn.at(-1)], ['2025-10-25T20:00:00.000Z', '2025-10-26T02:30:00.000Z']);
});

Timing('Europe/Berlin: a window opening inside the skipped hour opens when the clocks jump', () => {
  const sunday = { timezone: 'Europe/Berlin', list: [{ days: ['SUN'] as const, start: '02:30', end: '05:00' }] };
  assert.is(new Date(nextWindowOpening(sunday, Date.parse('2025-03-29T12:00:00Z')) ?? 0).toISOString(), '2025-03-30T01:00:00.000Z'); // 03:00 CEST
  assert.is(new Date(nextWindowOpening(sunday, Date.parse('2025-10-25T12:00:00Z')) ?? 0).toISOString(), '2025-10-26T00:30:00.000Z'); // the first 02:30
});

Timing('America/New_York: an hourly cron inside a Sunday 01:00–05:00 window across both changes', () => {
  const cmd = create({ every: null, cron: '0 * * * *', timezone: 'America/New_York', windows: [{ days: ['SUN'], start: '01:00', end: '05:00' }] }, new Date('2025-03-01T00:00:00Z'));
  // 9 March: 01:00 EST, then 03:00 and 04:00 EDT (02:00 does not exist).
  assert.equal(runsBetween(cmd, '2025-03-08T12:00:00Z', '2025-03-10T00:00:00Z'), ['2025-03-09T06:00:00.000Z', '2025-03-09T07:00:00.000Z', '2025-03-09T08:00:00.000Z']);
  // 2 November: 01:00 EDT, then (croner runs the repeated 01:00 once) 02:00, 03:00, 04:00 EST; the window closes at 05:00 EST.
  assert.equal(runsBetween(cmd, '2025-11-01T12:00:00Z', '2025-11-03T00:00:00Z'),
    ['2025-11-02T05:00:00.000Z', '2025-11-02T07:00:00.000Z', '2025-11-02T08:00:00.000Z', '2025-11-02T09:00:00.000Z']);
});

const Plan = suite('Schedule windows — the runner\'s plan, with a fake clock');

Plan('an occurrence outside every window never comes due; one inside fires on time', () => {
  const s = state(create({ timezone: 'UTC', every: '1h' }, new Date('2025-03-01T10:00:00Z')));
  assert.is(planOccurrence(s, new Date('2025-03-01T15:00:05Z')), null);
  assert.equal(planOccurrence(s, new Date('2025-03-01T22:00:05Z')), { action: 'fire', occurrence: new Date('2025-03-01T22:00:00Z'), jobId: 'sched-s1-1740866400', skipped: 0 });
});

Plan('missed inside the window, RUN_ONCE: caught up while the window is open, skipped once it has closed', () => {
  const s = state(create({ timezone: 'UTC', every: '1h', misfire: 'RUN_ONCE' }, new Date('2025-03-01T10:00:00Z')));
  assert.equal(planOccurrence(s, new Date('2025-03-02T01:30:00Z')), { action: 'fire', occurrence: new Date('2025-03-02T01:00:00Z'), jobId: 'sched-s1-1740877200', skipped: 3 });
  assert.equal(planOccurrence(s, new Date('2025-03-02T09:00:00Z')), { action: 'skip', through: new Date('2025-03-02T03:00:00Z'), count: 6 });
});

Plan('the window\'s last occurrence fires on time; found after the window closed, it is skipped', () => {
  const settled: ScheduleEvent = { type: 'ScheduleOccurrenceFired', data: { scheduleId: 's1', occurrence: '2025-03-02T02:00:00.000Z', jobId: 'j', skipped: 0, firedAt: AT } };
  const s = stateOf([...eventsOf(create({ timezone: 'UTC', every: '1h' }, new Date('2025-03-01T10:00:00Z'))), settled]);
  assert.equal(planOccurrence(s, new Date('2025-03-02T03:00:30Z')), { action: 'fire', occurrence: new Date('2025-03-02T03:00:00Z'), jobId: 'sched-s1-1740884400', skipped: 0 });
  assert.equal(planOccurrence(s, new Date('2025-03-02T04:30:00Z')), { action: 'skip', through: new Date('2025-03-02T03:00:00Z'), count: 1 });
});

Validation.run();
Timing.run();
Plan.run();
