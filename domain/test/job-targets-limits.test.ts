import { suite } from 'uvu';
import { jobDecider } from '../src/job/index.js';
import type { JobCommand } from '../src/job/index.js';
import { AT, given, metadata } from './decider-spec.js';
import { backupScheduled, jobId } from './job-fixtures.js';

const schedule = (targets: Record<string, unknown>): JobCommand =>
  ({ type: 'ScheduleBackup', data: { jobId, targets: { deviceIds: [], tags: [], ...targets } }, metadata }) as JobCommand;
const ids = (count: number): string[] => Array.from({ length: count }, (_, i) => `dev-${i}`);

const Limits = suite('Backup targets — limits');

Limits('a backup may name up to 100,000 devices', () => {
  given(jobDecider, []).when(schedule({ deviceIds: ids(100_000) })).then([backupScheduled({ deviceIds: ids(100_000), tags: [] }, AT)]);
});

Limits('a backup naming more than 100,000 devices is refused', () => {
  given(jobDecider, []).when(schedule({ deviceIds: ids(100_001) })).thenRefusesField('deviceIds', 'at most 100000');
});

Limits('device ids are bounded and printable', () => {
  given(jobDecider, []).when(schedule({ deviceIds: ['d'.repeat(256)] })).thenRefusesField('deviceIds', 'at most 255');
  given(jobDecider, []).when(schedule({ deviceIds: ['d\u0000'] })).thenRefusesField('deviceIds');
  given(jobDecider, []).when(schedule({ deviceIds: [42] })).thenRefusesField('deviceIds');
});

Limits('target tags follow the device tag rules', () => {
  given(jobDecider, []).when(schedule({ tags: ['t'.repeat(65)] })).thenRefusesField('tags', 'at most 64');
  given(jobDecider, []).when(schedule({ tags: ids(65) })).thenRefusesField('tags', 'at most 64 tags');
  given(jobDecider, []).when(schedule({ tags: ['\u001b[2J'] })).thenRefusesField('tags', 'control characters');
});

Limits('a backup with no targets names the field to fill in', () => {
  given(jobDecider, []).when(schedule({})).thenRefusesField('deviceIds', 'at least one device or tag');
});

Limits.run();
