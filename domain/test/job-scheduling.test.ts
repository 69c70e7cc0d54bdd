import { suite } from 'uvu';
import { jobDecider } from '../src/job/index.js';
import { IllegalStateError, ValidationError } from '../src/shared/errors.js';
import { AT, given } from './decider-spec.js';
import {
  backupScheduled,
  dispatchTo,
  jobCompleted,
  jobDispatched,
  recordFailureOf,
  recordSnapshotOf,
  scheduleBackup,
  startBackupOf,
} from './job-fixtures.js';

const Fresh = suite('Job — when fresh');

Fresh('scheduling a backup of named devices and tags queues a backup job', () => {
  given(jobDecider, [])
    .when(scheduleBackup({ deviceIds: ['core-sw-1'], tags: ['dc-east'] }))
    .then([backupScheduled({ deviceIds: ['core-sw-1'], tags: ['dc-east'] }, AT)]);
});

Fresh('a device or tag listed twice is targeted once', () => {
  given(jobDecider, [])
    .when(scheduleBackup({ deviceIds: ['edge-rtr-1', 'core-sw-1', 'edge-rtr-1'], tags: ['wan', ' core', 'wan'] }))
    .then([backupScheduled({ deviceIds: ['edge-rtr-1', 'core-sw-1'], tags: ['core', 'wan'] }, AT)]);
});

Fresh('a backup with no device and no tag is refused', () => {
  given(jobDecider, []).when(scheduleBackup({})).thenThrows(ValidationError, 'at least one device or tag');
});

Fresh('a blank device id or tag in the targets is refused', () => {
  given(jobDecider, []).when(scheduleBackup({ deviceIds: [''] })).thenThrows(ValidationError, 'deviceId');
  given(jobDecider, []).when(scheduleBackup({ tags: [' '] })).thenThrows(ValidationError, 'tag');
});

Fresh('nothing can be dispatched before the job is scheduled', () => {
  given(jobDecider, []).when(dispatchTo('core-sw-1')).thenThrows(IllegalStateError, 'not scheduled');
});

Fresh('no device can start or report before the job is scheduled', () => {
  for (const command of [startBackupOf('core-sw-1'), recordSnapshotOf('core-sw-1'), recordFailureOf('core-sw-1')]) {
    given(jobDecider, []).when(command).thenThrows(IllegalStateError, 'not dispatched');
  }
});

const Scheduled = suite('Job — when scheduled');

Scheduled('scheduling the same job again is refused', () => {
  given(jobDecider, [backupScheduled()])
    .when(scheduleBackup({ tags: ['core'] }))
    .thenThrows(IllegalStateError, 'already scheduled');
});

Scheduled('dispatching fixes the list of devices the job will back up', () => {
  given(jobDecider, [backupScheduled()])
    .when(dispatchTo('core-sw-1', 'edge-rtr-1'))
    .then([jobDispatched(['core-sw-1', 'edge-rtr-1'], AT)]);
});

Scheduled('a device resolved twice is dispatched once', () => {
  given(jobDecider, [backupScheduled()])
    .when(dispatchTo('core-sw-1', 'edge-rtr-1', 'core-sw-1'))
    .then([jobDispatched(['core-sw-1', 'edge-rtr-1'], AT)]);
});

Scheduled('a blank device id in the dispatch is refused', () => {
  given(jobDecider, [backupScheduled()]).when(dispatchTo('core-sw-1', '')).thenThrows(ValidationError, 'deviceId');
});

Scheduled('when no device matches the targets the job completes at once with COMPLETED_NO_DEVICES', () => {
  given(jobDecider, [backupScheduled()])
    .when(dispatchTo())
    .then([jobDispatched([], AT), jobCompleted('COMPLETED_NO_DEVICES', { succeeded: 0, failed: 0 }, AT)]);
});

Scheduled('no device can start or report before the job is dispatched', () => {
  for (const command of [startBackupOf('core-sw-1'), recordSnapshotOf('core-sw-1'), recordFailureOf('core-sw-1')]) {
    given(jobDecider, [backupScheduled()]).when(command).thenThrows(IllegalStateError, 'not dispatched');
  }
});

Fresh.run();
Scheduled.run();
