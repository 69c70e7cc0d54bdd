import type { Kysely } from 'kysely';
import {
  IllegalStateError, jobDecider, nextOccurrenceAfter, planOccurrence, scheduleDecider,
  type ExistingSchedule, type OccurrencePlan, type ScheduleBackup, type ScheduleCommand,
} from '@netraven/domain';
import { newCommandMetadata, systemClock, type Clock, type CommandHandler, type Position } from '@netraven/infra/eventstore';
import { runPeriodically, type Follower, type FollowerRun } from '@netraven/infra/supervision';
import { enabledSchedules, scheduleOfRow, type ReadModelDatabase } from '@netraven/projections';

export interface ScheduleRunnerOptions {
  readonly clock?: Clock;
  /** The longest sleep between looks, so edits and new schedules are picked up; default 30 s. */
  readonly maxSleepMs?: number;
  readonly onFired?: (fired: { scheduleId: string; jobId: string; occurrence: Date; skipped: number }) => void;
  readonly onSkipped?: (skipped: { scheduleId: string; through: Date; count: number }) => void;
}

export interface TickResult {
  /** Jobs this runner created (an occurrence another runner fired first is not counted). */
  readonly fired: string[];
  /** Missed occurrences settled without a job (misfire policy `SKIP`). */
  readonly skipped: number;
  /** Where the last event this look appended sits in the log (to wait for the read models in tests). */
  readonly position?: Position;
}

/**
 * Fires schedules. Each due occurrence becomes a backup job whose id is derived from the schedule
 * and the occurrence, so when several runners (processes, or one restarted) see the same
 * occurrence, the job stream accepts one `ScheduleBackup` and refuses the rest. The occurrence is
 * then settled on the schedule stream: job first, so a crash in between loses nothing and the
 * next look finds the job already there.
 */
export class ScheduleRunner implements Follower {
  readonly name = 'schedule-runner';
  private readonly clock: Clock;
  private lastPosition: Position | undefined;

  constructor(
    private readonly db: Kysely<ReadModelDatabase>,
    private readonly commands: CommandHandler,
    private readonly options: ScheduleRunnerOptions = {},
  ) {
    this.clock = options.clock ?? systemClock;
  }

  async follow(): Promise<FollowerRun> {
    return runPeriodically(() => this.tick().then(() => this.msUntilNextLook()));
  }

  /** One look at every enabled schedule: fires or skips what is due at the clock's now. */
  async tick(): Promise<TickResult> {
    const now = this.clock();
    const fired: string[] = [];
    let skipped = 0;
    this.lastPosition = undefined;
    for (const row of await enabledSchedules(this.db)) {
      const schedule = scheduleOfRow(row);
      const plan = planOccurrence(schedule, now);
      if (plan === null) continue;
      if (plan.action === 'skip') {
        if (await this.settle(schedule, { type: 'SkipMissedOccurrences', data: { scheduleId: schedule.scheduleId, through: plan.through.toISOString(), count: plan.count } })) {
          skipped += plan.count;
          this.options.onSkipped?.({ scheduleId: schedule.scheduleId, through: plan.through, count: plan.count });
        }
        continue;
      }
      if (await this.fire(schedule, plan)) {
        fired.push(plan.jobId);
        this.options.onFired?.({ scheduleId: schedule.scheduleId, jobId: plan.jobId, occurrence: plan.occurrence, skipped: plan.skipped });
      }
      await this.settle(schedule, {
        type: 'RecordOccurrenceFired',
        data: { scheduleId: schedule.scheduleId, occurrence: plan.occurrence.toISOString(), jobId: plan.jobId, skipped: plan.skipped },
      });
    }
    return { fired, skipped, ...(this.lastPosition ? { position: this.lastPosition } : {}) };
  }

  /** True when this runner created the job; false when it already existed. */
  private async fire(schedule: ExistingSchedule, plan: Extract<OccurrencePlan, { action: 'fire' }>): Promise<boolean> {
    const command: ScheduleBackup = {
      type: 'ScheduleBackup',
      data: {
        jobId: plan.jobId, targets: schedule.definition.targets, jobType: schedule.definition.jobType ?? 'backup', priority: 'NORMAL', scheduleId: schedule.scheduleId,
        ...(schedule.definition.commands ? { commands: schedule.definition.commands } : {}),
      },
      metadata: newCommandMetadata({ actor: `system:schedule:${schedule.definition.name}`, commandId: `fire-${plan.jobId}`, correlationId: plan.jobId, clock: this.clock }),
    };
    try {
      const result = await this.commands.handle(jobDecider, plan.jobId, command);
      this.lastPosition = result.position ?? this.lastPosition;
      return !result.alreadyApplied;
    } catch (error) {
      if (error instanceof IllegalStateError) return false; // another runner fired this occurrence first
      throw error;
    }
  }

  /** Settles an occurrence on the schedule stream; false when another runner settled it first. */
  private async settle(schedule: ExistingSchedule, command: Pick<ScheduleCommand, 'type' | 'data'>): Promise<boolean> {
    const metadata = newCommandMetadata({ actor: `system:schedule:${schedule.definition.name}`, clock: this.clock });
    try {
      const result = await this.commands.handle(scheduleDecider, schedule.scheduleId, { ...command, metadata } as ScheduleCommand);
      this.lastPosition = result.position ?? this.lastPosition;
      return result.events.length > 0 && !result.alreadyApplied;
    } catch (error) {
      if (error instanceof IllegalStateError) return false;
      throw error;
    }
  }

  /** Until the next occurrence of any enabled schedule, at most `maxSleepMs`. */
  async msUntilNextLook(): Promise<number> {
    const now = this.clock();
    const maxSleepMs = this.options.maxSleepMs ?? 30_000;
    let next = now.getTime() + maxSleepMs;
    for (const row of await enabledSchedules(this.db)) {
      const at = nextOccurrenceAfter(scheduleOfRow(row), now);
      if (at !== null && at.getTime() < next) next = at.getTime();
    }
    return Math.max(50, next - now.getTime());
  }
}
