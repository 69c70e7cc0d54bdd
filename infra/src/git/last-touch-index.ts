import { isMigrationCommit, migrationMovesOf } from './commit-message.js';
import { changedPaths, isDescendantOf, oidFromString, walkCommits } from './nodegit-api.js';
import type { Oid, Repository } from './nodegit-api.js';

/**
 * Which commit last changed each file, as of the branch tip. Every backup run asks this for every unchanged
 * device ("unchanged since which commit?", "did this job already commit it?"); walking history per device would
 * cost O(history) each time, so one walk is shared: it starts on first need, stops as soon as the asked path is
 * found and resumes from there for the next unknown path. Commits made later are folded in as they happen.
 * The migration commit to `<deviceId>/config.cfg` changed no content: the walk looks through it, so a moved file's
 * last change is the last change of the file it was moved from (what a retried job recognises as its own commit).
 * Not safe for concurrent use: the caller serializes.
 */
export class LastTouchIndex {
  private head: string | null = null;
  private readonly lastTouch = new Map<string, string>();
  /** Files a migration commit (passed by the walk) moved, by their old path: found there, they answer for the new one. */
  private readonly movedTo = new Map<string, string[]>();
  /** Where the shared backward walk starts; everything newer is already in `lastTouch`. */
  private walkFrom: string | null = null;
  private cursor: AsyncGenerator<Oid[]> | null = null;
  private pending: Oid[] = [];
  private exhausted = false;

  constructor(private readonly repo: Repository) {}

  /** Brings the index to the current tip, folding in commits another process added on top of ours. */
  async sync(tip: Oid | null): Promise<void> {
    const tipSha = tip === null ? null : tip.tostrS();
    if (tipSha === this.head) return;
    if (tip === null || this.head === null) return this.reset(tipSha);
    const previous = oidFromString(this.head);
    if (!(await isDescendantOf(this.repo, tip, previous))) return this.reset(tipSha);
    const newer = new Map<string, string>();
    for await (const ids of walkCommits(this.repo, tip, previous)) {
      for (const id of ids) {
        const commit = await this.repo.getCommit(id);
        // Another process moved the files under us: seeing through it needs the older history, so start over.
        if (isMigrationCommit(commit.message())) return this.reset(tipSha);
        for (const path of await changedPaths(this.repo, commit)) {
          if (!newer.has(path)) newer.set(path, id.tostrS());
        }
      }
    }
    for (const [path, commit] of newer) this.lastTouch.set(path, commit);
    this.head = tipSha;
  }

  /** Records a commit just published on top of the synced tip. */
  recordCommit(commit: string, parent: string | null, paths: readonly string[]): void {
    if (parent !== this.head) {
      const at = this.head ?? 'no commit';
      throw new Error(`last-touch index is at ${at}, not at the new commit's parent ${parent ?? 'none'}`);
    }
    for (const path of paths) this.lastTouch.set(path, commit);
    this.head = commit;
  }

  /** The newest commit (as of the synced tip) that changed `path`, or null when none did. */
  async lastCommitTouching(path: string): Promise<string | null> {
    try {
      while (!this.lastTouch.has(path) && !this.exhausted) await this.step();
    } catch (error) {
      // A half-consumed batch would leave gaps; restarting the walk is safe because known paths are kept.
      this.cursor = null;
      this.pending = [];
      throw error;
    }
    return this.lastTouch.get(path) ?? null;
  }

  private reset(tip: string | null): void {
    this.head = tip;
    this.lastTouch.clear();
    this.movedTo.clear();
    this.walkFrom = tip;
    this.cursor = null;
    this.pending = [];
    this.exhausted = tip === null;
  }

  private async step(): Promise<void> {
    if (this.walkFrom === null) {
      this.exhausted = true;
      return;
    }
    if (this.pending.length === 0) {
      this.cursor ??= walkCommits(this.repo, oidFromString(this.walkFrom));
      const next = await this.cursor.next();
      if (next.done === true) {
        this.exhausted = true;
        return;
      }
      this.pending = next.value;
    }
    const id = this.pending[0];
    if (id === undefined) return;
    const sha = id.tostrS();
    const commit = await this.repo.getCommit(id);
    const message = commit.message();
    const moves = isMigrationCommit(message) ? migrationMovesOf(message) : null;
    if (moves !== null) {
      for (const { from, to } of moves) if (!this.lastTouch.has(to)) this.movedTo.set(from, [...(this.movedTo.get(from) ?? []), to]);
    } else {
      for (const path of await changedPaths(this.repo, commit)) this.touched(path, sha);
    }
    this.pending.shift();
  }

  private touched(path: string, commit: string): void {
    if (!this.lastTouch.has(path)) this.lastTouch.set(path, commit);
    for (const to of this.movedTo.get(path) ?? []) if (!this.lastTouch.has(to)) this.lastTouch.set(to, commit);
    this.movedTo.delete(path);
  }
}
