import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { GitConfigRepository, parseTrailers } from '../src/git/index.js';
import { change, config, git, repoTestIn } from './git-helpers.js';

const test = suite('git config repository: reading');
const repoTest = repoTestIn(test);

const R1 = 'r1/config.cfg';
const R2 = 'r2/config.cfg';

/** r1 gets three versions, r2 two, interleaved; returns the commits in order. */
async function seed(repo: GitConfigRepository): Promise<{ r1: string[]; r2: string[] }> {
  const r1: string[] = [];
  const r2: string[] = [];
  r1.push((await repo.commitConfig(change({ path: R1, content: config('r1', 1), jobId: 'j1' }))).commit);
  r2.push((await repo.commitConfig(change({ path: R2, content: config('r2', 1), jobId: 'j1' }))).commit);
  await repo.commitConfig(change({ path: R1, content: config('r1', 1), jobId: 'j2' }));
  r1.push((await repo.commitConfig(change({ path: R1, content: config('r1', 2), jobId: 'j3' }))).commit);
  r2.push((await repo.commitConfig(change({ path: R2, content: config('r2', 2), jobId: 'j3' }))).commit);
  r1.push((await repo.commitConfig(change({ path: R1, content: config('r1', 3), jobId: 'j4' }))).commit);
  return { r1, r2 };
}

repoTest('readConfig returns the file at any commit, null where it is absent', async (dir) => {
  const repo = await GitConfigRepository.open(dir.gitDir);
  const { r1, r2 } = await seed(repo);
  assert.is(await repo.readConfig(r1[0] ?? '', R1), config('r1', 1));
  assert.is(await repo.readConfig(r1[1] ?? '', R1), config('r1', 2));
  assert.is(await repo.readConfig(r2[1] ?? '', R1), config('r1', 2));
  assert.is(await repo.readConfig(r1[0] ?? '', R2), null);
  assert.is(await repo.readConfig(r1[0] ?? '', 'r1'), null, 'a directory is not a config');
});

repoTest('headConfig returns the tip content with the commit that last changed it', async (dir) => {
  const repo = await GitConfigRepository.open(dir.gitDir);
  const { r1, r2 } = await seed(repo);
  assert.equal(await repo.headConfig(R1), { commit: r1[2], content: config('r1', 3) });
  assert.equal(await repo.headConfig(R2), { commit: r2[1], content: config('r2', 2) });
  assert.is(await repo.headConfig('r3/ios.cfg'), null);
});

repoTest('history lists the commits that changed a path, newest first, like git log', async (dir) => {
  const repo = await GitConfigRepository.open(dir.gitDir);
  const { r1, r2 } = await seed(repo);
  const history = await repo.history(R1);
  assert.equal(
    history.map((h) => h.commit),
    [...r1].reverse(),
  );
  const cli = (await git(dir.gitDir, 'log', '--format=%H', 'main', '--', R1)).trim().split('\n');
  assert.equal(
    history.map((h) => h.commit),
    cli,
  );
  assert.equal(
    (await repo.history(R2)).map((h) => h.commit),
    [...r2].reverse(),
  );
  assert.equal(
    (await repo.history(R1, 2)).map((h) => h.commit),
    cli.slice(0, 2),
  );
  assert.equal(await repo.history(R1, 0), []);
  assert.equal(await repo.history('nowhere/x.cfg'), []);
  const newest = history[0];
  assert.ok(newest !== undefined);
  const raw = await git(dir.gitDir, 'cat-file', 'commit', r1[2] ?? '');
  assert.is(newest.message, raw.slice(raw.indexOf('\n\n') + 2));
  assert.equal(parseTrailers(newest.message).get('Job-Id'), ['j4']);
  const epoch = Number((await git(dir.gitDir, 'log', '-1', '--format=%ct', r1[2] ?? '')).trim());
  assert.is(newest.time.getTime(), epoch * 1000);
});

repoTest('diff is a unified diff equal to git diff, empty for identical files', async (dir) => {
  const repo = await GitConfigRepository.open(dir.gitDir);
  const { r1, r2 } = await seed(repo);
  const [v1, v2, v3] = r1 as [string, string, string];
  const patch = await repo.diff(v1, v3, R1);
  assert.is(patch, await git(dir.gitDir, 'diff', '--no-color', v1, v3, '--', R1));
  assert.ok(patch.includes('- description v1\n+ description v3\n'), patch);
  assert.ok(patch.startsWith(`diff --git a/${R1} b/${R1}\n`), patch);
  assert.is(await repo.diff(r2[1] ?? '', v3, R2), '', 'r2 did not change between these commits');
  assert.is(await repo.diff(v1, v1, R1), '');
  const added = await repo.diff(v1, r2[0] ?? '', R2);
  assert.is(added, await git(dir.gitDir, 'diff', '--no-color', v1, r2[0] ?? '', '--', R2));
  assert.ok(added.includes('new file mode 100644'), added);
});

repoTest('content round-trips byte for byte, including UTF-8 and CRLF', async (dir) => {
  const repo = await GitConfigRepository.open(dir.gitDir);
  const content = 'banner motd ^Bienvenue — ünïcødé ✓^\r\nend\r\n';
  const { commit } = await repo.commitConfig(change({ path: R1, content }));
  assert.is(await repo.readConfig(commit, R1), content);
  assert.is(await git(dir.gitDir, 'show', `${commit}:${R1}`), content);
});

repoTest('nested paths keep sibling files and directories intact', async (dir) => {
  const repo = await GitConfigRepository.open(dir.gitDir);
  await repo.commitConfig(change({ path: 'site-a/r1/ios.cfg', content: 'a\n' }));
  await repo.commitConfig(change({ path: 'site-a/r1/startup.cfg', content: 'b\n' }));
  await repo.commitConfig(change({ path: 'site-a/r2/ios.cfg', content: 'c\n' }));
  await repo.commitConfig(change({ path: 'site-a/r1/ios.cfg', content: 'a2\n' }));
  const files = await git(dir.gitDir, 'ls-tree', '-r', 'main');
  assert.equal(
    files
      .trim()
      .split('\n')
      .map((line) => `${line.split(' ')[0]} ${line.split('\t')[1]}`),
    ['100644 site-a/r1/ios.cfg', '100644 site-a/r1/startup.cfg', '100644 site-a/r2/ios.cfg'],
  );
  assert.is(await git(dir.gitDir, 'show', 'main:site-a/r1/ios.cfg'), 'a2\n');
});

test.run();
