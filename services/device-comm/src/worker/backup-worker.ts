import { createHash } from 'node:crypto';
import type { Kysely } from 'kysely';
import {
  circuitStateOf,
  DEFAULT_CIRCUIT_BREAKER,
  deviceDecider,
  IllegalStateError,
  jobDecider,
  type CircuitBreakerPolicy,
  type ConfirmDeviceCredential,
  type CredentialTry,
  type FailureCategory,
  type PinHostKey,
  type RecordDeviceFailure,
  type RecordDeviceResult,
  type CommandResult,
  type RecordSnapshot,
  type StartDeviceBackup,
} from '@netraven/domain';
import { newCommandMetadata, systemClock, type Clock, type CommandHandler, type EventStore } from '@netraven/infra/eventstore';
import type { GitConfigRepository } from '@netraven/infra/git';
import type { Delivery } from '@netraven/infra/queue';
import type { CredentialVault } from '@netraven/infra/secrets';
import { type DeviceRow, type EffectiveBackupPolicy, type ReadModelDatabase } from '@netraven/projections';
import { applyConfigPolicy, runShowCommands, tryLogin, type DeviceCapture } from '../capture/index.js';
import { JobLogBuffer } from './job-log-buffer.js';
import { captureWithRetry, DEFAULT_RETRY_POLICY, type CaptureDevice, type CategorizeError, type DeviceSession, type RetryPolicy } from './capture-with-retry.js';
import { HostKeyCheck } from './host-key-pinning.js';
import { HostKeyPins } from './host-key-pins.js';
import { HostLimiter } from './host-limiter.js';
import { RevealedSecrets } from './revealed-secrets.js';
import { TaskViewLoader } from './task-view-loader.js';
import { captureWithFallback, CredentialMissingError, type FallbackCapture } from './credential-fallback.js';

export type { CaptureDevice, CategorizeError, RetryPolicy } from './capture-with-retry.js';
export { CredentialMissingError } from './credential-fallback.js';

export interface BackupWorkerDependencies {
  readonly store: EventStore;
  readonly commands: CommandHandler;
  readonly db: Kysely<ReadModelDatabase>;
  readonly vault: CredentialVault;
  readonly git: GitConfigRepository;
  readonly capture: CaptureDevice;
  /** REACHABILITY jobs: log in and out, nothing run (default: device-comm's `tryLogin`). */
  readonly checkLogin?: DeviceSession<{ hostKeyFingerprint: string }>;
  /** COMMAND jobs: run read-only commands (default: device-comm's `runShowCommands`). */
  readonly runCommands?: typeof runShowCommands;
  readonly categorize: CategorizeError;
  readonly workerId: string;
  readonly timeouts: { connectTimeoutMs: number; commandTimeoutMs: number };
  readonly retry?: RetryPolicy;
  readonly circuitBreaker?: CircuitBreakerPolicy;
  /** Concurrent sessions allowed per device endpoint (host:port); default 2. */
  readonly perHostLimit?: number;
  readonly clock?: Clock;
}

const ACTOR = 'system:device-comm';

/** What one session on a device brought back: a config (backup), nothing but a login (reachability), or command outputs. */
type SessionResult = { readonly hostKeyFingerprint: string; readonly config?: DeviceCapture; readonly results?: CommandResult[] };

/**
 * Runs one device's part of a job (a backup, a reachability check or read-only commands): start, session,
 * for a backup the commit to Git, then the outcome. It returns
 * (ack) only after the outcome command is appended; any other throw means "deliver again", and the
 * job decider refuses a second outcome, so a redelivery never counts a device twice.
 */
export class BackupWorker {
  private readonly clock: Clock;
  private readonly hosts: HostLimiter;
  private readonly secrets: RevealedSecrets;
  private readonly views: TaskViewLoader;
  private readonly pins: HostKeyPins;

  constructor(private readonly deps: BackupWorkerDependencies) {
    this.clock = deps.clock ?? systemClock;
    this.hosts = new HostLimiter(deps.perHostLimit ?? 2);
    this.secrets = new RevealedSecrets(deps.vault, this.clock);
    this.views = new TaskViewLoader(deps.db);
    this.pins = new HostKeyPins(deps.commands);
  }

  async handle(delivery: Delivery): Promise<void> {
    const { jobId, deviceId } = delivery.task;
    const session = this.sessionOf(delivery);
    const log = new JobLogBuffer(jobId, deviceId, delivery.attempt, this.clock);
    if (!(await this.start(jobId, deviceId, delivery.attempt))) return;

    // The device and the policy as they stand when the task starts (one statement for the tasks starting together): a
    // change made during the session applies from the next backup.
    const view = await this.views.load(deviceId);
    if (!view) return this.recordFailure(jobId, deviceId, 'config', `device ${deviceId} is not in the inventory`, log);
    const { device, policy, credentials } = view;
    const circuit = circuitStateOf(
      { consecutiveTransientFailures: device.consecutive_transient_failures, lastTransientFailureAt: device.last_transient_failure_at },
      this.clock(),
      this.deps.circuitBreaker ?? DEFAULT_CIRCUIT_BREAKER,
    );
    if (circuit.open) {
      const message = `skipped: ${device.consecutive_transient_failures} transient failures in a row; next try after ${circuit.retryAfter.toISOString()}`;
      return this.recordFailure(jobId, deviceId, 'circuit-open', message, log);
    }

    const hostKey = new HostKeyCheck(device.host_key_fingerprint);
    log.add('info', 'connection', `Connecting to ${device.name} (${device.host}:${device.port}, ${device.platform})`);
    let result: FallbackCapture<SessionResult>;
    try {
      result = await this.hosts.run(`${device.host}:${device.port}`, () => captureWithFallback(
        { db: this.deps.db, vault: this.secrets, categorize: this.deps.categorize }, device,
        (target) => captureWithRetry(
          session,
          this.deps.categorize,
          target,
          {
            ...this.deps.timeouts,
            hostVerifier: hostKey.verifier,
            // Debug lines carry whole device outputs; the job log keeps the conversation, not the data.
            // The capture's own account of the device session is the `session` log type.
            onLog: (line) => {
              if (line.level !== 'debug') log.add(line.level, 'session', line.message);
            },
          },
          this.deps.retry ?? DEFAULT_RETRY_POLICY,
          (attempt, category, error, waitMs) =>
            log.add('warn', 'connection', `Attempt ${attempt} failed [${category}]: ${messageOf(error)}; retrying in ${waitMs} ms`),
        ),
        (level, message) => log.add(level, 'job', message),
        credentials,
      ));
    } catch (error) {
      if (!(error instanceof CredentialMissingError)) throw error;
      return this.recordFailure(jobId, deviceId, 'config', error.message, log);
    }
    if (!result.ok) {
      if (result.category === 'hostkey') {
        log.add('error', 'system', `ALERT: ${device.name} presented host key ${hostKey.presented ?? 'unknown'}, pinned ${hostKey.pinned ?? 'none'}; backups stop until an operator resets the key`);
      }
      return this.recordFailure(jobId, deviceId, result.category, messageOf(result.error), log, result.tried);
    }
    const outcome = result.captured;
    // The policy (extra volatile and secret patterns) applies to a backup's config; reachability and command runs have none.
    const config = outcome.config ? withPolicy(outcome.config, policy, log) : undefined;
    if (config && config.config.trim() === '') {
      return this.recordFailure(jobId, deviceId, 'config', 'the backup policy\'s volatile patterns dropped every line of the config; nothing stored', log, result.tried);
    }
    // Telnet has no host key to pin (the fingerprint is empty).
    if (hostKey.pinned === null && outcome.hostKeyFingerprint !== '') await this.pinHostKey(deviceId, outcome.hostKeyFingerprint, jobId, log);
    if (result.credentialId !== (device.confirmed_credential_id ?? device.credential_id)) {
      await this.confirmCredential(device.id, result.credentialId, jobId);
    }
    if (config) await this.recordSnapshot(jobId, device, config, log, result.tried);
    else await this.recordResult(jobId, device.id, outcome.results, log, result.tried);
  }

  /** The session a task's kind needs; tasks queued before job kinds are backups. */
  private sessionOf(delivery: Delivery): DeviceSession<SessionResult> {
    const kind = delivery.task.kind ?? 'backup';
    if (kind === 'reachability') {
      const check = this.deps.checkLogin ?? tryLogin;
      return async (target, options) => ({ hostKeyFingerprint: (await check(target, options)).hostKeyFingerprint });
    }
    if (kind === 'command') {
      const run = this.deps.runCommands ?? runShowCommands;
      const commands = delivery.task.commands ?? [];
      return async (target, options) => run(target, options, commands);
    }
    return async (target, options) => {
      const config = await this.deps.capture(target, options);
      return { hostKeyFingerprint: config.hostKeyFingerprint, config };
    };
  }

  /** A reachability check or a command run succeeded: no Git, the outputs (already redacted) go into the outcome. */
  private async recordResult(jobId: string, deviceId: string, results: CommandResult[] | undefined, log: JobLogBuffer, credentialsTried: CredentialTry[]): Promise<void> {
    log.add('info', 'job', results ? `${results.length} command(s) run` : 'Login succeeded; device reachable');
    const command: RecordDeviceResult = {
      type: 'RecordDeviceResult',
      data: { jobId, deviceId, credentialsTried, ...(results ? { results } : {}) },
      metadata: this.metadata(`outcome-${jobId}-${deviceId}`, jobId),
    };
    await this.recordOutcome(command, log);
  }

  /**
   * The queue gave up on a task whose handler kept failing on our side (event store, Git, vault):
   * the device still gets an outcome, so its job completes and the failure is visible.
   */
  async recordGaveUp(delivery: Delivery, error: unknown): Promise<void> {
    const { jobId, deviceId } = delivery.task;
    const log = new JobLogBuffer(jobId, deviceId, delivery.attempt + 1, this.clock);
    await this.recordFailure(jobId, deviceId, 'internal', `gave up after ${delivery.attempt} deliveries: ${messageOf(error)}`, log);
  }

  private async recordSnapshot(jobId: string, device: DeviceRow, captured: DeviceCapture, log: JobLogBuffer, credentialsTried: CredentialTry[]): Promise<void> {
    const committed = await this.deps.git.commitConfig({
      path: this.deps.git.deviceConfigPath(device.id),
      content: captured.config,
      jobId,
      deviceName: device.name,
      ...(captured.facts.hostname ? { hostname: captured.facts.hostname } : {}),
      when: this.clock(),
    });
    log.add('info', 'job', committed.changed ? `Configuration committed as ${committed.commit.slice(0, 12)}` : 'Configuration unchanged; no commit');
    const command: RecordSnapshot = {
      type: 'RecordSnapshot',
      data: {
        jobId, deviceId: device.id, commit: committed.commit, changed: committed.changed,
        sha256: createHash('sha256').update(captured.config).digest('hex'),
        size: Buffer.byteLength(captured.config), facts: captured.facts, credentialsTried,
      },
      metadata: this.metadata(`outcome-${jobId}-${device.id}`, jobId),
    };
    await this.recordOutcome(command, log);
  }

  private async start(jobId: string, deviceId: string, attempt: number): Promise<boolean> {
    const command: StartDeviceBackup = {
      type: 'StartDeviceBackup',
      data: { jobId, deviceId, workerId: this.deps.workerId, attempt },
      metadata: this.metadata(`start-${jobId}-${deviceId}-${attempt}`, jobId),
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

  private async pinHostKey(deviceId: string, fingerprint: string, jobId: string, log: JobLogBuffer): Promise<void> {
    const command: PinHostKey = { type: 'PinHostKey', data: { deviceId, fingerprint }, metadata: this.metadata(`pin-${jobId}-${deviceId}`, jobId) };
    const outcome = await this.pins.pin(command);
    if (outcome.ok) {
      if (outcome.result.events.length > 0) log.add('info', 'system', `Host key ${fingerprint} pinned on first use`);
      return;
    }
    // Another job pinned a different key meanwhile: the next backup will fail with `hostkey`.
    if (!(outcome.error instanceof IllegalStateError)) throw outcome.error;
    log.add('error', 'system', `ALERT: host key ${fingerprint} could not be pinned: ${outcome.error.message}`);
  }

  /** The next backup of the device tries this credential first (only appended when it changed). */
  private async confirmCredential(deviceId: string, credentialId: string, jobId: string): Promise<void> {
    const command: ConfirmDeviceCredential = {
      type: 'ConfirmDeviceCredential', data: { deviceId, credentialId, jobId }, metadata: this.metadata(`confirm-credential-${jobId}-${deviceId}`, jobId),
    };
    try {
      await this.deps.commands.handle(deviceDecider, deviceId, command);
    } catch (error) {
      // Decommissioned meanwhile: nothing to remember; the backup itself still counts.
      if (!(error instanceof IllegalStateError)) throw error;
    }
  }

  private async recordFailure(
    jobId: string, deviceId: string, category: FailureCategory, message: string, log: JobLogBuffer, credentialsTried: CredentialTry[] = [],
  ): Promise<void> {
    // No line of its own: the session logged the attempt's failure, and the DeviceBackupFailed
    // event becomes the outcome line ("Backup failed [category]: message") in the logs projector.
    const command: RecordDeviceFailure = {
      type: 'RecordDeviceFailure',
      data: { jobId, deviceId, category, message, credentialsTried },
      metadata: this.metadata(`outcome-${jobId}-${deviceId}`, jobId),
    };
    await this.recordOutcome(command, log);
  }

  /** The outcome and the attempt's log in one write; the log alone when the outcome is refused or was already recorded. */
  private async recordOutcome(command: RecordSnapshot | RecordDeviceFailure | RecordDeviceResult, log: JobLogBuffer): Promise<void> {
    const alongside = log.asSideWrite(ACTOR, command.data.jobId);
    try {
      const result = await this.deps.commands.handle(jobDecider, command.data.jobId, command, alongside ? { alongside: [alongside] } : {});
      if (result.events.length > 0) return;
    } catch (error) {
      // Another delivery of this task recorded the outcome first; the job already counts it once.
      if (!(error instanceof IllegalStateError)) throw error;
    }
    await log.flush(this.deps.store, ACTOR, command.data.jobId);
  }

  private metadata(commandId: string, correlationId: string) {
    return newCommandMetadata({ actor: ACTOR, commandId, correlationId, clock: this.clock });
  }
}

/** The user's volatile and secret patterns (tag and device policies) on top of the platform's, before Git sees the config. */
function withPolicy(captured: DeviceCapture, policy: EffectiveBackupPolicy, log: JobLogBuffer): DeviceCapture {
  if (policy.volatile.length === 0 && policy.secrets.length === 0) return captured;
  log.add('info', 'job', `Backup policy applied: ${policy.volatile.length} volatile and ${policy.secrets.length} secret pattern(s)`);
  return { ...captured, config: applyConfigPolicy(captured.config, policy) };
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
