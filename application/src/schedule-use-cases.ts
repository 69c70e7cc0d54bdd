import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import {
  IllegalStateError, nextOccurrences, NotFoundError, requireId, requireReadOnlyCommands, scheduleDecider, validateBackupTargets, validateCommandList, ValidationError,
  type ScheduleChanges, type ScheduleCommand, type ScheduleInput,
} from '@netraven/domain';
import { newCommandMetadata, systemClock, type Clock, type CommandHandler, type EventStore, type Position } from '@netraven/infra/eventstore';
import {
  deviceIdsInScopeAmong, findSchedule, listSchedules, liveDeviceIdsAmong, platformsOfTargets, scheduleOfRow, schedulesProjector, waitUntilCaughtUp,
  type ReadModelDatabase, type ScheduleRow,
} from '@netraven/projections';
import { actorLabel, isScoped, type Actor } from './access/actor.js';
import { authorize } from './access/policy.js';
import { requireTagsWithinScope } from './access/scope.js';

export interface ScheduleUseCasesDependencies {
  readonly store: EventStore;
  readonly commands: CommandHandler;
  readonly db: Kysely<ReadModelDatabase>;
  readonly clock?: Clock;
  readonly consistencyTimeoutMs?: number;
}

/** The system reachability schedule's id: the same in every installation, so creating it twice creates it once. */
export const SYSTEM_REACHABILITY_SCHEDULE_ID = 'system-reachability';
/** How often it checks every device until someone retimes it. */
export const SYSTEM_REACHABILITY_EVERY = '15m';

/** The most upcoming runs one request may ask for. */
export const MAX_NEXT_RUNS = 100;
const UNKNOWN_IDS_SHOWN = 20;

/**
 * Schedules: OPERATOR changes them, VIEWER reads them. A scoped actor's schedules target only its
 * tags and its devices; it neither sees nor changes any other (they answer NOT_FOUND).
 */
export class ScheduleUseCases {
  constructor(private readonly deps: ScheduleUseCasesDependencies) {}

  /**
   * Creates the system reachability schedule (every device, REACHABILITY, misfire SKIP) unless it exists;
   * run at every scheduler start, by any number of schedulers at once (the schedule stream takes one).
   */
  async ensureSystemReachabilitySchedule(actor: Actor): Promise<{ created: boolean }> {
    authorize(actor, 'createSchedule');
    const scheduleId = SYSTEM_REACHABILITY_SCHEDULE_ID;
    const input: ScheduleInput = { name: 'System reachability', jobType: 'reachability', every: SYSTEM_REACHABILITY_EVERY, targets: { all: true }, misfire: 'SKIP' };
    try {
      // No wait for the read model: a scheduler may start before any projector runs.
      await this.issue(actor, { type: 'CreateSchedule', data: { scheduleId, input, system: true } }, { wait: false });
      return { created: true };
    } catch (error) {
      if (error instanceof IllegalStateError) return { created: false }; // created before, or by another scheduler just now
      throw error;
    }
  }

  async schedules(actor: Actor): Promise<ScheduleRow[]> {
    authorize(actor, 'schedules');
    const rows = await listSchedules(this.deps.db);
    const visible: ScheduleRow[] = [];
    for (const row of rows) if (await this.isVisible(actor, row)) visible.push(row);
    return visible;
  }

  async schedule(actor: Actor, scheduleId: string): Promise<ScheduleRow | null> {
    authorize(actor, 'schedule');
    requireId(scheduleId, 'id');
    const row = await findSchedule(this.deps.db, scheduleId);
    return row && (await this.isVisible(actor, row)) ? row : null;
  }

  /** The next `count` (1–100) occurrences from now, within the schedule's start and end. */
  nextRuns(row: ScheduleRow, count: number): Date[] {
    if (!Number.isInteger(count) || count < 1 || count > MAX_NEXT_RUNS) throw new ValidationError(`count must be between 1 and ${MAX_NEXT_RUNS}`, 'count');
    const now = (this.deps.clock ?? systemClock)();
    return nextOccurrences(scheduleOfRow(row), now, count);
  }

  async createSchedule(actor: Actor, input: ScheduleInput & { enabled?: boolean | null }): Promise<ScheduleRow> {
    authorize(actor, 'createSchedule');
    await this.checkTargets(actor, input.targets);
    if (input.jobType === 'command') await this.checkCommands(input.commands, input.targets);
    const scheduleId = randomUUID();
    const { enabled, ...definition } = input;
    await this.issue(actor, { type: 'CreateSchedule', data: { scheduleId, input: definition, ...(enabled != null ? { enabled } : {}) } });
    return this.visible(actor, scheduleId);
  }

  async updateSchedule(actor: Actor, scheduleId: string, changes: ScheduleChanges): Promise<ScheduleRow> {
    authorize(actor, 'updateSchedule');
    requireId(scheduleId, 'id');
    await this.visible(actor, scheduleId);
    if (changes.targets != null) await this.checkTargets(actor, changes.targets);
    const before = scheduleOfRow(await this.visible(actor, scheduleId)).definition;
    if ((changes.jobType ?? before.jobType) === 'command' && (changes.commands != null || changes.targets != null || changes.jobType != null)) {
      await this.checkCommands(changes.commands ?? before.commands, changes.targets ?? before.targets);
    }
    await this.issue(actor, { type: 'UpdateSchedule', data: { scheduleId, changes } });
    return this.visible(actor, scheduleId);
  }

  async enableSchedule(actor: Actor, scheduleId: string): Promise<ScheduleRow> {
    return this.change(actor, 'enableSchedule', { type: 'EnableSchedule', data: { scheduleId } });
  }

  async disableSchedule(actor: Actor, scheduleId: string): Promise<ScheduleRow> {
    return this.change(actor, 'disableSchedule', { type: 'DisableSchedule', data: { scheduleId } });
  }

  /** Answers the schedule as it was; it is gone from every list and never fires again. */
  async deleteSchedule(actor: Actor, scheduleId: string): Promise<ScheduleRow> {
    authorize(actor, 'deleteSchedule');
    requireId(scheduleId, 'id');
    const before = await this.visible(actor, scheduleId);
    await this.issue(actor, { type: 'DeleteSchedule', data: { scheduleId } });
    return before;
  }

  private async change(actor: Actor, operation: 'enableSchedule' | 'disableSchedule', command: Pick<ScheduleCommand, 'type' | 'data'> & { data: { scheduleId: string } }): Promise<ScheduleRow> {
    authorize(actor, operation);
    requireId(command.data.scheduleId, 'id');
    await this.visible(actor, command.data.scheduleId);
    await this.issue(actor, command);
    return this.visible(actor, command.data.scheduleId);
  }

  /** Tags within a scoped actor's scope; named devices in the inventory (and in its scope), like `scheduleBackup`. */
  /** A COMMAND schedule's commands must be read-only on every platform it targets now (each job checks again when it runs). */
  private async checkCommands(commands: readonly string[] | null | undefined, targets: ScheduleInput['targets'] | undefined): Promise<void> {
    const list = validateCommandList(commands ?? undefined);
    requireReadOnlyCommands(list, await platformsOfTargets(this.deps.db, { deviceIds: [...(targets?.deviceIds ?? [])], tags: [...(targets?.tags ?? [])] }));
  }

  private async checkTargets(actor: Actor, requested: ScheduleInput['targets'] | undefined): Promise<void> {
    const targets = validateBackupTargets({ deviceIds: [...(requested?.deviceIds ?? [])], tags: [...(requested?.tags ?? [])] });
    requireTagsWithinScope(actor, targets.tags, 'the tags of a schedule');
    const live = await liveDeviceIdsAmong(this.deps.db, targets.deviceIds);
    if (isScoped(actor)) {
      const inScope = await deviceIdsInScopeAmong(this.deps.db, targets.deviceIds, actor.tags);
      for (const id of live) if (!inScope.has(id)) live.delete(id);
    }
    const unknown = targets.deviceIds.filter((id) => !live.has(id));
    if (unknown.length > 0)
      throw new NotFoundError(`${unknown.length} of the devices to back up are not in the inventory or are decommissioned: ${unknown.slice(0, UNKNOWN_IDS_SHOWN).join(', ')}`, 'deviceIds');
  }

  /** Unscoped actors see every schedule; a scoped one those whose every target lies in its scope. */
  private async isVisible(actor: Actor, row: ScheduleRow): Promise<boolean> {
    if (!isScoped(actor)) return true;
    // The system schedule reaches every device: it is not within anyone's tags.
    if (row.system) return false;
    if (!row.target_tags.every((tag) => actor.tags.includes(tag))) return false;
    if (row.target_device_ids.length === 0) return true;
    const inScope = await deviceIdsInScopeAmong(this.deps.db, [...row.target_device_ids], actor.tags);
    return row.target_device_ids.every((id) => inScope.has(id));
  }

  private async visible(actor: Actor, scheduleId: string): Promise<ScheduleRow> {
    const row = await findSchedule(this.deps.db, scheduleId);
    if (!row || !(await this.isVisible(actor, row))) throw new NotFoundError(`schedule ${scheduleId} not found`, 'id');
    return row;
  }

  private async issue(actor: Actor, command: Pick<ScheduleCommand, 'type' | 'data'>, options: { wait: boolean } = { wait: true }): Promise<void> {
    const metadata = newCommandMetadata({ actor: actorLabel(actor), clock: this.deps.clock ?? systemClock });
    const scheduleId = (command.data as { scheduleId: string }).scheduleId;
    const { position } = await this.deps.commands.handle(scheduleDecider, scheduleId, { ...command, metadata } as ScheduleCommand);
    if (options.wait) await this.caughtUp(position);
  }

  private async caughtUp(position: Position | undefined): Promise<void> {
    if (!position) return;
    await waitUntilCaughtUp(this.deps.db, this.deps.store, schedulesProjector, position, { timeoutMs: this.deps.consistencyTimeoutMs ?? 10_000 });
  }
}
