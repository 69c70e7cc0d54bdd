import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { GitConfigRepository } from '../src/git/index.js';
import { blobId } from '../src/git/object-id.js';
import { openOrInitBare, writeBlob, type Repository } from '../src/git/nodegit-api.js';
import { git } from './git-helpers.js';

const it = suite('blob ids computed before any write');
let dir: string;
let gitDir: string;
let repo: Repository;

it.before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'netraven-blob-ids-'));
  gitDir = join(dir, 'configs.git');
  repo = await openOrInitBare(gitDir, 'refs/heads/main');
});
it.after(async () => {
  await rm(dir, { recursive: true, force: true });
});

it('computes the id git hash-object gives a config, and the blob nodegit writes has it', async () => {
  const contents = ['', 'hostname core-1\n!\nend\n', 'description uplink ✓ — naïve\r\n', 'x'.repeat(70_000)];
  for (const text of contents) {
    const content = Buffer.from(text, 'utf8');
    const expected = (await git(gitDir, 'hash-object', '--stdin', { input: text })).trim();
    assert.is(blobId(content).tostrS(), expected, JSON.stringify(text.slice(0, 20)));
    assert.is((await writeBlob(repo, content)).tostrS(), expected);
  }
});

it('backups committed in waves leave a repository git fsck finds sound', async () => {
  const configs = await GitConfigRepository.open(join(dir, 'waves.git'));
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
  const waves = join(dir, 'waves.git');
  await git(waves, 'fsck', '--strict', '--no-dangling');
  assert.is(await git(waves, 'show', 'main:dev-3/config.cfg'), config(3, 2));
  assert.is(await git(waves, 'show', 'main:dev-7/config.cfg'), config(7, 2));
  assert.is(await git(waves, 'show', 'main:dev-6/config.cfg'), config(6, 1));
  assert.is((await git(waves, 'log', '--format=%H', 'main', '--', 'dev-2/config.cfg')).trim().split('\n').length, 2);
});

it.run();
