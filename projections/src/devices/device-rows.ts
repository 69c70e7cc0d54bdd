import type { Selectable } from 'kysely';
import type {
  DeviceBackupFailed,
  DeviceCredentialConfirmed,
  DeviceDecommissioned,
  DeviceHostKeyPinned,
  DeviceHostKeyReset,
  DeviceRegistered,
  DeviceTagged,
  DeviceUntagged,
  DeviceUpdated,
  SnapshotRecorded,
} from '@netraven/domain';
import type { RecordedEvent } from '@netraven/infra/eventstore';
import { dataOf } from '../runner/projector.js';
import type { DevicesTable } from '../schema/database.js';

type Device = Selectable<DevicesTable>;

/** A tag to add to or remove from a device: whatever the last event said about it. */
export interface TagChange {
  readonly deviceId: string;
  readonly tag: string;
  readonly present: boolean;
}

/**
 * The `devices` rows a run of events touches, changed in memory one event after the other, and what the
 * events last said about each device's tags. An event about a device that is not there changes no device
 * row, as an SQL update of a missing row would; tags are kept whatever the device (as the log says them).
 */
export class DeviceRows {
  private readonly devices = new Map<string, Device>();
  private readonly changed = new Set<string>();
  private readonly tags = new Map<string, TagChange>();

  constructor(devices: readonly Device[]) {
    for (const device of devices) this.devices.set(device.id, device);
  }

  changedDevices(): Device[] {
    return [...this.changed].map((id) => this.devices.get(id) as Device);
  }

  tagChanges(): TagChange[] {
    return [...this.tags.values()];
  }

  apply(event: RecordedEvent): void {
    switch (event.type) {
      case 'DeviceRegistered': {
        const d = dataOf<DeviceRegistered['data']>(event);
        const at = new Date(d.registeredAt);
        const fields = {
          name: d.name, host: d.host, port: d.port, platform: d.platform, credential_id: d.credentialId, protocol: d.protocol,
          status: 'active' as const, registered_at: at, updated_at: at,
        };
        const existing = this.devices.get(d.deviceId);
        this.devices.set(d.deviceId, existing ? { ...existing, ...fields } : {
          id: d.deviceId, ...fields, last_job_id: null, last_backup_status: null, last_backup_at: null, last_error_category: null,
          last_snapshot_commit: null, hostname: null, model: null, serial: null, os_version: null, host_key_fingerprint: null,
          consecutive_transient_failures: 0, last_transient_failure_at: null, confirmed_credential_id: null,
        });
        this.changed.add(d.deviceId);
        this.setTags(d.deviceId, d.tags, true);
        return;
      }
      case 'DeviceUpdated': {
        const d = dataOf<DeviceUpdated['data']>(event);
        const c = d.changes;
        this.update(d.deviceId, () => ({
          ...(c.name !== undefined ? { name: c.name } : {}),
          ...(c.host !== undefined ? { host: c.host } : {}),
          ...(c.port !== undefined ? { port: c.port } : {}),
          ...(c.platform !== undefined ? { platform: c.platform } : {}),
          // A newly named credential forgets the one that worked before (as the device decider does).
          ...(c.credentialId !== undefined ? { credential_id: c.credentialId, confirmed_credential_id: null } : {}),
          ...(c.protocol !== undefined ? { protocol: c.protocol } : {}),
          updated_at: new Date(d.updatedAt),
        }));
        return;
      }
      case 'DeviceTagged': {
        const d = dataOf<DeviceTagged['data']>(event);
        this.setTags(d.deviceId, d.tags, true);
        return;
      }
      case 'DeviceUntagged': {
        const d = dataOf<DeviceUntagged['data']>(event);
        this.setTags(d.deviceId, d.tags, false);
        return;
      }
      case 'DeviceDecommissioned': {
        const d = dataOf<DeviceDecommissioned['data']>(event);
        this.update(d.deviceId, () => ({ status: 'decommissioned', updated_at: new Date(d.decommissionedAt) }));
        return;
      }
      case 'SnapshotRecorded': {
        const d = dataOf<SnapshotRecorded['data']>(event);
        this.update(d.deviceId, () => ({
          last_job_id: d.jobId, last_backup_status: 'SUCCEEDED', last_backup_at: new Date(d.recordedAt),
          last_error_category: null, last_snapshot_commit: d.commit, consecutive_transient_failures: 0,
          ...(d.facts.hostname ? { hostname: d.facts.hostname } : {}),
          ...(d.facts.model ? { model: d.facts.model } : {}),
          ...(d.facts.serial ? { serial: d.facts.serial } : {}),
          ...(d.facts.osVersion ? { os_version: d.facts.osVersion } : {}),
        }));
        return;
      }
      case 'DeviceBackupFailed': {
        const d = dataOf<DeviceBackupFailed['data']>(event);
        // Only transient failures count: a circuit-open skip must not extend its own cool-down.
        this.update(d.deviceId, (device) => ({
          last_job_id: d.jobId, last_backup_status: 'FAILED', last_backup_at: new Date(d.failedAt), last_error_category: d.category,
          ...(d.transient
            ? { consecutive_transient_failures: device.consecutive_transient_failures + 1, last_transient_failure_at: new Date(d.failedAt) }
            : {}),
        }));
        return;
      }
      case 'DeviceHostKeyPinned': {
        const d = dataOf<DeviceHostKeyPinned['data']>(event);
        this.update(d.deviceId, () => ({ host_key_fingerprint: d.fingerprint }));
        return;
      }
      case 'DeviceHostKeyReset': {
        const d = dataOf<DeviceHostKeyReset['data']>(event);
        this.update(d.deviceId, () => ({ host_key_fingerprint: null }));
        return;
      }
      case 'DeviceCredentialConfirmed': {
        const d = dataOf<DeviceCredentialConfirmed['data']>(event);
        this.update(d.deviceId, () => ({ confirmed_credential_id: d.credentialId }));
        return;
      }
    }
  }

  private update(id: string, change: (device: Device) => Partial<Device>): void {
    const device = this.devices.get(id);
    if (!device) return;
    this.devices.set(id, { ...device, ...change(device) });
    this.changed.add(id);
  }

  private setTags(deviceId: string, tags: readonly string[], present: boolean): void {
    for (const tag of tags) this.tags.set(`${deviceId}\u0000${tag}`, { deviceId, tag, present });
  }
}
