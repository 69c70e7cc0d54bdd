/**
 * The few nodegit calls the config repository needs, typed to what nodegit@0.28.0-alpha.36 does at run time:
 * @types/nodegit says `Tree.createUpdated` takes one update (it takes an array), `Commit.create` returns an Oid
 * (it returns a promise), `updateRef` must be a string (null means "do not move a ref") and `Diff.toBuf` returns a
 * Buf (it resolves to a string). Its const enums cannot be read under isolated modules, hence the numbers below.
 */
import { mkdir, readdir } from 'node:fs/promises';
import NodeGit from 'nodegit';
import type { Commit, Oid, Repository, Signature, Tree, TreeEntry } from 'nodegit';

export type { Commit, Oid, Repository, Signature, Tree };

const GIT_ENOTFOUND = -3;
const GIT_EEXISTS = -4;
const GIT_ELOCKED = -14;
const GIT_EMODIFIED = -15;
const REPOSITORY_INIT_BARE = 1;
const REPOSITORY_INIT_MKPATH = 16;
const FILEMODE_BLOB = 0o100644;
const FILEMODE_TREE = 0o040000;
const DIFF_FORMAT_PATCH = 1;
const DIFF_DISABLE_PATHSPEC_MATCH = 1 << 12;
const SORT_TOPOLOGICAL = 1;
const GIT_OPT_SET_MWINDOW_MAPPED_LIMIT = 3;

// libgit2 keeps each pack it has read mapped (up to 8 GiB by default), and the pages it touched count as the process's
// resident memory; a job writes one pack per wave, hundreds of them. With this budget it unmaps the least recently used.
export const PACK_MAPPING_LIMIT_BYTES = 32 * 1024 * 1024;
(NodeGit.Libgit2.opts as (option: number, value: number) => unknown)(GIT_OPT_SET_MWINDOW_MAPPED_LIMIT, PACK_MAPPING_LIMIT_BYTES);

export function gitErrno(error: unknown): number | undefined {
  if (typeof error !== 'object' || error === null || !('errno' in error)) return undefined;
  return typeof error.errno === 'number' ? error.errno : undefined;
}

export const isNotFound = (error: unknown): boolean => gitErrno(error) === GIT_ENOTFOUND;

/** The ref moved, appeared or was locked between our read and our compare-and-swap. */
export const isRefRace = (error: unknown): boolean => {
  const errno = gitErrno(error);
  return errno === GIT_EMODIFIED || errno === GIT_EEXISTS || errno === GIT_ELOCKED;
};

/** Opens the bare repository at `path`, creating it (HEAD on `initialHead`) when the directory is missing or empty. */
export async function openOrInitBare(path: string, initialHead: string): Promise<Repository> {
  await mkdir(path, { recursive: true });
  if ((await readdir(path)).length > 0) return NodeGit.Repository.openBare(path);
  return NodeGit.Repository.initExt(path, {
    flags: REPOSITORY_INIT_BARE | REPOSITORY_INIT_MKPATH,
    initialHead,
  });
}

export async function refTarget(repo: Repository, ref: string): Promise<Oid | null> {
  try {
    return await NodeGit.Reference.nameToId(repo, ref);
  } catch (error) {
    if (isNotFound(error)) return null;
    throw error;
  }
}

/** The blob id at `path` in `tree`, or null when the path is absent or is not a file. */
export async function blobIdAt(tree: Tree, path: string): Promise<Oid | null> {
  try {
    const entry = await tree.entryByPath(path);
    return entry.isBlob() ? entry.id() : null;
  } catch (error) {
    if (isNotFound(error)) return null;
    throw error;
  }
}

export async function readBlob(repo: Repository, id: Oid): Promise<Buffer> {
  return (await repo.getBlob(id)).content();
}

/** An object's content as stored (a tree's raw entries, say), read in one call. */
export async function readObjectContent(repo: Repository, id: Oid): Promise<Buffer> {
  const object = await (await repo.odb()).read(id);
  // @types/nodegit types `data()` as a Buffer; it is a pointer wrapper that copies out with `toBuffer`.
  const data = object.data() as unknown as { toBuffer(size: number): Buffer };
  return data.toBuffer(object.size());
}

export function writeBlob(repo: Repository, content: Buffer): Promise<Oid> {
  return NodeGit.Blob.createFromBuffer(repo, content, content.length);
}

export async function emptyTree(repo: Repository): Promise<Tree> {
  const builder = await NodeGit.Treebuilder.create(repo);
  return repo.getTree(await builder.write());
}

/** A file to write (`blob`) or to remove (`null`) in a tree rewrite. */
export interface FileChange {
  readonly path: string;
  readonly blob: Oid | null;
}

/**
 * Writes `changes` into `base` and returns the new root tree: a blob is written at its path, a null blob removes the
 * file (a directory left empty goes with it). Each touched directory is rebuilt once with a Treebuilder, however many
 * files it holds (libgit2's tree-update call via nodegit mangles multi-entry update arrays: "duplicate entries given
 * for update"). Wave commits build their trees in JavaScript (`wave-trees.ts`); this is for the rare rewrites (moving
 * legacy device files).
 */
export async function updateFiles(repo: Repository, base: Tree | null, changes: readonly FileChange[]): Promise<Oid> {
  const files = changes.map((c) => ({ segments: c.path.split('/'), blob: c.blob }));
  return (await buildTree(repo, base, files)) ?? (await emptyTree(repo)).id();
}

/** The rebuilt tree, or null when nothing is left in it. */
async function buildTree(
  repo: Repository,
  base: Tree | null,
  files: ReadonlyArray<{ segments: string[]; blob: Oid | null }>,
): Promise<Oid | null> {
  const builder = await NodeGit.Treebuilder.create(repo, base ?? undefined);
  const subdirectories = new Map<string, Array<{ segments: string[]; blob: Oid | null }>>();
  for (const file of files) {
    const [name = '', ...rest] = file.segments;
    if (rest.length === 0) {
      const existing = base?._entryByName(name) as TreeEntry | null | undefined;
      if (existing?.isTree()) throw new Error(`${name} is a directory where a file is needed`);
      if (file.blob !== null) await builder.insert(name, file.blob, FILEMODE_BLOB);
      else if (existing) builder.remove(name);
    } else {
      subdirectories.set(name, [...(subdirectories.get(name) ?? []), { segments: rest, blob: file.blob }]);
    }
  }
  // The directories are independent: rebuilt side by side, then inserted in order.
  const rebuilt = await Promise.all([...subdirectories].map(async ([name, entries]) => {
    const existing = base === null ? null : await subtreeOf(repo, base, name);
    return { name, existing, subtree: await buildTree(repo, existing, entries) };
  }));
  for (const { name, existing, subtree } of rebuilt) {
    if (subtree !== null) await builder.insert(name, subtree, FILEMODE_TREE);
    else if (existing !== null) builder.remove(name);
  }
  return builder.entrycount() === 0 ? null : builder.write();
}

/** The id of whatever `path` names in `tree` (file or directory), or null when nothing is there. */
export async function entryIdAt(tree: Tree, path: string): Promise<Oid | null> {
  try {
    return (await tree.entryByPath(path)).id();
  } catch (error) {
    if (isNotFound(error)) return null;
    throw error;
  }
}

/** The files directly in directory `path` of `tree` (name and blob id); empty when there is no such directory. */
export async function filesInDirectory(repo: Repository, tree: Tree, path: string): Promise<Array<{ name: string; blob: Oid }>> {
  let entry: TreeEntry;
  try {
    entry = await tree.entryByPath(path);
  } catch (error) {
    if (isNotFound(error)) return [];
    throw error;
  }
  if (!entry.isTree()) return [];
  return (await repo.getTree(entry.id())).entries().filter((e) => e.isBlob()).map((e) => ({ name: e.name(), blob: e.id() }));
}

/** Every file in `tree`, from one native diff against the empty tree (no JS walk over thousands of directories). */
export async function allFiles(repo: Repository, tree: Tree): Promise<Array<{ path: string; blob: Oid }>> {
  const diff = await NodeGit.Diff.treeToTree(repo, undefined, tree);
  const files: Array<{ path: string; blob: Oid }> = [];
  for (let i = 0; i < diff.numDeltas(); i++) {
    const file = diff.getDelta(i).newFile();
    files.push({ path: file.path(), blob: file.id() });
  }
  return files;
}

export async function subtreeOf(repo: Repository, tree: Tree, name: string): Promise<Tree | null> {
  // entryByName throws on a missing name (nodegit sets a property on its undefined result).
  const entry = tree._entryByName(name) as TreeEntry | null | undefined;
  if (!entry) return null;
  if (!entry.isTree()) throw new Error(`${name} is a file where a directory is needed`);
  return repo.getTree(entry.id());
}

export function signature(name: string, email: string, when: Date): Signature {
  return NodeGit.Signature.create(name, email, Math.floor(when.getTime() / 1000), 0);
}

type CommitCreate = (
  repo: Repository,
  updateRef: string | null,
  author: Signature,
  committer: Signature,
  messageEncoding: string | null,
  message: string,
  tree: Tree,
  parentCount: number,
  parents: Commit[],
) => Promise<Oid>;

/** Writes a commit object without moving any ref: the caller publishes it with `compareAndSwapRef`. */
export function writeCommit(
  repo: Repository,
  c: { author: Signature; committer: Signature; message: string; tree: Tree; parents: Commit[] },
): Promise<Oid> {
  const create = NodeGit.Commit.create as unknown as CommitCreate;
  return create(repo, null, c.author, c.committer, null, c.message, c.tree, c.parents.length, c.parents);
}

/**
 * Points `ref` at `next` only if it still points at `expected` (null: only if it does not exist yet).
 * Returns false when another writer got there first.
 */
export async function compareAndSwapRef(
  repo: Repository,
  ref: string,
  next: Oid,
  expected: Oid | null,
  logMessage: string,
): Promise<boolean> {
  try {
    if (expected === null) await NodeGit.Reference.create(repo, ref, next, 0, logMessage);
    else await NodeGit.Reference.createMatching(repo, ref, next, 1, expected, logMessage);
    return true;
  } catch (error) {
    if (isRefRace(error) || (expected !== null && isNotFound(error))) return false;
    throw error;
  }
}

/** Commit ids reachable from `from` (minus those reachable from `hide`), children before parents, in batches. */
export async function* walkCommits(repo: Repository, from: Oid, hide?: Oid, batch = 256): AsyncGenerator<Oid[]> {
  const walk = repo.createRevWalk();
  walk.sorting(SORT_TOPOLOGICAL);
  walk.push(from);
  if (hide !== undefined) walk.hide(hide);
  for (;;) {
    const ids = await walk.fastWalk(batch);
    if (ids.length > 0) yield ids;
    if (ids.length < batch) return;
  }
}

export async function isDescendantOf(repo: Repository, commit: Oid, ancestor: Oid): Promise<boolean> {
  return (await NodeGit.Graph.descendantOf(repo, commit, ancestor)) === 1;
}

export const oidFromString = (sha: string): Oid => NodeGit.Oid.fromString(sha);

/** Files a commit added, changed or removed relative to its first parent (all files for a root commit). */
export async function changedPaths(repo: Repository, commit: Commit): Promise<string[]> {
  const tree = await commit.getTree();
  const parentTree = commit.parentcount() > 0 ? await (await commit.parent(0)).getTree() : undefined;
  const diff = await NodeGit.Diff.treeToTree(repo, parentTree, tree);
  const paths: string[] = [];
  for (let i = 0; i < diff.numDeltas(); i++) {
    const delta = diff.getDelta(i);
    paths.push(delta.newFile().path(), delta.oldFile().path());
  }
  return [...new Set(paths)];
}

type DiffToBuf = (this: unknown, format: number) => Promise<string>;

/** `git diff <from> <to> -- <path>` as text ('' when the file is the same in both). */
export async function patchText(repo: Repository, from: Tree, to: Tree, path: string): Promise<string> {
  const diff = await NodeGit.Diff.treeToTree(repo, from, to, {
    pathspec: [path],
    flags: DIFF_DISABLE_PATHSPEC_MATCH,
  });
  const toBuf = diff.toBuf as unknown as DiffToBuf;
  return toBuf.call(diff, DIFF_FORMAT_PATCH);
}
