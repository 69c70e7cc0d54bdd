import { randomUUID } from 'node:crypto';
import { credentialDecider, deviceDecider, FAILURE_CATEGORIES, jobDecider, jobLogStreamName, type Command, type Decider, type DomainEvent } from '@netraven/domain';
import { newCommandMetadata, type CommandHandler, type EventStore, type Position } from '@netraven/infra/eventstore';

/** Small deterministic PRNG (mulberry32): the same seed gives the same run of commands. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const TAGS = ['core', 'edge', 'dc1', 'dc2', 'pci', 'lab'];
const SHA = (n: number): string => n.toString(16).padStart(64, '0');

interface DeviceModel { id: string; tags: Set<string>; active: boolean }
interface JobModel { id: string; targets: { deviceIds: string[]; tags: string[] }; phase: 'scheduled' | 'running' | 'done'; awaiting: string[] }

/**
 * A randomized but valid sequence of NetRaven commands (inventory changes, jobs with snapshots
 * and failures, job log lines), issued through the command handler and the real deciders.
 */
export class RandomWorkload {
  private readonly random: () => number;
  private readonly credentials: string[] = [];
  private readonly devices: DeviceModel[] = [];
  private readonly jobs: JobModel[] = [];
  private tick = 0;
  private sequence = 0;
  /** Where the latest append landed: wait for the read models to reach it. */
  lastPosition: Position | undefined;
  commandsSent = 0;

  constructor(
    private readonly commands: CommandHandler,
    private readonly store: EventStore,
    seed: number,
    private readonly prefix = 'w',
  ) {
    this.random = seededRandom(seed);
  }

  async run(steps: number): Promise<void> {
    for (let i = 0; i < steps; i++) await this.step();
  }

  async step(): Promise<void> {
    const running = this.jobs.filter((j) => j.phase === 'running' && j.awaiting.length > 0);
    const scheduled = this.jobs.filter((j) => j.phase === 'scheduled');
    const active = this.devices.filter((d) => d.active);
    const roll = this.random();
    if (this.credentials.length === 0 || (roll < 0.03 && this.credentials.length < 4)) return this.createCredential();
    if (active.length < 3 || roll < 0.12) return this.registerDevice();
    if (roll < 0.2) return this.changeDevice(this.pick(active));
    if (roll < 0.32 || (running.length === 0 && scheduled.length === 0)) return this.scheduleJob(active);
    if (scheduled.length > 0 && (roll < 0.45 || running.length === 0)) return this.dispatch(this.pick(scheduled));
    return this.progress(this.pick(running));
  }

  private async createCredential(): Promise<void> {
    const id = `${this.prefix}c${this.next()}`;
    await this.send(credentialDecider, id, 'CreateCredential', { credentialId: id, name: `cred ${id}`, username: 'admin', secretRef: `ref-${id}`, fingerprint: `fp-${id}` });
    this.credentials.push(id);
  }

  private async registerDevice(): Promise<void> {
    const id = `${this.prefix}d${this.next()}`;
    const tags = TAGS.filter(() => this.random() < 0.3);
    await this.send(deviceDecider, id, 'RegisterDevice', {
      deviceId: id, name: `dev-${id}`, host: `10.0.${this.next() % 250}.${this.next() % 250}`, port: 22, platform: 'cisco_ios',
      credentialId: this.pick(this.credentials), tags,
    });
    this.devices.push({ id, tags: new Set(tags), active: true });
  }

  private async changeDevice(device: DeviceModel): Promise<void> {
    const roll = this.random();
    const tag = this.pick(TAGS);
    if (roll < 0.35 && !device.tags.has(tag)) {
      await this.send(deviceDecider, device.id, 'TagDevice', { deviceId: device.id, tags: [tag] });
      device.tags.add(tag);
    } else if (roll < 0.6 && device.tags.size > 0) {
      const untag = this.pick([...device.tags]);
      await this.send(deviceDecider, device.id, 'UntagDevice', { deviceId: device.id, tags: [untag] });
      device.tags.delete(untag);
    } else if (roll < 0.93) {
      await this.send(deviceDecider, device.id, 'UpdateDevice', { deviceId: device.id, changes: { port: 1000 + this.next() } });
    } else {
      await this.send(deviceDecider, device.id, 'DecommissionDevice', { deviceId: device.id, reason: 'replaced' });
      device.active = false;
    }
  }

  private async scheduleJob(active: DeviceModel[]): Promise<void> {
    const id = `${this.prefix}j${this.next()}`;
    const byTag = this.random() < 0.6;
    const targets = byTag
      ? { deviceIds: [], tags: [this.pick(TAGS)] }
      : { deviceIds: active.filter(() => this.random() < 0.4).map((d) => d.id).slice(0, 6), tags: [] as string[] };
    if (targets.deviceIds.length === 0 && targets.tags.length === 0) targets.tags = [this.pick(TAGS)];
    await this.send(jobDecider, id, 'ScheduleBackup', { jobId: id, targets });
    this.jobs.push({ id, targets, phase: 'scheduled', awaiting: [] });
  }

  private async dispatch(job: JobModel): Promise<void> {
    const deviceIds = this.devices
      .filter((d) => d.active && (job.targets.deviceIds.includes(d.id) || job.targets.tags.some((t) => d.tags.has(t))))
      .map((d) => d.id)
      .slice(0, 8);
    await this.send(jobDecider, job.id, 'DispatchJob', { jobId: job.id, deviceIds });
    job.phase = deviceIds.length > 0 ? 'running' : 'done';
    job.awaiting = [...deviceIds];
  }

  private async progress(job: JobModel): Promise<void> {
    const deviceId = this.pick(job.awaiting);
    const roll = this.random();
    if (roll < 0.3) {
      await this.send(jobDecider, job.id, 'StartDeviceBackup', { jobId: job.id, deviceId, workerId: `worker-${this.next() % 3}`, attempt: 1 + (this.next() % 3) });
      return;
    }
    if (roll < 0.45) await this.appendLog(job.id, deviceId);
    if (roll < 0.8) {
      const n = this.next();
      await this.send(jobDecider, job.id, 'RecordSnapshot', {
        jobId: job.id, deviceId, commit: `commit${n}`, changed: n % 3 !== 0, sha256: SHA(n), size: 1000 + n,
        facts: n % 2 === 0 ? { hostname: `host-${deviceId}`, serial: `SN${n}`, model: 'ISR4331', osVersion: '17.3' } : {},
      });
    } else {
      await this.send(jobDecider, job.id, 'RecordDeviceFailure', { jobId: job.id, deviceId, category: this.pick([...FAILURE_CATEGORIES]), message: `failure ${this.next()}` });
    }
    job.awaiting = job.awaiting.filter((d) => d !== deviceId);
    if (job.awaiting.length === 0) job.phase = 'done';
  }

  private async appendLog(jobId: string, deviceId: string): Promise<void> {
    const at = this.now().toISOString();
    const entries = [
      { level: 'info' as const, kind: 'connection' as const, deviceId, message: `connected to ${deviceId}`, at },
      { level: 'debug' as const, kind: 'connection' as const, deviceId, message: 'show running-config', at },
    ];
    const eventId = randomUUID();
    const result = await this.store.append(jobLogStreamName(jobId), [{
      type: 'JobLogRecorded', data: { jobId, entries },
      metadata: { eventId, correlationId: jobId, causationId: eventId, actor: 'worker', occurredAt: at, schemaVersion: 1 },
    }], 'any');
    this.lastPosition = result.position;
  }

  private async send<C extends Command, E extends DomainEvent, S>(decider: Decider<C, E, S>, id: string, type: C['type'], data: C['data']): Promise<void> {
    const now = this.now();
    const command = { type, data, metadata: newCommandMetadata({ actor: 'workload', clock: () => now }) } as C;
    const result = await this.commands.handle(decider, id, command);
    this.commandsSent++;
    if (result.position) this.lastPosition = result.position;
  }

  private now(): Date {
    return new Date(Date.UTC(2026, 10, 22, 12, 0, 0, 0) + 1000 * this.tick++);
  }

  private next(): number {
    return ++this.sequence;
  }

  private pick<T>(items: readonly T[]): T {
    const item = items[Math.floor(this.random() * items.length)];
    if (item === undefined) throw new Error('pick from an empty list');
    return item;
  }
}
