import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import type { DeviceCommand, DeviceProperties, DeviceRegistered } from '../src/device/index.js';
import { deviceDecider } from '../src/device/index.js';
import { IllegalStateError, ValidationError } from '../src/shared/errors.js';
import { AT, EARLIER, given, metadata } from './decider-spec.js';

const deviceId = 'core-sw-1';
const properties: DeviceProperties = {
  name: 'Core switch 1',
  host: '10.0.0.1',
  port: 22,
  platform: 'cisco_ios',
  credentialId: 'cred-noc',
  protocol: 'ssh',
};

const register = (overrides: Partial<DeviceProperties> = {}, tags: string[] = ['core']): DeviceCommand => ({
  type: 'RegisterDevice',
  data: { deviceId, ...properties, ...overrides, tags },
  metadata,
});
const update = (changes: Partial<DeviceProperties>): DeviceCommand => ({
  type: 'UpdateDevice',
  data: { deviceId, changes },
  metadata,
});
const tag = (...tags: string[]): DeviceCommand => ({ type: 'TagDevice', data: { deviceId, tags }, metadata });
const untag = (...tags: string[]): DeviceCommand => ({ type: 'UntagDevice', data: { deviceId, tags }, metadata });
const decommission: DeviceCommand = {
  type: 'DecommissionDevice',
  data: { deviceId, reason: 'replaced by core-sw-2' },
  metadata,
};

const registered: DeviceRegistered = {
  type: 'DeviceRegistered',
  data: { deviceId, ...properties, tags: ['core', 'dc-east'], registeredAt: EARLIER },
};
const decommissioned = {
  type: 'DeviceDecommissioned',
  data: { deviceId, reason: 'replaced', decommissionedAt: EARLIER },
} as const;

const Fresh = suite('Device — when fresh');

Fresh('registering records the device with its tags trimmed, de-duplicated and sorted', () => {
  given(deviceDecider, [])
    .when(register({}, [' dc-east', 'core ', 'core', 'access']))
    .then([
      {
        type: 'DeviceRegistered',
        data: { deviceId, ...properties, tags: ['access', 'core', 'dc-east'], registeredAt: AT },
      },
    ]);
});

Fresh('registering keeps the case of tags as typed', () => {
  given(deviceDecider, [])
    .when(register({}, ['Core']))
    .then([{ type: 'DeviceRegistered', data: { deviceId, ...properties, tags: ['Core'], registeredAt: AT } }]);
});

Fresh('an empty or blank tag is refused', () => {
  given(deviceDecider, []).when(register({}, ['core', '  '])).thenThrows(ValidationError, 'tag');
});

for (const field of ['name', 'host', 'platform', 'credentialId'] as const) {
  Fresh(`a blank ${field} is refused`, () => {
    given(deviceDecider, []).when(register({ [field]: ' ' })).thenThrows(ValidationError, field);
  });
}

for (const port of [0, 65536, 22.5, Number.NaN]) {
  Fresh(`port ${port} is refused`, () => {
    given(deviceDecider, []).when(register({ port })).thenThrows(ValidationError, 'port');
  });
}

Fresh('ports 1 and 65535 are accepted', () => {
  for (const port of [1, 65535]) {
    given(deviceDecider, [])
      .when(register({ port }, []))
      .then([{ type: 'DeviceRegistered', data: { deviceId, ...properties, port, tags: [], registeredAt: AT } }]);
  }
});

Fresh('an unknown device cannot be updated, tagged, untagged or decommissioned', () => {
  for (const command of [update({ host: '10.0.0.2' }), tag('lab'), untag('core'), decommission]) {
    given(deviceDecider, []).when(command).thenThrows(IllegalStateError, 'not registered');
  }
});

Fresh('a device is reached over SSH unless Telnet is asked for; other protocols are refused', () => {
  const telnet: DeviceCommand = { type: 'RegisterDevice', data: { deviceId, ...properties, protocol: 'telnet', tags: [] }, metadata };
  given(deviceDecider, []).when(telnet).then([
    { type: 'DeviceRegistered', data: { deviceId, ...properties, protocol: 'telnet', tags: [], registeredAt: AT } },
  ]);
  const { protocol: _omitted, ...withoutProtocol } = properties;
  const defaulted: DeviceCommand = { type: 'RegisterDevice', data: { deviceId, ...withoutProtocol, tags: [] }, metadata };
  given(deviceDecider, []).when(defaulted).then([
    { type: 'DeviceRegistered', data: { deviceId, ...properties, protocol: 'ssh', tags: [], registeredAt: AT } },
  ]);
  const rsh = { type: 'RegisterDevice', data: { deviceId, ...properties, protocol: 'rsh', tags: [] }, metadata } as unknown as DeviceCommand;
  given(deviceDecider, []).when(rsh).thenThrows(ValidationError, 'protocol must be one of ssh, telnet');
});

const Registered = suite('Device — when registered');

Registered('registering again is refused', () => {
  given(deviceDecider, [registered]).when(register()).thenThrows(IllegalStateError, 'already registered');
});

Registered('an update records only the fields that really change', () => {
  given(deviceDecider, [registered])
    .when(update({ name: properties.name, host: '10.0.0.2', port: 22, platform: 'cisco_nxos' }))
    .then([
      {
        type: 'DeviceUpdated',
        data: { deviceId, changes: { host: '10.0.0.2', platform: 'cisco_nxos' }, updatedAt: AT },
      },
    ]);
});

Registered('an update that changes nothing records nothing', () => {
  given(deviceDecider, [registered]).when(update({ ...properties })).thenNothingHappens();
});

Registered('an update is validated like a registration', () => {
  given(deviceDecider, [registered]).when(update({ host: '' })).thenThrows(ValidationError, 'host');
  given(deviceDecider, [registered]).when(update({ port: 70000 })).thenThrows(ValidationError, 'port');
  given(deviceDecider, [registered]).when(update({ credentialId: '' })).thenThrows(ValidationError, 'credentialId');
});

Registered('tagging adds only tags the device does not have yet', () => {
  given(deviceDecider, [registered])
    .when(tag('core', ' wan ', 'branch'))
    .then([{ type: 'DeviceTagged', data: { deviceId, tags: ['branch', 'wan'], taggedAt: AT } }]);
});

Registered('tagging with tags already present records nothing', () => {
  given(deviceDecider, [registered]).when(tag('core', 'dc-east ')).thenNothingHappens();
});

Registered('tagging with a blank tag is refused', () => {
  given(deviceDecider, [registered]).when(tag('')).thenThrows(ValidationError, 'tag');
});

Registered('untagging removes only tags the device has', () => {
  given(deviceDecider, [registered])
    .when(untag('dc-east', 'lab'))
    .then([{ type: 'DeviceUntagged', data: { deviceId, tags: ['dc-east'], untaggedAt: AT } }]);
});

Registered('untagging tags the device does not have records nothing', () => {
  given(deviceDecider, [registered]).when(untag('lab')).thenNothingHappens();
});

Registered('decommissioning records the reason', () => {
  given(deviceDecider, [registered])
    .when(decommission)
    .then([
      { type: 'DeviceDecommissioned', data: { deviceId, reason: 'replaced by core-sw-2', decommissionedAt: AT } },
    ]);
});

const Decommissioned = suite('Device — when decommissioned');

Decommissioned('decommissioning a second time is refused', () => {
  given(deviceDecider, [registered, decommissioned]).when(decommission).thenThrows(IllegalStateError, 'decommissioned');
});

Decommissioned('every other command is refused', () => {
  for (const command of [register(), update({ host: '10.0.0.2' }), tag('lab'), untag('core')]) {
    given(deviceDecider, [registered, decommissioned]).when(command).thenThrows(IllegalStateError, 'decommissioned');
  }
});

const Replay = suite('Device — replaying history');

Replay('evolve rebuilds properties and tags from the full history', () => {
  const state = given(deviceDecider, [
    registered,
    { type: 'DeviceUpdated', data: { deviceId, changes: { host: '10.0.0.9', port: 2222 }, updatedAt: EARLIER } },
    { type: 'DeviceTagged', data: { deviceId, tags: ['wan'], taggedAt: EARLIER } },
    { type: 'DeviceUntagged', data: { deviceId, tags: ['core'], untaggedAt: EARLIER } },
  ]).state();
  assert.equal(state, {
    status: 'Active',
    deviceId,
    properties: { ...properties, host: '10.0.0.9', port: 2222 },
    tags: ['dc-east', 'wan'],
    hostKeyFingerprint: null,
    confirmedCredentialId: null,
  });
});

Replay('the stream is named after the device', () => {
  assert.is(deviceDecider.streamName(deviceId), 'device-core-sw-1');
});

Fresh.run();
Registered.run();
Decommissioned.run();
Replay.run();
