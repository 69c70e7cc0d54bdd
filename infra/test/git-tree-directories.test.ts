import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { parseTree, type TreeItem } from '../src/git/git-objects.js';
import { blobIdAt, openOrInitBare, readObjectContent, updateFiles, writeBlob, type Oid, type Repository, type Tree } from '../src/git/nodegit-api.js';
import { TreeDirectories } from '../src/git/tree-directories.js';

const it = suite('a tree\'s directories read once for a wave');
let dir: string;
let repo: Repository;
let tree: Tree;
let rootItems: TreeItem[];
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
    { path: 'dev-1.cfg', blob: blobs.a },
    { path: 'dev-10/config.cfg', blob: blobs.c },
    { path: 'café/config.cfg', blob: blobs.a },
  ]));
  rootItems = parseTree(await readObjectContent(repo, tree.id()));
});
it.after(async () => {
  await rm(dir, { recursive: true, force: true });
});

it('answers what a lookup by path answers, for files, directories and missing paths', async () => {
  const directories = new TreeDirectories(repo, rootItems);
  const paths = [
    'dev-1/config.cfg', 'dev-1/ios.cfg', 'dev-2/config.cfg', 'dev-1/missing.cfg', 'dev-3/config.cfg', 'README',
    'README/config.cfg', 'dev-1', 'deep/site/config.cfg', 'deep/site', 'deep/other/config.cfg', 'missing',
    'dev-1.cfg', 'dev-1.cfg/config.cfg', 'dev-10/config.cfg', 'dev-10', 'café/config.cfg', 'cafe/config.cfg', 'café',
  ];
  for (const path of paths) {
    const expected = (await blobIdAt(tree, path))?.tostrS() ?? null;
    assert.is((await directories.blobIdAt(path))?.tostrS() ?? null, expected, path);
  }
  assert.is((await directories.blobIdAt('dev-2/config.cfg'))?.tostrS(), blobs.b.tostrS());
  assert.is(await directories.blobIdAt('dev-3/config.cfg'), null);
});

it('reads a directory once however often it is asked for, and knows one that is absent', async () => {
  const directories = new TreeDirectories(repo, rootItems);
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

it('reads directories from the parsed root entries, whatever the names sort like', async () => {
  const directories = new TreeDirectories(repo, rootItems);
  assert.is((await directories.directory('café'))?.entryCount(), 1);
  assert.is((await directories.directory('dev-10'))?.entryCount(), 1);
  assert.is(await directories.directory('dev'), null);
  try {
    await directories.directory('dev-1.cfg');
    assert.unreachable('a file is not a directory');
  } catch (error) {
    assert.match(String(error), /dev-1.cfg is a file where a directory is needed/);
  }
});

it.run();
