import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { GitConfigRepository } from '../src/git/index.js';
import { change, commitCount, config, git, repoTestIn, storageError } from './git-helpers.js';

const test = suite('git config repository');

const repoTest = repoTestIn(test);

const PATH = 'dev-1/config.cfg';

repoTest('open creates a bare repository with HEAD on main', async (dir) => {
  await GitConfigRepository.open(dir.gitDir);
  assert.is((await git(dir.gitDir, 'rev-parse', '--is-bare-repository')).trim(), 'true');
  assert.is((await git(dir.gitDir, 'symbolic-ref', 'HEAD')).trim(), 'refs/heads/main');
  const again = await GitConfigRepository.open(dir.gitDir);
  assert.is(await again.headConfig(PATH), null);
  assert.equal(await again.history(PATH), []);
});

repoTest('a version read right after its commit (blob id remembered) is what a fresh handle and git read', async (dir) => {
  const repo = await GitConfigRepository.open(dir.gitDir);
  const first = await repo.commitConfig(change({ path: PATH, content: config('dev-1', 1), jobId: 'job-a' }));
  const other = await repo.commitConfig(change({ path: 'dev-2/config.cfg', content: config('dev-2', 1), jobId: 'job-a' }));
  const second = await repo.commitConfig(change({ path: PATH, content: config('dev-1', 2), jobId: 'job-b' }));
  const unchanged = await repo.commitConfig(change({ path: PATH, content: config('dev-1', 2), jobId: 'job-c' }));
  assert.is(unchanged.changed, false);
  assert.is(unchanged.commit, second.commit);
  const fresh = await GitConfigRepository.open(dir.gitDir);
  for (const [commit, version] of [[first.commit, 1], [other.commit, 1], [second.commit, 2]] as const) {
    assert.is(await repo.readConfig(commit, PATH), config('dev-1', version));
    assert.is(await fresh.readConfig(commit, PATH), config('dev-1', version));
    assert.is(await git(dir.gitDir, 'show', `${commit}:${PATH}`), config('dev-1', version));
  }
  assert.is(await repo.readConfig(first.commit, 'dev-2/config.cfg'), null);
  assert.is(await repo.readConfig(other.commit, 'dev-2/config.cfg'), config('dev-2', 1));
});

repoTest('first commit creates the file', async (dir) => {
  const repo = await GitConfigRepository.open(dir.gitDir);
  const result = await repo.commitConfig(change({ path: PATH, content: config('dev-1', 1) }));
  assert.is(result.changed, true);
  assert.is(result.commit, (await git(dir.gitDir, 'rev-parse', 'main')).trim());
  assert.is(await commitCount(dir.gitDir), 1);
  assert.is(await git(dir.gitDir, 'show', `main:${PATH}`), config('dev-1', 1));
  assert.is((await git(dir.gitDir, 'ls-tree', '-r', '--name-only', 'main')).trim(), PATH);
});

repoTest('same content again: no commit, previous commit id, changed false', async (dir) => {
  const repo = await GitConfigRepository.open(dir.gitDir);
  const first = await repo.commitConfig(change({ path: PATH, content: config('dev-1', 1), jobId: 'job-1' }));
  const second = await repo.commitConfig(change({ path: PATH, content: config('dev-1', 1), jobId: 'job-2' }));
  assert.equal(second, { commit: first.commit, changed: false });
  assert.is(await commitCount(dir.gitDir), 1);
});

repoTest('changed content: exactly one new commit on top of the previous one', async (dir) => {
  const repo = await GitConfigRepository.open(dir.gitDir);
  const first = await repo.commitConfig(change({ path: PATH, content: config('dev-1', 1), jobId: 'job-1' }));
  const second = await repo.commitConfig(change({ path: PATH, content: config('dev-1', 2), jobId: 'job-2' }));
  assert.is(second.changed, true);
  assert.is.not(second.commit, first.commit);
  assert.is(await commitCount(dir.gitDir), 2);
  assert.is((await git(dir.gitDir, 'rev-parse', `${second.commit}^`)).trim(), first.commit);
  assert.is(await git(dir.gitDir, 'show', `main:${PATH}`), config('dev-1', 2));
});

repoTest('retry of the same job after its commit: same commit, changed true, nothing new', async (dir) => {
  const repo = await GitConfigRepository.open(dir.gitDir);
  await repo.commitConfig(change({ path: PATH, content: config('dev-1', 1), jobId: 'job-1' }));
  const committed = await repo.commitConfig(change({ path: PATH, content: config('dev-1', 2), jobId: 'job-2' }));
  // Another device lands on top, so the retried path's commit is no longer the tip.
  await repo.commitConfig(change({ path: 'dev-2/config.cfg', content: config('dev-2', 1), jobId: 'job-2' }));
  const retried = await repo.commitConfig(change({ path: PATH, content: config('dev-1', 2), jobId: 'job-2' }));
  assert.equal(retried, { commit: committed.commit, changed: true });
  assert.is(await commitCount(dir.gitDir), 3);
  // A later job seeing the same content did not change it.
  const later = await repo.commitConfig(change({ path: PATH, content: config('dev-1', 2), jobId: 'job-3' }));
  assert.equal(later, { commit: committed.commit, changed: false });
});

repoTest('a fresh instance finds the last commit touching a path from history', async (dir) => {
  const writer = await GitConfigRepository.open(dir.gitDir);
  const dev1 = await writer.commitConfig(change({ path: PATH, content: config('dev-1', 1), jobId: 'job-1' }));
  for (let i = 2; i <= 30; i++) {
    await writer.commitConfig(change({ path: `dev-${i}/config.cfg`, content: config(`dev-${i}`, 1), jobId: 'job-1' }));
  }
  const reopened = await GitConfigRepository.open(dir.gitDir);
  assert.equal(await reopened.commitConfig(change({ path: PATH, content: config('dev-1', 1), jobId: 'job-1' })), {
    commit: dev1.commit,
    changed: true,
  });
  assert.equal(await reopened.commitConfig(change({ path: PATH, content: config('dev-1', 1), jobId: 'job-9' })), {
    commit: dev1.commit,
    changed: false,
  });
  assert.equal(await reopened.headConfig('dev-7/config.cfg'), {
    commit: (await git(dir.gitDir, 'log', '-1', '--format=%H', 'main', '--', 'dev-7/config.cfg')).trim(),
    content: config('dev-7', 1),
  });
  assert.is(await commitCount(dir.gitDir), 30);
});

repoTest('two instances on one repository (two processes) never lose an update', async (dir) => {
  const a = await GitConfigRepository.open(dir.gitDir);
  const b = await GitConfigRepository.open(dir.gitDir);
  const writes = [];
  for (let i = 0; i < 20; i++) {
    const repo = i % 2 === 0 ? a : b;
    writes.push(repo.commitConfig(change({ path: `dev-${i}/config.cfg`, content: config(`dev-${i}`, 1) })));
  }
  // allSettled: a failed write must not let the directory be removed under the others.
  const outcomes = await Promise.allSettled(writes);
  assert.equal(
    outcomes.filter((o) => o.status === 'rejected'),
    [],
  );
  // Each instance groups what queued up into wave commits; every file must land exactly once.
  const commits = await commitCount(dir.gitDir);
  assert.ok(commits >= 2 && commits <= 20, `${commits} commits`);
  const files = (await git(dir.gitDir, 'ls-tree', '-r', '--name-only', 'main')).trim().split('\n');
  assert.is(files.length, 20);
  for (const file of files) {
    assert.is((await git(dir.gitDir, 'log', '--format=%H', 'main', '--', file)).trim().split('\n').length, 1, `${file} once`);
  }
  // b's index must fold in a's commits: dev-0 was written by a.
  const dev0 = (await git(dir.gitDir, 'log', '--format=%H', 'main', '--', 'dev-0/config.cfg')).trim();
  assert.equal(await b.commitConfig(change({ path: 'dev-0/config.cfg', content: config('dev-0', 1), jobId: 'job-2' })), {
    commit: dev0,
    changed: false,
  });
});

repoTest('commits made by git itself and a rewound branch are taken into account', async (dir) => {
  const repo = await GitConfigRepository.open(dir.gitDir);
  const ours = await repo.commitConfig(change({ path: PATH, content: config('dev-1', 1), jobId: 'job-1' }));
  await repo.commitConfig(change({ path: 'dev-2/config.cfg', content: config('dev-2', 1), jobId: 'job-1' }));
  // Another writer (the git CLI here) puts version 2 on top.
  const v2 = { input: config('dev-1', 2) };
  const blob = (await git(dir.gitDir, 'hash-object', '-w', '--stdin', '--path', PATH, v2)).trim();
  const tree = (await git(dir.gitDir, 'mktree', { input: await treeListing(dir.gitDir, blob) })).trim();
  const external = (await git(dir.gitDir, 'commit-tree', tree, '-p', 'main', '-m', 'manual edit')).trim();
  await git(dir.gitDir, 'update-ref', 'refs/heads/main', external);
  assert.equal(await repo.commitConfig(change({ path: PATH, content: config('dev-1', 2), jobId: 'job-2' })), {
    commit: external,
    changed: false,
  });
  // The branch is rewound past that commit: what the repository remembered about it must go too.
  await git(dir.gitDir, 'update-ref', 'refs/heads/main', ours.commit);
  assert.equal(await repo.headConfig(PATH), { commit: ours.commit, content: config('dev-1', 1) });
  const again = await repo.commitConfig(change({ path: PATH, content: config('dev-1', 2), jobId: 'job-3' }));
  assert.is(again.changed, true);
  assert.is((await git(dir.gitDir, 'rev-parse', `${again.commit}^`)).trim(), ours.commit);
});

/** The top-level tree of main for `git mktree`, with dev-1/config.cfg replaced by `blob`. */
async function treeListing(gitDir: string, blob: string): Promise<string> {
  const dev1 = (await git(gitDir, 'mktree', { input: `100644 blob ${blob}\tconfig.cfg\n` })).trim();
  const top = (await git(gitDir, 'ls-tree', 'main')).trim().split('\n');
  return top.map((line) => (line.endsWith('\tdev-1') ? `040000 tree ${dev1}\tdev-1` : line)).join('\n') + '\n';
}

repoTest('50 concurrent commits for 50 devices of one job land as wave commits, each file history exact', async (dir) => {
  const repo = await GitConfigRepository.open(dir.gitDir);
  const paths = Array.from({ length: 50 }, (_, i) => `dev-${String(i).padStart(2, '0')}/config.cfg`);
  const results = await Promise.all(
    paths.map((path, i) => repo.commitConfig(change({ path, content: config(`dev-${i}`, 1), deviceName: `dev-${i}` }))),
  );
  assert.ok(results.every((r) => r.changed));
  // The first request starts a commit alone; the other 49 queue up meanwhile and land together.
  const distinct = new Set(results.map((r) => r.commit)).size;
  assert.ok(distinct < 50, `waves were formed (${distinct} commits)`);
  assert.is(await commitCount(dir.gitDir), distinct);
  assert.is((await git(dir.gitDir, 'rev-list', '--merges', 'main')).trim(), '');
  const files = (await git(dir.gitDir, 'ls-tree', '-r', '--name-only', 'main')).trim().split('\n');
  assert.equal(files, paths);
  for (const [i, path] of paths.entries()) {
    assert.is((await git(dir.gitDir, 'log', '--format=%H', 'main', '--', path)).trim(), results[i]?.commit);
    assert.is(await git(dir.gitDir, 'show', `main:${path}`), config(`dev-${i}`, 1));
  }
  const wave = [...new Set(results.map((r) => r.commit))].find((c) => results.filter((r) => r.commit === c).length > 1)!;
  const message = await git(dir.gitDir, 'log', '-1', '--format=%B', wave);
  const count = results.filter((r) => r.commit === wave).length;
  assert.match(message, `${count} devices: config changed (job job-1)`);
  assert.is(message.match(/^Device-Path: /gm)?.length, count);
  assert.is(message.match(/^Job-Id: job-1$/gm)?.length, 1);
});

repoTest('a retried device of a wave commit finds the commit of its job: same commit, changed, nothing new', async (dir) => {
  const repo = await GitConfigRepository.open(dir.gitDir);
  const paths = ['a/config.cfg', 'b/config.cfg', 'c/config.cfg'];
  const results = await Promise.all(paths.map((path) => repo.commitConfig(change({ path, content: config(path, 1) }))));
  const before = await commitCount(dir.gitDir);
  const again = await GitConfigRepository.open(dir.gitDir);
  assert.equal(await again.commitConfig(change({ path: 'c/config.cfg', content: config('c/config.cfg', 1) })), { commit: results[2]!.commit, changed: true });
  assert.is(await commitCount(dir.gitDir), before);
});

repoTest('devices of different jobs never share a wave commit', async (dir) => {
  const repo = await GitConfigRepository.open(dir.gitDir);
  const results = await Promise.all([
    repo.commitConfig(change({ path: 'x/config.cfg', content: 'x\n', jobId: 'job-a' })),
    repo.commitConfig(change({ path: 'y/config.cfg', content: 'y\n', jobId: 'job-b' })),
    repo.commitConfig(change({ path: 'z/config.cfg', content: 'z\n', jobId: 'job-a' })),
  ]);
  assert.is.not(results[1]!.commit, results[0]!.commit);
  assert.is.not(results[1]!.commit, results[2]!.commit);
  for (const r of results) {
    const jobs = (await git(dir.gitDir, 'log', '-1', '--format=%B', r.commit)).match(/^Job-Id: .*$/gm);
    assert.is(jobs?.length, 1);
  }
});

repoTest('commit message: subject, trailers, author and time', async (dir) => {
  const repo = await GitConfigRepository.open(dir.gitDir);
  const when = new Date('2026-03-04T05:06:07Z');
  const { commit } = await repo.commitConfig({
    path: PATH,
    content: 'hostname r1\n',
    jobId: 'job-42',
    deviceName: 'core\nJob-Id: forged',
    hostname: 'r1.example.net',
    author: { name: 'Ada Operator', email: 'ada@example.net' },
    when,
  });
  const message = await git(dir.gitDir, 'log', '-1', '--format=%B', commit);
  assert.is(message.split('\n')[0], 'core Job-Id: forged: config changed (job job-42)');
  const trailers = await git(dir.gitDir, 'log', '-1', '--format=%(trailers:only,unfold)', commit);
  const expected = ['Job-Id: job-42', `Device-Path: ${PATH}`, 'Hostname: r1.example.net'];
  assert.is(trailers.trim(), [...expected, 'Captured-At: 2026-03-04T05:06:07.000Z'].join('\n'));
  const who = await git(dir.gitDir, 'log', '-1', '--format=%an <%ae>|%cn <%ce>|%at|%ct', commit);
  const seconds = when.getTime() / 1000;
  assert.is(who.trim(), `Ada Operator <ada@example.net>|NetRaven <netraven@localhost>|${seconds}|${seconds}`);
  const noHost = await repo.commitConfig(change({ path: 'dev-2/config.cfg', content: 'x\n', jobId: 'job-43' }));
  const noHostTrailers = await git(dir.gitDir, 'log', '-1', '--format=%(trailers:key=Hostname)', noHost.commit);
  assert.is(noHostTrailers.trim(), '');
});

repoTest('invalid arguments and unknown commits are GitStorageErrors', async (dir) => {
  const repo = await GitConfigRepository.open(dir.gitDir);
  for (const path of ['', '/abs.cfg', 'a/../b.cfg', 'dev/', '.git/config', 'a//b', 'a\\b', 'a\nb']) {
    const error = await storageError(repo.commitConfig(change({ path, content: 'x' })));
    assert.is(error.code, 'invalid-argument', JSON.stringify(path));
  }
  const blankJob = await storageError(repo.commitConfig(change({ path: PATH, content: 'x', jobId: ' ' })));
  assert.is(blankJob.code, 'invalid-argument');
  const missing = await storageError(repo.readConfig('0'.repeat(40), PATH));
  assert.is(missing.code, 'not-found');
  assert.ok(missing.message.includes(PATH), missing.message);
  assert.is((await storageError(repo.readConfig('abc', PATH))).code, 'invalid-argument');
  assert.is((await storageError(repo.history(PATH, -1))).code, 'invalid-argument');
  assert.is(await commitCount(dir.gitDir).catch(() => 0), 0);
  // A file where a directory is (or the reverse) is refused by libgit2 and leaves the branch alone.
  await repo.commitConfig(change({ path: PATH, content: 'x\n' }));
  for (const path of ['dev-1', `${PATH}/nested.cfg`]) {
    assert.is((await storageError(repo.commitConfig(change({ path, content: 'y\n' })))).code, 'storage');
  }
  assert.is((await git(dir.gitDir, 'ls-tree', '-r', '--name-only', 'main')).trim(), PATH);
  assert.is(await commitCount(dir.gitDir), 1);
});

repoTest(
  'open refuses a non-empty directory that is not a repository',
  async (dir) => {
    await mkdir(dir.gitDir, { recursive: true });
    await writeFile(join(dir.gitDir, 'notes.txt'), 'not git');
    const error = await storageError(GitConfigRepository.open(dir.gitDir));
    assert.is(error.operation, 'open');
    assert.instance(error.cause, Error);
  },
  { fsck: false },
);

test.run();
