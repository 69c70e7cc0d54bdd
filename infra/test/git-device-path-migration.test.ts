import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { deviceConfigPath, GitConfigRepository, parseTrailers } from '../src/git/index.js';
import { change, commitCount, config, git, repoTestIn } from './git-helpers.js';

const test = suite('git: one file per device, and the move from <id>/<platform>.cfg');
const repoTest = repoTestIn(test);

const A = deviceConfigPath('dev-a');
const B = deviceConfigPath('dev-b');
const C = deviceConfigPath('dev-c');

/**
 * A repository as workers wrote it before: `<id>/<platform>.cfg`. dev-a changes once, dev-b changes platform
 * (a second file appears, the first stays behind), dev-c arrives last. Returns each commit by name.
 */
async function legacyRepository(repo: GitConfigRepository): Promise<Record<'a1' | 'b1' | 'a2' | 'b2' | 'c1', string>> {
  const commit = async (path: string, content: string, jobId: string): Promise<string> =>
    (await repo.commitConfig(change({ path, content, jobId }))).commit;
  const a1 = await commit('dev-a/cisco_ios.cfg', config('dev-a', 1), 'job-1');
  const b1 = await commit('dev-b/cisco_ios.cfg', config('dev-b', 1), 'job-1');
  const a2 = await commit('dev-a/cisco_ios.cfg', config('dev-a', 2), 'job-2');
  const b2 = await commit('dev-b/arista_eos.cfg', config('dev-b', 2), 'job-3');
  const c1 = await commit('dev-c/juniper_junos.cfg', config('dev-c', 1), 'job-3');
  return { a1, b1, a2, b2, c1 };
}

const filesAtTip = async (gitDir: string): Promise<string[]> => (await git(gitDir, 'ls-tree', '-r', '--name-only', 'main')).trim().split('\n');

repoTest('opening a repository with legacy files moves them in one commit, and a second open adds nothing', async (dir) => {
  const before = await GitConfigRepository.open(dir.gitDir);
  const legacy = await legacyRepository(before);
  assert.is(await commitCount(dir.gitDir), 5);

  const opened = await GitConfigRepository.open(dir.gitDir);
  assert.is(await commitCount(dir.gitDir), 6);
  assert.equal(await filesAtTip(dir.gitDir), [A, B, C]);
  assert.is(await git(dir.gitDir, 'show', `main:${B}`), config('dev-b', 2), 'dev-b keeps the file of its current platform');
  const migration = (await git(dir.gitDir, 'rev-parse', 'main')).trim();
  const trailers = parseTrailers(await git(dir.gitDir, 'log', '-1', '--format=%B', migration));
  assert.equal(trailers.get('Job-Id'), ['netraven-migration-device-config-path']);
  assert.equal(trailers.get('Device-Path'), [A, B, C]);
  assert.equal(trailers.get('Moved-From'), ['dev-a/cisco_ios.cfg', 'dev-b/arista_eos.cfg', 'dev-c/juniper_junos.cfg']);
  assert.equal(trailers.get('Superseded'), ['dev-b/cisco_ios.cfg']);
  const moved = await git(dir.gitDir, 'diff', '-M', '--name-status', legacy.c1, migration);
  assert.equal(moved.trim().split('\n').sort(), [
    'D\tdev-b/cisco_ios.cfg', `R100\tdev-a/cisco_ios.cfg\t${A}`, `R100\tdev-b/arista_eos.cfg\t${B}`, `R100\tdev-c/juniper_junos.cfg\t${C}`,
  ], 'renamed, nothing changed');

  await GitConfigRepository.open(dir.gitDir);
  await GitConfigRepository.open(dir.gitDir);
  assert.is(await commitCount(dir.gitDir), 6);
  assert.equal(await opened.headConfig(A), { commit: legacy.a2, content: config('dev-a', 2) });
});

repoTest('old commits still show each device its config, by the new path and by the old one', async (dir) => {
  const legacy = await legacyRepository(await GitConfigRepository.open(dir.gitDir));
  const repo = await GitConfigRepository.open(dir.gitDir);
  assert.is(await repo.readConfig(legacy.a1, A), config('dev-a', 1));
  assert.is(await repo.readConfig(legacy.a2, A), config('dev-a', 2));
  assert.is(await repo.readConfig(legacy.b1, B), config('dev-b', 1));
  assert.is(await repo.readConfig(legacy.b2, B), config('dev-b', 2));
  assert.is(await repo.readConfig(legacy.c1, B), config('dev-b', 2), 'the older platform’s file left behind is not the config');
  assert.is(await repo.readConfig(legacy.a1, B), null);
  assert.is(await repo.readConfig(legacy.a1, C), null);
  // Readers that still name the platform file (a snapshot of a device whose platform changed since) get the device.
  const tip = (await git(dir.gitDir, 'rev-parse', 'main')).trim();
  assert.is(await repo.readConfig(tip, 'dev-b/cisco_ios.cfg'), config('dev-b', 2));
  assert.is(await repo.readConfig(legacy.a1, 'dev-a/arista_eos.cfg'), config('dev-a', 1));
  assert.equal(await repo.headConfig('dev-a/cisco_ios.cfg'), { commit: legacy.a2, content: config('dev-a', 2) });
  const patch = await repo.diff(legacy.a1, tip, A);
  assert.ok(patch.startsWith(`diff --git a/${A} b/${A}\n`), patch);
  assert.ok(patch.includes('- description v1\n+ description v2\n'), patch);
  assert.is(await repo.diff(legacy.a2, tip, A), '', 'the move changed nothing');
});

repoTest('history follows each device across the move and across a platform change', async (dir) => {
  const legacy = await legacyRepository(await GitConfigRepository.open(dir.gitDir));
  const repo = await GitConfigRepository.open(dir.gitDir);
  const a3 = await repo.commitConfig(change({ path: A, content: config('dev-a', 3), jobId: 'job-4' }));
  const commits = async (path: string): Promise<string[]> => (await repo.history(path)).map((h) => h.commit);
  assert.equal(await commits(A), [a3.commit, legacy.a2, legacy.a1]);
  assert.equal(await commits(B), [legacy.b2, legacy.b1]);
  assert.equal(await commits(C), [legacy.c1]);
  assert.equal(await commits('dev-b/cisco_ios.cfg'), [legacy.b2, legacy.b1], 'the old name is the same device');
  assert.equal((await repo.history(A, 2)).map((h) => h.commit), [a3.commit, legacy.a2]);
});

repoTest('a retried job finds its commit from before the move: same commit, changed, nothing new', async (dir) => {
  const legacy = await legacyRepository(await GitConfigRepository.open(dir.gitDir));
  const repo = await GitConfigRepository.open(dir.gitDir);
  const commitsAfterMove = await commitCount(dir.gitDir);
  assert.equal(await repo.commitConfig(change({ path: A, content: config('dev-a', 2), jobId: 'job-2' })), { commit: legacy.a2, changed: true });
  assert.equal(await repo.commitConfig(change({ path: B, content: config('dev-b', 2), jobId: 'job-9' })), { commit: legacy.b2, changed: false });
  assert.is(await commitCount(dir.gitDir), commitsAfterMove);
});

repoTest('processes opening a legacy repository together write one move; a running writer follows it', async (dir) => {
  const running = await GitConfigRepository.open(dir.gitDir);
  const legacy = await legacyRepository(running);
  await Promise.all(Array.from({ length: 4 }, () => GitConfigRepository.open(dir.gitDir)));
  assert.is(await commitCount(dir.gitDir), 6);
  assert.equal(await filesAtTip(dir.gitDir), [A, B, C]);
  // The instance opened before the move had indexed the old paths: it must see the move, not commit again.
  assert.equal(await running.commitConfig(change({ path: C, content: config('dev-c', 1), jobId: 'job-3' })), { commit: legacy.c1, changed: true });
  assert.is(await commitCount(dir.gitDir), 6);
});

repoTest('a platform change keeps one file and one continuous history', async (dir) => {
  const repo = await GitConfigRepository.open(dir.gitDir);
  // What the worker commits is the device's path: the platform is not part of it.
  const ios = await repo.commitConfig(change({ path: A, content: 'hostname dev-a\n! IOS\nend\n', jobId: 'job-1' }));
  const eos = await repo.commitConfig(change({ path: A, content: 'hostname dev-a\n! EOS\nend\n', jobId: 'job-2' }));
  assert.equal(await filesAtTip(dir.gitDir), [A]);
  assert.equal((await repo.history(A)).map((h) => h.commit), [eos.commit, ios.commit]);
  assert.is(await repo.readConfig(ios.commit, A), 'hostname dev-a\n! IOS\nend\n');
  assert.is((await git(dir.gitDir, 'log', '--format=%H', 'main', '--', A)).trim(), `${eos.commit}\n${ios.commit}`);
  const reopened = await GitConfigRepository.open(dir.gitDir);
  assert.is(await commitCount(dir.gitDir), 2, 'nothing to move');
  assert.equal(await reopened.headConfig(A), { commit: eos.commit, content: 'hostname dev-a\n! EOS\nend\n' });
});

test('a device path is the device id and one file name; an id that is not one directory is refused', () => {
  assert.is(deviceConfigPath('0b9c6a52-59d1-4a4e-a0d2-3c1f3f6f1d10'), '0b9c6a52-59d1-4a4e-a0d2-3c1f3f6f1d10/config.cfg');
  for (const id of ['', '.', '..', 'a/b', '.git', 'a\nb']) assert.throws(() => deviceConfigPath(id), /cannot name a directory/, JSON.stringify(id));
});

test.run();
