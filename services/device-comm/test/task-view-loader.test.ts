import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { freshTestDatabase } from '@netraven/infra/testing';
import { backupTaskView, openReadModels } from '@netraven/projections';
import { TaskViewLoader } from '../src/worker/task-view-loader.js';

test('task views asked for together are read in one statement, each as backupTaskView reads it; a missing device is undefined', async () => {
  const database = await freshTestDatabase('netraven_views');
  const db = await openReadModels(database.connectionString);
  const at = new Date(Date.UTC(2026, 10, 30, 12));
  const device = (id: string) => ({
    id, name: `rtr-${id}`, host: '10.0.0.1', port: 22, platform: 'cisco_ios', credential_id: 'c1', status: 'active' as const,
    registered_at: at, updated_at: at, last_job_id: null, last_backup_status: null, last_backup_at: null, last_error_category: null,
    last_snapshot_commit: null, hostname: null, model: null, serial: null, os_version: null, host_key_fingerprint: null, protocol: 'ssh',
    last_transient_failure_at: null, confirmed_credential_id: null,
  });
  let statements = 0;
  // Counts the statements the loader sends (a plugin sees every query of its Kysely instance).
  const counted = db.withPlugin({
    transformQuery: (args) => {
      statements += 1;
      return args.node;
    },
    transformResult: async (args) => args.result,
  });
  try {
    await db.insertInto('devices').values(['d1', 'd2', 'd3'].map(device)).execute();
    await db.insertInto('device_tags').values([{ device_id: 'd2', tag: 'core' }]).execute();
    const loader = new TaskViewLoader(counted);
    const views = await Promise.all(['d1', 'd2', 'missing', 'd3', 'd2'].map((id) => loader.load(id)));
    assert.is(statements, 1, 'one statement for the lot');
    assert.equal(views.map((v) => v?.device.id), ['d1', 'd2', undefined, 'd3', 'd2']);
    for (const id of ['d1', 'd2', 'd3']) assert.equal(views.find((v) => v?.device.id === id), await backupTaskView(db, id));
    assert.equal(views[1]?.device.tags, ['core']);
  } finally {
    await db.destroy();
    await database.drop();
  }
});

test.run();
