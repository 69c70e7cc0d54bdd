import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { EventSchemaRegistry, NETRAVEN_EVENT_SCHEMAS } from '../src/index.js';

test('a v1 DeviceBackupFailed reads as v2: transient follows from the category', () => {
  const v1 = { jobId: 'j', deviceId: 'd', category: 'timeout', message: 'no prompt', failedAt: '2026-01-01T00:00:00.000Z' };
  assert.equal(NETRAVEN_EVENT_SCHEMAS.upcast('DeviceBackupFailed', 1, v1), { ...v1, transient: true });
  assert.equal(NETRAVEN_EVENT_SCHEMAS.upcast('DeviceBackupFailed', 1, { ...v1, category: 'auth' }), { ...v1, category: 'auth', transient: false });
  assert.is(NETRAVEN_EVENT_SCHEMAS.currentVersion('DeviceBackupFailed'), 2);
});

test('current-version events and unversioned types pass through unchanged', () => {
  const v2 = { category: 'auth', transient: false };
  assert.is(NETRAVEN_EVENT_SCHEMAS.upcast('DeviceBackupFailed', 2, v2), v2);
  assert.is(NETRAVEN_EVENT_SCHEMAS.currentVersion('DeviceTagged'), 1);
});

test('a v1 DeviceRegistered reads as v2: devices registered before Telnet support are SSH devices', () => {
  const v1 = { deviceId: 'd', name: 'r1', host: '10.0.0.1', port: 22, platform: 'cisco_ios', credentialId: 'c', tags: [], registeredAt: 'x' };
  assert.equal(NETRAVEN_EVENT_SCHEMAS.upcast('DeviceRegistered', 1, v1), { ...v1, protocol: 'ssh' });
  assert.is(NETRAVEN_EVENT_SCHEMAS.currentVersion('DeviceRegistered'), 2);
});

test('upcasters chain through every version in order', () => {
  const registry = new EventSchemaRegistry([
    { type: 'X', version: 3, upcasters: { 1: (d) => ({ ...d, b: 1 }), 2: (d) => ({ ...d, c: Number(d.b) + 1 }) } },
  ]);
  assert.equal(registry.upcast('X', 1, { a: 0 }), { a: 0, b: 1, c: 2 });
  assert.equal(registry.upcast('X', 2, { b: 5 }), { b: 5, c: 6 });
});

test('a v1 CredentialCreated reads as v2: no tags, the default priority', () => {
  const v1 = { credentialId: 'c', name: 'n', username: 'u', secretRef: 'r', fingerprint: 'f', createdAt: '2025-01-01T00:00:00.000Z' };
  assert.equal(NETRAVEN_EVENT_SCHEMAS.upcast('CredentialCreated', 1, v1), { ...v1, tags: [], priority: 100 });
  assert.is(NETRAVEN_EVENT_SCHEMAS.currentVersion('CredentialCreated'), 2);
});

test('a schema with a missing upcaster is refused at start-up', () => {
  assert.throws(() => new EventSchemaRegistry([{ type: 'Y', version: 3, upcasters: { 1: (d) => d } }]), /no upcaster from schema version 2/);
});

test.run();
