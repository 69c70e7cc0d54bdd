import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { runPeriodically, type Follower, type FollowerRun } from '../supervision/index.js';

const run = promisify(execFile);

/** What `git count-objects -v` says about how the repository is stored. */
export interface ObjectCounts {
  readonly loose: number;
  readonly packs: number;
  readonly sizeKiB: number;
}

export type MaintenanceOutcome =
  | { readonly ran: true; readonly before: ObjectCounts; readonly after: ObjectCounts; readonly ms: number }
  | { readonly ran: false; readonly reason: 'busy' | 'tidy'; readonly before?: ObjectCounts };

export interface RepositoryMaintenanceOptions {
  readonly repoPath: string;
  /** How often to look; a look packs only when loose objects or packs have piled up. */
  readonly intervalMs: number;
  /** True while a job runs: maintenance waits for a quiet moment (retried every `retryWhenBusyMs`). */
  readonly isBusy: () => Promise<boolean>;
  readonly retryWhenBusyMs?: number;
  readonly onOutcome?: (outcome: MaintenanceOutcome) => void;
  /** Loose objects that call for a pack (Git's own `gc.auto` default: 6,700). */
  readonly looseObjectThreshold?: number;
  /** Packs that call for a repack into one (Git's own `gc.autoPackLimit` default: 50). */
  readonly packThreshold?: number;
}

export async function countObjects(repoPath: string): Promise<ObjectCounts> {
  const { stdout } = await run('git', ['-C', repoPath, 'count-objects', '-v']);
  const value = (key: string): number => Number(new RegExp(`^${key}: (\\d+)$`, 'm').exec(stdout)?.[1] ?? 0);
  return { loose: value('count'), packs: value('packs'), sizeKiB: value('size') + value('size-pack') };
}

/**
 * Packs the config repository on its own schedule, never while a job runs: a repository written
 * one pack per wave commit gathers packs (a 10,000-device backup adds a few hundred), and every
 * object lookup that misses one pack tries the next. The counts come from `git count-objects`
 * (exact, where `gc --auto` samples one directory); past a threshold `git gc` folds them into one
 * pack, keeping its default two-week grace for unreferenced objects, so a commit being written at
 * the same moment never loses an object.
 */
export class RepositoryMaintenance implements Follower {
  readonly name = 'git-maintenance';

  constructor(private readonly options: RepositoryMaintenanceOptions) {}

  async follow(): Promise<FollowerRun> {
    return runPeriodically(async () => {
      const outcome = await this.runOnce();
      this.options.onOutcome?.(outcome);
      return outcome.ran || outcome.reason === 'tidy' ? this.options.intervalMs : (this.options.retryWhenBusyMs ?? 5 * 60_000);
    });
  }

  async runOnce(): Promise<MaintenanceOutcome> {
    if (await this.options.isBusy()) return { ran: false, reason: 'busy' };
    const started = Date.now();
    const before = await countObjects(this.options.repoPath);
    if (before.loose < (this.options.looseObjectThreshold ?? 6700) && before.packs < (this.options.packThreshold ?? 50)) {
      return { ran: false, reason: 'tidy', before };
    }
    await run('git', ['-C', this.options.repoPath, 'gc', '--quiet'], { maxBuffer: 16 * 1024 * 1024 });
    const after = await countObjects(this.options.repoPath);
    return { ran: true, before, after, ms: Date.now() - started };
  }
}
