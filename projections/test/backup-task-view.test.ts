import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { deviceDecider } from '@netraven/domain';
import { eventually } from '@netraven/infra/testing';
import { backupTaskView, backupTaskViews, credentialCandidates, effectiveBackupPolicy, findDevice } from '../src/index.js';
import { openReadModelFixture, type ReadModelFixture } from './read-model-fixture.js';

// The worker reads a task's device, policies and candidate credentials in one statement: it must see what
// findDevice, effectiveBackupPolicy and credentialCandidates (four statements) see.

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
  const at = new Date(Date.UTC(2026, 10, 30, 9, 0, 0, 456));
  const credential = (id: string, tags: string[], deleted: boolean) => ({
    id, name: `cred-${id}`, username: 'netops', secret_ref: `ref-${id}`, fingerprint: `fp-${id}`, created_at: at, updated_at: at,
    deleted_at: deleted ? at : null, tags, priority: tags.length, success_count: 3, failure_count: 1, last_used_at: id === 'c1' ? at : null,
  });
  await fx.db.insertInto('credentials').values([
    credential('c1', [], false), credential('c-core', ['core'], false), credential('c-gone', ['edge'], true), credential('c-other', ['lab'], false),
  ]).onConflict((oc) => oc.column('id').doNothing()).execute();

  for (const id of ['d1', 'd2']) {
    const view = await backupTaskView(fx.db, id);
    const device = await findDevice(fx.db, id);
    assert.equal(view?.device, device);
    assert.equal(view?.policy, await effectiveBackupPolicy(fx.db, id, device!.tags));
    const candidates = await credentialCandidates(fx.db, { credentialIds: [device!.credential_id], tags: device!.tags });
    assert.equal(view?.credentials, candidates.sort((a, b) => a.id.localeCompare(b.id)));
  }
  const d1 = await backupTaskView(fx.db, 'd1');
  assert.equal(d1?.device.tags, ['core', 'edge']);
  assert.equal(d1?.policy.sources.map((p) => `${p.scope_kind}:${p.scope_value}`), ['device:d1', 'tag:core', 'tag:edge']);
  assert.is(d1?.policy.staleAfterHours, 12);
  assert.equal(d1?.credentials.map((c) => c.id), ['c-core', 'c1']);
  assert.is(await backupTaskView(fx.db, 'missing'), undefined);
  const many = await backupTaskViews(fx.db, ['d2', 'missing', 'd1', 'd2']);
  assert.equal([...many.keys()].sort(), ['d1', 'd2']);
  for (const id of ['d1', 'd2']) assert.equal(many.get(id), await backupTaskView(fx.db, id));
});

it.run();
