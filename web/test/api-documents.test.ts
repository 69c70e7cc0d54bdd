import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { parse } from 'graphql';
import { changeRows, changeStatsQuery, type ChangesData } from '../src/api/configs.js';

const job = (id: string, devices: ChangesData['jobs']['nodes'][number]['devices']['nodes']): ChangesData['jobs']['nodes'][number] => ({
  id, scheduledAt: '2026-11-30T10:00:00.000Z', requestedBy: 'user:admin', schedule: null, devices: { nodes: devices },
});

// The documents the Changes page builds (pure functions of `web/src/api/configs.ts`).
test('the changes feed keeps only devices whose backup changed the config, newest job first', () => {
  const data: ChangesData = { jobs: { nodes: [
    job('j2', [
      { deviceId: 'd1', device: { id: 'd1', name: 'r1' }, changed: true, commit: 'c2', finishedAt: '2026-11-30T10:00:05.000Z' },
      { deviceId: 'd2', device: { id: 'd2', name: 'r2' }, changed: false, commit: 'c9', finishedAt: '2026-11-30T10:00:05.000Z' },
      { deviceId: 'd3', device: null, changed: null, commit: null, finishedAt: null },
    ]),
    job('j1', [{ deviceId: 'd1', device: { id: 'd1', name: 'r1' }, changed: true, commit: 'c1', finishedAt: '2026-11-29T10:00:05.000Z' }]),
  ] } };
  assert.equal(changeRows(data).map((r) => `${r.jobId}/${r.deviceName}/${r.commit}`), ['j2/r1/c2', 'j1/r1/c1']);
  assert.equal(changeRows(undefined), []);
});

test('the +/− request is one valid document with a variable pair per row', () => {
  const rows = changeRows({ jobs: { nodes: [job('j', [
    { deviceId: 'a', device: { id: 'a', name: 'a' }, changed: true, commit: 'x', finishedAt: '2026-11-30T10:00:00.000Z' },
    { deviceId: 'b', device: { id: 'b', name: 'b' }, changed: true, commit: 'y', finishedAt: null },
  ])] } });
  const { query, variables } = changeStatsQuery(rows);
  parse(query);
  assert.equal(variables, { d0: 'a', t0: '2026-11-30T10:00:00.000Z', d1: 'b', t1: '2026-11-30T10:00:00.000Z' });
  assert.match(query, /c1: device\(id: \$d1\) \{ configAt\(at: \$t1\)/);
});

test.run();
