import type { Decider } from '../shared/decider.js';
import { IllegalStateError, ValidationError } from '../shared/errors.js';
import { normalizeTags } from '../shared/tags.js';
import { requireText } from '../shared/validation.js';
import type {
  DecommissionDevice,
  DeviceCommand,
  RegisterDevice,
  TagDevice,
  UntagDevice,
  UpdateDevice,
} from './commands.js';
import { DEVICE_PROTOCOLS } from './events.js';
import type {
  DeviceDecommissioned,
  DeviceEvent,
  DeviceProperties,
  DeviceRegistered,
  DeviceTagged,
  DeviceUntagged,
  DeviceUpdated,
} from './events.js';
import { evolve, initialState, requireActive, type DeviceState } from './state.js';
import { pinHostKey, resetHostKey } from './host-key.js';

const PROPERTY_KEYS = ['name', 'host', 'port', 'platform', 'credentialId', 'protocol'] as const satisfies readonly (
  keyof DeviceProperties
)[];

const validateProperty = (key: keyof DeviceProperties, value: unknown): void => {
  if (key === 'protocol') {
    if (!(DEVICE_PROTOCOLS as readonly unknown[]).includes(value)) throw new ValidationError(`protocol must be one of ${DEVICE_PROTOCOLS.join(', ')}`);
    return;
  }
  if (key !== 'port') return requireText(value, key);
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 1 || value > 65535)
    throw new ValidationError('port must be an integer from 1 to 65535');
};


export const register = (command: RegisterDevice, state: DeviceState): DeviceRegistered[] => {
  const { deviceId, name, host, port, platform, credentialId } = command.data;
  requireText(deviceId, 'deviceId');
  const properties: DeviceProperties = { name, host, port, platform, credentialId, protocol: command.data.protocol ?? 'ssh' };
  PROPERTY_KEYS.forEach((key) => validateProperty(key, properties[key]));
  const tags = normalizeTags(command.data.tags);

  if (state.status === 'Active') throw new IllegalStateError('Device is already registered');
  if (state.status === 'Decommissioned') throw new IllegalStateError('Device is decommissioned');

  return [
    {
      type: 'DeviceRegistered',
      data: { deviceId, ...properties, tags, registeredAt: command.metadata.now.toISOString() },
    },
  ];
};

export const update = (command: UpdateDevice, state: DeviceState): DeviceUpdated[] => {
  const { deviceId, changes } = command.data;
  const requested = PROPERTY_KEYS.filter((key) => changes[key] !== undefined);
  requested.forEach((key) => validateProperty(key, changes[key]));
  const device = requireActive(state);

  // Only real differences are recorded, so re-saving an unchanged form leaves no trace in the history.
  const differing = requested.filter((key) => changes[key] !== device.properties[key]);
  if (differing.length === 0) return [];

  const changed: Partial<DeviceProperties> = Object.fromEntries(differing.map((key) => [key, changes[key]]));
  return [
    { type: 'DeviceUpdated', data: { deviceId, changes: changed, updatedAt: command.metadata.now.toISOString() } },
  ];
};

export const tag = (command: TagDevice, state: DeviceState): DeviceTagged[] => {
  const { deviceId } = command.data;
  const tags = normalizeTags(command.data.tags);
  const device = requireActive(state);

  const added = tags.filter((candidate) => !device.tags.includes(candidate));
  if (added.length === 0) return [];

  return [{ type: 'DeviceTagged', data: { deviceId, tags: added, taggedAt: command.metadata.now.toISOString() } }];
};

export const untag = (command: UntagDevice, state: DeviceState): DeviceUntagged[] => {
  const { deviceId } = command.data;
  const tags = normalizeTags(command.data.tags);
  const device = requireActive(state);

  const removed = tags.filter((candidate) => device.tags.includes(candidate));
  if (removed.length === 0) return [];

  return [
    { type: 'DeviceUntagged', data: { deviceId, tags: removed, untaggedAt: command.metadata.now.toISOString() } },
  ];
};

export const decommission = (command: DecommissionDevice, state: DeviceState): DeviceDecommissioned[] => {
  const { deviceId, reason } = command.data;
  requireActive(state);

  return [
    {
      type: 'DeviceDecommissioned',
      data: { deviceId, reason, decommissionedAt: command.metadata.now.toISOString() },
    },
  ];
};

export const decide = (command: DeviceCommand, state: DeviceState): DeviceEvent[] => {
  switch (command.type) {
    case 'RegisterDevice':
      return register(command, state);
    case 'UpdateDevice':
      return update(command, state);
    case 'TagDevice':
      return tag(command, state);
    case 'UntagDevice':
      return untag(command, state);
    case 'DecommissionDevice':
      return decommission(command, state);
    case 'PinHostKey':
      return pinHostKey(command, state);
    case 'ResetHostKey':
      return resetHostKey(command, state);
    default: {
      const _exhaustive: never = command;
      throw new ValidationError(`Unknown device command ${(command as { type: string }).type}`);
    }
  }
};

export const deviceDecider: Decider<DeviceCommand, DeviceEvent, DeviceState> = {
  decide,
  evolve,
  initialState,
  streamName: (deviceId) => `device-${deviceId}`,
};
