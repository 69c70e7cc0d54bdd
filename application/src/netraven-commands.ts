import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import {
  credentialDecider,
  deviceDecider,
  jobDecider,
  NameTakenError,
  normalizeName,
  NotFoundError,
  requireId,
  requireSecret,
  validateBackupTargets,
  validateCredentialFallback,
  validateCredentialLogin,
  validateDecommissionDevice,
  validateRegisterDevice,
  validateTagDevice,
  validateUpdateDevice,
  ForbiddenError,
  ValidationError,
  type Command,
  type Decider,
  type DeviceCommand,
  type DeviceProperties,
  type DomainEvent,
  type RegisterDevice,
} from '@netraven/domain';
import { newCommandMetadata, systemClock, type CommandHandler, type Clock, type EventStore, type Position } from '@netraven/infra/eventstore';
import type { CredentialVault } from '@netraven/infra/secrets';
import {
  credentialsProjector,
  devicesProjector,
  findActiveDeviceNamed,
  findCredential,
  findDevice,
  findJob,
  findLiveCredentialNamed,
  jobsProjector,
  waitUntilCaughtUp,
  type CredentialRow,
  type DeviceRow,
  type JobRow,
  type Projector,
  type ReadModelDatabase,
} from '@netraven/projections';
import { UniqueNames } from './unique-names.js';
import { DeviceImport, type ImportDeviceRow, type ImportDevicesResult } from './device-import.js';
import { actorLabel, isScoped, type Actor } from './access/actor.js';
import { requireKnownDevices } from './access/known-devices.js';
import { authorize } from './access/policy.js';
import { requireTagsWithinScope, requireVisible, seesTags } from './access/scope.js';

export interface NetRavenCommandsDependencies {
  readonly store: EventStore;
  readonly commands: CommandHandler;
  readonly db: Kysely<ReadModelDatabase>;
  readonly vault: CredentialVault;
  readonly knownPlatforms: readonly string[];
  readonly clock?: Clock;
  /** How long a mutation waits for its read model before answering (read-your-writes). */
  readonly consistencyTimeoutMs?: number;
}

/**
 * The user-facing use cases: validate the request (the domain's rules first, before any I/O, then
 * against the inventory), issue the command, and answer from the read model once it holds the
 * change, so a mutation's result equals what a query returns. A refused request appends nothing.
 */
export class NetRavenCommands {
  private readonly names: UniqueNames;
  private readonly bulk: DeviceImport;

  constructor(private readonly deps: NetRavenCommandsDependencies) {
    this.names = new UniqueNames({ commands: deps.commands, store: deps.store, clock: deps.clock ?? systemClock });
    this.bulk = new DeviceImport({ ...deps, names: this.names });
  }

  /** The bulk path of registerDevice for inventories (see DeviceImport): all rows or none. */
  importDevices(actor: Actor, input: { devices: readonly ImportDeviceRow[]; dryRun?: boolean | null }): Promise<ImportDevicesResult> {
    return this.bulk.importDevices(actor, input);
  }

  async createCredential(
    actor: Actor,
    input: { name: string; username: string; password: string; enablePassword?: string | null; tags?: readonly string[] | null; priority?: number | null },
  ): Promise<CredentialRow> {
    authorize(actor, 'createCredential');
    validateCredentialLogin(input);
    const fallback = validateCredentialFallback({
      ...(input.tags != null ? { tags: [...input.tags] } : {}),
      ...(input.priority != null ? { priority: input.priority } : {}),
    });
    requireSecret(input.password, 'password');
    if (input.enablePassword) requireSecret(input.enablePassword, 'enablePassword');
    const existing = await findLiveCredentialNamed(this.deps.db, normalizeName(input.name));
    if (existing) throw new NameTakenError('credential', existing.name, existing.id, existing.created_at.toISOString());

    const credentialId = randomUUID();
    const position = await this.names.whileReserved('credential', input.name, credentialId, actorLabel(actor), async () => {
      const secret = { username: input.username, password: input.password, ...(input.enablePassword ? { enablePassword: input.enablePassword } : {}) };
      const { secretRef, fingerprint } = await this.deps.vault.store(secret);
      return this.issue(credentialDecider, credentialId, {
        type: 'CreateCredential',
        data: { credentialId, name: input.name, username: input.username, secretRef, fingerprint, ...fallback },
      }, actor);
    });
    await this.caughtUp(credentialsProjector, position);
    return required(await findCredential(this.deps.db, credentialId), `credential ${credentialId}`);
  }

  async registerDevice(
    actor: Actor,
    input: Omit<DeviceProperties, 'protocol'> & { protocol?: DeviceProperties['protocol']; tags?: readonly string[] | null },
  ): Promise<DeviceRow> {
    const deviceId = randomUUID();
    const data: RegisterDevice['data'] = { deviceId, name: input.name, host: input.host, port: input.port, platform: input.platform,
      credentialId: input.credentialId, protocol: input.protocol ?? 'ssh', tags: [...(input.tags ?? [])] };
    authorize(actor, 'registerDevice');
    validateRegisterDevice(data);
    // A scoped actor's device must carry one of its tags, or it would vanish from its own view.
    if (!seesTags(actor, data.tags)) throw new ForbiddenError(`a device you register must carry one of your tags (${actor.tags.join(', ')})`);
    await this.checkDeviceProperties(input);
    await this.refuseTakenDeviceName(input.name);

    const position = await this.names.whileReserved('device', input.name, deviceId, actorLabel(actor), () =>
      this.issue(deviceDecider, deviceId, { type: 'RegisterDevice', data }, actor));
    await this.caughtUp(devicesProjector, position);
    return this.device(deviceId);
  }

  /**
   * A rename takes the new name before the device changes, and gives the old one back after.
   * (Device ids arrive as the mutations' `id` argument and are checked under that name first.)
   */
  async updateDevice(actor: Actor, deviceId: string, changes: Partial<DeviceProperties>): Promise<DeviceRow> {
    authorize(actor, 'updateDevice');
    requireId(deviceId, 'id');
    validateUpdateDevice({ deviceId, changes });
    const before = await this.visibleDevice(actor, deviceId);
    await this.checkDeviceProperties(changes);
    const newName = changes.name;
    const renamed = newName !== undefined && before?.status === 'active' && normalizeName(before.name) !== normalizeName(newName);
    const update = () => this.issue(deviceDecider, deviceId, { type: 'UpdateDevice', data: { deviceId, changes } }, actor);
    if (!renamed) {
      await this.caughtUp(devicesProjector, await update());
      return this.device(deviceId);
    }
    await this.refuseTakenDeviceName(newName, deviceId);
    const position = await this.names.whileReserved('device', newName, deviceId, actorLabel(actor), update);
    await this.names.release('device', before.name, deviceId, actorLabel(actor));
    await this.caughtUp(devicesProjector, position);
    return this.device(deviceId);
  }

  async tagDevice(actor: Actor, deviceId: string, tags: readonly string[]): Promise<DeviceRow> {
    authorize(actor, 'tagDevice');
    requireId(deviceId, 'id');
    validateTagDevice({ deviceId, tags: [...tags] });
    await this.visibleDevice(actor, deviceId);
    return this.changeDevice(actor, deviceId, { type: 'TagDevice', data: { deviceId, tags: [...tags] } });
  }

  async untagDevice(actor: Actor, deviceId: string, tags: readonly string[]): Promise<DeviceRow> {
    authorize(actor, 'untagDevice');
    requireId(deviceId, 'id');
    validateTagDevice({ deviceId, tags: [...tags] });
    const device = await this.visibleDevice(actor, deviceId);
    const removed = new Set(tags.map((t) => t.trim()));
    if (device && isScoped(actor) && !seesTags(actor, device.tags.filter((t) => !removed.has(t))))
      throw new ForbiddenError('the device would leave your tag scope; keep one of your tags on it');
    return this.changeDevice(actor, deviceId, { type: 'UntagDevice', data: { deviceId, tags: [...tags] } });
  }

  async resetHostKey(actor: Actor, deviceId: string): Promise<DeviceRow> {
    authorize(actor, 'resetHostKey');
    requireId(deviceId, 'id');
    await this.visibleDevice(actor, deviceId);
    return this.changeDevice(actor, deviceId, { type: 'ResetHostKey', data: { deviceId } });
  }

  /** A decommissioned device gives its name back: a replacement may be registered under it. */
  async decommissionDevice(actor: Actor, deviceId: string, reason: string): Promise<DeviceRow> {
    authorize(actor, 'decommissionDevice');
    requireId(deviceId, 'id');
    validateDecommissionDevice({ deviceId, reason });
    const before = await this.visibleDevice(actor, deviceId);
    const position = await this.issue(deviceDecider, deviceId, { type: 'DecommissionDevice', data: { deviceId, reason } }, actor);
    if (before) await this.names.release('device', before.name, deviceId, actorLabel(actor));
    await this.caughtUp(devicesProjector, position);
    return this.device(deviceId);
  }

  /** Every named device must be in the inventory and active; otherwise nothing is scheduled. */
  async scheduleBackup(actor: Actor, requested: { deviceIds?: readonly string[] | null; tags?: readonly string[] | null }): Promise<JobRow> {
    authorize(actor, 'scheduleBackup');
    const targets = validateBackupTargets({ deviceIds: [...(requested.deviceIds ?? [])], tags: [...(requested.tags ?? [])] });
    requireTagsWithinScope(actor, targets.tags, 'the tags of a backup');
    await requireKnownDevices(this.deps.db, actor, targets.deviceIds, 'the devices to back up');
    const jobId = randomUUID();
    // The job id is the job's correlation, as for scheduled runs: its whole trail shares it (audit replay).
    await this.caughtUp(jobsProjector, await this.issue(jobDecider, jobId, { type: 'ScheduleBackup', data: { jobId, targets } }, actor, jobId));
    return required(await findJob(this.deps.db, jobId), `job ${jobId}`);
  }

  /** The inventory's side of a device's properties: a platform we can talk to, a credential that exists (else BAD_USER_INPUT). */
  private async checkDeviceProperties(properties: Partial<DeviceProperties>): Promise<void> {
    if (properties.platform !== undefined && !this.deps.knownPlatforms.includes(properties.platform)) {
      throw new ValidationError(`unknown platform "${properties.platform}"; known: ${this.deps.knownPlatforms.join(', ')}`, 'platform');
    }
    if (properties.credentialId !== undefined) {
      const credential = await findCredential(this.deps.db, properties.credentialId);
      if (!credential || credential.deleted_at) throw new ValidationError(`credential ${properties.credentialId} does not exist`, 'credentialId');
    }
  }

  /** The quick answer from the read model (also covers devices named before reservations existed); the reservation decides races. */
  private async refuseTakenDeviceName(name: string, exceptId?: string): Promise<void> {
    const existing = await findActiveDeviceNamed(this.deps.db, normalizeName(name), exceptId);
    if (existing) throw new NameTakenError('device', existing.name, existing.id, existing.registered_at.toISOString());
  }

  /**
   * The device as the actor may see it: NOT_FOUND when it lies outside a scoped actor's tags (or a
   * scoped actor names one that does not exist). For others a missing device is left to the
   * decider, which refuses a change to an unregistered device as before.
   */
  private async visibleDevice(actor: Actor, deviceId: string): Promise<DeviceRow | undefined> {
    const row = await findDevice(this.deps.db, deviceId);
    return row || isScoped(actor) ? requireVisible(actor, row, `device ${deviceId}`) : undefined;
  }

  private async changeDevice(actor: Actor, deviceId: string, command: { type: DeviceCommand['type']; data: DeviceCommand['data'] }): Promise<DeviceRow> {
    await this.caughtUp(devicesProjector, await this.issue(deviceDecider, deviceId, command, actor));
    return this.device(deviceId);
  }

  private async device(deviceId: string): Promise<DeviceRow> {
    return required(await findDevice(this.deps.db, deviceId), `device ${deviceId}`);
  }

  /** Decides and appends; the position of what was appended, if anything was. */
  private async issue<C extends Command, E extends DomainEvent, S>(
    decider: Decider<C, E, S>,
    aggregateId: string,
    command: { type: C['type']; data: C['data'] },
    actor: Actor,
    correlationId?: string,
  ): Promise<Position | undefined> {
    const metadata = newCommandMetadata({ actor: actorLabel(actor), clock: this.deps.clock ?? systemClock, ...(correlationId ? { correlationId } : {}) });
    return (await this.deps.commands.handle(decider, aggregateId, { ...command, metadata } as C)).position;
  }

  private async caughtUp(projector: Projector, position: Position | undefined): Promise<void> {
    if (!position) return;
    await waitUntilCaughtUp(this.deps.db, this.deps.store, projector, position, { timeoutMs: this.deps.consistencyTimeoutMs ?? 10_000 });
  }
}

function required<T>(value: T | undefined, what: string): T {
  if (value === undefined) throw new NotFoundError(`${what} not found`);
  return value;
}
