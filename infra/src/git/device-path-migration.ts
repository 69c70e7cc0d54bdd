import { setTimeout as delay } from 'node:timers/promises';
import { formatMigrationCommitMessage, type DeviceFileMove } from './commit-message.js';
import { DEVICE_CONFIG_FILE, deviceDirectoryOf, isLegacyConfigFileName } from './config-paths.js';
import { newestChangedFiles } from './device-config-lookup.js';
import { allFiles, compareAndSwapRef, refTarget, signature, updateFiles, writeCommit, type FileChange } from './nodegit-api.js';
import type { Commit, Oid, Repository, Tree } from './nodegit-api.js';

export interface MigrationTarget {
  readonly branch: string;
  readonly identity: { readonly name: string; readonly email: string };
  /** Compare-and-swap attempts when other writers keep moving the branch. */
  readonly maxAttempts: number;
  readonly now: () => Date;
}

/**
 * Moves every legacy `<deviceId>/<platform>.cfg` at the branch tip to `<deviceId>/config.cfg` in one commit
 * (a device whose platform changed keeps the file changed last; the older platform's file goes). Idempotent:
 * a tip without legacy files needs nothing. Processes opening the repository together race on the branch's
 * compare-and-swap like any writer; the loser looks again, finds the files moved and adds nothing.
 * Returns the migration commit, or null when there was nothing to move.
 */
export async function migrateToDeviceConfigPaths(repo: Repository, target: MigrationTarget): Promise<string | null> {
  for (let attempt = 1; attempt <= target.maxAttempts; attempt++) {
    if (attempt > 1) await delay(Math.random() * Math.min(100, 2 ** attempt));
    const tip = await refTarget(repo, target.branch);
    if (tip === null) return null;
    const tipCommit = await repo.getCommit(tip);
    const tipTree = await tipCommit.getTree();
    const moves = await plannedMoves(repo, tipCommit, tipTree);
    if (moves.length === 0) return null;
    const tree = await repo.getTree(await updateFiles(repo, tipTree, moves.flatMap(changesOf)));
    const message = formatMigrationCommitMessage(moves);
    const when = target.now();
    const commit = await writeCommit(repo, {
      author: signature(target.identity.name, target.identity.email, when),
      committer: signature(target.identity.name, target.identity.email, when),
      message,
      tree,
      parents: [tipCommit],
    });
    if (await compareAndSwapRef(repo, target.branch, commit, tip, `commit: ${message.split('\n', 1)[0] ?? ''}`)) return commit.tostrS();
  }
  throw new Error(`${target.branch} moved during each of ${target.maxAttempts} attempts to move legacy device files`);
}

type PlannedMove = DeviceFileMove & { readonly blob: Oid };

/** What to move in the tip's tree: one entry per device directory that holds a legacy file. */
async function plannedMoves(repo: Repository, tipCommit: Commit, tipTree: Tree): Promise<PlannedMove[]> {
  const byDirectory = new Map<string, Array<{ path: string; blob: Oid }>>();
  for (const file of await allFiles(repo, tipTree)) {
    const directory = deviceDirectoryOf(file.path);
    if (directory !== null) byDirectory.set(directory, [...(byDirectory.get(directory) ?? []), file]);
  }
  const legacy = [...byDirectory].filter(([, files]) => files.some((f) => isLegacyConfigFileName(f.path.slice(f.path.lastIndexOf('/') + 1))));
  const ambiguous = new Map(legacy.filter(([, files]) => files.length > 1).map(([directory, files]) => [directory, files.map((f) => f.path)]));
  const newest = ambiguous.size > 0 ? await newestChangedFiles(repo, tipCommit, ambiguous) : new Map<string, string>();
  return legacy.map(([directory, files]) => {
    const keep = files.find((f) => f.path === newest.get(directory)) ?? files[0]!;
    const to = `${directory}/${DEVICE_CONFIG_FILE}`;
    const superseded = files.map((f) => f.path).filter((path) => path !== keep.path && path !== to);
    return { from: keep.path, to, superseded, blob: keep.blob };
  });
}

function changesOf(move: PlannedMove): FileChange[] {
  const moved: FileChange[] = move.from === move.to ? [] : [{ path: move.from, blob: null }, { path: move.to, blob: move.blob }];
  return [...moved, ...move.superseded.map((path) => ({ path, blob: null }))];
}
