import type { DomainEvent } from '../shared/decider.js';

export const DEVICE_PROTOCOLS = ['ssh', 'telnet'] as const;
export type DeviceProtocol = (typeof DEVICE_PROTOCOLS)[number];

export interface DeviceProperties {
  name: string;
  host: string;
  port: number;
  /** Platform id from the device-comm catalog, e.g. `cisco_ios`. */
  platform: string;
  credentialId: string;
  /** How the device is reached; schema v2 of DeviceRegistered added it (v1 devices were all SSH). */
  protocol: DeviceProtocol;
}

export type DeviceRegistered = DomainEvent<
  'DeviceRegistered',
  DeviceProperties & { deviceId: string; tags: string[]; registeredAt: string }
>;
export type DeviceUpdated = DomainEvent<
  'DeviceUpdated',
  { deviceId: string; changes: Partial<DeviceProperties>; updatedAt: string }
>;
export type DeviceTagged = DomainEvent<'DeviceTagged', { deviceId: string; tags: string[]; taggedAt: string }>;
export type DeviceUntagged = DomainEvent<'DeviceUntagged', { deviceId: string; tags: string[]; untaggedAt: string }>;
export type DeviceDecommissioned = DomainEvent<
  'DeviceDecommissioned',
  { deviceId: string; reason: string; decommissionedAt: string }
>;

/** Trust on first use: the SSH host key seen at the first successful login. */
export type DeviceHostKeyPinned = DomainEvent<
  'DeviceHostKeyPinned',
  { deviceId: string; fingerprint: string; pinnedAt: string }
>;
/** An operator accepted that the device's host key changed (new hardware, re-keyed): the next login pins again. */
export type DeviceHostKeyReset = DomainEvent<
  'DeviceHostKeyReset',
  { deviceId: string; previousFingerprint: string; resetAt: string }
>;

/**
 * A backup logged in with this credential (the device's own or a tag credential it fell back to): the next
 * backup tries it first. Forgotten when the device's own credential changes.
 */
export type DeviceCredentialConfirmed = DomainEvent<
  'DeviceCredentialConfirmed',
  { deviceId: string; credentialId: string; jobId: string; confirmedAt: string }
>;

export type DeviceEvent =
  | DeviceRegistered
  | DeviceUpdated
  | DeviceTagged
  | DeviceUntagged
  | DeviceDecommissioned
  | DeviceHostKeyPinned
  | DeviceHostKeyReset
  | DeviceCredentialConfirmed;
