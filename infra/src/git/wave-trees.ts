import type { Oid, Repository, Tree } from 'nodegit';
import { entryName, findDirectoryItem, mergeTreeItems, MODE_FILE, MODE_TREE, objectId, parseTree, serializeTree, type TreeItem } from './git-objects.js';
import { oidFromString, readObjectContent } from './nodegit-api.js';
import type { WavePack } from './pack-writer.js';
import type { TreeDirectories } from './tree-directories.js';

/** A file the wave writes: its path and its blob's id. */
export interface WaveFile {
  readonly path: string;
  readonly blob: Buffer;
}

interface PendingFile {
  readonly segments: readonly string[];
  readonly blob: Buffer;
}

/**
 * The root tree of the last commit written, kept as entries: the next wave starts from it without reading and
 * parsing a tree of one entry per device again (its id says whether the branch is still where this process left it).
 */
export class RootTreeCache {
  private last: { readonly id: string; readonly items: readonly TreeItem[] } | null = null;

  /** The entries of tree `id` (the branch tip's root), read only when it is not the tree this process wrote last. */
  async itemsOf(repo: Repository, id: Oid | null): Promise<readonly TreeItem[]> {
    if (id === null) return [];
    const hex = id.tostrS();
    if (this.last?.id === hex) return this.last.items;
    const items = parseTree(await readObjectContent(repo, id));
    this.last = { id: hex, items };
    return items;
  }

  remember(id: Buffer, items: readonly TreeItem[]): void {
    this.last = { id: id.toString('hex'), items };
  }
}

function itemsOfTree(tree: Tree): TreeItem[] {
  return tree.entries().map((entry) => ({ name: entryName(entry.name()), mode: entry.filemode(), id: Buffer.from(entry.sha(), 'hex') }));
}

/**
 * True when `rootItems` already hold `blob` at `path` as the only file of its directory (`<deviceId>/config.cfg`, the
 * usual case): the directory's id is then known without reading it, so an unchanged device costs no read at all.
 * False means "not known this way": the caller reads the directory.
 */
export function holdsAsOnlyFile(rootItems: readonly TreeItem[], path: string, blob: Buffer): boolean {
  const segments = path.split('/');
  if (segments.length !== 2) return false;
  const directory = findDirectoryItem(rootItems, entryName(segments[0]!));
  if (directory === undefined) return false;
  const alone = serializeTree([{ name: entryName(segments[1]!), mode: MODE_FILE, id: blob }]);
  return objectId('tree', alone).equals(directory.id);
}

/**
 * The root tree of `base` with `files` written in, every new tree added to `pack`. The root's top-level directories
 * come from `directories` (read at most once per wave); deeper ones are read as needed. Returns the new root's id and
 * entries.
 */
export async function buildWaveTree(
  repo: Repository,
  pack: WavePack,
  rootItems: readonly TreeItem[],
  files: readonly WaveFile[],
  directories: TreeDirectories | null,
): Promise<{ id: Buffer; items: TreeItem[] }> {
  const pending = files.map((file) => ({ segments: file.path.split('/'), blob: file.blob }));
  const readTopLevel = async (name: string): Promise<TreeItem[]> => {
    const tree = directories === null ? null : await directories.directory(name);
    return tree === null ? [] : itemsOfTree(tree);
  };
  const items = await rebuild(repo, pack, rootItems, pending, readTopLevel);
  return { id: pack.add('tree', serializeTree(items)), items };
}

async function rebuild(
  repo: Repository,
  pack: WavePack,
  base: readonly TreeItem[],
  files: readonly PendingFile[],
  readDirectory: (segment: string, existing: TreeItem) => Promise<TreeItem[]>,
): Promise<TreeItem[]> {
  const updates: TreeItem[] = [];
  const subdirectories = new Map<string, PendingFile[]>();
  for (const file of files) {
    const [segment = '', ...rest] = file.segments;
    if (rest.length === 0) updates.push({ name: entryName(segment), mode: MODE_FILE, id: file.blob });
    else subdirectories.set(segment, [...(subdirectories.get(segment) ?? []), { segments: rest, blob: file.blob }]);
  }
  const readDeeper = async (_segment: string, existing: TreeItem): Promise<TreeItem[]> =>
    itemsOfTree(await repo.getTree(oidFromString(existing.id.toString('hex'))));
  const rebuilt = await Promise.all([...subdirectories].map(async ([segment, entries]) => {
    const existing = findDirectoryItem(base, entryName(segment));
    const current = existing === undefined ? [] : await readDirectory(segment, existing);
    const items = await rebuild(repo, pack, current, entries, readDeeper);
    return { name: entryName(segment), mode: MODE_TREE, id: pack.add('tree', serializeTree(items)) };
  }));
  return mergeTreeItems(base, [...updates, ...rebuilt]);
}
