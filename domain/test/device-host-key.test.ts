import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import type { DeviceCommand, DeviceEvent, DeviceRegistered } from '../src/device/index.js';
import { deviceDecider } from '../src/device/index.js';
import { HostKeyMismatchError, IllegalStateError, ValidationError } from '../src/shared/errors.js';
import { AT, EARLIER, given, metadata } from './decider-spec.js';

const deviceId = 'edge-rtr-1';
const KEY_A = 'SHA256:' + 'a'.repeat(43);
const KEY_B = 'SHA256:' + 'b'.repeat(43);
const registered: DeviceRegistered = {
  type: 'DeviceRegistered',
  data: { deviceId, name: 'edge-rtr-1', host: '10.0.0.1', port: 22, platform: 'cisco_ios', credentialId: 'c1', protocol: 'ssh', tags: [], registeredAt: EARLIER },
};
const pinned = (fingerprint: string): DeviceEvent => ({ type: 'DeviceHostKeyPinned', data: { deviceId, fingerprint, pinnedAt: EARLIER } });
const pin = (fingerprint: string): DeviceCommand => ({ type: 'PinHostKey', data: { deviceId, fingerprint }, metadata });
const reset: DeviceCommand = { type: 'ResetHostKey', data: { deviceId }, metadata };

const FirstLogin = suite('Host key — before the first successful login');
FirstLogin('the first key seen is pinned', () =>
  given(deviceDecider, [registered]).when(pin(KEY_A)).then([{ type: 'DeviceHostKeyPinned', data: { deviceId, fingerprint: KEY_A, pinnedAt: AT } }]));
FirstLogin('a malformed fingerprint is refused', () =>
  given(deviceDecider, [registered]).when(pin('md5:aa:bb')).thenThrows(ValidationError, 'SHA256'));
FirstLogin('an unregistered device has no key to pin', () =>
  given(deviceDecider, []).when(pin(KEY_A)).thenThrows(IllegalStateError, 'not registered'));
FirstLogin('resetting a key that was never pinned changes nothing', () =>
  given(deviceDecider, [registered]).when(reset).thenNothingHappens());
FirstLogin.run();

const Pinned = suite('Host key — when pinned');
Pinned('the same key again changes nothing', () => given(deviceDecider, [registered, pinned(KEY_A)]).when(pin(KEY_A)).thenNothingHappens());
Pinned('a different key is refused as a mismatch naming both keys', () => {
  given(deviceDecider, [registered, pinned(KEY_A)]).when(pin(KEY_B)).thenThrows(IllegalStateError, `pinned ${KEY_A}, presented ${KEY_B}`);
  let error: unknown;
  try {
    deviceDecider.decide(pin(KEY_B), given(deviceDecider, [registered, pinned(KEY_A)]).state());
  } catch (caught) {
    error = caught;
  }
  assert.instance(error, HostKeyMismatchError);
});
Pinned('an operator reset records the old key, and the next login pins the new one', () => {
  given(deviceDecider, [registered, pinned(KEY_A)]).when(reset)
    .then([{ type: 'DeviceHostKeyReset', data: { deviceId, previousFingerprint: KEY_A, resetAt: AT } }]);
  const wasReset: DeviceEvent = { type: 'DeviceHostKeyReset', data: { deviceId, previousFingerprint: KEY_A, resetAt: EARLIER } };
  given(deviceDecider, [registered, pinned(KEY_A), wasReset])
    .when(pin(KEY_B)).then([{ type: 'DeviceHostKeyPinned', data: { deviceId, fingerprint: KEY_B, pinnedAt: AT } }]);
});
Pinned.run();
