import { createHash, randomUUID } from 'node:crypto';
import { jobDecider, type JobCommand, type RecordSnapshot } from '@netraven/domain';
import { newCommandMetadata } from '@netraven/infra/eventstore';
import { deviceConfigPath } from '@netraven/infra/git';
import type { GatewayFixture } from './gateway-fixture.js';

const CHUNK = 500;

/**
 * `count` backups of one device, one version each, as consecutive jobs leave them: each job scheduled, dispatched and
 * started through the job decider (many jobs per multi-stream write), its config committed to the real repository
 * in order, its snapshot recorded one millisecond after the previous one. Returns the commits, oldest first.
 */
export async function storeVersions(fx: GatewayFixture, deviceId: string, count: number, configOf: (v: number) => string): Promise<string[]> {
  const commits: string[] = [];
  const start = Date.now();
  for (let base = 0; base < count; base += CHUNK) {
    const versions = Array.from({ length: Math.min(CHUNK, count - base) }, (_unused, k) => base + k);
    const jobIds = versions.map(() => randomUUID());
    const step = async (command: (jobId: string, k: number) => JobCommand): Promise<void> => {
      const outcomes = await fx.commands.handleAll(jobDecider, jobIds.map((jobId, k) => ({ aggregateId: jobId, command: command(jobId, k) })));
      const refused = outcomes.find((outcome) => !outcome.ok);
      if (refused && !refused.ok) throw refused.error;
    };
    const metadata = (at?: number) => newCommandMetadata({ actor: 'system:test', ...(at === undefined ? {} : { clock: () => new Date(at) }) });
    await step((jobId) => ({ type: 'ScheduleBackup', data: { jobId, targets: { deviceIds: [deviceId], tags: [] } }, metadata: metadata() }));
    await step((jobId) => ({ type: 'DispatchJob', data: { jobId, deviceIds: [deviceId] }, metadata: metadata() }));
    await step((jobId) => ({ type: 'StartDeviceBackup', data: { jobId, deviceId, workerId: 'test', attempt: 1 }, metadata: metadata() }));
    const recorded: RecordSnapshot['data'][] = [];
    for (const [k, v] of versions.entries()) {
      const content = configOf(v);
      const jobId = jobIds[k]!;
      const { commit, changed } = await fx.git.commitConfig({ path: deviceConfigPath(deviceId), content, jobId, deviceName: deviceId, when: new Date(start + v) });
      recorded.push({ jobId, deviceId, commit, changed, sha256: createHash('sha256').update(content).digest('hex'), size: Buffer.byteLength(content), facts: {} });
      commits.push(commit);
    }
    await step((_jobId, k) => ({ type: 'RecordSnapshot', data: recorded[k]!, metadata: metadata(start + versions[k]!) }));
  }
  return commits;
}
