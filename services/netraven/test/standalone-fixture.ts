import { loadConfig } from '@netraven/infra/config';
import { createLogger } from '@netraven/infra/log';
import { freshTestDatabase, tempDir, eventually, type TempDir } from '@netraven/infra/testing';
import type { FreshDatabase } from '@netraven/infra/db';
import { startStandalone, type StandaloneNetRaven } from '../src/standalone.js';
import { graphql, TEST_ADMIN_PASSWORD } from './graphql-client.js';

export interface StandaloneFixture {
  netraven: StandaloneNetRaven;
  url: string;
  dataDir: TempDir;
  /** The database NetRaven writes to, for tests that inspect what it stored. */
  databaseUrl: string;
  dispose(): Promise<void>;
}

/** Standalone NetRaven on a fresh database and data directory, configured like a user would. */
export async function openStandalone(
  environment: Record<string, string> = {},
  logs: { level?: string; destination?: Parameters<typeof createLogger>[2] } = {},
): Promise<StandaloneFixture> {
  const database: FreshDatabase = await freshTestDatabase('netraven_sa');
  const dataDir = await tempDir('netraven-sa-');
  const config = loadConfig({
    DATABASE_URL: database.connectionString,
    NETRAVEN_DATA_DIR: dataDir.path,
    PORT: '0',
    NETRAVEN_CONNECT_TIMEOUT_MS: '5000',
    NETRAVEN_COMMAND_TIMEOUT_MS: '10000',
    NETRAVEN_ADMIN_PASSWORD: TEST_ADMIN_PASSWORD,
    ...environment,
  });
  const netraven = await startStandalone(config, createLogger('netraven-test', logs.level ?? 'warn', logs.destination));
  return {
    netraven, url: netraven.graphqlUrl, dataDir, databaseUrl: database.connectionString,
    async dispose() {
      await netraven.stop();
      await database.drop();
      await dataDir.remove();
    },
  };
}

export interface JobView {
  id: string;
  status: string;
  devices: Array<{ deviceId: string; status: string; errorCategory: string | null; errorMessage: string | null; changed: boolean | null }>;
  logs: Array<{ level: string; kind: string; message: string }>;
}

export async function runBackup(url: string, input: { deviceIds?: string[]; tags?: string[] }, timeoutMs = 30_000): Promise<JobView> {
  const { scheduleBackup } = await graphql<{ scheduleBackup: { id: string } }>(url,
    'mutation($input: ScheduleBackupInput!) { scheduleBackup(input: $input) { id } }', { input });
  return eventually(`job ${scheduleBackup.id} to finish`, async () => {
    const { job } = await graphql<{ job: Omit<JobView, 'devices'> & { devices: { nodes: JobView['devices'] } } }>(url,
      'query($id: ID!) { job(id: $id) { id status devices(first: 1000) { nodes { deviceId status errorCategory errorMessage changed } } logs { level kind message } } }',
      { id: scheduleBackup.id });
    // The logs read model is projected apart from the job's row: the job's own closing line comes after every
    // other line of the job in the event log, so once it is there the job's logs are whole.
    const finished = ['COMPLETED', 'FAILED', 'COMPLETED_NO_DEVICES'].includes(job.status) && job.logs.some((l) => l.message.startsWith(`Job ${job.status}:`));
    return finished ? { ...job, devices: job.devices.nodes } : undefined;
  }, timeoutMs);
}

export async function registerDevice(url: string, credentialId: string, device: { name: string; host: string; port: number; tags?: string[] }): Promise<string> {
  const { registerDevice: registered } = await graphql<{ registerDevice: { id: string } }>(url,
    'mutation($input: RegisterDeviceInput!) { registerDevice(input: $input) { id } }',
    { input: { ...device, platform: 'cisco_ios', credentialId } });
  return registered.id;
}

export async function createCredential(url: string, username: string, password: string, enablePassword?: string): Promise<string> {
  const { createCredential: created } = await graphql<{ createCredential: { id: string } }>(url,
    'mutation($input: CreateCredentialInput!) { createCredential(input: $input) { id } }',
    { input: { name: `cred-${username}-${Math.random().toString(36).slice(2, 8)}`, username, password, enablePassword } });
  return created.id;
}
