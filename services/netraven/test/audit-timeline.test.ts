import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { renderState, renderTimeline, type HistoryEvent } from '../src/audit-timeline.js';

let position = 0;
const event = (type: string, data: Record<string, unknown>, actor = 'system:device-comm', stream = 'job-j1'): HistoryEvent =>
  ({ position: ++position, stream, type, at: `2026-11-30T10:00:0${position % 10}.000Z`, actor, correlationId: 'j1', causationId: 'c', data });
const names = (id: string): string => ({ d1: 'core-1', d2: 'edge-1' })[id] ?? id;

test('redelivery, retry, outcomes, completion, cancellation and an unknown event type', () => {
  position = 0;
  const lines = renderTimeline([
    event('BackupScheduled', { targets: { deviceIds: ['d1'], tags: ['edge'] } }, 'user:alice'),
    event('JobDispatched', { deviceIds: ['d1', 'd2'] }, 'system:scheduler'),
    event('DeviceBackupStarted', { deviceId: 'd1', attempt: 1, workerId: 'w1' }),
    event('DeviceBackupStarted', { deviceId: 'd2', attempt: 1, workerId: 'w1' }),
    event('DeviceBackupStarted', { deviceId: 'd1', attempt: 2, workerId: 'w2' }),
    event('JobLogRecorded', { entries: [
      { level: 'info', kind: 'connection', deviceId: 'd2', message: 'Connecting', at: '' },
      { level: 'warn', kind: 'connection', deviceId: 'd2', message: 'Attempt 1 failed [timeout]: no answer; retrying in 50 ms', at: '' },
    ] }, 'system:device-comm', 'joblog-j1'),
    event('SnapshotRecorded', { deviceId: 'd1', commit: 'abcdef0123456789', changed: false }),
    event('JobCancelled', { jobId: 'j1', cancelledDeviceIds: ['d2'], running: 1, cancelledAt: '2026-11-30T10:00:09.000Z' }, 'user:bob'),
    event('SomethingNew', { x: 1 }, 'system:future', 'job-j1'),
    event('JobCompleted', { status: 'CANCELLED', succeeded: 1, failed: 0, cancelled: 1 }),
  ], names).map((line) => line.replace(/^\S+\s+/, ''));
  assert.equal(lines, [
    '#1  user:alice asked for a backup of devices core-1 and tags edge',
    '#2  dispatched by system:scheduler to 2 devices: core-1, edge-1',
    '#3  core-1 started, attempt 1 on worker w1',
    '#4  edge-1 started, attempt 1 on worker w1',
    '#5  crash redelivery: core-1 started again, attempt 2 on worker w2 (attempt 1 on w1 ended without an outcome)',
    '#6  retry: edge-1: Attempt 1 failed [timeout]: no answer; retrying in 50 ms',
    '#7  core-1 succeeded: commit abcdef012345 (unchanged)',
    '#8  job cancelled by user:bob: 1 queued device cancelled (edge-1), 1 running left to finish',
    '#9  SomethingNew on job-j1 by system:future: {"x":1}',
    '#10  job completed: CANCELLED (1 succeeded, 0 failed, 1 cancelled)',
  ]);
});

test('a state: counts (cancelled ones when there are), then one line per device', () => {
  assert.equal(renderState('position 7', null, names), ['State at position 7: the job had not been scheduled yet']);
  assert.equal(renderState('position 9', {
    status: 'RUNNING', deviceCount: 2, succeeded: 1, failed: 1, devices: [
      { deviceId: 'd1', status: 'SUCCEEDED', attempts: 2, errorCategory: null, errorMessage: null, commit: 'abcdef0123456789', changed: true },
      { deviceId: 'd2', status: 'FAILED', attempts: 1, errorCategory: 'auth', errorMessage: 'refused', commit: null, changed: null },
    ],
  }, names), [
    'State at position 9: RUNNING, 2 devices, 1 succeeded, 1 failed',
    '  core-1: SUCCEEDED, attempt 2, commit abcdef012345 (changed)',
    '  edge-1: FAILED, attempt 1, [auth] refused',
  ]);
  assert.equal(renderState('position 11', {
    status: 'CANCELLED', deviceCount: 2, succeeded: 1, failed: 0, cancelled: 1, devices: [
      { deviceId: 'd1', status: 'SUCCEEDED', attempts: 1, errorCategory: null, errorMessage: null, commit: 'abcdef0123456789', changed: false },
      { deviceId: 'd2', status: 'CANCELLED', attempts: 0, errorCategory: null, errorMessage: null, commit: null, changed: null },
    ],
  }, names), [
    'State at position 11: CANCELLED, 2 devices, 1 succeeded, 0 failed, 1 cancelled',
    '  core-1: SUCCEEDED, attempt 1, commit abcdef012345',
    '  edge-1: CANCELLED, attempt 0',
  ]);
});

test.run();
