import { suite } from 'uvu';
import type { JobCommand } from '../src/job/index.js';
import { jobDecider } from '../src/job/index.js';
import { AT, given, metadata } from './decider-spec.js';
import { backupScheduled, backupStarted, jobCompleted, jobDispatched, jobId, snapshotOf } from './job-fixtures.js';

const Outcomes = suite('Job — outcomes say which credentials were tried');
const history = [backupScheduled(), jobDispatched(['r1']), backupStarted('r1')];
const tried = [{ credentialId: 'own', verdict: 'refused' as const }, { credentialId: 'core-1', verdict: 'accepted' as const }];

Outcomes('a snapshot carries the credentials tried, in order', () => {
  const command: JobCommand = { type: 'RecordSnapshot', data: { jobId, deviceId: 'r1', ...snapshotOf('r1'), credentialsTried: tried }, metadata };
  given(jobDecider, history).when(command).then([
    { type: 'SnapshotRecorded', data: { jobId, deviceId: 'r1', ...snapshotOf('r1'), recordedAt: AT, credentialsTried: tried } },
    jobCompleted('COMPLETED', { succeeded: 1, failed: 0 }, AT),
  ]);
});

Outcomes('a failure without credentials keeps its old shape', () => {
  const command: JobCommand = { type: 'RecordDeviceFailure', data: { jobId, deviceId: 'r1', category: 'circuit-open', message: 'skipped', credentialsTried: [] }, metadata };
  given(jobDecider, history).when(command).then([
    { type: 'DeviceBackupFailed', data: { jobId, deviceId: 'r1', category: 'circuit-open', transient: false, message: 'skipped', failedAt: AT } },
    jobCompleted('FAILED', { succeeded: 0, failed: 1 }, AT),
  ]);
});

Outcomes.run();
