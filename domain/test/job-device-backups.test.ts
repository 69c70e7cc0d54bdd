import { suite } from 'uvu';
import { jobDecider, type FailureCategory } from '../src/job/index.js';
import { IllegalStateError, ValidationError } from '../src/shared/errors.js';
import { AT, given } from './decider-spec.js';
import {
  backupFailed,
  backupScheduled,
  backupStarted,
  dispatchTo,
  jobCompleted,
  jobDispatched,
  recordFailureOf,
  recordSnapshotOf,
  scheduleBackup,
  snapshotRecorded,
  startBackupOf,
} from './job-fixtures.js';

const dispatchedToTwo = [backupScheduled(), jobDispatched(['core-sw-1', 'edge-rtr-1'])];

const Dispatched = suite('Job — when dispatched to core-sw-1 and edge-rtr-1');

Dispatched('a worker starting core-sw-1 records attempt 1', () => {
  given(jobDecider, dispatchedToTwo)
    .when(startBackupOf('core-sw-1'))
    .then([backupStarted('core-sw-1', 1, AT)]);
});

Dispatched('a device that is not in the job cannot start or report', () => {
  for (const command of [startBackupOf('lab-sw-9'), recordSnapshotOf('lab-sw-9'), recordFailureOf('lab-sw-9')]) {
    given(jobDecider, dispatchedToTwo).when(command).thenThrows(IllegalStateError, 'lab-sw-9 is not part of this job');
  }
});

Dispatched('the job cannot be dispatched or scheduled again', () => {
  given(jobDecider, dispatchedToTwo).when(dispatchTo('core-sw-1')).thenThrows(IllegalStateError, 'already dispatched');
  given(jobDecider, dispatchedToTwo)
    .when(scheduleBackup({ tags: ['core'] }))
    .thenThrows(IllegalStateError, 'already scheduled');
});

Dispatched('a snapshot may be recorded without a prior start; the job waits for edge-rtr-1', () => {
  given(jobDecider, dispatchedToTwo)
    .when(recordSnapshotOf('core-sw-1'))
    .then([snapshotRecorded('core-sw-1', AT)]);
});

Dispatched('a failure of one device does not complete the job while another is outstanding', () => {
  given(jobDecider, dispatchedToTwo)
    .when(recordFailureOf('core-sw-1', 'auth', 'login rejected'))
    .then([backupFailed('core-sw-1', AT, 'auth', 'login rejected')]);
});

Dispatched('a worker start needs a worker id and an attempt from 1 up', () => {
  given(jobDecider, dispatchedToTwo).when(startBackupOf('core-sw-1', 0)).thenThrows(ValidationError, 'attempt');
  given(jobDecider, dispatchedToTwo).when(startBackupOf('core-sw-1', 1.5)).thenThrows(ValidationError, 'attempt');
  given(jobDecider, dispatchedToTwo).when(startBackupOf('core-sw-1', 1, '')).thenThrows(ValidationError, 'workerId');
});

Dispatched('a snapshot needs a commit, a sha256 of 64 hex characters and a size of zero or more', () => {
  const dispatched = given(jobDecider, dispatchedToTwo);
  dispatched.when(recordSnapshotOf('core-sw-1', { commit: '' })).thenThrows(ValidationError, 'commit');
  dispatched.when(recordSnapshotOf('core-sw-1', { sha256: 'abc123' })).thenThrows(ValidationError, 'sha256');
  dispatched.when(recordSnapshotOf('core-sw-1', { sha256: 'z'.repeat(64) })).thenThrows(ValidationError, 'sha256');
  dispatched.when(recordSnapshotOf('core-sw-1', { size: -1 })).thenThrows(ValidationError, 'size');
});

Dispatched('an empty configuration (size 0) is still a snapshot', () => {
  given(jobDecider, [backupScheduled(), jobDispatched(['core-sw-1'])])
    .when(recordSnapshotOf('core-sw-1', { size: 0 }))
    .then([
      snapshotRecorded('core-sw-1', AT, { size: 0 }),
      jobCompleted('COMPLETED', { succeeded: 1, failed: 0 }, AT),
    ]);
});

Dispatched('a failure needs a known category and a message', () => {
  // The category arrives as JSON from a worker, so an unknown one is possible at runtime.
  const unknownCategory = 'gremlins' as FailureCategory;
  const dispatched = given(jobDecider, dispatchedToTwo);
  dispatched.when(recordFailureOf('core-sw-1', unknownCategory)).thenThrows(ValidationError, 'category');
  dispatched.when(recordFailureOf('core-sw-1', 'timeout', ' ')).thenThrows(ValidationError, 'message');
});

const Running = suite('Job — when core-sw-1 is backing up');

const coreStarted = [...dispatchedToTwo, backupStarted('core-sw-1')];

Running('a redelivered start after a worker crash is accepted with its attempt number', () => {
  given(jobDecider, coreStarted)
    .when(startBackupOf('core-sw-1', 2, 'worker-b'))
    .then([backupStarted('core-sw-1', 2, AT, 'worker-b')]);
});

Running('the job completes exactly when the last device reports', () => {
  given(jobDecider, [...coreStarted, snapshotRecorded('core-sw-1')])
    .when(recordSnapshotOf('edge-rtr-1'))
    .then([snapshotRecorded('edge-rtr-1', AT), jobCompleted('COMPLETED', { succeeded: 2, failed: 0 }, AT)]);
});

Running('the job is FAILED when the last device fails', () => {
  given(jobDecider, [...coreStarted, snapshotRecorded('core-sw-1')])
    .when(recordFailureOf('edge-rtr-1', 'unreachable', 'no route to host'))
    .then([
      backupFailed('edge-rtr-1', AT, 'unreachable', 'no route to host'),
      jobCompleted('FAILED', { succeeded: 1, failed: 1 }, AT),
    ]);
});

Running('the job is FAILED when an earlier device failed, even if the last one succeeds', () => {
  given(jobDecider, [...coreStarted, backupFailed('core-sw-1')])
    .when(recordSnapshotOf('edge-rtr-1'))
    .then([snapshotRecorded('edge-rtr-1', AT), jobCompleted('FAILED', { succeeded: 1, failed: 1 }, AT)]);
});

Running('the job is FAILED with no successes when every device fails', () => {
  given(jobDecider, [...coreStarted, backupFailed('core-sw-1')])
    .when(recordFailureOf('edge-rtr-1'))
    .then([backupFailed('edge-rtr-1', AT), jobCompleted('FAILED', { succeeded: 0, failed: 2 }, AT)]);
});

const Reported = suite('Job — when core-sw-1 already has an outcome');

const coreReported = [...coreStarted, snapshotRecorded('core-sw-1')];

Reported('a second snapshot for core-sw-1 in the same job is refused', () => {
  given(jobDecider, coreReported)
    .when(recordSnapshotOf('core-sw-1'))
    .thenThrows(IllegalStateError, 'core-sw-1 already has an outcome');
});

Reported('a late failure for core-sw-1 after its snapshot is refused', () => {
  given(jobDecider, coreReported)
    .when(recordFailureOf('core-sw-1'))
    .thenThrows(IllegalStateError, 'already has an outcome');
});

Reported('a snapshot for a device that already failed is refused', () => {
  given(jobDecider, [...coreStarted, backupFailed('core-sw-1')])
    .when(recordSnapshotOf('core-sw-1'))
    .thenThrows(IllegalStateError, 'already has an outcome');
});

Reported('core-sw-1 cannot be started again once it has an outcome', () => {
  given(jobDecider, coreReported)
    .when(startBackupOf('core-sw-1', 2))
    .thenThrows(IllegalStateError, 'already has an outcome');
});

Reported('edge-rtr-1 can still start', () => {
  given(jobDecider, coreReported).when(startBackupOf('edge-rtr-1')).then([backupStarted('edge-rtr-1', 1, AT)]);
});

const Completed = suite('Job — when completed');

const completedJob = [
  ...coreReported,
  snapshotRecorded('edge-rtr-1'),
  jobCompleted('COMPLETED', { succeeded: 2, failed: 0 }),
];
const emptyJob = [
  backupScheduled(),
  jobDispatched([]),
  jobCompleted('COMPLETED_NO_DEVICES', { succeeded: 0, failed: 0 }),
];

Completed('no device can start or report any more', () => {
  const late = [startBackupOf('edge-rtr-1', 2), recordSnapshotOf('edge-rtr-1'), recordFailureOf('core-sw-1')];
  for (const command of late) {
    given(jobDecider, completedJob).when(command).thenThrows(IllegalStateError, 'already completed');
  }
});

Completed('a job that found no devices refuses starts too', () => {
  given(jobDecider, emptyJob).when(startBackupOf('core-sw-1')).thenThrows(IllegalStateError, 'already completed');
});

Completed('it cannot be dispatched or scheduled again', () => {
  given(jobDecider, completedJob).when(dispatchTo('core-sw-1')).thenThrows(IllegalStateError, 'already dispatched');
  given(jobDecider, emptyJob)
    .when(scheduleBackup({ tags: ['core'] }))
    .thenThrows(IllegalStateError, 'already scheduled');
});

Dispatched.run();
Running.run();
Reported.run();
Completed.run();
