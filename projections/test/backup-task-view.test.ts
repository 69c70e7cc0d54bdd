import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { deviceDecider } from '@netraven/domain';
import { eventually } from '@netraven/infra/testing';
import { backupTaskView, effectiveBackupPolicy, findDevice } from '../src/index.js';
import { openReadModelFixture, type ReadModelFixture } from './read-model-fixture.js';

// The worker reads a task's device and policies in one statement: it must see what findDevice and
// effectiveBackupPolicy (three statements) see.

const it = suite<{ fx: ReadModelFixture }>('backup task view: the device and its policies in one statement');
it.before(async (ctx) => {
  ctx.fx = await openReadModelFixture();
});
it.after(async (ctx) => {
  await ctx.fx.dispose();
});

const policy = (scope_kind: 'tag' | 'device', scope_value: string, volatile: string[], secrets: string[], stale_after_hours: number | null) => ({
  scope_kind, scope_value, volatile: JSON.stringify(volatile), secrets: JSON.stringify(secrets), stale_after_hours,
  updated_at: new Date(Date.UTC(2026, 10, 30, 12, 0, 0, 123)), updated_by: 'user:alice',
});

it('device, tags and merged policies equal the separate reads', async ({ fx }) => {
  const register = (deviceId: string, tags: string[]) => fx.send(deviceDecider, deviceId, 'RegisterDevice', {
    deviceId, name: `rtr-${deviceId}`, host: '10.0.0.1', port: 22, platform: 'cisco_ios', credentialId: 'c1', tags,
  });
  await register('d1', ['edge', 'core']);
  await register('d2', []);
  await eventually('both devices projected', async () => ((await findDevice(fx.db, 'd2')) ? true : undefined));
  await fx.db.insertInto('backup_policies').values([
    policy('tag', 'core', ['^! Last change'], [], 48),
    policy('tag', 'edge', ['^ntp clock-period'], ['^snmp-server community'], null),
    policy('tag', 'other', ['^never'], [], 1),
    policy('device', 'd1', [], ['^username'], 12),
    policy('device', 'd2', ['^! Time'], [], null),
  ]).execute();

  for (const id of ['d1', 'd2']) {
    const view = await backupTaskView(fx.db, id);
    const device = await findDevice(fx.db, id);
    assert.equal(view?.device, device);
    assert.equal(view?.policy, await effectiveBackupPolicy(fx.db, id, device!.tags));
  }
  const d1 = await backupTaskView(fx.db, 'd1');
  assert.equal(d1?.device.tags, ['core', 'edge']);
  assert.equal(d1?.policy.sources.map((p) => `${p.scope_kind}:${p.scope_value}`), ['device:d1', 'tag:core', 'tag:edge']);
  assert.is(d1?.policy.staleAfterHours, 12);
  assert.is(await backupTaskView(fx.db, 'missing'), undefined);
});

it.run();
