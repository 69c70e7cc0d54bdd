import { DEVICE_CONFIG_FILE, deviceDirectoryOf, isConfigFileName } from './config-paths.js';
import { blobIdAt, changedPaths, filesInDirectory, patchText, updateFiles, walkCommits } from './nodegit-api.js';
import type { Commit, Oid, Repository } from './nodegit-api.js';

export interface DeviceFile {
  readonly path: string;
  readonly blob: Oid;
}

/**
 * The file that holds what `path` names at `commit`. A device's config path (`<id>/config.cfg`, or a legacy
 * `<id>/<platform>.cfg`) names the device, not one file: `<id>/config.cfg` after the migration, the device's
 * legacy file in a commit from before it, and when a platform change left several `.cfg` files in the
 * directory, the one changed last (the others are an earlier platform's leftovers). Any other path names
 * exactly that file.
 */
export async function deviceFileAt(repo: Repository, commit: Commit, path: string): Promise<DeviceFile | null> {
  const tree = await commit.getTree();
  const directory = deviceDirectoryOf(path);
  if (directory === null) {
    const blob = await blobIdAt(tree, path);
    return blob === null ? null : { path, blob };
  }
  const candidates = (await filesInDirectory(repo, tree, directory))
    .filter((f) => isConfigFileName(f.name))
    .map((f) => ({ path: `${directory}/${f.name}`, blob: f.blob }));
  const [first] = candidates;
  if (first === undefined || candidates.length === 1) return first ?? null;
  const newest = (await newestChangedFiles(repo, commit, new Map([[directory, candidates.map((c) => c.path)]]))).get(directory);
  return candidates.find((c) => c.path === newest) ?? null;
}

/**
 * For each directory, which of its candidate files a commit changed last, looking back from `from`: one
 * history walk shared by every directory, stopping once each has its answer. A commit that changed several
 * candidates of one directory (the first commit, say) prefers `config.cfg`, then the first name in order.
 */
export async function newestChangedFiles(repo: Repository, from: Commit, candidates: ReadonlyMap<string, readonly string[]>): Promise<Map<string, string>> {
  const newest = new Map<string, string>();
  const pending = new Map([...candidates].filter(([, paths]) => paths.length > 0));
  const owner = new Map<string, string>();
  for (const [directory, paths] of pending) for (const path of paths) owner.set(path, directory);
  walk: for await (const ids of walkCommits(repo, from.id())) {
    for (const id of ids) {
      const hits = new Map<string, string[]>();
      for (const path of await changedPaths(repo, await repo.getCommit(id))) {
        const directory = owner.get(path);
        if (directory !== undefined && pending.has(directory)) hits.set(directory, [...(hits.get(directory) ?? []), path]);
      }
      for (const [directory, paths] of hits) {
        newest.set(directory, preferred(paths));
        pending.delete(directory);
      }
      if (pending.size === 0) break walk;
    }
  }
  for (const [directory, paths] of pending) newest.set(directory, preferred([...paths]));
  return newest;
}

/**
 * `git diff <from> <to> -- <path>` for what `path` names in each commit. When the two sides are different files
 * (a commit from before the migration against one after it), both are shown under `path`, as one file changed.
 */
export async function deviceFilePatch(repo: Repository, from: Commit, to: Commit, path: string): Promise<string> {
  const [before, after] = await Promise.all([deviceFileAt(repo, from, path), deviceFileAt(repo, to, path)]);
  const same = (before?.path ?? after?.path) === (after?.path ?? before?.path);
  if (same) return patchText(repo, await from.getTree(), await to.getTree(), before?.path ?? after?.path ?? path);
  // Two one-file trees (a few small objects in the database, unreferenced): libgit2 diffs trees, not blobs, to text.
  const alone = async (file: DeviceFile | null) => repo.getTree(await updateFiles(repo, null, file === null ? [] : [{ path, blob: file.blob }]));
  return patchText(repo, await alone(before), await alone(after), path);
}

function preferred(paths: string[]): string {
  return paths.find((p) => p.endsWith(`/${DEVICE_CONFIG_FILE}`)) ?? paths.sort()[0] ?? '';
}
