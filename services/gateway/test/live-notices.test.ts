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
