#!/usr/bin/env node
// Runs every workspace's tests (through turbo, one package at a time: they share Postgres,
// NATS and two cores) and ends with the one line CI reads: `N passed, N failed`.
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync, rmSync, existsSync } from 'node:fs';
import { join, dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const results = join(root, '.test-results');
rmSync(results, { recursive: true, force: true });

const typecheck = spawnSync('npx', ['tsc', '-b'], { cwd: root, stdio: 'inherit' });
const turbo = spawnSync(
  'npx',
  ['turbo', 'run', 'test', '--concurrency=1', '--continue', '--log-order=stream', '--output-logs=full'],
  { cwd: root, stdio: 'inherit', env: { ...process.env, TURBO_TELEMETRY_DISABLED: '1', NODE_DISABLE_COLORS: '1' } },
);

let passed = 0;
let failed = typecheck.status === 0 ? 0 : 1;
let skipped = 0;
const failures = [];
console.log('\n== Test summary per package (line coverage of src/) ==');
if (typecheck.status !== 0) console.log('typecheck (tsc -b): FAILED');
for (const file of existsSync(results) ? readdirSync(results).sort() : []) {
  const r = JSON.parse(readFileSync(join(results, file), 'utf8'));
  passed += r.passed;
  failed += r.failed;
  skipped += r.skipped;
  failures.push(...(r.failures ?? []).map((excerpt) => ({ name: r.name, excerpt })));
  console.log(`${r.name.padEnd(28)} ${String(r.passed).padStart(4)} passed ${String(r.failed).padStart(3)} failed ${String(r.skipped).padStart(3)} skipped   lines ${r.lines}`);
}
for (const { name, excerpt } of failures) console.log(`\n== ${name} ==\n${excerpt}`);
if (turbo.status !== 0 && failed === 0) failed = 1;
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed === 0 && passed > 0 ? 0 : 1);
