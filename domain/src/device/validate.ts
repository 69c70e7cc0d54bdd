import { ValidationError } from '../shared/errors.js';
import { requireHost } from '../shared/host-address.js';
import { normalizeTags } from '../shared/tags.js';
import { INPUT_LIMITS, requireFreeText, requireId, requireLabel, requireName, requirePort } from '../shared/validation.js';
import type { DecommissionDevice, RegisterDevice, TagDevice, UpdateDevice } from './commands.js';
import { DEVICE_PROTOCOLS, type DeviceProperties } from './events.js';

/**
 * The rules on a device command's data, whatever the device's state. The deciders apply them;
 * the use cases call the same functions before any I/O, so a refused request touches nothing.
 */
const PROPERTY_RULES: { readonly [K in keyof DeviceProperties]-?: (value: unknown) => unknown } = {
  name: (value) => requireName(value),
  host: requireHost,
  port: requirePort,
  platform: (value) => requireLabel(value, 'platform', INPUT_LIMITS.platformLength),
  credentialId: (value) => requireId(value, 'credentialId'),
  protocol: (value) => {
    if (!(DEVICE_PROTOCOLS as readonly unknown[]).includes(value))
      throw new ValidationError(`protocol must be one of ${DEVICE_PROTOCOLS.join(', ')}`, 'protocol');
  },
};

export const DEVICE_PROPERTY_KEYS = Object.keys(PROPERTY_RULES) as readonly (keyof DeviceProperties)[];

/** The registration's properties (protocol defaulted to SSH) and its tags in canonical form. */
export const validateRegisterDevice = (data: RegisterDevice['data']): { properties: DeviceProperties; tags: string[] } => {
  requireId(data.deviceId, 'deviceId');
  const { name, host, port, platform, credentialId } = data;
  const properties: DeviceProperties = { name, host, port, platform, credentialId, protocol: data.protocol ?? 'ssh' };
  DEVICE_PROPERTY_KEYS.forEach((key) => PROPERTY_RULES[key](properties[key]));
  return { properties, tags: normalizeTags(data.tags) };
};

/** The properties an update names (those given as undefined are left alone). */
export const validateUpdateDevice = (data: UpdateDevice['data']): (keyof DeviceProperties)[] => {
  requireId(data.deviceId, 'deviceId');
  const requested = DEVICE_PROPERTY_KEYS.filter((key) => data.changes[key] !== undefined);
  requested.forEach((key) => PROPERTY_RULES[key](data.changes[key]));
  return requested;
};

/** Tagging and untagging: the tags in canonical form. */
export const validateTagDevice = (data: TagDevice['data']): string[] => {
  requireId(data.deviceId, 'deviceId');
  return normalizeTags(data.tags);
};

export const validateDecommissionDevice = (data: DecommissionDevice['data']): void => {
  requireId(data.deviceId, 'deviceId');
  requireFreeText(data.reason, 'reason', INPUT_LIMITS.reasonLength);
};
