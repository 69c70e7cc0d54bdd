#!/usr/bin/env node
// Runs one workspace's uvu tests under c8 (line coverage of src/) and records the counts
// in <root>/.test-results/<package>.json so the root runner can print one summary line.
import { spawn } from 'node:child_process';
import { mkdirSync, writeFileSync, readFileSync, existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const cwd = process.cwd();
const pkg = JSON.parse(readFileSync(join(cwd, 'package.json'), 'utf8'));
const pattern = process.argv[2] ?? '\\.test\\.ts$';
const timeoutMs = Number(process.env.NETRAVEN_TEST_TIMEOUT_MS ?? 15 * 60_000);

if (!existsSync(join(cwd, 'test'))) {
  console.log(`${pkg.name}: no test/ folder`);
  process.exit(0);
}

const c8 = join(root, 'node_modules', 'c8', 'bin', 'c8.js');
const uvu = join(root, 'node_modules', 'uvu', 'bin.js');
const args = [
  c8, '--reporter=text-summary', '--include=src/**', '--exclude-after-remap', '--reports-dir', join(cwd, 'coverage'),
  process.execPath, '--conditions=source', '--import', 'tsx', uvu, 'test', pattern,
];
const child = spawn(process.execPath, args, {
  cwd,
  env: { ...process.env, NODE_DISABLE_COLORS: '1', FORCE_COLOR: '0' },
  stdio: ['ignore', 'pipe', 'inherit'],
  // Its own process group, so a kill reaches the test process under c8 too.
  detached: true,
});
const killAll = () => {
  try {
    process.kill(-child.pid, 'SIGKILL');
  } catch {
    child.kill('SIGKILL');
  }
};
// uvu has printed its summary but the process stays up: a test left a socket, timer or pool open.
// That is a failure to fix, but not one worth the rest of the run's time.
const EXIT_GRACE_MS = 120_000;
let exitWatch;
let output = '';
child.stdout.on('data', (chunk) => {
  output += chunk;
  process.stdout.write(chunk);
  if (!exitWatch && /Duration:\s+[\d.]+ms/.test(output)) {
    exitWatch = setTimeout(() => {
      console.error(`${pkg.name}: the tests finished but the process did not exit within ${EXIT_GRACE_MS} ms (something left open); killing`);
      killAll();
    }, EXIT_GRACE_MS);
  }
});
const timer = setTimeout(() => {
  console.error(`${pkg.name}: tests exceeded ${timeoutMs} ms; killing`);
  killAll();
}, timeoutMs);

child.on('close', (code) => {
  clearTimeout(timer);
  clearTimeout(exitWatch);
  const count = (label) => Number(output.match(new RegExp(`${label}:\\s+(\\d+)`))?.[1] ?? 0);
  const total = count('Total');
  const passed = count('Passed');
  const skipped = count('Skipped');
  // A crash before uvu's summary still counts as a failure of this package.
  const failed = Math.max(total - passed - skipped, code === 0 ? 0 : 1);
  const lines = output.match(/Lines\s*:\s*([\d.]+%)/)?.[1] ?? 'n/a';
  mkdirSync(join(root, '.test-results'), { recursive: true });
  const file = join(root, '.test-results', `${pkg.name.replace(/[@/]/g, '_')}.json`);
  writeFileSync(file, JSON.stringify({ name: pkg.name, total, passed, failed, skipped, lines, code, failures: failureExcerpts(output) }));
  process.exit(code ?? 1);
});

/** uvu's FAIL blocks, a few lines each, so the run's last screen says which test failed and why. */
function failureExcerpts(text) {
  const lines = text.split('\n');
  const excerpts = [];
  let file = '';
  lines.forEach((line, i) => {
    if (/\.test\.[mc]?[jt]s$/.test(line.trim())) file = line.trim();
    if (/^\s*FAIL\s/.test(line)) excerpts.push([file, ...lines.slice(i, i + 10)].join('\n'));
  });
  return excerpts.slice(0, 10);
}
