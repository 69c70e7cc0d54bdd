import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import type { JobEvent, JobState } from '../src/job/index.js';
import { devicesAwaitingOutcome, jobDecider, jobStatusOf } from '../src/job/index.js';
import { given } from './decider-spec.js';
import {
  backupFailed,
  backupScheduled,
  backupStarted,
  jobCompleted,
  jobDispatched,
  jobId,
  snapshotRecorded,
} from './job-fixtures.js';

const replay = (...history: JobEvent[]): JobState => given(jobDecider, history).state();

const nightly = [
  backupScheduled(),
  jobDispatched(['core-sw-1', 'edge-rtr-1']),
  backupStarted('core-sw-1'),
  backupStarted('edge-rtr-1'),
  // worker-a crashed mid-session; the message was redelivered to worker-b
  backupStarted('core-sw-1', 2, undefined, 'worker-b'),
  snapshotRecorded('edge-rtr-1'),
  snapshotRecorded('core-sw-1'),
  jobCompleted('COMPLETED', { succeeded: 2, failed: 0 }),
];

const Replay = suite('Job — replaying history');

Replay('a stream with no events has no status yet', () => {
  assert.is(jobStatusOf(replay()), undefined);
});

Replay('the status follows the job through its life', () => {
  const statuses = nightly.map((_, index) => jobStatusOf(replay(...nightly.slice(0, index + 1))));
  assert.equal(statuses, ['QUEUED', 'QUEUED', 'RUNNING', 'RUNNING', 'RUNNING', 'RUNNING', 'RUNNING', 'COMPLETED']);
});

Replay('the full history rebuilds devices, outcomes, attempts and counts', () => {
  const { dispatched, outcomes, attempts, ...rest } = replay(...nightly) as Extract<JobState, { phase: 'Completed' }>;
  assert.equal(dispatched.toJS().sort(), ['core-sw-1', 'edge-rtr-1']);
  assert.equal(outcomes.toJS(), {
    'edge-rtr-1': { result: 'succeeded', commit: 'commit-edge-rtr-1', changed: true },
    'core-sw-1': { result: 'succeeded', commit: 'commit-core-sw-1', changed: true },
  });
  assert.equal(attempts.toJS(), { 'core-sw-1': 2, 'edge-rtr-1': 1 });
  assert.equal(rest, {
    phase: 'Completed',
    status: 'COMPLETED',
    succeeded: 2,
    failed: 0,
    jobId,
    jobType: 'backup',
    targets: { deviceIds: [], tags: ['core'] },
    deviceIds: ['core-sw-1', 'edge-rtr-1'],
    priority: 'HIGH',
    commands: [],
    cancelled: false,
  });
});

Replay('a job with a failed device replays to FAILED', () => {
  const state = replay(
    backupScheduled(),
    jobDispatched(['core-sw-1', 'edge-rtr-1']),
    backupFailed('core-sw-1', undefined, 'hostkey', 'host key changed'),
    snapshotRecorded('edge-rtr-1'),
    jobCompleted('FAILED', { succeeded: 1, failed: 1 }),
  );
  assert.is(jobStatusOf(state), 'FAILED');
  assert.equal(state.phase === 'Completed' && state.outcomes.get('core-sw-1'), {
    result: 'failed',
    category: 'hostkey',
    message: 'host key changed',
  });
});

Replay('a job that found no devices replays to COMPLETED_NO_DEVICES', () => {
  const state = replay(
    backupScheduled(),
    jobDispatched([]),
    jobCompleted('COMPLETED_NO_DEVICES', { succeeded: 0, failed: 0 }),
  );
  assert.is(jobStatusOf(state), 'COMPLETED_NO_DEVICES');
});

Replay('a device reporting without a start sets the job RUNNING', () => {
  const state = replay(backupScheduled(), jobDispatched(['core-sw-1', 'edge-rtr-1']), backupFailed('core-sw-1'));
  assert.is(jobStatusOf(state), 'RUNNING');
});

Replay('the devices still awaiting an outcome are the dispatched ones without a report', () => {
  const state = replay(
    backupScheduled(),
    jobDispatched(['core-sw-1', 'edge-rtr-1', 'dist-sw-3']),
    snapshotRecorded('edge-rtr-1'),
  );
  assert.equal(devicesAwaitingOutcome(state), ['core-sw-1', 'dist-sw-3']);
  assert.equal(devicesAwaitingOutcome(replay(backupScheduled())), []);
});

Replay('a late redelivered start with a lower attempt does not lower the attempt count', () => {
  const state = replay(
    backupScheduled(),
    jobDispatched(['core-sw-1']),
    backupStarted('core-sw-1', 3),
    backupStarted('core-sw-1', 2),
  );
  assert.equal(state.phase === 'Dispatched' && state.attempts.get('core-sw-1'), 3);
});

Replay('the stream is named after the job', () => {
  assert.is(jobDecider.streamName(jobId), 'job-nightly-2025-03-01');
});

Replay.run();
