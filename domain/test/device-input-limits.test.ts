import { suite } from 'uvu';
import type { DeviceCommand, DeviceProperties, DeviceRegistered } from '../src/device/index.js';
import { deviceDecider } from '../src/device/index.js';
import { AT, EARLIER, given, metadata } from './decider-spec.js';

const deviceId = 'core-sw-1';
const properties: DeviceProperties = {
  name: 'Core switch 1',
  host: 'core-sw-1.dc-east.example.net',
  port: 22,
  platform: 'cisco_ios',
  credentialId: 'cred-noc',
  protocol: 'ssh',
};
const register = (overrides: Record<string, unknown> = {}, tags: unknown = ['core']): DeviceCommand =>
  ({ type: 'RegisterDevice', data: { deviceId, ...properties, ...overrides, tags }, metadata }) as DeviceCommand;
const update = (changes: Record<string, unknown>): DeviceCommand =>
  ({ type: 'UpdateDevice', data: { deviceId, changes }, metadata }) as DeviceCommand;
const tag = (tags: string[]): DeviceCommand => ({ type: 'TagDevice', data: { deviceId, tags }, metadata });
const untag = (tags: string[]): DeviceCommand => ({ type: 'UntagDevice', data: { deviceId, tags }, metadata });
const decommission = (reason: unknown): DeviceCommand =>
  ({ type: 'DecommissionDevice', data: { deviceId, reason }, metadata }) as DeviceCommand;
const registered = (tags: string[] = ['core']): DeviceRegistered => ({
  type: 'DeviceRegistered',
  data: { deviceId, ...properties, tags, registeredAt: EARLIER },
});
const tagsNumbered = (count: number, prefix = 't'): string[] => Array.from({ length: count }, (_, i) => `${prefix}${i}`);

const Names = suite('Device input — names');

Names('a name of 255 characters is accepted, 256 is refused', () => {
  const longest = 'n'.repeat(255);
  given(deviceDecider, []).when(register({ name: longest }, [])).then([
    { type: 'DeviceRegistered', data: { deviceId, ...properties, name: longest, tags: [], registeredAt: AT } },
  ]);
  given(deviceDecider, []).when(register({ name: 'n'.repeat(256) })).thenRefusesField('name', 'at most 255');
});

Names('a megabyte of name is refused without echoing it back', () => {
  given(deviceDecider, []).when(register({ name: 'x'.repeat(1024 * 1024) })).thenRefusesField('name', 'got 1048576');
});

Names('control characters in a name are refused: NUL, escape, line breaks', () => {
  for (const name of ['sw\u00001', 'sw\u001b[31m', 'sw\n1', 'sw\u007f']) {
    given(deviceDecider, []).when(register({ name })).thenRefusesField('name', 'control characters');
  }
});

Names('unicode names are fine, half a surrogate pair is not', () => {
  given(deviceDecider, []).when(register({ name: 'Zürich core 🛰' }, [])).then([
    { type: 'DeviceRegistered', data: { deviceId, ...properties, name: 'Zürich core 🛰', tags: [], registeredAt: AT } },
  ]);
  given(deviceDecider, []).when(register({ name: 'sw\ud800' })).thenRefusesField('name', 'Unicode');
});

Names('a name of the wrong type is refused, not stored', () => {
  for (const name of [42, null, { nested: 'garbage' }, ['a']]) {
    given(deviceDecider, []).when(register({ name })).thenRefusesField('name');
  }
});

Names('a rename is held to the same rules', () => {
  given(deviceDecider, [registered()]).when(update({ name: 'n'.repeat(256) })).thenRefusesField('name');
  given(deviceDecider, [registered()]).when(update({ name: 'a\tb' })).thenRefusesField('name');
});

const Hosts = suite('Device input — hosts');

for (const host of ['10.0.0.1', '255.255.255.255', 'sw1', 'core-sw-1.dc-east.example.net', 'fqdn.example.', '2001:db8::1', '::1', '::ffff:192.0.2.1', 'fe80:0:0:0:0:0:0:1']) {
  Hosts(`${host} is a host a device can be reached at`, () => {
    given(deviceDecider, []).when(register({ host }, [])).then([
      { type: 'DeviceRegistered', data: { deviceId, ...properties, host, tags: [], registeredAt: AT } },
    ]);
  });
}

for (const host of ['; rm -rf /', '$(reboot)', 'sw 1', '-sw1', 'sw1-', 'sw_1', '999.1.1.1', '10.0.0', 'a..b', 'http://sw1', '2001:db8:::1', '1:2:3:4:5:6:7:8:9', 'sw1\u0000']) {
  Hosts(`${JSON.stringify(host)} is refused as a host`, () => {
    given(deviceDecider, []).when(register({ host })).thenRefusesField('host');
  });
}

Hosts('a hostname longer than 253 characters is refused, even made of valid labels', () => {
  const label = 'a'.repeat(63);
  given(deviceDecider, []).when(register({ host: [label, label, label, label].join('.') })).thenRefusesField('host', 'at most 253');
});

Hosts('a label longer than 63 characters is refused', () => {
  given(deviceDecider, []).when(register({ host: `${'a'.repeat(64)}.example.net` })).thenRefusesField('host');
});

Hosts('an update to an unsafe host is refused', () => {
  given(deviceDecider, [registered()]).when(update({ host: '; rm -rf /' })).thenRefusesField('host');
});

const Ports = suite('Device input — ports, platform, credential');

for (const port of [0, -1, 65536, 1.5, '22', null]) {
  Ports(`port ${JSON.stringify(port)} is refused`, () => {
    given(deviceDecider, []).when(register({ port })).thenRefusesField('port', 'from 1 to 65535');
  });
}

Ports('an overlong platform or credential id is refused', () => {
  given(deviceDecider, []).when(register({ platform: 'p'.repeat(65) })).thenRefusesField('platform');
  given(deviceDecider, []).when(register({ credentialId: 'c'.repeat(256) })).thenRefusesField('credentialId');
});

const Tags = suite('Device input — tags');

Tags('a tag of 64 characters is accepted, 65 is refused', () => {
  given(deviceDecider, []).when(register({}, ['t'.repeat(64)])).then([
    { type: 'DeviceRegistered', data: { deviceId, ...properties, tags: ['t'.repeat(64)], registeredAt: AT } },
  ]);
  given(deviceDecider, []).when(register({}, ['t'.repeat(65)])).thenRefusesField('tags', 'at most 64');
});

Tags('a device registers with at most 64 distinct tags', () => {
  given(deviceDecider, []).when(register({}, tagsNumbered(65))).thenRefusesField('tags', 'at most 64 tags');
  given(deviceDecider, []).when(register({}, tagsNumbered(100_000))).thenRefusesField('tags', 'got 100000');
});

Tags('the same tag repeated counts once', () => {
  given(deviceDecider, []).when(register({}, Array.from({ length: 200 }, () => 'core'))).then([
    { type: 'DeviceRegistered', data: { deviceId, ...properties, tags: ['core'], registeredAt: AT } },
  ]);
});

Tags('tags with control characters or of the wrong type are refused', () => {
  given(deviceDecider, []).when(register({}, ['ok', 'bad\u0000'])).thenRefusesField('tags', 'control characters');
  given(deviceDecider, []).when(register({}, 'core')).thenRefusesField('tags', 'must be a list');
  given(deviceDecider, []).when(register({}, [{ nested: 1 }])).thenRefusesField('tags');
});

Tags('tagging cannot take a device past 64 tags', () => {
  given(deviceDecider, [registered(tagsNumbered(60))]).when(tag(tagsNumbered(5, 'new'))).thenRefusesField('tags', 'it has 60, this adds 5');
  given(deviceDecider, [registered(tagsNumbered(60))]).when(tag(tagsNumbered(4, 'new'))).then([
    { type: 'DeviceTagged', data: { deviceId, tags: tagsNumbered(4, 'new'), taggedAt: AT } },
  ]);
});

Tags('tags it already has do not count twice', () => {
  given(deviceDecider, [registered(tagsNumbered(64))]).when(tag(['t0', 't1'])).thenNothingHappens();
});

Tags('untagging is held to the same tag rules', () => {
  given(deviceDecider, [registered()]).when(untag(['x'.repeat(65)])).thenRefusesField('tags');
  given(deviceDecider, [registered()]).when(untag(tagsNumbered(65))).thenRefusesField('tags');
});

const Reasons = suite('Device input — decommission reason');

Reasons('a reason may span lines but is bounded and printable', () => {
  given(deviceDecider, [registered()]).when(decommission('replaced\nby core-sw-2')).then([
    { type: 'DeviceDecommissioned', data: { deviceId, reason: 'replaced\nby core-sw-2', decommissionedAt: AT } },
  ]);
  given(deviceDecider, [registered()]).when(decommission('r'.repeat(1025))).thenRefusesField('reason', 'at most 1024');
  given(deviceDecider, [registered()]).when(decommission('bad\u0000')).thenRefusesField('reason');
  given(deviceDecider, [registered()]).when(decommission(7)).thenRefusesField('reason');
});

Names.run();
Hosts.run();
Ports.run();
Tags.run();
Reasons.run();
