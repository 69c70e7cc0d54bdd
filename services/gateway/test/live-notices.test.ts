import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { RecordedEvent } from '@netraven/infra/eventstore';
import { LiveUpdates, noticesOf, type ReadModelChangeNotice } from '../src/live/live-updates.js';

const event = (type: string, data: Record<string, unknown>): RecordedEvent => ({ type, data } as unknown as RecordedEvent);

test('a devices batch names its devices; a logs batch always gives a notice; ids come in NOTIFY-sized chunks', () => {
  const devices = noticesOf({ projection: 'devices', events: [event('DeviceTagged', { deviceId: 'd1' }), event('SnapshotRecorded', { deviceId: 'd2', jobId: 'j1' }), event('DeviceUpdated', { deviceId: 'd1' })] });
  assert.equal(devices, [{ projection: 'devices', jobIds: [], deviceIds: ['d1', 'd2'] }]);
  assert.equal(noticesOf({ projection: 'logs', events: [event('JobLogRecorded', { jobId: 'j1' })] }), [{ projection: 'logs', jobIds: ['j1'] }]);
  assert.equal(noticesOf({ projection: 'logs', events: [event('SomethingElse', {})] }), [{ projection: 'logs', jobIds: [] }]);
  assert.equal(noticesOf({ projection: 'credentials', events: [event('CredentialCreated', { credentialId: 'c' })] }), []);
  const many = noticesOf({ projection: 'jobs', events: Array.from({ length: 250 }, (_, i) => event('BackupScheduled', { jobId: `job-${i}` })) });
  assert.equal(many.map((n) => n.jobIds.length), [100, 100, 50]);
  assert.ok(many.every((n) => JSON.stringify(n).length < 8000), 'each fits a NOTIFY payload');
});

test('a COMMAND job\'s outputs, projected after the job finished, are a change of that job; a task success, of its device', () => {
  const outputs = event('DeviceTaskSucceeded', { jobId: 'j1', deviceId: 'd1', results: [{ command: 'show version', output: 'v1' }] });
  assert.equal(noticesOf({ projection: 'job-control', events: [outputs] }), [{ projection: 'job-control', jobIds: ['j1'] }, { projection: 'job-control', jobIds: [], deviceIds: ['d1'] }]);
  // A reachability check changes its device's reachability (which only this projector sees), not the job's rows;
  // snapshots and failures are announced by the devices projector already.
  const reachability = [event('DeviceTaskSucceeded', { jobId: 'j2', deviceId: 'd1' }), event('SnapshotRecorded', { jobId: 'j3', deviceId: 'd2' }),
    event('DeviceBackupFailed', { jobId: 'j4', deviceId: 'd3' }), event('DeviceTaskSucceeded', { jobId: 'j5', deviceId: 'd4', results: [] })];
  assert.equal(noticesOf({ projection: 'job-control', events: reachability }), [{ projection: 'job-control', jobIds: [], deviceIds: ['d1', 'd4'] }]);
});

test('a job watched after it finished hears of its outputs when they are projected', async () => {
  const live = new LiveUpdates();
  const watch = live.watchJob('j1');
  assert.equal((await watch.next()).value, { jobId: 'j1' }, 'the job as it stands');
  const next = watch.next();
  live.onReadModelChange({ projection: 'job-control', events: [event('DeviceTaskSucceeded', { jobId: 'j1', deviceId: 'd1', results: [{ command: 'show version', output: 'v1' }] })] });
  assert.equal((await next).value, { jobId: 'j1' }, 're-read with its outputs');
  await watch.return(undefined);
});

test('the live updates hand every notice to their listeners, and an outage as "anything may have changed"', () => {
  const live = new LiveUpdates();
  const heard: Array<ReadModelChangeNotice | undefined> = [];
  const stop = live.listen((notice) => heard.push(notice));
  live.onReadModelChange({ projection: 'devices', events: [event('DeviceTagged', { deviceId: 'd1' })] });
  live.onNotice({ projection: 'logs', jobIds: [] });
  live.onAllJobsChanged();
  stop();
  live.onNotice({ projection: 'logs', jobIds: [] });
  assert.equal(heard, [{ projection: 'devices', jobIds: [], deviceIds: ['d1'] }, { projection: 'logs', jobIds: [] }, undefined]);
});

test.run();
