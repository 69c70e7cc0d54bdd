import { CONFIG_BRANCH, type ConfigHistoryEntry } from './git-config-repository.js';
import { blobIdAt, refTarget, walkCommits, type Commit, type Repository } from './nodegit-api.js';

/** Commits that added, changed or removed `path`, newest first (first-parent view of history). */
export async function historyOf(repo: Repository, path: string, limit: number): Promise<ConfigHistoryEntry[]> {
  const entries: ConfigHistoryEntry[] = [];
  const tip = await refTarget(repo, CONFIG_BRANCH);
  if (tip === null || limit === 0) return entries;
  // Each commit's blob is looked up once: as a parent first, then reused when the walk reaches it.
  const blobAt = new Map<string, string | null>();
  const blobOf = async (commit: Commit): Promise<string | null> => {
    const sha = commit.sha();
    if (!blobAt.has(sha)) blobAt.set(sha, (await blobIdAt(await commit.getTree(), path))?.tostrS() ?? null);
    return blobAt.get(sha) ?? null;
  };
  for await (const ids of walkCommits(repo, tip)) {
    for (const id of ids) {
      const commit = await repo.getCommit(id);
      const parentBlob = commit.parentcount() > 0 ? await blobOf(await commit.parent(0)) : null;
      const ownBlob = await blobOf(commit);
      blobAt.delete(commit.sha());
      if (ownBlob === parentBlob) continue;
      entries.push({ commit: commit.sha(), message: commit.message(), time: commit.date() });
      if (entries.length >= limit) return entries;
    }
  }
  return entries;
}
