import { isMigrationCommit } from './commit-message.js';
import { deviceDirectoryOf } from './config-paths.js';
import { CONFIG_BRANCH, type ConfigHistoryEntry } from './git-config-repository.js';
import { blobIdAt, entryIdAt, refTarget, walkCommits, type Commit, type Repository, type Tree } from './nodegit-api.js';

/**
 * Commits that added, changed or removed what `path` names, newest first (first-parent view of history).
 * A device's config path names the device: its history is its directory's, every commit that changed its
 * config whatever the file was called then (a platform change before the migration started a new file),
 * except the migration commit, which only renamed. Any other path is followed as that one file.
 */
export async function historyOf(repo: Repository, path: string, limit: number): Promise<ConfigHistoryEntry[]> {
  const entries: ConfigHistoryEntry[] = [];
  const tip = await refTarget(repo, CONFIG_BRANCH);
  if (tip === null || limit === 0) return entries;
  const directory = deviceDirectoryOf(path);
  const idAt = async (tree: Tree): Promise<string | null> =>
    (directory === null ? await blobIdAt(tree, path) : await entryIdAt(tree, directory))?.tostrS() ?? null;
  // Each commit's id is looked up once: as a parent first, then reused when the walk reaches it.
  const idOfCommit = new Map<string, string | null>();
  const idOf = async (commit: Commit): Promise<string | null> => {
    const sha = commit.sha();
    if (!idOfCommit.has(sha)) idOfCommit.set(sha, await idAt(await commit.getTree()));
    return idOfCommit.get(sha) ?? null;
  };
  for await (const ids of walkCommits(repo, tip)) {
    for (const id of ids) {
      const commit = await repo.getCommit(id);
      const parentId = commit.parentcount() > 0 ? await idOf(await commit.parent(0)) : null;
      const ownId = await idOf(commit);
      idOfCommit.delete(commit.sha());
      if (ownId === parentId || (directory !== null && isMigrationCommit(commit.message()))) continue;
      entries.push({ commit: commit.sha(), message: commit.message(), time: commit.date() });
      if (entries.length >= limit) return entries;
    }
  }
  return entries;
}
