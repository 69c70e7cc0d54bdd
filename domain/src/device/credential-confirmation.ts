import { requireId } from '../shared/validation.js';
import type { ConfirmDeviceCredential } from './commands.js';
import type { DeviceCredentialConfirmed } from './events.js';
import { requireActive, type DeviceState } from './state.js';

/** Remembers the credential a backup logged in with; the one already remembered changes nothing. */
export const confirmCredential = (command: ConfirmDeviceCredential, state: DeviceState): DeviceCredentialConfirmed[] => {
  const { deviceId, credentialId, jobId } = command.data;
  requireId(credentialId, 'credentialId');
  requireId(jobId, 'jobId');
  const device = requireActive(state);
  if (device.confirmedCredentialId === credentialId) return [];
  return [{ type: 'DeviceCredentialConfirmed', data: { deviceId, credentialId, jobId, confirmedAt: command.metadata.now.toISOString() } }];
};
