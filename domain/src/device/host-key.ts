import { HostKeyMismatchError, ValidationError } from '../shared/errors.js';
import type { PinHostKey, ResetHostKey } from './commands.js';
import type { DeviceHostKeyPinned, DeviceHostKeyReset } from './events.js';
import { requireActive, type DeviceState } from './state.js';

const FINGERPRINT = /^SHA256:[A-Za-z0-9+/]{43}=?$/;

/** The first key seen is pinned; the same key again changes nothing; a different key is refused. */
export const pinHostKey = (command: PinHostKey, state: DeviceState): DeviceHostKeyPinned[] => {
  const { deviceId, fingerprint } = command.data;
  if (!FINGERPRINT.test(fingerprint)) throw new ValidationError('fingerprint must be an OpenSSH SHA256 fingerprint');
  const device = requireActive(state);
  if (device.hostKeyFingerprint === fingerprint) return [];
  if (device.hostKeyFingerprint !== null) throw new HostKeyMismatchError(device.hostKeyFingerprint, fingerprint);
  return [{ type: 'DeviceHostKeyPinned', data: { deviceId, fingerprint, pinnedAt: command.metadata.now.toISOString() } }];
};

export const resetHostKey = (command: ResetHostKey, state: DeviceState): DeviceHostKeyReset[] => {
  const device = requireActive(state);
  if (device.hostKeyFingerprint === null) return [];
  return [
    {
      type: 'DeviceHostKeyReset',
      data: { deviceId: command.data.deviceId, previousFingerprint: device.hostKeyFingerprint, resetAt: command.metadata.now.toISOString() },
    },
  ];
};
