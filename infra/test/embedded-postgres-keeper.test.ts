import { spawnSync } from 'node:child_process';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { EmbeddedPostgresKeeper, postmasterRunning, type KeeperEvent } from '../src/db/index.js';
import { tempDir } from '../src/testing/index.js';

/** The pid of a process that has exited (and been reaped): nothing runs under it. */
function deadPid(): number {
  const child = spawnSync(process.execPath, ['-e', 'console.log(process.pid)'], { encoding: 'utf8' });
  return Number(child.stdout.trim());
}

test('a server counts as running only when its lock file names a live process', async () => {
  const dir = await tempDir('netraven-keeper-');
  try {
    assert.not.ok(await postmasterRunning(dir.path), 'no lock file');
    await writeFile(join(dir.path, 'postmaster.pid'), 'garbage\n');
    assert.not.ok(await postmasterRunning(dir.path), 'no pid in it');
    await writeFile(join(dir.path, 'postmaster.pid'), `${deadPid()}\n${dir.path}\n`);
    assert.not.ok(await postmasterRunning(dir.path), 'left behind by a killed server');
    await writeFile(join(dir.path, 'postmaster.pid'), `${process.pid}\n${dir.path}\n`);
    assert.ok(await postmasterRunning(dir.path), 'a live process');
  } finally {
    await dir.remove();
  }
});

test('the keeper starts a dead server again, reports the outage once, and retries a start that fails', async () => {
  const dir = await tempDir('netraven-keeper-');
  try {
    await mkdir(dir.path, { recursive: true });
    await writeFile(join(dir.path, 'postmaster.pid'), `${deadPid()}\n`);
    const events: KeeperEvent['kind'][] = [];
    let starts = 0;
    let clock = 1_000;
    const keeper = new EmbeddedPostgresKeeper({
      databaseDir: dir.path, now: () => clock,
      onEvent: (event) => events.push(event.kind),
      start: async () => {
        starts += 1;
        if (starts === 1) throw new Error('shared memory block still in use');
        await writeFile(join(dir.path, 'postmaster.pid'), `${process.pid}\n`);
      },
    });
    await keeper.check();
    clock += 2_000;
    await keeper.check();
    await keeper.check();
    assert.equal(events, ['down', 'restart-failed', 'restarted'], 'one outage, one failed start, then running');
    assert.is(starts, 2, 'a running server is left alone');
    await keeper.stop();
    await writeFile(join(dir.path, 'postmaster.pid'), `${deadPid()}\n`);
    await keeper.check();
    assert.is(starts, 2, 'a stopped keeper starts nothing');
  } finally {
    await dir.remove();
  }
});

test.run();
