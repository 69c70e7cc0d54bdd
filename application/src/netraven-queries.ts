import type { Kysely } from 'kysely';
import { roleAtLeast } from '@netraven/domain';
import {
  countDevices, countJobDevices, countJobs, countSnapshots, deviceIdsInScopeAmong, findCredential, findDevice, findJob, jobDevices,
  listCredentials, listLogs, pageDevices, pageJobDevices, pageJobs, pageSnapshots,
  type CredentialRow, type DeviceListFilter, type DeviceRow, type DeviceSort, type JobDeviceRow, type JobListFilter, type JobRow, type JobSort,
  type KeysetPage, type LogRow, type ReadModelDatabase, type SnapshotRow,
} from '@netraven/projections';
import { isScoped, type Actor } from './access/actor.js';
import { authorize } from './access/policy.js';
import { requireVisible, scopeOf, seesTags } from './access/scope.js';

export type DeviceFilter = Omit<DeviceListFilter, 'scope'>;
export type JobFilter = Omit<JobListFilter, 'scope'>;

function withScope<F extends object>(actor: Actor, filter: F): F & { scope?: readonly string[] } {
  const scope = scopeOf(actor);
  return scope ? { ...filter, scope } : filter;
}

/**
 * Every read of the API, for an actor: the role is checked first (`authorize`), then the tag scope
 * is applied in the query itself, so a scoped reader never sees an object outside its tags, in a
 * list, a count, a lookup by id or a subscription. The GraphQL resolvers only call these methods.
 */
export class NetRavenQueries {
  constructor(private readonly db: Kysely<ReadModelDatabase>) {}

  /** One page of devices; `countDevices` counts the whole list with the same filter and scope. */
  devices(actor: Actor, filter: DeviceFilter, sort: DeviceSort, page: KeysetPage): Promise<DeviceRow[]> {
    authorize(actor, 'devices');
    return pageDevices(this.db, withScope(actor, filter), sort, page);
  }

  countDevices(actor: Actor, filter: DeviceFilter): Promise<number> {
    authorize(actor, 'devices');
    return countDevices(this.db, withScope(actor, filter));
  }

  /** Undefined when it does not exist or lies outside the actor's scope. */
  async device(actor: Actor, id: string): Promise<DeviceRow | undefined> {
    authorize(actor, 'device');
    const row = await findDevice(this.db, id);
    return row && seesTags(actor, row.tags) ? row : undefined;
  }

  snapshots(actor: Actor, device: DeviceRow, page: KeysetPage): Promise<SnapshotRow[]> {
    authorize(actor, 'device');
    requireVisible(actor, device, `device ${device.id}`);
    return pageSnapshots(this.db, device.id, page);
  }

  countSnapshots(actor: Actor, device: DeviceRow): Promise<number> {
    authorize(actor, 'device');
    requireVisible(actor, device, `device ${device.id}`);
    return countSnapshots(this.db, device.id);
  }

  credentials(actor: Actor): Promise<CredentialRow[]> {
    authorize(actor, 'credentials');
    return listCredentials(this.db);
  }

  /** A device's credential, for those who may read credentials; null for the others (not an error: the device is theirs to see). */
  async credentialOf(actor: Actor, device: DeviceRow): Promise<CredentialRow | undefined> {
    if (actor.role === null || !roleAtLeast(actor.role, 'OPERATOR')) return undefined;
    authorize(actor, 'credentials');
    return findCredential(this.db, device.credential_id);
  }

  async jobs(actor: Actor, filter: JobFilter, sort: JobSort, page: KeysetPage): Promise<JobRow[]> {
    authorize(actor, 'jobs');
    const rows = await pageJobs(this.db, withScope(actor, filter), sort, page);
    return Promise.all(rows.map((job) => this.scopedView(actor, job)));
  }

  countJobs(actor: Actor, filter: JobFilter): Promise<number> {
    authorize(actor, 'jobs');
    return countJobs(this.db, withScope(actor, filter));
  }

  async job(actor: Actor, id: string): Promise<JobRow | undefined> {
    authorize(actor, 'job');
    const job = await findJob(this.db, id, scopeOf(actor));
    return job ? this.scopedView(actor, job) : undefined;
  }

  /** For `jobUpdated`: the same answer as `job`, checked again at every change. */
  async watchedJob(actor: Actor, id: string): Promise<JobRow | undefined> {
    authorize(actor, 'jobUpdated');
    const job = await findJob(this.db, id, scopeOf(actor));
    return job ? this.scopedView(actor, job) : undefined;
  }

  /** A page of a job's devices, by device id; a scoped reader sees only its devices. */
  jobDevices(actor: Actor, jobId: string, page: KeysetPage): Promise<JobDeviceRow[]> {
    authorize(actor, 'job');
    return pageJobDevices(this.db, jobId, scopeOf(actor), page);
  }

  countJobDevices(actor: Actor, jobId: string): Promise<number> {
    authorize(actor, 'job');
    return countJobDevices(this.db, jobId, scopeOf(actor));
  }

  /** A job device's device, when the actor sees it. */
  jobDevice(actor: Actor, deviceId: string): Promise<DeviceRow | undefined> {
    return this.device(actor, deviceId);
  }

  logs(actor: Actor, filter: { jobId?: string; deviceId?: string; level?: string; limit?: number }): Promise<LogRow[]> {
    authorize(actor, 'logs');
    const scope = scopeOf(actor);
    return listLogs(this.db, { ...filter, ...(scope ? { scope } : {}) });
  }

  /**
   * A scoped reader's view of a job: its counts and targets are those of the devices it sees, so
   * neither a count nor an id tells of devices outside its tags.
   */
  private async scopedView(actor: Actor, job: JobRow): Promise<JobRow> {
    if (!isScoped(actor)) return job;
    const visible = await jobDevices(this.db, job.id, actor.tags);
    const visibleIds = await deviceIdsInScopeAmong(this.db, job.target_device_ids, actor.tags);
    return {
      ...job,
      device_count: visible.length,
      succeeded: visible.filter((d) => d.status === 'SUCCEEDED').length,
      failed: visible.filter((d) => d.status === 'FAILED').length,
      target_device_ids: job.target_device_ids.filter((id) => visibleIds.has(id)),
      target_tags: job.target_tags.filter((tag) => actor.tags.includes(tag)),
    };
  }
}
