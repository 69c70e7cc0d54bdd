import { setTimeout as delay } from 'node:timers/promises';
import { formatConfigCommitMessage, formatWaveCommitMessage, parseTrailers, singleLine, TRAILER_JOB_ID } from './commit-message.js';
import type { GitStorageErrorCode } from './errors.js';
import type { CommitConfigInput, CommitConfigResult, GitIdentity } from './git-config-repository.js';
import type { LastTouchIndex } from './last-touch-index.js';
import { compareAndSwapRef, emptyTree, refTarget, signature, upsertFiles, writeBlob, writeCommit } from './nodegit-api.js';
import { TreeDirectories } from './tree-directories.js';
import type { Oid, Repository } from './nodegit-api.js';
import type { RecentBlobs } from './recent-blobs.js';

export const CONFIG_BRANCH = 'refs/heads/main';
export const NETRAVEN_IDENTITY: GitIdentity = { name: 'NetRaven', email: 'netraven@localhost' };
/** Compare-and-swap attempts on the branch when another process commits to the same repository. */
export const MAX_ATTEMPTS = 12;

/** What a wave commit reads and updates of its repository. */
export interface WaveTarget {
  readonly repo: Repository;
  readonly index: LastTouchIndex;
  readonly recent: RecentBlobs;
  lastCommitTouching(operation: string, path: string): Promise<string>;
  fail(operation: string, code: GitStorageErrorCode, message: string, path: string): never;
}

/**
 * Writes every changed file of the wave in one commit (one tree update instead of one per device:
 * with thousands of files in the tree that is the difference between 30 and 300 devices a second).
 */
export async function commitWave(target: WaveTarget, inputs: readonly CommitConfigInput[]): Promise<CommitConfigResult[]> {
  // libgit2 work runs on the libuv thread pool: writing and looking up the wave's files in parallel uses all of it.
  const blobs: Oid[] = await Promise.all(inputs.map((input) => writeBlob(target.repo, Buffer.from(input.content, 'utf8'))));
  for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
    // Two processes retrying in lockstep would keep colliding: back off a random, growing while.
    if (attempt > 1) await delay(Math.random() * Math.min(100, 2 ** attempt));
    const tip = await refTarget(target.repo, CONFIG_BRANCH);
    await target.index.sync(tip);
    const tipCommit = tip === null ? null : await target.repo.getCommit(tip);
    const tipTree = tipCommit === null ? await emptyTree(target.repo) : await tipCommit.getTree();
    const results: CommitConfigResult[] = [];
    const changed: number[] = [];
    const directories = new TreeDirectories(target.repo, tipTree);
    const currents = await Promise.all(inputs.map((input) => directories.blobIdAt(input.path)));
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
      if (current === null || current.equal(blobs[i]!) !== 1) changed.push(i);
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
    const files = changed.map((i) => ({ path: inputs[i]!.path, blob: blobs[i]! }));
    const tree = await target.repo.getTree(await upsertFiles(target.repo, tipTree, files, directories));
    const first = inputs[changed[0]!]!;
    const when = new Date(Math.max(...changed.map((i) => inputs[i]!.when.getTime())));
    const single = changed.length === 1;
    const author = single ? (first.author ?? NETRAVEN_IDENTITY) : NETRAVEN_IDENTITY;
    const message = single
      ? formatConfigCommitMessage(first)
      : formatWaveCommitMessage(first.jobId, changed.map((i) => inputs[i]!), when);
    const commit = await writeCommit(target.repo, {
      author: signature(author.name, author.email, when),
      committer: signature(NETRAVEN_IDENTITY.name, NETRAVEN_IDENTITY.email, when),
      message,
      tree,
      parents: tipCommit === null ? [] : [tipCommit],
    });
    const logMessage = `commit: ${message.split('\n', 1)[0] ?? ''}`;
    if (await compareAndSwapRef(target.repo, CONFIG_BRANCH, commit, tip, logMessage)) {
      target.index.recordCommit(commit.tostrS(), tip === null ? null : tip.tostrS(), files.map((f) => f.path));
      for (const i of changed) {
        results[i] = { commit: commit.tostrS(), changed: true };
        target.recent.remember(commit.tostrS(), inputs[i]!.path, blobs[i]!);
      }
      return results;
    }
  }
  const message = `${CONFIG_BRANCH} moved during each of ${MAX_ATTEMPTS} attempts`;
  return target.fail('commit', 'conflict', message, inputs[0]!.path);
}
