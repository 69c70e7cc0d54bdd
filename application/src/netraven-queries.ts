import type { Kysely } from 'kysely';
import { roleAtLeast } from '@netraven/domain';
import {
  countDevices, countJobDevices, countJobs, countSnapshots, deviceIdsInScopeAmong, findCredential, findCredentials, findDevice, findDevices, findJob,
  jobDeviceCountsInScope, jobDevicesAt, listCredentials, listLogs, pageDevices, pageJobDevices, pageJobs, pageSnapshots,
  type CredentialRow, type DeviceListFilter, type DeviceRow, type DeviceSort, type JobDeviceRow, type JobListFilter, type JobRow, type JobSort,
  tagSummaries, type KeysetPage, type LogRow, type ReadModelDatabase, type SnapshotRow, type TagSummary,
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

  /** The tags in use with their device, credential and policy counts (a scoped reader: its own tags' devices only). */
  tags(actor: Actor): Promise<TagSummary[]> {
    authorize(actor, 'tags');
    return tagSummaries(this.db, scopeOf(actor));
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
    return this.scopedViews(actor, await pageJobs(this.db, withScope(actor, filter), sort, page));
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

  /** Devices by id, in one read: those the actor sees (for the per-request loaders). */
  async devicesByIds(actor: Actor, ids: readonly string[]): Promise<DeviceRow[]> {
    authorize(actor, 'device');
    return (await findDevices(this.db, ids)).filter((row) => seesTags(actor, row.tags));
  }

  /** The credentials of many devices in one read; none for those who may not read credentials (as `credentialOf`). */
  async credentialsByIds(actor: Actor, ids: readonly string[]): Promise<CredentialRow[]> {
    if (actor.role === null || !roleAtLeast(actor.role, 'OPERATOR')) return [];
    authorize(actor, 'credentials');
    return findCredentials(this.db, ids);
  }

  /** Each visible device's last backup (the job-device row of the job that last gave it an outcome), in one read. */
  async lastBackups(actor: Actor, devices: readonly DeviceRow[]): Promise<JobDeviceRow[]> {
    authorize(actor, 'device');
    const pairs = devices.flatMap((d) => (d.last_job_id !== null && seesTags(actor, d.tags) ? [{ jobId: d.last_job_id, deviceId: d.id }] : []));
    return jobDevicesAt(this.db, pairs);
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
   * A scoped reader's view of jobs: their counts and targets are those of the devices it sees, so
   * neither a count nor an id tells of devices outside its tags. Two reads for a whole page.
   */
  private async scopedViews(actor: Actor, jobs: readonly JobRow[]): Promise<JobRow[]> {
    if (!isScoped(actor) || jobs.length === 0) return [...jobs];
    const counts = await jobDeviceCountsInScope(this.db, jobs.map((j) => j.id), actor.tags);
    const visibleIds = await deviceIdsInScopeAmong(this.db, [...new Set(jobs.flatMap((j) => j.target_device_ids))], actor.tags);
    return jobs.map((job) => {
      const seen = counts.get(job.id) ?? { total: 0, succeeded: 0, failed: 0 };
      return {
        ...job,
        device_count: seen.total,
        succeeded: seen.succeeded,
        failed: seen.failed,
        target_device_ids: job.target_device_ids.filter((id) => visibleIds.has(id)),
        target_tags: job.target_tags.filter((tag) => actor.tags.includes(tag)),
      };
    });
  }

  private async scopedView(actor: Actor, job: JobRow): Promise<JobRow> {
    const [view] = await this.scopedViews(actor, [job]);
    return view ?? job;
  }
}
