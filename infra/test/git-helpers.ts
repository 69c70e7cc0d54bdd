import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { GitStorageError } from '../src/git/index.js';
import type { Test } from 'uvu';
import type { CommitConfigInput } from '../src/git/index.js';

/** The git CLI as a second implementation to check what nodegit wrote. */
export function git(gitDir: string, ...args: [...string[], string | { input: string }]): Promise<string> {
  const last = args[args.length - 1];
  const input = typeof last === 'object' ? last.input : undefined;
  const argv = args.filter((a): a is string => typeof a === 'string');
  return new Promise((resolve, reject) => {
    const child = spawn('git', ['--git-dir', gitDir, ...argv], {
      env: {
        ...process.env,
        GIT_CONFIG_NOSYSTEM: '1',
        HOME: gitDir,
        LC_ALL: 'C',
        GIT_AUTHOR_NAME: 'CLI',
        GIT_AUTHOR_EMAIL: 'cli@localhost',
        GIT_COMMITTER_NAME: 'CLI',
        GIT_COMMITTER_EMAIL: 'cli@localhost',
      },
      stdio: [input === undefined ? 'ignore' : 'pipe', 'pipe', 'pipe'],
    });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout?.on('data', (chunk: Buffer) => out.push(chunk));
    child.stderr?.on('data', (chunk: Buffer) => err.push(chunk));
    child.on('error', reject);
    child.on('close', (code) => {
      if (code === 0) resolve(Buffer.concat(out).toString('utf8'));
      else reject(new Error(`git ${argv.join(' ')} exited ${code}: ${Buffer.concat(err).toString('utf8')}`));
    });
    child.stdin?.end(input);
  });
}

export const commitCount = async (gitDir: string): Promise<number> =>
  Number((await git(gitDir, 'rev-list', '--count', 'main')).trim());

export async function fsck(gitDir: string): Promise<void> {
  await git(gitDir, 'fsck', '--strict', '--no-progress');
}

export interface TempRepo {
  root: string;
  gitDir: string;
  dispose(): Promise<void>;
}

export async function tempRepoDir(): Promise<TempRepo> {
  const root = await mkdtemp(join(tmpdir(), 'netraven-git-'));
  return { root, gitDir: join(root, 'configs.git'), dispose: () => rm(root, { recursive: true, force: true }) };
}

/** Tests that get a fresh repository directory each; the git CLI must find it consistent afterwards. */
export function repoTestIn(test: Test) {
  return (name: string, body: (dir: TempRepo) => Promise<void>, opts = { fsck: true }): void => {
    test(name, async () => {
      const dir = await tempRepoDir();
      let failed = false;
      let failure: unknown;
      try {
        await body(dir);
        if (opts.fsck) await fsck(dir.gitDir);
      } catch (error) {
        failed = true;
        failure = error;
      }
      // A cleanup error must not hide the test's own failure.
      try {
        await dir.dispose();
      } catch (error) {
        throw failed ? new AggregateError([failure, error], 'test failed, then cleanup failed') : error;
      }
      if (failed) throw failure;
    });
  };
}

let clock = Date.UTC(2026, 0, 1, 12, 0, 0);

export function change(overrides: Partial<CommitConfigInput> & { path: string; content: string }): CommitConfigInput {
  clock += 60_000;
  return { jobId: 'job-1', deviceName: 'edge-1', when: new Date(clock), ...overrides };
}

export function config(device: string, version: number): string {
  return [`hostname ${device}`, '!', `interface Loopback0`, ` description v${version}`, '!', 'end', ''].join('\n');
}

/** The GitStorageError a call rejects with; anything else (or success) fails the test. */
export async function storageError(promise: Promise<unknown>): Promise<GitStorageError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof GitStorageError) return error;
    throw error;
  }
  throw new Error('expected a GitStorageError, the call succeeded');
}
