import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import {
  ForbiddenError, IllegalStateError, JOB_PRIORITIES, JOB_TYPES, jobDecider, NotFoundError, requireId, requireReadOnlyCommands, validateBackupTargets,
  validateCommandList, ValidationError, type JobCommand, type JobPriority, type JobTargets, type JobType,
} from '@netraven/domain';
import { newCommandMetadata, systemClock, type Clock, type CommandHandler, type EventStore, type Position } from '@netraven/infra/eventstore';
import type { QueueStatus } from '@netraven/infra/queue';
import {
  deviceIdsInScopeAmong, deviceReachability, failedDevicesOf, findJob, jobResults, jobsProjector, liveDeviceIdsAmong, platformsOfTargets, waitUntilCaughtUp,
  type DeviceReachabilityRow, type DeviceRow, type JobResultRow, type JobRow, type ReadModelDatabase,
} from '@netraven/projections';
import { actorLabel, isScoped, type Actor } from './access/actor.js';
import { requireKnownDevices } from './access/known-devices.js';
import { authorize } from './access/policy.js';
import { requireTagsWithinScope, requireVisible, scopeOf } from './access/scope.js';

export interface JobControlDependencies {
  readonly store: EventStore;
  readonly commands: CommandHandler;
  readonly db: Kysely<ReadModelDatabase>;
  /** The work queue (embedded or JetStream) the workers pull from: what `queueStatus` reports. */
  readonly queue: { status(): Promise<QueueStatus> };
  readonly clock?: Clock;
  readonly consistencyTimeoutMs?: number;
}

export interface RunJobInput {
  readonly jobType: JobType;
  readonly targets: { readonly deviceIds?: readonly string[] | null; readonly tags?: readonly string[] | null };
  readonly priority?: JobPriority | null;
  readonly commands?: readonly string[] | null;
}

/**
 * Job control: run a job of any kind now, cancel one, re-run a job's failed devices, and the queue's
 * state. OPERATOR acts, VIEWER reads; a scoped actor acts only on its devices and tags.
 */
export class JobControl {
  constructor(private readonly deps: JobControlDependencies) {}

  /** A job of `jobType` (HIGH unless told otherwise): every named device must be live; COMMAND jobs run read-only commands only. */
  async runJob(actor: Actor, input: RunJobInput): Promise<JobRow> {
    authorize(actor, 'runJob');
    if (!(JOB_TYPES as readonly string[]).includes(input.jobType)) throw new ValidationError(`jobType must be one of ${JOB_TYPES.join(', ')}`, 'jobType');
    const priority = input.priority ?? 'HIGH';
    if (!(JOB_PRIORITIES as readonly string[]).includes(priority)) throw new ValidationError(`priority must be one of ${JOB_PRIORITIES.join(', ')}`, 'priority');
    const targets = validateBackupTargets({ deviceIds: [...(input.targets.deviceIds ?? [])], tags: [...(input.targets.tags ?? [])] });
    let commands: string[] | undefined;
    if (input.jobType === 'command') commands = validateCommandList(input.commands ?? undefined);
    else if (input.commands?.length) throw new ValidationError('commands apply to COMMAND jobs only', 'commands');
    await this.requireKnownTargets(actor, targets);
    // Each platform the job reaches must allow every command (the worker checks again per device).
    if (commands) requireReadOnlyCommands(commands, await platformsOfTargets(this.deps.db, targets));
    const jobId = randomUUID();
    return this.schedule(actor, { jobId, targets, jobType: input.jobType, priority, ...(commands ? { commands } : {}) });
  }

  /** Queued devices end CANCELLED, running ones finish or time out; a finished job answers CONFLICT. */
  async cancelJob(actor: Actor, jobId: string): Promise<JobRow> {
    authorize(actor, 'cancelJob');
    requireId(jobId, 'id');
    const job = await this.visibleJob(actor, jobId, 'id');
    // A cancel stops every device of the job, so a scoped actor may cancel only a job wholly within its scope.
    if (isScoped(actor)) await this.requireWhollyInScope(actor, job);
    await this.issue(actor, jobId, { type: 'CancelJob', data: { jobId } }, jobId);
    return this.job(jobId);
  }

  /** A new LOW job of the same kind for the job's failed devices (those still live), linked by `rerunOf`. */
  async rerunFailed(actor: Actor, jobId: string): Promise<JobRow> {
    authorize(actor, 'rerunFailed');
    requireId(jobId, 'jobId');
    const job = await this.visibleJob(actor, jobId, 'jobId');
    const failed = await failedDevicesOf(this.deps.db, jobId, scopeOf(actor));
    const live = await liveDeviceIdsAmong(this.deps.db, failed);
    const deviceIds = failed.filter((id) => live.has(id));
    if (deviceIds.length === 0) {
      const why = failed.length === 0 ? `has no failed devices (${job.status.toLowerCase()})` : 'has failed devices, but all of them are decommissioned';
      throw new IllegalStateError(`job ${jobId} ${why}: nothing to re-run`);
    }
    const jobType = job.job_type as JobType;
    const commands = [...job.commands];
    return this.schedule(actor, {
      jobId: randomUUID(), targets: { deviceIds, tags: [] }, jobType, priority: 'LOW', rerunOf: jobId, ...(commands.length > 0 ? { commands } : {}),
    }, jobId);
  }

  async queueStatus(actor: Actor): Promise<QueueStatus> {
    authorize(actor, 'queueStatus');
    return this.deps.queue.status();
  }

  /** A COMMAND job's outputs, only of devices the actor sees. */
  results(actor: Actor, jobId: string): Promise<JobResultRow[]> {
    authorize(actor, 'job');
    return jobResults(this.deps.db, jobId, scopeOf(actor));
  }

  /** The device's last reachability answer (undefined: never checked). */
  async reachability(actor: Actor, device: DeviceRow): Promise<DeviceReachabilityRow | undefined> {
    authorize(actor, 'device');
    requireVisible(actor, device, `device ${device.id}`);
    return deviceReachability(this.deps.db, device.id);
  }

  private async schedule(actor: Actor, data: Extract<JobCommand, { type: 'ScheduleBackup' }>['data'], correlationId?: string): Promise<JobRow> {
    await this.issue(actor, data.jobId, { type: 'ScheduleBackup', data }, correlationId);
    return this.job(data.jobId);
  }

  private async requireKnownTargets(actor: Actor, targets: JobTargets): Promise<void> {
    requireTagsWithinScope(actor, targets.tags, 'the tags of a job');
    await requireKnownDevices(this.deps.db, actor, targets.deviceIds, "the job's devices");
  }

  private async requireWhollyInScope(actor: Actor, job: JobRow): Promise<void> {
    const devices = await this.deps.db.selectFrom('job_devices').select('device_id').where('job_id', '=', job.id).execute();
    const ids = [...new Set([...job.target_device_ids, ...devices.map((d) => d.device_id)])];
    const inScope = await deviceIdsInScopeAmong(this.deps.db, ids, actor.tags);
    if (ids.some((id) => !inScope.has(id)) || !job.target_tags.every((tag) => actor.tags.includes(tag)))
      throw new ForbiddenError('the job reaches devices outside your tags; ask someone with a wider scope to cancel it');
  }

  private async visibleJob(actor: Actor, jobId: string, field: string): Promise<JobRow> {
    const job = await findJob(this.deps.db, jobId, scopeOf(actor));
    if (!job) throw new NotFoundError(`job ${jobId} not found`, field);
    return job;
  }

  private async job(jobId: string): Promise<JobRow> {
    const job = await findJob(this.deps.db, jobId);
    if (!job) throw new NotFoundError(`job ${jobId} not found`);
    return job;
  }

  private async issue(actor: Actor, jobId: string, command: Pick<JobCommand, 'type' | 'data'>, correlationId?: string): Promise<void> {
    const metadata = newCommandMetadata({ actor: actorLabel(actor), clock: this.deps.clock ?? systemClock, ...(correlationId ? { correlationId } : {}) });
    const { position } = await this.deps.commands.handle(jobDecider, jobId, { ...command, metadata } as JobCommand);
    await this.caughtUp(position);
  }

  private async caughtUp(position: Position | undefined): Promise<void> {
    if (!position) return;
    await waitUntilCaughtUp(this.deps.db, this.deps.store, jobsProjector, position, { timeoutMs: this.deps.consistencyTimeoutMs ?? 10_000 });
  }
}
