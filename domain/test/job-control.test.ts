import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { IllegalStateError, ValidationError } from '../src/shared/errors.js';
import { jobDecider, type JobCommand, type JobEvent } from '../src/job/index.js';
import { commandRefusal, requireReadOnlyCommands } from '../src/job/command-allow-list.js';
import { scheduleDecider, type ScheduleCommand, type ScheduleEvent } from '../src/schedule/index.js';
import { NETRAVEN_EVENT_SCHEMAS } from '../src/event-schemas.js';
import { AT, given, metadata } from './decider-spec.js';
import { backupScheduled, backupStarted, jobDispatched, jobId, snapshotRecorded } from './job-fixtures.js';

const cancel: JobCommand = { type: 'CancelJob', data: { jobId }, metadata };
const dispatchedTo = (...ids: string[]): JobEvent[] => [backupScheduled(), jobDispatched(ids)];

const Cancel = suite('Job — cancel');

Cancel('queued devices end CANCELLED; with none running the job completes CANCELLED at once', () => {
  given(jobDecider, [...dispatchedTo('a', 'b', 'c'), backupStarted('a'), snapshotRecorded('a')]).when(cancel).then([
    { type: 'JobCancelled', data: { jobId, cancelledDeviceIds: ['b', 'c'], running: 0, cancelledAt: AT } },
    { type: 'JobCompleted', data: { jobId, status: 'CANCELLED', succeeded: 1, failed: 0, cancelled: 2, completedAt: AT } },
  ]);
});

Cancel('a running device finishes: the job completes CANCELLED with its outcome', () => {
  const history = [...dispatchedTo('a', 'b'), backupStarted('a')];
  const cancelled = jobDecider.decide(cancel, history.reduce(jobDecider.evolve, jobDecider.initialState()));
  assert.equal(cancelled, [{ type: 'JobCancelled', data: { jobId, cancelledDeviceIds: ['b'], running: 1, cancelledAt: AT } }]);
  given(jobDecider, [...history, ...cancelled]).when({ type: 'RecordDeviceFailure', data: { jobId, deviceId: 'a', category: 'timeout', message: 'slow' }, metadata }).then([
    { type: 'DeviceBackupFailed', data: { jobId, deviceId: 'a', category: 'timeout', transient: true, message: 'slow', failedAt: AT } },
    { type: 'JobCompleted', data: { jobId, status: 'CANCELLED', succeeded: 0, failed: 1, cancelled: 1, completedAt: AT } },
  ]);
});

Cancel('a worker that picks up a task of a cancelled job may not start it', () => {
  const history = [...dispatchedTo('a', 'b'), backupStarted('a'), { type: 'JobCancelled', data: { jobId, cancelledDeviceIds: ['b'], running: 1, cancelledAt: AT } } as JobEvent];
  given(jobDecider, history).when({ type: 'StartDeviceBackup', data: { jobId, deviceId: 'b', workerId: 'w', attempt: 1 }, metadata }).thenThrows(IllegalStateError, 'cancelled');
});

Cancel('a job cancelled before its dispatch completes with no devices, and is never dispatched', () => {
  const events = jobDecider.decide(cancel, [backupScheduled()].reduce(jobDecider.evolve, jobDecider.initialState()));
  assert.equal(events.map((e) => e.type), ['JobCancelled', 'JobCompleted']);
  given(jobDecider, [backupScheduled(), ...events]).when({ type: 'DispatchJob', data: { jobId, deviceIds: ['a'] }, metadata }).thenThrows(IllegalStateError);
});

Cancel('a finished job cannot be cancelled (CONFLICT)', () => {
  given(jobDecider, [...dispatchedTo('a'), backupStarted('a'), snapshotRecorded('a'), { type: 'JobCompleted', data: { jobId, status: 'COMPLETED', succeeded: 1, failed: 0, completedAt: AT } } as JobEvent])
    .when(cancel).thenThrows(IllegalStateError, 'already finished');
});

const Kinds = suite('Job — kinds and priorities');

Kinds('a job carries its kind, priority, schedule and the job it re-runs; the dispatch passes them to the queue', () => {
  const events = jobDecider.decide({ type: 'ScheduleBackup', data: { jobId, targets: { deviceIds: ['a'], tags: [] }, jobType: 'command', priority: 'LOW', rerunOf: 'first', commands: [' show version '] }, metadata }, jobDecider.initialState());
  assert.equal(events, [{ type: 'BackupScheduled', data: { jobId, jobType: 'command', targets: { deviceIds: ['a'], tags: [] }, priority: 'LOW', scheduledAt: AT, rerunOf: 'first', commands: ['show version'] } }]);
  given(jobDecider, events).when({ type: 'DispatchJob', data: { jobId, deviceIds: ['a'] }, metadata }).then([
    { type: 'JobDispatched', data: { jobId, deviceIds: ['a'], dispatchedAt: AT, jobType: 'command', priority: 'LOW', commands: ['show version'] } },
  ]);
});

Kinds('a command job needs commands; other kinds take none', () => {
  given(jobDecider, []).when({ type: 'ScheduleBackup', data: { jobId, targets: { deviceIds: ['a'], tags: [] }, jobType: 'command' }, metadata }).thenThrows(ValidationError, 'at least one command');
  given(jobDecider, []).when({ type: 'ScheduleBackup', data: { jobId, targets: { deviceIds: ['a'], tags: [] }, commands: ['show clock'] }, metadata }).thenThrows(ValidationError, 'COMMAND jobs only');
});

Kinds('a reachability result completes the job', () => {
  given(jobDecider, [backupScheduled(), jobDispatched(['a']), backupStarted('a')]).when({ type: 'RecordDeviceResult', data: { jobId, deviceId: 'a' }, metadata }).then([
    { type: 'DeviceTaskSucceeded', data: { jobId, deviceId: 'a', finishedAt: AT } },
    { type: 'JobCompleted', data: { jobId, status: 'COMPLETED', succeeded: 1, failed: 0, completedAt: AT } },
  ]);
});

Kinds('old events read with sensible priorities: a schedule’s job NORMAL, anything else HIGH', () => {
  const old = { jobId: 'sched-s1-1700000000', jobType: 'backup', targets: { deviceIds: [], tags: ['x'] }, scheduledAt: AT };
  assert.equal(NETRAVEN_EVENT_SCHEMAS.upcast('BackupScheduled', 1, old), { ...old, priority: 'NORMAL', scheduleId: 's1' });
  assert.equal(NETRAVEN_EVENT_SCHEMAS.upcast('BackupScheduled', 1, { ...old, jobId: 'j1' }), { ...old, jobId: 'j1', priority: 'HIGH' });
  assert.equal(NETRAVEN_EVENT_SCHEMAS.upcast('JobDispatched', 1, { jobId: 'j1', deviceIds: [], dispatchedAt: AT }), { jobId: 'j1', deviceIds: [], dispatchedAt: AT, jobType: 'backup', priority: 'NORMAL' });
});

const AllowList = suite('COMMAND allow-list');

AllowList('read-only commands per platform pass', () => {
  for (const [command, platform] of [['show version', 'cisco_ios'], ['show interfaces terse | match ge-', 'juniper_junos'], ['display current-configuration', 'huawei_vrp'], ['get system status', 'fortinet_fortios'], ['/system resource print', 'mikrotik_routeros'], ['sh ip int brief | include up', 'cisco_ios']] as const) {
    assert.is(commandRefusal(command, platform), undefined, `${command} on ${platform}`);
  }
});

AllowList('anything that changes configuration or writes a file is refused on field commands', () => {
  for (const [command, platform] of [['configure terminal', 'cisco_ios'], ['show run | redirect flash:x', 'cisco_ios'], ['show version; reload', 'cisco_ios'], ['set system host-name x', 'juniper_junos'], ['show | save /tmp/x', 'juniper_junos'], ['system-view', 'huawei_vrp'], ['execute reboot', 'fortinet_fortios'], ['display version', 'cisco_ios'], ['/system reboot', 'mikrotik_routeros'], ['cat /etc/shadow', 'linux']] as const) {
    assert.ok(commandRefusal(command, platform), `${command} on ${platform}`);
  }
  try {
    requireReadOnlyCommands(['show version', 'write memory'], ['cisco_ios']);
    assert.unreachable();
  } catch (error) {
    assert.instance(error, ValidationError);
    assert.is((error as ValidationError).field, 'commands');
  }
});

Cancel.run();
Kinds.run();
AllowList.run();

const System = suite('System reachability schedule');

const systemCreated = scheduleDecider.decide({
  type: 'CreateSchedule', metadata,
  data: { scheduleId: 'system-reachability', system: true, input: { name: 'System reachability', every: '15m', jobType: 'reachability', targets: { all: true }, misfire: 'SKIP' } },
}, scheduleDecider.initialState());

System('is created for every device, as a reachability schedule', () => {
  const created = systemCreated[0] as Extract<ScheduleEvent, { type: 'ScheduleCreated' }>;
  assert.equal([created.data.system, created.data.jobType, created.data.targets], [true, 'reachability', { deviceIds: [], tags: [], all: true }]);
});

System('refuses deletion and disabling, saying why; a retiming is accepted', () => {
  const on = (command: Omit<ScheduleCommand, 'metadata'>) => given(scheduleDecider, systemCreated).when({ ...command, metadata } as ScheduleCommand);
  on({ type: 'DeleteSchedule', data: { scheduleId: 'system-reachability' } }).thenThrows(IllegalStateError, 'cannot be deleted');
  on({ type: 'DisableSchedule', data: { scheduleId: 'system-reachability' } }).thenThrows(IllegalStateError, 'cannot be deleted or disabled');
  on({ type: 'UpdateSchedule', data: { scheduleId: 'system-reachability', changes: { targets: { tags: ['x'] } } } }).thenThrows(ValidationError, 'every device');
  const retimed = scheduleDecider.decide({ type: 'UpdateSchedule', metadata, data: { scheduleId: 'system-reachability', changes: { every: '1h' } } }, systemCreated.reduce(scheduleDecider.evolve, scheduleDecider.initialState()));
  assert.equal(retimed.map((e) => e.type), ['ScheduleUpdated']);
});

System('user schedules cannot target every device', () => {
  given(scheduleDecider, []).when({ type: 'CreateSchedule', metadata, data: { scheduleId: 's', input: { name: 'x', every: '1h', targets: { all: true } } } }).thenThrows(ValidationError);
});

System.run();
