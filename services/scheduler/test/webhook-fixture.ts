import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { jobDecider, type FailureCategory } from '@netraven/domain';
import { sql } from 'kysely';
import { CommandHandler, comparePositions, type Position } from '@netraven/infra/eventstore';
import { loadCheckpoint, waitUntilDrained, webhooksProjector } from '@netraven/projections';
import { GitConfigRepository } from '@netraven/infra/git';
import { CredentialVault } from '@netraven/infra/secrets';
import { Supervisor } from '@netraven/infra/supervision';
import { reportOutagesTo } from '@netraven/infra/supervision';
import { eventually, tempDir, type TempDir } from '@netraven/infra/testing';
import { HttpWebhookTransport } from '@netraven/infra/webhooks';
import { systemActor, WebhookDeliveries, WebhookUseCases } from '@netraven/application';
import { WebhookMatcher, WebhookSender } from '../src/index.js';
import { closeSchedulerContext, openSchedulerContext, send, type SchedulerContext } from './scheduler-fixture.js';

export interface Received {
  readonly headers: IncomingHttpHeaders;
  readonly body: string;
  readonly answered: number;
}

/** A local HTTP receiver: records every request, answers with the next planned status (then 200). */
export class Receiver {
  readonly requests: Received[] = [];
  plan: number[] = [];
  private constructor(private readonly server: Server, readonly url: string) {}

  static async start(): Promise<Receiver> {
    let self: Receiver | undefined;
    const server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const answered = self?.plan.shift() ?? 200;
        self?.requests.push({ headers: req.headers, body: Buffer.concat(chunks).toString('utf8'), answered });
        res.writeHead(answered).end();
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    self = new Receiver(server, `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks/netraven`);
    return self;
  }

  async close(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}

export interface WebhookContext extends SchedulerContext {
  vault: CredentialVault;
  git: GitConfigRepository;
  dir: TempDir;
  webhooks: WebhookUseCases;
  receiver: Receiver;
  supervisor: Supervisor | undefined;
}

export const ADMIN = systemActor('test');
export const FAST_RETRIES = { maxAttempts: 4, initialBackoffMs: 50, maxBackoffMs: 400 };

export async function openWebhookContext(ctx: WebhookContext): Promise<void> {
  await openSchedulerContext(ctx);
  ctx.vault = await CredentialVault.open(ctx.database.connectionString, new Map([[1, randomBytes(32)]]));
  ctx.dir = await tempDir('netraven-hooks-');
  ctx.git = await GitConfigRepository.open(`${ctx.dir.path}/configs.git`);
  ctx.receiver = await Receiver.start();
  ctx.webhooks = new WebhookUseCases({ store: ctx.store, commands: ctx.commands, db: ctx.db, vault: ctx.vault, transport: new HttpWebhookTransport() });
  ctx.supervisor = undefined;
}

export async function closeWebhookContext(ctx: WebhookContext): Promise<void> {
  await ctx.supervisor?.stopAll();
  await ctx.receiver.close();
  await ctx.vault.close();
  await closeSchedulerContext(ctx);
  await ctx.dir.remove();
}

/** Matcher and sender as a scheduler process runs them: own command handler, one supervisor. */
export async function startDelivery(ctx: WebhookContext): Promise<void> {
  const commands = new CommandHandler(ctx.store);
  const deliveries = new WebhookDeliveries({ store: ctx.store, commands, db: ctx.db, vault: ctx.vault, configs: ctx.git, transport: new HttpWebhookTransport({ timeoutMs: 2000 }), policy: FAST_RETRIES });
  const sender = new WebhookSender(ctx.db, deliveries, { pollMs: 100 });
  const matcher = new WebhookMatcher(ctx.store, ctx.db, commands, ctx.git, { onRequested: () => sender.wake() });
  ctx.supervisor = new Supervisor(reportOutagesTo((error) => process.stderr.write(`delivery follower failed: ${String(error)}\n`)), { initialBackoffMs: 50, maxBackoffMs: 200 });
  await ctx.supervisor.add(matcher);
  await ctx.supervisor.add(sender);
}

export async function stopDelivery(ctx: WebhookContext): Promise<void> {
  await ctx.supervisor?.stopAll();
  ctx.supervisor = undefined;
}

async function startJob(ctx: WebhookContext, deviceId: string): Promise<string> {
  const jobId = randomUUID();
  await send(ctx, jobDecider, jobId, 'ScheduleBackup', { jobId, targets: { deviceIds: [deviceId], tags: [] } });
  await send(ctx, jobDecider, jobId, 'DispatchJob', { jobId, deviceIds: [deviceId] });
  await send(ctx, jobDecider, jobId, 'StartDeviceBackup', { jobId, deviceId, workerId: 'test-worker', attempt: 1 });
  return jobId;
}

/** A backup of one device as the worker records it: the config committed to Git, then the snapshot. */
export async function backUp(ctx: WebhookContext, deviceId: string, config: string): Promise<{ jobId: string; commit: string; changed: boolean; position: Position }> {
  const jobId = await startJob(ctx, deviceId);
  const { commit, changed } = await ctx.git.commitConfig({ path: ctx.git.deviceConfigPath(deviceId), content: config, jobId, deviceName: deviceId, when: new Date() });
  const sha256 = createHash('sha256').update(config).digest('hex');
  const result = await ctx.commands.handle(jobDecider, jobId, {
    type: 'RecordSnapshot', data: { jobId, deviceId, commit, changed, sha256, size: config.length, facts: {} },
    metadata: { now: new Date(), actor: 'system:worker', commandId: randomUUID(), correlationId: jobId },
  });
  if (!result.position) throw new Error('no snapshot appended');
  return { jobId, commit, changed, position: result.position };
}

export async function failBackup(ctx: WebhookContext, deviceId: string, category: FailureCategory, message: string): Promise<{ jobId: string; position: Position }> {
  const jobId = await startJob(ctx, deviceId);
  const result = await ctx.commands.handle(jobDecider, jobId, {
    type: 'RecordDeviceFailure', data: { jobId, deviceId, category, message },
    metadata: { now: new Date(), actor: 'system:worker', commandId: randomUUID(), correlationId: jobId },
  });
  if (!result.position) throw new Error('no failure appended');
  return { jobId, position: result.position };
}

/** The matcher has read the log up to `position`: anything it would request for it is requested. */
export async function matchedThrough(ctx: WebhookContext, position: Position): Promise<void> {
  await eventually('the matcher reaches the position', async () => {
    const checkpoint = await loadCheckpoint(ctx.db, 'scheduler:webhook-matcher');
    return checkpoint && comparePositions(checkpoint, position) >= 0 ? true : undefined;
  });
}

/** No delivery is waiting to be sent: everything requested so far has its final answer. */
export async function settled(ctx: WebhookContext): Promise<void> {
  // Every requested delivery is in the read model first, else "none pending" proves nothing. The newest
  // webhook event is read from the table itself: the log's gap-free read may not show it yet while another
  // transaction on the server is open, and draining up to what it shows would prove nothing either.
  const { rows } = await sql<{ commit: string; prepare: string }>`SELECT transaction_id::text AS commit, global_position::text AS prepare
    FROM eventstore.events WHERE event_type = ANY(${[...webhooksProjector.eventTypes]}::text[])
    ORDER BY transaction_id DESC, global_position DESC LIMIT 1`.execute(ctx.db);
  const newest = rows[0] && { commit: BigInt(rows[0].commit), prepare: BigInt(rows[0].prepare) };
  if (newest) {
    await eventually('the webhooks read model to hold every requested delivery', async () => {
      const checkpoint = await loadCheckpoint(ctx.db, webhooksProjector.name);
      return checkpoint && comparePositions(checkpoint, newest) >= 0 ? true : undefined;
    }, 20_000);
  }
  await waitUntilDrained(ctx.db, ctx.store, webhooksProjector, { timeoutMs: 20_000 });
  await eventually('no pending delivery', async () => {
    const pending = await ctx.db.selectFrom('webhook_deliveries').select('id').where('status', '=', 'PENDING').execute();
    return pending.length === 0 ? true : undefined;
  });
}

