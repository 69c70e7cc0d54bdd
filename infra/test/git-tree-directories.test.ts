import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { blobIdAt, openOrInitBare, updateFiles, writeBlob, type Oid, type Repository, type Tree } from '../src/git/nodegit-api.js';
import { TreeDirectories } from '../src/git/tree-directories.js';

const it = suite('a tree\'s directories read once for a wave');
let dir: string;
let repo: Repository;
let tree: Tree;
let blobs: Record<'a' | 'b' | 'c', Oid>;

it.before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'netraven-tree-dirs-'));
  repo = await openOrInitBare(join(dir, 'configs.git'), 'refs/heads/main');
  blobs = {
    a: await writeBlob(repo, Buffer.from('hostname a\n')),
    b: await writeBlob(repo, Buffer.from('hostname b\n')),
    c: await writeBlob(repo, Buffer.from('hostname c\n')),
  };
  tree = await repo.getTree(await updateFiles(repo, null, [
    { path: 'dev-1/config.cfg', blob: blobs.a },
    { path: 'dev-1/ios.cfg', blob: blobs.b },
    { path: 'dev-2/config.cfg', blob: blobs.b },
    { path: 'README', blob: blobs.c },
    { path: 'deep/site/config.cfg', blob: blobs.c },
  ]));
});
it.after(async () => {
  await rm(dir, { recursive: true, force: true });
});

it('answers what a lookup by path answers, for files, directories and missing paths', async () => {
  const directories = new TreeDirectories(repo, tree);
  const paths = [
    'dev-1/config.cfg', 'dev-1/ios.cfg', 'dev-2/config.cfg', 'dev-1/missing.cfg', 'dev-3/config.cfg', 'README',
    'README/config.cfg', 'dev-1', 'deep/site/config.cfg', 'deep/site', 'deep/other/config.cfg', 'missing',
  ];
  for (const path of paths) {
    const expected = (await blobIdAt(tree, path))?.tostrS() ?? null;
    assert.is((await directories.blobIdAt(path))?.tostrS() ?? null, expected, path);
  }
  assert.is((await directories.blobIdAt('dev-2/config.cfg'))?.tostrS(), blobs.b.tostrS());
  assert.is(await directories.blobIdAt('dev-3/config.cfg'), null);
});

it('reads a directory once however often it is asked for, and knows one that is absent', async () => {
  const directories = new TreeDirectories(repo, tree);
  assert.ok(directories.directory('dev-1') === directories.directory('dev-1'));
  assert.is((await directories.directory('dev-1'))?.entryCount(), 2);
  assert.is(await directories.directory('dev-9'), null);
  try {
    await directories.directory('README');
    assert.unreachable('a file is not a directory');
  } catch (error) {
    assert.match(String(error), /README is a file where a directory is needed/);
  }
});

it('rebuilds the same tree with the cache as without it, new and changed directories alike', async () => {
  const files = [
    { path: 'dev-1/config.cfg', blob: blobs.c },
    { path: 'dev-3/config.cfg', blob: blobs.a },
    { path: 'deep/site/config.cfg', blob: blobs.a },
    { path: 'deep/new/config.cfg', blob: blobs.b },
  ];
  const without = await updateFiles(repo, tree, files);
  const directories = new TreeDirectories(repo, tree);
  for (const file of files) await directories.blobIdAt(file.path);
  const withCache = await updateFiles(repo, tree, files, directories);
  assert.is(withCache.tostrS(), without.tostrS());
  const rebuilt = await repo.getTree(withCache);
  assert.is((await blobIdAt(rebuilt, 'dev-1/ios.cfg'))?.tostrS(), blobs.b.tostrS(), 'files the wave does not touch stay');
  assert.is((await blobIdAt(rebuilt, 'dev-3/config.cfg'))?.tostrS(), blobs.a.tostrS());
  assert.is((await blobIdAt(rebuilt, 'deep/new/config.cfg'))?.tostrS(), blobs.b.tostrS());
});

it('refuses a cache made for another tree', async () => {
  const other = new TreeDirectories(repo, await repo.getTree(await updateFiles(repo, null, [{ path: 'x/config.cfg', blob: blobs.a }])));
  try {
    await updateFiles(repo, tree, [{ path: 'dev-1/config.cfg', blob: blobs.c }], other);
    assert.unreachable('a cache of another tree would rebuild the wrong directories');
  } catch (error) {
    assert.match(String(error), /another tree/);
  }
});

it.run();
