#!/usr/bin/env node
// Runs the TypeScript sources directly (tsx), with the `source` export condition so workspace
// packages resolve to their src/ files. The CLI runs in a child process; this wrapper only passes
// signals on (a terminal's Ctrl-C reaches both, so a repeated SIGINT is the child's to ignore) and
// exits with the child's exit code.
import { spawn } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const child = spawn(
  process.execPath,
  // tsx resolved from here, so `netraven` runs from any directory (data stays relative to the caller's).
  ['--conditions=source', '--import', import.meta.resolve('tsx'), join(here, '..', 'src', 'cli.ts'), ...process.argv.slice(2)],
  { stdio: 'inherit' },
);
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
  process.on(signal, () => {
    if (child.exitCode === null && child.signalCode === null) child.kill(signal);
  });
}
child.on('exit', (code, signal) => {
  process.exit(code ?? (signal ? 128 + (signal === 'SIGKILL' ? 9 : signal === 'SIGTERM' ? 15 : 2) : 1));
});
