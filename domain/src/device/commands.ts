import type { Command } from '../shared/decider.js';
import type { DeviceProperties } from './events.js';

export type RegisterDevice = Command<
  'RegisterDevice',
  Omit<DeviceProperties, 'protocol'> & { protocol?: DeviceProperties['protocol']; deviceId: string; tags: string[] }
>;
export type UpdateDevice = Command<'UpdateDevice', { deviceId: string; changes: Partial<DeviceProperties> }>;
export type TagDevice = Command<'TagDevice', { deviceId: string; tags: string[] }>;
export type UntagDevice = Command<'UntagDevice', { deviceId: string; tags: string[] }>;
export type DecommissionDevice = Command<'DecommissionDevice', { deviceId: string; reason: string }>;

export type PinHostKey = Command<'PinHostKey', { deviceId: string; fingerprint: string }>;
export type ResetHostKey = Command<'ResetHostKey', { deviceId: string }>;

export type ConfirmDeviceCredential = Command<'ConfirmDeviceCredential', { deviceId: string; credentialId: string; jobId: string }>;

export type DeviceCommand =
  | RegisterDevice
  | UpdateDevice
  | TagDevice
  | UntagDevice
  | DecommissionDevice
  | PinHostKey
  | ResetHostKey
  | ConfirmDeviceCredential;
