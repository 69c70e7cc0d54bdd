import type { Kysely } from 'kysely';
import { isStale, staleAfterHoursFor, stalenessDecider, type StalenessCommand } from '@netraven/domain';
import { newCommandMetadata, systemClock, type Clock, type CommandHandler, type Position } from '@netraven/infra/eventstore';
import { runPeriodically, type Follower, type FollowerRun } from '@netraven/infra/supervision';
import { listBackupPolicies, stalenessCandidates, type ReadModelDatabase } from '@netraven/projections';

export interface StalenessWatchOptions {
  readonly clock?: Clock;
  /** Time between looks; default 60 s. */
  readonly intervalMs?: number;
  readonly onChange?: (change: { deviceId: string; stale: boolean; staleAfterHours: number; lastSuccessAt: Date | null }) => void;
}

export interface StalenessTick {
  readonly becameStale: string[];
  readonly becameFresh: string[];
  readonly position?: Position;
}

const ACTOR = 'system:staleness';

/**
 * Marks devices stale and fresh again. Time-based, so a periodic look rather than a projection:
 * each device's last successful backup against its threshold (device policy, else the strictest of
 * its tags' policies, else 26 h) at the clock's now. Each turn is an event on the device's own
 * `staleness-<id>` stream (`DeviceBecameStale`, `DeviceBecameFresh`): the decider refuses a second
 * turn, so two schedulers report it once, and notifications can follow the event.
 */
export class StalenessWatch implements Follower {
  readonly name = 'staleness-watch';
  private readonly clock: Clock;

  constructor(
    private readonly db: Kysely<ReadModelDatabase>,
    private readonly commands: CommandHandler,
    private readonly options: StalenessWatchOptions = {},
  ) {
    this.clock = options.clock ?? systemClock;
  }

  async follow(): Promise<FollowerRun> {
    return runPeriodically(() => this.tick().then(() => this.options.intervalMs ?? 60_000));
  }

  async tick(): Promise<StalenessTick> {
    const now = this.clock();
    const policies = await listBackupPolicies(this.db);
    const tagHours = new Map(policies.filter((p) => p.scope_kind === 'tag').map((p) => [p.scope_value, p.stale_after_hours]));
    const deviceHours = new Map(policies.filter((p) => p.scope_kind === 'device').map((p) => [p.scope_value, p.stale_after_hours]));
    const becameStale: string[] = [];
    const becameFresh: string[] = [];
    let position: Position | undefined;
    for (const device of await stalenessCandidates(this.db)) {
      const staleAfterHours = staleAfterHoursFor(deviceHours.get(device.id) ?? null, device.tags.map((tag) => tagHours.get(tag) ?? null));
      const stale = isStale({ lastSuccessAt: device.last_success_at, registeredAt: device.registered_at, staleAfterHours }, now);
      if (stale === device.stale) continue;
      const lastSuccessAt = device.last_success_at?.toISOString() ?? null;
      const command: Pick<StalenessCommand, 'type' | 'data'> = stale
        ? { type: 'MarkDeviceStale', data: { deviceId: device.id, lastSuccessAt, staleAfterHours } }
        : { type: 'MarkDeviceFresh', data: { deviceId: device.id, lastSuccessAt } };
      const result = await this.commands.handle(stalenessDecider, device.id, {
        ...command, metadata: newCommandMetadata({ actor: ACTOR, clock: this.clock }),
      } as StalenessCommand);
      if (result.events.length === 0) continue; // another scheduler reported it first
      position = result.position ?? position;
      (stale ? becameStale : becameFresh).push(device.id);
      this.options.onChange?.({ deviceId: device.id, stale, staleAfterHours, lastSuccessAt: device.last_success_at });
    }
    return { becameStale, becameFresh, ...(position ? { position } : {}) };
  }
}
