import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { labPlatformIds, startDeviceLab, type DeviceLab } from '@netraven/device-lab';
import { listCredentials, listDevices } from '@netraven/projections';
import type { Logger } from '@netraven/infra/log';
import type { StandaloneNetRaven } from './standalone.js';
import { systemActor } from '@netraven/application';

const LAB_TAG = 'lab';
const LAB_CREDENTIAL = 'device-lab';

/**
 * `start --lab N`: N simulated devices on loopback (every lab platform in turn), registered once (restarts reuse the
 * same ports and host keys), and a first backup so a newcomer sees one happen.
 */
export async function startLabAndRegister(
  netraven: StandaloneNetRaven,
  options: { devices: number; basePort: number; dataDir: string; logger: Logger; platforms?: readonly string[]; commandLatencyMs?: number; driftEveryBackups?: number },
): Promise<DeviceLab> {
  const keyFile = join(options.dataDir, 'lab-host-keys.json');
  const hostKeys = existsSync(keyFile) ? (JSON.parse(readFileSync(keyFile, 'utf8')) as Record<string, string>) : undefined;
  const lab = await startDeviceLab({
    // A latency turns every device into a slow one, as a WAN or a busy control plane makes it; a drift changes each
    // running config after every K-th backup, so the console has changes and diffs to show.
    devices: options.commandLatencyMs || options.driftEveryBackups
      ? Array.from({ length: options.devices }, () => ({ faults: {
        ...(options.commandLatencyMs ? { commandLatencyMs: options.commandLatencyMs } : {}),
        ...(options.driftEveryBackups ? { driftEveryBackups: options.driftEveryBackups } : {}),
      } }))
      : options.devices,
    basePort: options.basePort,
    platforms: options.platforms ?? labPlatformIds(),
    ...(hostKeys ? { hostKeys } : {}),
  });
  writeFileSync(keyFile, JSON.stringify(lab.hostKeys), { mode: 0o600 });

  const first = lab.devices[0];
  if (!first) return lab;
  const actor = systemActor('lab');
  const existingCredential = (await listCredentials(netraven.db)).find((c) => c.name === LAB_CREDENTIAL);
  const credential = existingCredential ?? (await netraven.commands.createCredential(actor, {
    name: LAB_CREDENTIAL, username: first.username, password: first.password,
    ...(first.enablePassword ? { enablePassword: first.enablePassword } : {}),
  }));
  const known = new Set((await listDevices(netraven.db, { includeDecommissioned: true })).map((d) => `${d.host}:${d.port}`));
  for (const device of lab.devices) {
    if (known.has(`${device.host}:${device.port}`)) continue;
    await netraven.commands.registerDevice(actor, {
      name: device.name, host: device.host, port: device.port, platform: device.platform,
      credentialId: credential.id, tags: [LAB_TAG],
    });
  }
  const job = await netraven.commands.scheduleBackup(actor, { tags: [LAB_TAG] });
  options.logger.info({ devices: lab.devices.length, jobId: job.id }, `device lab started; first backup job ${job.id} scheduled`);
  return lab;
}
