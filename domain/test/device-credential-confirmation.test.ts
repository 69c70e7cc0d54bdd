import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import type { DeviceCommand, DeviceEvent, DeviceRegistered } from '../src/device/index.js';
import { deviceDecider } from '../src/device/index.js';
import { IllegalStateError } from '../src/shared/errors.js';
import { AT, EARLIER, given, metadata } from './decider-spec.js';

const deviceId = 'edge-rtr-1';
const registered: DeviceRegistered = {
  type: 'DeviceRegistered',
  data: { deviceId, name: 'edge-rtr-1', host: '10.0.0.1', port: 22, platform: 'cisco_ios', credentialId: 'own', protocol: 'ssh', tags: ['core'], registeredAt: EARLIER },
};
const confirm = (credentialId: string): DeviceCommand => ({ type: 'ConfirmDeviceCredential', data: { deviceId, credentialId, jobId: 'job-1' }, metadata });
const updated = (changes: { credentialId?: string; name?: string }): DeviceEvent => ({ type: 'DeviceUpdated', data: { deviceId, changes, updatedAt: EARLIER } });
const confirmed = (credentialId: string): DeviceEvent => ({ type: 'DeviceCredentialConfirmed', data: { deviceId, credentialId, jobId: 'job-0', confirmedAt: EARLIER } });

const Remember = suite('Device — remembering the credential that worked');

Remember('a login with a credential is remembered for the next backup', () => {
  given(deviceDecider, [registered]).when(confirm('core-1'))
    .then([{ type: 'DeviceCredentialConfirmed', data: { deviceId, credentialId: 'core-1', jobId: 'job-1', confirmedAt: AT } }]);
});

Remember('the credential already remembered changes nothing', () => {
  given(deviceDecider, [registered, confirmed('core-1')]).when(confirm('core-1')).thenNothingHappens();
});

Remember('naming a new credential for the device forgets the remembered one', () => {
  const state = given(deviceDecider, [registered, confirmed('core-1'), updated({ credentialId: 'other' })]).state();
  assert.is(state.status === 'Active' && state.confirmedCredentialId, null);
  const renamed = given(deviceDecider, [registered, confirmed('core-1'), updated({ name: 'x' })]).state();
  assert.is(renamed.status === 'Active' && renamed.confirmedCredentialId, 'core-1');
});

Remember('a decommissioned device remembers nothing new', () => {
  given(deviceDecider, [registered, { type: 'DeviceDecommissioned', data: { deviceId, reason: 'gone', decommissionedAt: EARLIER } }])
    .when(confirm('core-1')).thenThrows(IllegalStateError, 'decommissioned');
});

Remember.run();
