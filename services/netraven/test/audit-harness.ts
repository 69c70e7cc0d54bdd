import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadConfig } from '@netraven/infra/config';
import { createLogger } from '@netraven/infra/log';
import { freshTestDatabase, tempDir } from '@netraven/infra/testing';
import { startNetRaven, type StandaloneNetRaven } from '../src/standalone.js';
import { parseRoles } from '../src/composition/roles.js';
import { deleteStream } from './nats-cleanup.js';
import { graphql, TEST_ADMIN_PASSWORD } from './graphql-client.js';
import type { Node } from './audit-expectations.js';
import { runOperatorCommand, type OperatorRun } from './cli-process.js';

const here = dirname(fileURLToPath(import.meta.url));
const CLI_SOURCE = join(here, '..', 'src', 'cli.ts');
const NATS_URL = process.env.NETRAVEN_TEST_NATS_URL ?? 'nats://127.0.0.1:4222';

/** A distributed NetRaven: gateway, projector and scheduler in this process, device-comm workers as processes of their own. */
export interface NatsDeployment {
  readonly control: StandaloneNetRaven;
  readonly url: string;
  readonly workers: readonly ChildProcess[];
  stop(): Promise<void>;
}

/**
 * Control roles in-process and `count` worker processes on a JetStream stream of their own. A worker
 * keeps its task alive with `working()` every half ack wait, so a SIGKILLed worker's task is handed
 * to another worker one ack wait (2 s here) after the kill.
 */
export async function startNatsDeployment(count: number, settings: Record<string, string>): Promise<NatsDeployment> {
  const database = await freshTestDatabase('netraven_audit');
  const dataDir = await tempDir('netraven-audit-');
  const suffix = randomBytes(4).toString('hex');
  const stream = `NETRAVEN_AUDIT_${suffix}`;
  const environment: Record<string, string> = {
    DATABASE_URL: database.connectionString, NETRAVEN_DATA_DIR: dataDir.path, NETRAVEN_ADMIN_PASSWORD: TEST_ADMIN_PASSWORD,
    NATS_URL, NETRAVEN_NATS_STREAM: stream, NETRAVEN_NATS_SUBJECT: `netraven.audit.${suffix}`,
    NETRAVEN_NATS_DURABLE: `audit_${suffix}`, NETRAVEN_NATS_ACK_WAIT_MS: '2000', NETRAVEN_VAULT_KEY: randomBytes(32).toString('base64'),
    NETRAVEN_LOG_LEVEL: 'warn', PORT: '0', ...settings,
  };
  const control = await startNetRaven(loadConfig(environment), createLogger('control', 'warn'), parseRoles('gateway,projector,scheduler'));
  const workers = Array.from({ length: count }, () => spawn(process.execPath, ['--conditions=source', '--import', 'tsx', CLI_SOURCE, 'start', '--roles', 'worker'], {
    env: { ...process.env, ...environment }, stdio: ['ignore', 'ignore', 'inherit'],
  }));
  return {
    control, url: control.graphqlUrl, workers,
    async stop() {
      const alive = (w: ChildProcess): boolean => w.exitCode === null && w.signalCode === null;
      for (const worker of workers) if (alive(worker)) worker.kill('SIGTERM');
      await Promise.all(workers.map((w) => new Promise<void>((resolve) => (alive(w) ? w.once('exit', () => resolve()) : resolve()))));
      await control.stop();
      await deleteStream(NATS_URL, stream);
      await database.drop();
      await dataDir.remove();
    },
  };
}

const HISTORY = `query($id: ID!, $first: Int!, $after: String) { job(id: $id) { history(first: $first, after: $after) {
  nodes { position stream type at actor correlationId causationId data } pageInfo { hasNextPage endCursor } } } }`;

/** A job's whole history, read page by page with `first`/`after` as a script would; also the number of pages. */
export async function readHistory(url: string, jobId: string, pageSize: number): Promise<{ nodes: Node[]; pages: number }> {
  const nodes: Node[] = [];
  let after: string | undefined;
  for (let pages = 1; ; pages++) {
    const { job } = await graphql<{ job: { history: { nodes: Node[]; pageInfo: { hasNextPage: boolean; endCursor: string } } } }>(url, HISTORY,
      { id: jobId, first: pageSize, ...(after ? { after } : {}) });
    nodes.push(...job.history.nodes);
    if (!job.history.pageInfo.hasNextPage) return { nodes, pages };
    after = job.history.pageInfo.endCursor;
  }
}

/** `netraven audit job ...` as an operator runs it (a bearer token in NETRAVEN_TOKEN, or none). */
export function auditCli(args: readonly string[], token: string | undefined): Promise<OperatorRun> {
  return runOperatorCommand(['audit', 'job', ...args], token);
}
