import { singleLine } from './commit-message.js';
import { configPathProblem, deviceConfigPath } from './config-paths.js';
import { deviceFileAt, deviceFilePatch } from './device-config-lookup.js';
import { migrateToDeviceConfigPaths } from './device-path-migration.js';
import { GitStorageError } from './errors.js';
import type { GitStorageErrorCode } from './errors.js';
import { LastTouchIndex } from './last-touch-index.js';
import { isNotFound, oidFromString, openOrInitBare, readBlob, refTarget } from './nodegit-api.js';
import type { Commit, Repository } from './nodegit-api.js';
import { MAX_WAVE, takeWave, type WaitingCommit } from './commit-wave.js';
import { historyOf } from './config-history.js';
import { RecentBlobs } from './recent-blobs.js';
import { SerialQueue } from './serial-queue.js';
import { RootTreeCache } from './wave-trees.js';
import { CONFIG_BRANCH, commitWave, MAX_ATTEMPTS, NETRAVEN_IDENTITY, type WaveTarget } from './wave-writer.js';

export { CONFIG_BRANCH, NETRAVEN_IDENTITY };
/** Committed files whose blob ids are kept for the read that follows each backup (a job's worth and more). */
const RECENT_BLOBS = 20_000;

export interface GitIdentity {
  name: string;
  email: string;
}

export interface CommitConfigInput {
  /** File path in the repository: for a device, `deviceConfigPath(deviceId)` (`<deviceId>/config.cfg`). */
  path: string;
  content: string;
  jobId: string;
  deviceName: string;
  hostname?: string;
  /** Who the change is attributed to; the committer is always NetRaven. */
  author?: GitIdentity;
  when: Date;
}

export interface CommitConfigResult {
  /** The new commit, or the last commit that touched the path when nothing was committed. */
  commit: string;
  /** True when this job changed the file (including a retry that finds this job's own earlier commit). */
  changed: boolean;
}

export interface ConfigHistoryEntry {
  commit: string;
  message: string;
  time: Date;
}

/**
 * Device configurations in a bare Git repository (one file per device on `refs/heads/main`), written straight
 * into the object database: no working tree, no index. Concurrent commits are gathered into waves, one commit each,
 * whose new objects are written as one pack (`wave-writer.ts`). Waves are serialized in this process and published
 * with a compare-and-swap on the branch, so a second process writing the same repository cannot lose an update
 * either; a retried task recognises its job's earlier commit by the `Job-Id`/`Device-Path` trailers.
 */
export class GitConfigRepository {
  private readonly queue = new SerialQueue();
  /** Commits asked for while a wave is being written; the next wave takes them together. */
  private readonly waiting: WaitingCommit[] = [];
  private wavesScheduled = false;
  private readonly recent = new RecentBlobs(RECENT_BLOBS);
  private readonly roots = new RootTreeCache();

  private constructor(
    readonly repoPath: string,
    private readonly repo: Repository,
    private readonly index: LastTouchIndex,
  ) {}

  /**
   * Opens the bare repository at `path`; creates it, HEAD on main, if the directory is missing or empty. A repository
   * with legacy `<deviceId>/<platform>.cfg` files at its tip gets one commit moving them to `<deviceId>/config.cfg`.
   */
  static async open(path: string): Promise<GitConfigRepository> {
    let repo: Repository;
    try {
      repo = await openOrInitBare(path, CONFIG_BRANCH);
    } catch (cause) {
      throw new GitStorageError('cannot open or create a bare repository here', { code: 'storage', operation: 'open', repoPath: path, cause });
    }
    try {
      await migrateToDeviceConfigPaths(repo, { branch: CONFIG_BRANCH, identity: NETRAVEN_IDENTITY, maxAttempts: MAX_ATTEMPTS, now: () => new Date() });
    } catch (cause) {
      throw new GitStorageError('cannot move legacy device files to one file per device', { code: 'storage', operation: 'migrate', repoPath: path, cause });
    }
    return new GitConfigRepository(path, repo, new LastTouchIndex(repo));
  }

  /** Where a device's configuration is committed and read (`deviceConfigPath`): one file per device, whatever its platform. */
  deviceConfigPath(deviceId: string): string {
    return deviceConfigPath(deviceId);
  }

  /**
   * Commits `content` at `path` unless the branch already has it. When the commit that last touched the path
   * carries this `jobId`, the job already committed it (a worker crashed before recording the outcome and the
   * task was redelivered): that commit is returned with `changed: true` and nothing new is written.
   */
  async commitConfig(input: CommitConfigInput): Promise<CommitConfigResult> {
    this.checkPath('commit', input.path);
    if (singleLine(input.jobId) === '') this.fail('commit', 'invalid-argument', 'jobId is empty', input.path);
    if (Number.isNaN(input.when.getTime())) {
      this.fail('commit', 'invalid-argument', 'when is not a valid date', input.path);
    }
    return new Promise<CommitConfigResult>((resolve, reject) => {
      this.waiting.push({ input, resolve, reject });
      this.scheduleWaves();
    });
  }

  /**
   * The file at `commit`, or null when that commit has no such file. A device's config path names the device: in a
   * commit from before the migration, its legacy `<deviceId>/<platform>.cfg` (`device-config-lookup.ts`).
   */
  async readConfig(commit: string, path: string): Promise<string | null> {
    this.checkPath('read', path);
    return this.guard('read', path, async () => {
      const recent = this.recent.blobAt(commit, path);
      if (recent) return (await readBlob(this.repo, recent)).toString('utf8');
      const file = await deviceFileAt(this.repo, await this.commitById('read', commit, path), path);
      return file === null ? null : (await readBlob(this.repo, file.blob)).toString('utf8');
    });
  }

  /**
   * The file as it stood just before `commit` (in its first parent), with that parent's id; null for the first commit
   * or when the file did not exist yet. Every commit changes exactly the files it names, so this is the previous version.
   */
  async readConfigBefore(commit: string, path: string): Promise<{ commit: string; content: string } | null> {
    this.checkPath('read', path);
    return this.guard('read', path, async () => {
      const current = await this.commitById('read', commit, path);
      if (current.parentcount() === 0) return null;
      const parent = await current.parent(0);
      const file = await deviceFileAt(this.repo, parent, path);
      return file === null ? null : { commit: parent.sha(), content: (await readBlob(this.repo, file.blob)).toString('utf8') };
    });
  }

  /** The file at the branch tip, with the commit that last changed its content; null when the file is not there. */
  async headConfig(path: string): Promise<{ commit: string; content: string } | null> {
    this.checkPath('head', path);
    return this.queue.run(() =>
      this.guard('head', path, async () => {
        const tip = await refTarget(this.repo, CONFIG_BRANCH);
        if (tip === null) return null;
        const file = await deviceFileAt(this.repo, await this.repo.getCommit(tip), path);
        if (file === null) return null;
        await this.index.sync(tip);
        const commit = await this.lastCommitTouching('head', file.path);
        return { commit, content: (await readBlob(this.repo, file.blob)).toString('utf8') };
      }),
    );
  }

  /** Commits that added, changed or removed `path` (for a device: its config, across the migration), newest first. */
  async history(path: string, limit = Number.POSITIVE_INFINITY): Promise<ConfigHistoryEntry[]> {
    this.checkPath('history', path);
    if (!(limit >= 0)) this.fail('history', 'invalid-argument', `limit ${limit} is not a non-negative number`, path);
    return this.guard('history', path, () => historyOf(this.repo, path, limit));
  }

  /** `git diff <fromCommit> <toCommit> -- <path>` in unified format; '' when the file is the same in both. */
  async diff(fromCommit: string, toCommit: string, path: string): Promise<string> {
    this.checkPath('diff', path);
    return this.guard('diff', path, async () => {
      const from = await this.commitById('diff', fromCommit, path);
      return deviceFilePatch(this.repo, from, await this.commitById('diff', toCommit, path), path);
    });
  }

  private scheduleWaves(): void {
    if (this.wavesScheduled) return;
    this.wavesScheduled = true;
    void this.queue.run(async () => {
      this.wavesScheduled = false;
      while (this.waiting.length > 0) {
        const wave = takeWave(this.waiting, MAX_WAVE);
        try {
          const results = await this.guard('commit', wave[0]!.input.path, () => commitWave(this.waveTarget(), wave.map((w) => w.input)));
          wave.forEach((w, i) => w.resolve(results[i]!));
        } catch (error) {
          wave.forEach((w) => w.reject(error));
        }
      }
    });
  }

  private waveTarget(): WaveTarget {
    return {
      repo: this.repo, index: this.index, recent: this.recent, roots: this.roots,
      lastCommitTouching: (operation, path) => this.lastCommitTouching(operation, path),
      fail: (operation, code, message, path) => this.fail(operation, code, message, path),
    };
  }

  private async lastCommitTouching(operation: string, path: string): Promise<string> {
    const last = await this.index.lastCommitTouching(path);
    if (last !== null) return last;
    // The file is at the tip, so some commit added it: not finding one means the history walk is broken.
    return this.fail(operation, 'storage', 'the file is at the branch tip but no commit in its history adds it', path);
  }

  private async commitById(operation: string, commit: string, path: string): Promise<Commit> {
    if (!/^[0-9a-f]{40}$/.test(commit)) {
      this.fail(operation, 'invalid-argument', `"${commit}" is not a full lowercase commit id`, path);
    }
    try {
      return await this.repo.getCommit(oidFromString(commit));
    } catch (cause) {
      if (!isNotFound(cause)) throw cause;
      throw new GitStorageError('no such commit', {
        code: 'not-found',
        operation,
        repoPath: this.repoPath,
        path,
        commit,
        cause,
      });
    }
  }

  private checkPath(operation: string, path: string): void {
    const problem = configPathProblem(path);
    if (problem !== null) this.fail(operation, 'invalid-argument', problem, path);
  }

  private fail(operation: string, code: GitStorageErrorCode, message: string, path: string): never {
    throw new GitStorageError(message, { code, operation, repoPath: this.repoPath, path });
  }

  private async guard<T>(operation: string, path: string, work: () => Promise<T>): Promise<T> {
    try {
      return await work();
    } catch (cause) {
      if (cause instanceof GitStorageError) throw cause;
      throw new GitStorageError('libgit2 reported an error', {
        code: 'storage',
        operation,
        repoPath: this.repoPath,
        path,
        cause,
      });
    }
  }
}
