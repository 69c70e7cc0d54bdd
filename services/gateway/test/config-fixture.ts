import { createHash } from 'node:crypto';
import { jobDecider } from '@netraven/domain';
import { newCommandMetadata } from '@netraven/infra/eventstore';
import { deviceConfigPath } from '@netraven/infra/git';
import { eventually } from '@netraven/infra/testing';
import type { GatewayFixture } from './gateway-fixture.js';
import { dispatch, scheduleJob } from './access-fixture.js';

/**
 * What a worker does for one device, without a device: a backup job, the config committed to the real repository,
 * the snapshot recorded; returns once the snapshot and the search read model show it.
 */
export async function storeVersion(fx: GatewayFixture, deviceId: string, content: string): Promise<string> {
  const jobId = await scheduleJob(fx, [deviceId]);
  await dispatch(fx, jobId, [deviceId]);
  const metadata = () => newCommandMetadata({ actor: 'system:test' });
  await fx.commands.handle(jobDecider, jobId, { type: 'StartDeviceBackup', data: { jobId, deviceId, workerId: 'test', attempt: 1 }, metadata: metadata() });
  const { commit, changed } = await fx.git.commitConfig({ path: deviceConfigPath(deviceId), content, jobId, deviceName: deviceId, when: new Date() });
  const sha256 = createHash('sha256').update(content).digest('hex');
  await fx.commands.handle(jobDecider, jobId, {
    type: 'RecordSnapshot', data: { jobId, deviceId, commit, changed, sha256, size: Buffer.byteLength(content), facts: {} }, metadata: metadata(),
  });
  await eventually(`the snapshot ${commit} of ${deviceId} in the read models`, async () => {
    const snapshot = await fx.db.selectFrom('snapshots').select('commit').where('job_id', '=', jobId).executeTakeFirst();
    const searchable = await fx.db.selectFrom('config_search').select('commit').where('device_id', '=', deviceId).executeTakeFirst();
    return snapshot && searchable?.commit === commit ? true : undefined;
  });
  return commit;
}
