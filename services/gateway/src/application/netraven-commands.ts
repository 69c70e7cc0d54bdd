import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import {
  credentialDecider,
  deviceDecider,
  jobDecider,
  NotFoundError,
  ValidationError,
  type Command,
  type Decider,
  type DeviceProperties,
  type DomainEvent,
} from '@netraven/domain';
import { newCommandMetadata, systemClock, type Clock, type CommandHandler, type EventStore } from '@netraven/infra/eventstore';
import type { CredentialVault } from '@netraven/infra/secrets';
import {
  credentialsProjector,
  devicesProjector,
  findCredential,
  findDevice,
  findJob,
  jobsProjector,
  waitUntilCaughtUp,
  type CredentialRow,
  type DeviceRow,
  type JobRow,
  type Projector,
  type ReadModelDatabase,
} from '@netraven/projections';

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
 * The user-facing use cases: validate against the inventory, issue the command, and answer from
 * the read model once it holds the change, so a mutation's result equals what a query returns.
 */
export class NetRavenCommands {
  constructor(private readonly deps: NetRavenCommandsDependencies) {}

  async createCredential(actor: string, input: { name: string; username: string; password: string; enablePassword?: string | null }): Promise<CredentialRow> {
    if (!input.password) throw new ValidationError('password must not be empty');
    const secret = { username: input.username, password: input.password, ...(input.enablePassword ? { enablePassword: input.enablePassword } : {}) };
    const { secretRef, fingerprint } = await this.deps.vault.store(secret);
    const credentialId = randomUUID();
    await this.run(credentialDecider, credentialId, credentialsProjector, {
      type: 'CreateCredential',
      data: { credentialId, name: input.name, username: input.username, secretRef, fingerprint },
    }, actor);
    return required(await findCredential(this.deps.db, credentialId), `credential ${credentialId}`);
  }

  async registerDevice(
    actor: string,
    input: Omit<DeviceProperties, 'protocol'> & { protocol?: DeviceProperties['protocol']; tags?: readonly string[] | null },
  ): Promise<DeviceRow> {
    await this.checkDeviceProperties(input);
    const deviceId = randomUUID();
    await this.run(deviceDecider, deviceId, devicesProjector, {
      type: 'RegisterDevice',
      data: { deviceId, name: input.name, host: input.host, port: input.port, platform: input.platform,
        credentialId: input.credentialId, protocol: input.protocol ?? 'ssh', tags: [...(input.tags ?? [])] },
    }, actor);
    return this.device(deviceId);
  }

  async updateDevice(actor: string, deviceId: string, changes: Partial<DeviceProperties>): Promise<DeviceRow> {
    await this.checkDeviceProperties(changes);
    await this.run(deviceDecider, deviceId, devicesProjector, { type: 'UpdateDevice', data: { deviceId, changes } }, actor);
    return this.device(deviceId);
  }

  async tagDevice(actor: string, deviceId: string, tags: readonly string[]): Promise<DeviceRow> {
    await this.run(deviceDecider, deviceId, devicesProjector, { type: 'TagDevice', data: { deviceId, tags: [...tags] } }, actor);
    return this.device(deviceId);
  }

  async untagDevice(actor: string, deviceId: string, tags: readonly string[]): Promise<DeviceRow> {
    await this.run(deviceDecider, deviceId, devicesProjector, { type: 'UntagDevice', data: { deviceId, tags: [...tags] } }, actor);
    return this.device(deviceId);
  }

  async resetHostKey(actor: string, deviceId: string): Promise<DeviceRow> {
    await this.run(deviceDecider, deviceId, devicesProjector, { type: 'ResetHostKey', data: { deviceId } }, actor);
    return this.device(deviceId);
  }

  async decommissionDevice(actor: string, deviceId: string, reason: string): Promise<DeviceRow> {
    await this.run(deviceDecider, deviceId, devicesProjector, { type: 'DecommissionDevice', data: { deviceId, reason } }, actor);
    return this.device(deviceId);
  }

  async scheduleBackup(actor: string, targets: { deviceIds?: readonly string[] | null; tags?: readonly string[] | null }): Promise<JobRow> {
    const jobId = randomUUID();
    await this.run(jobDecider, jobId, jobsProjector, {
      type: 'ScheduleBackup',
      data: { jobId, targets: { deviceIds: [...(targets.deviceIds ?? [])], tags: [...(targets.tags ?? [])] } },
    }, actor);
    return required(await findJob(this.deps.db, jobId), `job ${jobId}`);
  }

  private async checkDeviceProperties(properties: Partial<DeviceProperties>): Promise<void> {
    if (properties.platform !== undefined && !this.deps.knownPlatforms.includes(properties.platform)) {
      throw new ValidationError(`unknown platform "${properties.platform}"; known: ${this.deps.knownPlatforms.join(', ')}`);
    }
    if (properties.credentialId !== undefined) {
      const credential = await findCredential(this.deps.db, properties.credentialId);
      if (!credential || credential.deleted_at) throw new ValidationError(`credential ${properties.credentialId} does not exist`);
    }
  }

  private async device(deviceId: string): Promise<DeviceRow> {
    return required(await findDevice(this.deps.db, deviceId), `device ${deviceId}`);
  }

  private async run<C extends Command, E extends DomainEvent, S>(
    decider: Decider<C, E, S>,
    aggregateId: string,
    projector: Projector,
    command: { type: C['type']; data: C['data'] },
    actor: string,
  ): Promise<void> {
    const metadata = newCommandMetadata({ actor, clock: this.deps.clock ?? systemClock });
    const result = await this.deps.commands.handle(decider, aggregateId, { ...command, metadata } as C);
    if (result.position) {
      await waitUntilCaughtUp(this.deps.db, this.deps.store, projector, result.position, {
        timeoutMs: this.deps.consistencyTimeoutMs ?? 10_000,
      });
    }
  }
}

function required<T>(value: T | undefined, what: string): T {
  if (value === undefined) throw new NotFoundError(`${what} not found`);
  return value;
}
