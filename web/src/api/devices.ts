import { listOf, type List } from './lists';

export interface DeviceSummary {
  id: string;
  name: string;
  host: string;
  port: number;
  platform: string;
  tags: string[];
  status: string;
  lastBackupStatus: 'SUCCEEDED' | 'FAILED' | null;
  lastBackupAt: string | null;
  lastErrorCategory: string | null;
}

const SUMMARY = '{ id name host port platform tags status lastBackupStatus lastBackupAt lastErrorCategory }';

/** One page of devices (the API's largest); the devices page reads every page (see `createAllDevices`). */
export const DEVICES = `query Devices($after: String) {
  devices(first: 1000, after: $after) { nodes ${SUMMARY} pageInfo { hasNextPage endCursor } }
}`;
export interface DevicesData { devices: List<DeviceSummary> & { pageInfo: { hasNextPage: boolean; endCursor: string | null } } }

/** Each device that changes, with the columns of the devices table (the table patches itself in place). */
export const DEVICE_CHANGED = `subscription DeviceChanged { deviceChanged ${SUMMARY} }`;

/** One device's changes (the device page re-reads itself on each: backups, facts, tags, reachability). */
export const DEVICE_CHANGED_ONE = `subscription DeviceChangedOne($ids: [ID!]) { deviceChanged(filter: { deviceIds: $ids }) { id } }`;

/** Fleet health as counts (the dashboard needs no device list). */
export const FLEET = `query Fleet {
  all: devices(first: 1) { totalCount }
  ok: devices(first: 1, status: OK) { totalCount }
  failed: devices(first: 1000, status: FAILED) { totalCount nodes { id lastErrorCategory } }
  never: devices(first: 1, status: NEVER) { totalCount }
  staleDevices { id }
}`;
interface Count { totalCount: number | null }
export interface FleetData { all: Count; ok: Count; never: Count; failed: Count & { nodes: Array<{ id: string; lastErrorCategory: string | null }> }; staleDevices: Array<{ id: string }> }

export interface SnapshotSummary { jobId: string; commit: string; changed: boolean; sha256: string; size: number; recordedAt: string }

export interface DeviceDetail extends DeviceSummary {
  protocol: string;
  hostname: string | null;
  model: string | null;
  serial: string | null;
  osVersion: string | null;
  lastJobId: string | null;
  hostKeyFingerprint: string | null;
  credential: { id: string; name: string; username: string } | null;
  circuit: { open: boolean; retryAfter: string | null; consecutiveTransientFailures: number };
  snapshots: List<SnapshotSummary>;
  config: string | null;
  reachability: 'REACHABLE' | 'UNREACHABLE' | 'AUTH_FAILED' | 'UNKNOWN';
  lastSeenAt: string | null;
  stale: boolean;
  staleSince: string | null;
  lastSuccessfulBackupAt: string | null;
}

export const DEVICE = `query Device($id: ID!) {
  device(id: $id) {
    id name host port platform protocol tags status lastBackupStatus lastBackupAt lastErrorCategory
    hostname model serial osVersion lastJobId hostKeyFingerprint
    credential { id name username }
    circuit { open retryAfter consecutiveTransientFailures }
    snapshots(first: 100) ${listOf('{ jobId commit changed sha256 size recordedAt }')}
    config reachability lastSeenAt stale staleSince lastSuccessfulBackupAt
  }
}`;
export interface DeviceData { device: DeviceDetail | null }

/** One snapshot's configuration: the history up to it, the config only of the one asked for. */
export const SNAPSHOT_CONFIGS = `query SnapshotConfigs($id: ID!, $limit: Int!) {
  device(id: $id) { id snapshots(first: $limit) ${listOf('{ commit config }')} }
}`;
export interface SnapshotConfigsData { device: { id: string; snapshots: List<{ commit: string; config: string | null }> } | null }

export const TAG_DEVICE = `mutation TagDevice($id: ID!, $tags: [String!]!) { tagDevice(id: $id, tags: $tags) { id tags } }`;
export const UNTAG_DEVICE = `mutation UntagDevice($id: ID!, $tags: [String!]!) { untagDevice(id: $id, tags: $tags) { id tags } }`;
export const DECOMMISSION_DEVICE = `mutation Decommission($id: ID!, $reason: String) { decommissionDevice(id: $id, reason: $reason) { id status } }`;

export interface ImportRow {
  name?: string; host?: string; port?: number; platform?: string; protocol?: string;
  credential?: string; credentialId?: string; tags?: string[]; line: number;
}
export interface ImportResult {
  dryRun: boolean; imported: number; unchanged: number; refused: number;
  errors: Array<{ row: number; line: number | null; field: string | null; reason: string }>;
  devices: Array<{ row: number; id: string | null; name: string; outcome: 'IMPORTED' | 'UNCHANGED' }>;
}
export const IMPORT_DEVICES = `mutation ImportDevices($input: ImportDevicesInput!) {
  importDevices(input: $input) { dryRun imported unchanged refused errors { row line field reason } devices { row id name outcome } }
}`;
export interface ImportDevicesData { importDevices: ImportResult }

export const REGISTER_DEVICE = `mutation RegisterDevice($input: RegisterDeviceInput!) { registerDevice(input: $input) { id name } }`;
export interface RegisterDeviceData { registerDevice: { id: string; name: string } }
export const UPDATE_DEVICE = `mutation UpdateDevice($id: ID!, $input: UpdateDeviceInput!) { updateDevice(id: $id, input: $input) { id name host port platform } }`;
