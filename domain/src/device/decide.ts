import type { Decider } from '../shared/decider.js';
import { IllegalStateError, ValidationError } from '../shared/errors.js';
import { INPUT_LIMITS } from '../shared/validation.js';
import type {
  DecommissionDevice,
  DeviceCommand,
  RegisterDevice,
  TagDevice,
  UntagDevice,
  UpdateDevice,
} from './commands.js';
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
import { confirmCredential } from './credential-confirmation.js';
import { validateDecommissionDevice, validateRegisterDevice, validateTagDevice, validateUpdateDevice } from './validate.js';

export const register = (command: RegisterDevice, state: DeviceState): DeviceRegistered[] => {
  const { deviceId } = command.data;
  const { properties, tags } = validateRegisterDevice(command.data);

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
  const requested = validateUpdateDevice(command.data);
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
  const tags = validateTagDevice(command.data);
  const device = requireActive(state);

  const added = tags.filter((candidate) => !device.tags.includes(candidate));
  if (added.length === 0) return [];
  if (device.tags.length + added.length > INPUT_LIMITS.tagsPerDevice)
    throw new ValidationError(
      `a device carries at most ${INPUT_LIMITS.tagsPerDevice} tags: it has ${device.tags.length}, this adds ${added.length}`,
      'tags',
    );

  return [{ type: 'DeviceTagged', data: { deviceId, tags: added, taggedAt: command.metadata.now.toISOString() } }];
};

export const untag = (command: UntagDevice, state: DeviceState): DeviceUntagged[] => {
  const { deviceId } = command.data;
  const tags = validateTagDevice(command.data);
  const device = requireActive(state);

  const removed = tags.filter((candidate) => device.tags.includes(candidate));
  if (removed.length === 0) return [];

  return [
    { type: 'DeviceUntagged', data: { deviceId, tags: removed, untaggedAt: command.metadata.now.toISOString() } },
  ];
};

export const decommission = (command: DecommissionDevice, state: DeviceState): DeviceDecommissioned[] => {
  const { deviceId, reason } = command.data;
  validateDecommissionDevice(command.data);
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
    case 'ConfirmDeviceCredential':
      return confirmCredential(command, state);
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
