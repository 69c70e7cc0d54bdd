import type { Kysely } from 'kysely';
import {
  backupPolicyDecider, backupPolicyId, NotFoundError, validateBackupPolicyRules, validateBackupPolicyScope,
  type BackupPolicyCommand, type BackupPolicyScope,
} from '@netraven/domain';
import { newCommandMetadata, systemClock, type Clock, type CommandHandler, type EventStore } from '@netraven/infra/eventstore';
import {
  backupPoliciesProjector, deviceStaleness, effectiveBackupPolicy, findBackupPolicy, findDevice, listBackupPolicies, staleDeviceIds,
  waitUntilCaughtUp, findDevicesByIds, type BackupPolicyRow, type DeviceRow, type DeviceStaleness, type EffectiveBackupPolicy, type ReadModelDatabase,
} from '@netraven/projections';
import { actorLabel, isScoped, type Actor } from './access/actor.js';
import { authorize } from './access/policy.js';
import { requireTagsWithinScope, seesTags } from './access/scope.js';

export interface BackupPolicyUseCasesDependencies {
  readonly store: EventStore;
  readonly commands: CommandHandler;
  readonly db: Kysely<ReadModelDatabase>;
  readonly clock?: Clock;
  readonly consistencyTimeoutMs?: number;
}

export interface BackupPolicyInput {
  tag?: string | null;
  deviceId?: string | null;
  volatile?: readonly string[] | null;
  secrets?: readonly string[] | null;
  staleAfterHours?: number | null;
}

/**
 * Backup policies (ADMIN changes them: a volatile pattern removes lines from the history, so it can
 * hide a change) and staleness (VIEWER reads). A scoped actor only names its own tags and the
 * devices it sees, and sees only those policies.
 */
export class BackupPolicyUseCases {
  private readonly stalenessOf = new WeakMap<DeviceRow, Promise<DeviceStaleness | undefined>>();

  constructor(private readonly deps: BackupPolicyUseCasesDependencies) {}

  /** Sets the policy of a tag or a device; empty lists and no threshold remove it (answers null then). */
  async setBackupPolicy(actor: Actor, input: BackupPolicyInput): Promise<BackupPolicyRow | null> {
    authorize(actor, 'setBackupPolicy');
    const scope = validateBackupPolicyScope(input);
    const rules = validateBackupPolicyRules(input);
    await this.requireInScope(actor, scope);
    await this.issue(actor, { type: 'SetBackupPolicy', data: { scope, ...rules } });
    return (await findBackupPolicy(this.deps.db, scope)) ?? null;
  }

  /** True when a policy was there and is gone now. */
  async removeBackupPolicy(actor: Actor, input: { tag?: string | null; deviceId?: string | null }): Promise<boolean> {
    authorize(actor, 'removeBackupPolicy');
    const scope = validateBackupPolicyScope(input);
    await this.requireInScope(actor, scope);
    return (await this.issue(actor, { type: 'RemoveBackupPolicy', data: { scope } })) > 0;
  }

  async backupPolicies(actor: Actor): Promise<BackupPolicyRow[]> {
    authorize(actor, 'backupPolicies');
    const rows = await listBackupPolicies(this.deps.db);
    if (!isScoped(actor)) return rows;
    const deviceIds = rows.filter((r) => r.scope_kind === 'device').map((r) => r.scope_value);
    const visible = new Set((await findDevicesByIds(this.deps.db, deviceIds)).filter((d) => seesTags(actor, d.tags)).map((d) => d.id));
    return rows.filter((r) => (r.scope_kind === 'tag' ? actor.tags.includes(r.scope_value) : visible.has(r.scope_value)));
  }

  /** What the next backup of a device the actor already sees will apply. */
  async effectivePolicy(actor: Actor, device: DeviceRow): Promise<EffectiveBackupPolicy> {
    authorize(actor, 'device');
    return effectiveBackupPolicy(this.deps.db, device.id, device.tags);
  }

  /** One read per device row however many of its staleness fields a request asks for (rows live as long as their request). */
  staleness(actor: Actor, device: DeviceRow): Promise<DeviceStaleness | undefined> {
    authorize(actor, 'device');
    let pending = this.stalenessOf.get(device);
    if (!pending) {
      pending = deviceStaleness(this.deps.db, [device.id]).then((found) => found.get(device.id));
      this.stalenessOf.set(device, pending);
    }
    return pending;
  }

  /** The stale devices the actor sees. */
  async staleDevices(actor: Actor): Promise<DeviceRow[]> {
    authorize(actor, 'staleDevices');
    const devices = await findDevicesByIds(this.deps.db, await staleDeviceIds(this.deps.db));
    return devices.filter((d) => d.status === 'active' && seesTags(actor, d.tags));
  }

  private async requireInScope(actor: Actor, scope: BackupPolicyScope): Promise<void> {
    if (scope.kind === 'tag') {
      requireTagsWithinScope(actor, [scope.tag], 'the tag of a backup policy');
      return;
    }
    const device = await findDevice(this.deps.db, scope.deviceId);
    if (!device || device.status !== 'active' || !seesTags(actor, device.tags)) throw new NotFoundError(`device ${scope.deviceId} not found`, 'deviceId');
  }

  /** Appends and waits for the read model; answers how many events the command appended. */
  private async issue(actor: Actor, command: Pick<BackupPolicyCommand, 'type' | 'data'>): Promise<number> {
    const metadata = newCommandMetadata({ actor: actorLabel(actor), clock: this.deps.clock ?? systemClock });
    const result = await this.deps.commands.handle(backupPolicyDecider, backupPolicyId(command.data.scope), { ...command, metadata } as BackupPolicyCommand);
    if (result.position) {
      await waitUntilCaughtUp(this.deps.db, this.deps.store, backupPoliciesProjector, result.position, { timeoutMs: this.deps.consistencyTimeoutMs ?? 10_000 });
    }
    return result.events.length;
  }
}
