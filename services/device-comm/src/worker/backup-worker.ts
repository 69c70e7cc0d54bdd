import { createHash } from 'node:crypto';
import type { Kysely } from 'kysely';
import {
  IllegalStateError,
  jobDecider,
  type FailureCategory,
  type RecordDeviceFailure,
  type RecordSnapshot,
  type StartDeviceBackup,
} from '@netraven/domain';
import { newCommandMetadata, systemClock, type Clock, type CommandHandler, type EventStore } from '@netraven/infra/eventstore';
import type { GitConfigRepository } from '@netraven/infra/git';
import type { Delivery } from '@netraven/infra/queue';
import type { CredentialVault } from '@netraven/infra/secrets';
import { findCredential, findDevice, type DeviceRow, type ReadModelDatabase } from '@netraven/projections';
import type { CaptureOptions, CaptureTarget, DeviceCapture } from '../capture/index.js';
import { JobLogBuffer } from './job-log-buffer.js';

/** The session engine, injected so the worker stays about orchestration. */
export type CaptureDevice = (target: CaptureTarget, options: CaptureOptions) => Promise<DeviceCapture>;
/** Maps a capture error to its category, or undefined when the error is not a device failure. */
export type CategorizeError = (error: unknown) => FailureCategory | undefined;

export interface BackupWorkerDependencies {
  readonly store: EventStore;
  readonly commands: CommandHandler;
  readonly db: Kysely<ReadModelDatabase>;
  readonly vault: CredentialVault;
  readonly git: GitConfigRepository;
  readonly capture: CaptureDevice;
  readonly categorize: CategorizeError;
  readonly workerId: string;
  readonly timeouts: { connectTimeoutMs: number; commandTimeoutMs: number };
  readonly clock?: Clock;
}

const ACTOR = 'system:device-comm';

/**
 * Backs up one device for one job: start, capture, commit to Git, record the outcome. It returns
 * (ack) only after the outcome command is appended; any other throw means "deliver again", and the
 * job decider refuses a second outcome, so a redelivery never counts a device twice.
 */
export class BackupWorker {
  private readonly clock: Clock;

  constructor(private readonly deps: BackupWorkerDependencies) {
    this.clock = deps.clock ?? systemClock;
  }

  async handle(delivery: Delivery): Promise<void> {
    const { jobId, deviceId } = delivery.task;
    const log = new JobLogBuffer(jobId, deviceId, delivery.attempt, this.clock);
    const correlationId = jobId;
    const started = await this.start(jobId, deviceId, delivery.attempt, correlationId);
    if (!started) return;

    const device = await findDevice(this.deps.db, deviceId);
    if (!device) {
      await this.recordFailure(jobId, deviceId, 'config', `device ${deviceId} is not in the inventory`, log);
      return;
    }
    log.add('info', 'connection', `Connecting to ${device.name} (${device.host}:${device.port}, ${device.platform})`);
    let captured: DeviceCapture;
    try {
      captured = await this.deps.capture(await this.targetOf(device), {
        ...this.deps.timeouts,
        // Debug lines carry whole device outputs; the job log keeps the conversation, not the data.
        onLog: (line) => {
          if (line.level !== 'debug') log.add(line.level, 'connection', line.message);
        },
      });
    } catch (error) {
      const category = error instanceof CredentialMissingError ? 'config' : this.deps.categorize(error);
      if (!category) throw error;
      await this.recordFailure(jobId, deviceId, category, messageOf(error), log);
      return;
    }
    const committed = await this.deps.git.commitConfig({
      path: `${deviceId}/${device.platform}.cfg`,
      content: captured.config,
      jobId,
      deviceName: device.name,
      ...(captured.facts.hostname ? { hostname: captured.facts.hostname } : {}),
      when: this.clock(),
    });
    log.add('info', 'job', committed.changed ? `Configuration committed as ${committed.commit.slice(0, 12)}` : 'Configuration unchanged; no commit');
    await log.flush(this.deps.store, ACTOR, correlationId);
    const command: RecordSnapshot = {
      type: 'RecordSnapshot',
      data: {
        jobId, deviceId, commit: committed.commit, changed: committed.changed,
        sha256: createHash('sha256').update(captured.config).digest('hex'),
        size: Buffer.byteLength(captured.config), facts: captured.facts,
      },
      metadata: this.metadata(`outcome-${jobId}-${deviceId}`, correlationId),
    };
    await this.recordOutcome(command);
  }

  private async start(jobId: string, deviceId: string, attempt: number, correlationId: string): Promise<boolean> {
    const command: StartDeviceBackup = {
      type: 'StartDeviceBackup',
      data: { jobId, deviceId, workerId: this.deps.workerId, attempt },
      metadata: this.metadata(`start-${jobId}-${deviceId}-${attempt}`, correlationId),
    };
    try {
      await this.deps.commands.handle(jobDecider, jobId, command);
      return true;
    } catch (error) {
      // The device already has an outcome (an earlier delivery finished): nothing left to do.
      if (error instanceof IllegalStateError) return false;
      throw error;
    }
  }

  private async targetOf(device: DeviceRow): Promise<CaptureTarget> {
    const credential = await findCredential(this.deps.db, device.credential_id);
    if (!credential || credential.deleted_at) {
      throw new CredentialMissingError(`credential ${device.credential_id} of device ${device.name} does not exist`);
    }
    const secret = await this.deps.vault.reveal(credential.secret_ref);
    return {
      host: device.host, port: device.port, platform: device.platform,
      username: secret.username, password: secret.password,
      ...(secret.enablePassword ? { enablePassword: secret.enablePassword } : {}),
    };
  }

  private async recordFailure(jobId: string, deviceId: string, category: FailureCategory, message: string, log: JobLogBuffer): Promise<void> {
    log.add('error', 'connection', `[${category}] ${message}`);
    await log.flush(this.deps.store, ACTOR, jobId);
    const command: RecordDeviceFailure = {
      type: 'RecordDeviceFailure',
      data: { jobId, deviceId, category, message },
      metadata: this.metadata(`outcome-${jobId}-${deviceId}`, jobId),
    };
    await this.recordOutcome(command);
  }

  private async recordOutcome(command: RecordSnapshot | RecordDeviceFailure): Promise<void> {
    try {
      await this.deps.commands.handle(jobDecider, command.data.jobId, command);
    } catch (error) {
      // Another delivery of this task recorded the outcome first; the job already counts it once.
      if (!(error instanceof IllegalStateError)) throw error;
    }
  }

  private metadata(commandId: string, correlationId: string) {
    return newCommandMetadata({ actor: ACTOR, commandId, correlationId, clock: this.clock });
  }
}

/** A device whose credential is gone fails with category `config`, not as a crash. */
export class CredentialMissingError extends Error {
  override readonly name = 'CredentialMissingError';
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
