import { join } from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import { formatConfigCommitMessage, formatWaveCommitMessage, parseTrailers, singleLine, TRAILER_JOB_ID } from './commit-message.js';
import type { GitStorageErrorCode } from './errors.js';
import type { CommitConfigInput, CommitConfigResult, GitIdentity } from './git-config-repository.js';
import type { LastTouchIndex } from './last-touch-index.js';
import { objectId, serializeCommit, type CommitPerson, type TreeItem } from './git-objects.js';
import { compareAndSwapRef, oidFromString, refTarget, signature } from './nodegit-api.js';
import type { Oid, Repository, Signature } from './nodegit-api.js';
import { WavePack } from './pack-writer.js';
import type { RecentBlobs } from './recent-blobs.js';
import { TreeDirectories } from './tree-directories.js';
import { buildWaveTree, holdsAsOnlyFile, type RootTreeCache } from './wave-trees.js';

export const CONFIG_BRANCH = 'refs/heads/main';
export const NETRAVEN_IDENTITY: GitIdentity = { name: 'NetRaven', email: 'netraven@localhost' };
/** Compare-and-swap attempts on the branch when another process commits to the same repository. */
export const MAX_ATTEMPTS = 12;

/** What a wave commit reads and updates of its repository. */
export interface WaveTarget {
  readonly repo: Repository;
  readonly index: LastTouchIndex;
  readonly recent: RecentBlobs;
  readonly roots: RootTreeCache;
  lastCommitTouching(operation: string, path: string): Promise<string>;
  fail(operation: string, code: GitStorageErrorCode, message: string, path: string): never;
}

/**
 * Writes every changed file of the wave in one commit (one tree update instead of one per device:
 * with thousands of files in the tree that is the difference between 30 and 300 devices a second).
 * The commit's new objects (blobs, trees, the commit) go to the repository as one pack.
 */
export async function commitWave(target: WaveTarget, inputs: readonly CommitConfigInput[]): Promise<CommitConfigResult[]> {
  // Hashed, not written: an unchanged config (most of them, run after run) needs no write at all.
  const contents = inputs.map((input) => Buffer.from(input.content, 'utf8'));
  const blobs = contents.map((content) => objectId('blob', content));
  const blobOids = blobs.map((blob) => oidFromString(blob.toString('hex')));
  for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
    // Two processes retrying in lockstep would keep colliding: back off a random, growing while.
    if (attempt > 1) await delay(Math.random() * Math.min(100, 2 ** attempt));
    const tip = await refTarget(target.repo, CONFIG_BRANCH);
    await target.index.sync(tip);
    const tipCommit = tip === null ? null : await target.repo.getCommit(tip);
    const results: CommitConfigResult[] = [];
    const changed: number[] = [];
    const rootItems = await target.roots.itemsOf(target.repo, tipCommit === null ? null : tipCommit.treeId());
    const directories = tipCommit === null ? null : new TreeDirectories(target.repo, rootItems);
    const currents = directories === null ? [] : await Promise.all(inputs.map((input, i) =>
      holdsAsOnlyFile(rootItems, input.path, blobs[i]!) ? blobOids[i]! : directories.blobIdAt(input.path)));
    // Unchanged files mostly share their last commit (the previous wave's): each commit is read once.
    const messages = new Map<string, Promise<string>>();
    const messageOf = (commit: string): Promise<string> => {
      let message = messages.get(commit);
      if (message === undefined) {
        message = target.repo.getCommit(commit).then((found) => found.message());
        messages.set(commit, message);
      }
      return message;
    };
    const unchanged: Array<{ i: number; last: string; current: Oid }> = [];
    for (const [i, input] of inputs.entries()) {
      const current = currents[i] ?? null;
      if (current === null || current.equal(blobOids[i]!) !== 1) changed.push(i);
      // One at a time: the index shares one history walk between its callers.
      else unchanged.push({ i, last: await target.lastCommitTouching('commit', input.path), current });
    }
    await Promise.all(unchanged.map(async ({ i, last, current }) => {
      const input = inputs[i]!;
      const jobs = parseTrailers(await messageOf(last)).get(TRAILER_JOB_ID) ?? [];
      results[i] = { commit: last, changed: jobs.includes(singleLine(input.jobId)) };
      target.recent.remember(last, input.path, current);
    }));
    if (changed.length === 0) return results;
    const commit = await writeWaveCommit(target, tip, rootItems, directories, changed.map((i) => ({ input: inputs[i]!, content: contents[i]!, blob: blobs[i]! })));
    const message = commit.message;
    const logMessage = `commit: ${message.split('\n', 1)[0] ?? ''}`;
    if (await compareAndSwapRef(target.repo, CONFIG_BRANCH, oidFromString(commit.id), tip, logMessage)) {
      target.roots.remember(commit.tree, commit.rootItems);
      target.index.recordCommit(commit.id, tip === null ? null : tip.tostrS(), changed.map((i) => inputs[i]!.path));
      for (const i of changed) {
        results[i] = { commit: commit.id, changed: true };
        target.recent.remember(commit.id, inputs[i]!.path, blobOids[i]!);
      }
      return results;
    }
  }
  const message = `${CONFIG_BRANCH} moved during each of ${MAX_ATTEMPTS} attempts`;
  return target.fail('commit', 'conflict', message, inputs[0]!.path);
}

interface ChangedFile {
  readonly input: CommitConfigInput;
  readonly content: Buffer;
  readonly blob: Buffer;
}

interface WrittenCommit {
  readonly id: string;
  readonly message: string;
  readonly tree: Buffer;
  readonly rootItems: TreeItem[];
}

const person = (sig: Signature): CommitPerson => ({ name: sig.name(), email: sig.email(), time: sig.when().time(), offsetMinutes: sig.when().offset() });

/** Packs the changed files, the trees above them and a commit on `tip`; nothing moves the branch yet. */
async function writeWaveCommit(
  target: WaveTarget,
  tip: Oid | null,
  rootItems: readonly TreeItem[],
  directories: TreeDirectories | null,
  files: readonly ChangedFile[],
): Promise<WrittenCommit> {
  const pack = new WavePack();
  for (const file of files) pack.add('blob', file.content);
  const root = await buildWaveTree(target.repo, pack, rootItems, files.map((f) => ({ path: f.input.path, blob: f.blob })), directories);
  const first = files[0]!.input;
  const when = new Date(Math.max(...files.map((f) => f.input.when.getTime())));
  const single = files.length === 1;
  const author = single ? (first.author ?? NETRAVEN_IDENTITY) : NETRAVEN_IDENTITY;
  const message = single ? formatConfigCommitMessage(first) : formatWaveCommitMessage(first.jobId, files.map((f) => f.input), when);
  // Built by libgit2, so that a name or address Git cannot hold is refused as it always was.
  const authorSignature = signature(author.name, author.email, when);
  const committerSignature = signature(NETRAVEN_IDENTITY.name, NETRAVEN_IDENTITY.email, when);
  const commit = pack.add('commit', serializeCommit({
    tree: root.id,
    parents: tip === null ? [] : [Buffer.from(tip.tostrS(), 'hex')],
    author: person(authorSignature),
    committer: person(committerSignature),
    message,
  }));
  await pack.write(join(target.repo.path(), 'objects'));
  return { id: commit.toString('hex'), message, tree: root.id, rootItems: root.items };
}
