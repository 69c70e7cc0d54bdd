import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { GitConfigRepository, GitStorageError } from '../src/git/index.js';
import { mergeTreeItems, MODE_FILE, MODE_TREE, objectId, parseTree, serializeCommit, serializeTree, type TreeItem } from '../src/git/git-objects.js';
import NodeGit from 'nodegit';
import { openOrInitBare, PACK_MAPPING_LIMIT_BYTES, readObjectContent, oidFromString } from '../src/git/nodegit-api.js';
import { WavePack } from '../src/git/pack-writer.js';
import { holdsAsOnlyFile } from '../src/git/wave-trees.js';
import { git } from './git-helpers.js';

const it = suite('Git objects and wave packs written without libgit2, checked by the git CLI');
let dir: string;
let gitDir: string;

it.before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'netraven-wave-objects-'));
  gitDir = join(dir, 'configs.git');
  await openOrInitBare(gitDir, 'refs/heads/main');
});
it.after(async () => {
  await rm(dir, { recursive: true, force: true });
});

const name = (text: string): string => Buffer.from(text, 'utf8').toString('latin1');

it('blob ids are the ones git hash-object gives', async () => {
  const contents = ['', 'hostname core-1\n!\nend\n', 'description uplink ✓ — naïve\r\n', 'x'.repeat(70_000)];
  for (const text of contents) {
    const expected = (await git(gitDir, 'hash-object', '--stdin', { input: text })).trim();
    assert.is(objectId('blob', Buffer.from(text, 'utf8')).toString('hex'), expected, JSON.stringify(text.slice(0, 20)));
  }
});

it('a pack of blobs, trees in Git order and a commit is one git verify-pack and git fsck accept', async () => {
  const pack = new WavePack();
  const blob = (text: string): Buffer => pack.add('blob', Buffer.from(text, 'utf8'));
  const inner = pack.add('tree', serializeTree([{ name: 'config.cfg', mode: MODE_FILE, id: blob('inner\n') }]));
  // "foo" as a directory sorts as "foo/": after "foo.c" and "foo-bar", unlike the file "foo".
  const items: TreeItem[] = mergeTreeItems([], [
    { name: 'foo', mode: MODE_TREE, id: inner },
    { name: 'foo.c', mode: MODE_FILE, id: blob('c\n') },
    { name: 'foo-bar', mode: MODE_FILE, id: blob('dash\n') },
    { name: name('naïve ✓'), mode: MODE_FILE, id: blob('utf8\n') },
    { name: 'Zeta', mode: MODE_FILE, id: blob('upper\n') },
  ]);
  const root = pack.add('tree', serializeTree(items));
  const when = { time: 1_700_000_000, offsetMinutes: -330 };
  const commit = pack.add('commit', serializeCommit({
    tree: root, parents: [],
    author: { name: 'Zoë Ops', email: 'zoe@example.net', ...when }, committer: { name: 'NetRaven', email: 'netraven@localhost', ...when },
    message: 'first line\n\nJob-Id: j-1\n',
  }));
  pack.add('blob', Buffer.from('inner\n', 'utf8'));
  assert.is(pack.size, 8, 'an object added twice is packed once');
  await pack.write(join(gitDir, 'objects'));
  await git(gitDir, 'update-ref', 'refs/heads/main', commit.toString('hex'));

  const packs = (await readdir(join(gitDir, 'objects', 'pack'))).filter((f) => f.endsWith('.idx'));
  assert.is(packs.length, 1);
  const verify = await git(gitDir, 'verify-pack', '-v', join(gitDir, 'objects', 'pack', packs[0]!));
  assert.match(verify, /non delta: 8 objects/);
  await git(gitDir, 'fsck', '--strict', '--no-dangling');
  assert.is(await git(gitDir, 'ls-tree', '--name-only', 'main'), 'Zeta\nfoo-bar\nfoo.c\nfoo\n"na\\303\\257ve \\342\\234\\223"\n');
  assert.is(await git(gitDir, 'show', 'main:foo/config.cfg'), 'inner\n');
  assert.is(await git(gitDir, 'log', '-1', '--format=%an|%ae|%at|%ai|%B', 'main'), 'Zoë Ops|zoe@example.net|1700000000|2023-11-14 16:43:20 -0530|first line\n\nJob-Id: j-1\n\n');

  // libgit2 reads the same tree back, entry for entry.
  const repo = await openOrInitBare(gitDir, 'refs/heads/main');
  assert.equal(parseTree(await readObjectContent(repo, oidFromString(root.toString('hex')))), items);
});

it('a tree update refuses a name that is a file on one side and a directory on the other', () => {
  const id = objectId('blob', Buffer.alloc(0));
  assert.throws(() => mergeTreeItems([{ name: 'dev', mode: MODE_FILE, id }], [{ name: 'dev', mode: MODE_TREE, id }]), /dev is a file where a directory is needed/);
  assert.throws(() => mergeTreeItems([{ name: 'dev', mode: MODE_TREE, id }], [{ name: 'dev', mode: MODE_FILE, id }]), /dev is a directory where a file is needed/);
  assert.throws(() => mergeTreeItems([], [{ name: 'a', mode: MODE_FILE, id }, { name: 'a', mode: MODE_FILE, id }]), /names an entry twice/);
});

it('an unchanged device is recognised from the root tree alone only when its config is the only file of its directory', () => {
  const blob = objectId('blob', Buffer.from('hostname a\n'));
  const other = objectId('blob', Buffer.from('hostname b\n'));
  const directory = (items: TreeItem[]): TreeItem => ({ name: 'dev-a', mode: MODE_TREE, id: objectId('tree', serializeTree(items)) });
  const alone = [directory([{ name: 'config.cfg', mode: MODE_FILE, id: blob }])];
  assert.ok(holdsAsOnlyFile(alone, 'dev-a/config.cfg', blob));
  assert.not.ok(holdsAsOnlyFile(alone, 'dev-a/config.cfg', other), 'another config');
  assert.not.ok(holdsAsOnlyFile(alone, 'dev-b/config.cfg', blob), 'another device');
  assert.not.ok(holdsAsOnlyFile(alone, 'site/dev-a/config.cfg', blob), 'a deeper path is read, not guessed');
  const shared = [directory([{ name: 'config.cfg', mode: MODE_FILE, id: blob }, { name: 'notes.txt', mode: MODE_FILE, id: other }])];
  assert.not.ok(holdsAsOnlyFile(shared, 'dev-a/config.cfg', blob), 'a directory with more files is read');
});

it('backups committed in waves leave a repository git fsck finds sound, one pack per wave', async () => {
  const waves = join(dir, 'waves.git');
  const configs = await GitConfigRepository.open(waves);
  const config = (device: number, version: number): string => `hostname dev-${device}\n!\nlogging buffered ${version}\nend\n`;
  const round = (version: number, devices: number[], job = `job-${version}`) =>
    Promise.all(devices.map((device) => configs.commitConfig({
      path: `dev-${device}/config.cfg`, content: config(device, version), jobId: job, deviceName: `dev-${device}`, when: new Date(),
    })));
  const first = await round(1, [1, 2, 3, 4, 5, 6]);
  assert.ok(first.every((result) => result.changed));
  const second = await round(1, [1, 2, 3]);
  assert.equal(second.map((result) => result.changed), [true, true, true], 'a job that meets its own commit again reports it, once');
  assert.equal(second.map((result) => result.commit), first.slice(0, 3).map((result) => result.commit));
  const third = await round(2, [2, 3, 7]);
  assert.ok(third.every((result) => result.changed));
  const unchanged = await round(1, [1], 'job-3');
  assert.equal(unchanged.map((result) => result.changed), [false], 'an unchanged config commits nothing');
  const deeper = await configs.commitConfig({ path: 'site-a/rack 2/dev-8.cfg', content: 'deep\n', jobId: 'job-4', deviceName: 'dev-8', when: new Date() });
  assert.ok(deeper.changed);
  await git(waves, 'fsck', '--strict', '--no-dangling');
  assert.is(await git(waves, 'count-objects', '-v').then((out) => /^count: (\d+)$/m.exec(out)?.[1]), '0', 'no loose objects');
  assert.is(await git(waves, 'show', 'main:dev-3/config.cfg'), config(3, 2));
  assert.is(await git(waves, 'show', 'main:dev-7/config.cfg'), config(7, 2));
  assert.is(await git(waves, 'show', 'main:dev-6/config.cfg'), config(6, 1));
  assert.is(await git(waves, 'show', 'main:site-a/rack 2/dev-8.cfg'), 'deep\n');
  assert.is((await git(waves, 'log', '--format=%H', 'main', '--', 'dev-2/config.cfg')).trim().split('\n').length, 2);
  assert.is(await configs.readConfig(third[0]!.commit, 'dev-2/config.cfg'), config(2, 2), 'libgit2 reads what the packs hold');

  const clash = await configs.commitConfig({ path: 'dev-1', content: 'x\n', jobId: 'job-5', deviceName: 'dev-1', when: new Date() }).catch((e: unknown) => e);
  assert.instance(clash, GitStorageError, 'a file where a device directory is stays a categorized refusal');
  assert.match(String(await git(waves, 'show', 'main:dev-1/config.cfg')), /hostname dev-1/);
});

it('libgit2 maps at most 32 MiB of packs, not its default 8 GiB (one pack per wave would stay resident)', () => {
  const GIT_OPT_GET_MWINDOW_MAPPED_LIMIT = 2;
  assert.is(PACK_MAPPING_LIMIT_BYTES, 32 * 1024 * 1024);
  assert.is(NodeGit.Libgit2.opts(GIT_OPT_GET_MWINDOW_MAPPED_LIMIT), PACK_MAPPING_LIMIT_BYTES);
});

it('a second process writing the same repository finds the other one\'s packs', async () => {
  const shared = join(dir, 'shared.git');
  const one = await GitConfigRepository.open(shared);
  const two = await GitConfigRepository.open(shared);
  const commit = (repo: GitConfigRepository, device: string, version: number) =>
    repo.commitConfig({ path: `${device}/config.cfg`, content: `${device} v${version}\n`, jobId: `job-${version}`, deviceName: device, when: new Date() });
  await commit(one, 'a', 1);
  await commit(two, 'b', 1);
  await commit(one, 'c', 2);
  const head = await one.headConfig('b/config.cfg');
  assert.is(head?.content, 'b v1\n');
  assert.is(await git(shared, 'ls-tree', '--name-only', 'main'), 'a\nb\nc\n');
  await git(shared, 'fsck', '--strict', '--no-dangling');
});

it.run();
