import type { Repository, Tree } from 'nodegit';
import { isTreeMode, mergeTreeItems, MODE_FILE, MODE_TREE, objectId, parseTree, serializeTree, type TreeItem } from './git-objects.js';
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

  async itemsOf(repo: Repository, tree: Tree | null): Promise<readonly TreeItem[]> {
    if (tree === null) return [];
    const id = tree.id().tostrS();
    if (this.last?.id === id) return this.last.items;
    const items = parseTree(await readObjectContent(repo, tree.id()));
    this.last = { id, items };
    return items;
  }

  remember(id: Buffer, items: readonly TreeItem[]): void {
    this.last = { id: id.toString('hex'), items };
  }
}

/** Entry names are kept as their bytes, one character per byte (see `TreeItem`). */
const entryName = (segment: string): string => Buffer.from(segment, 'utf8').toString('latin1');

function itemsOfTree(tree: Tree): TreeItem[] {
  return tree.entries().map((entry) => ({ name: entryName(entry.name()), mode: entry.filemode(), id: Buffer.from(entry.sha(), 'hex') }));
}

function findDirectory(items: readonly TreeItem[], name: string): TreeItem | undefined {
  const key = `${name}/`;
  let low = 0;
  let high = items.length - 1;
  while (low <= high) {
    const middle = (low + high) >>> 1;
    const item = items[middle]!;
    const itemKey = isTreeMode(item.mode) ? `${item.name}/` : item.name;
    if (itemKey === key) return item;
    if (itemKey < key) low = middle + 1;
    else high = middle - 1;
  }
  return undefined;
}

/**
 * True when `rootItems` already hold `blob` at `path` as the only file of its directory (`<deviceId>/config.cfg`, the
 * usual case): the directory's id is then known without reading it, so an unchanged device costs no read at all.
 * False means "not known this way": the caller reads the directory.
 */
export function holdsAsOnlyFile(rootItems: readonly TreeItem[], path: string, blob: Buffer): boolean {
  const segments = path.split('/');
  if (segments.length !== 2) return false;
  const directory = findDirectory(rootItems, entryName(segments[0]!));
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
    const existing = findDirectory(base, entryName(segment));
    const current = existing === undefined ? [] : await readDirectory(segment, existing);
    const items = await rebuild(repo, pack, current, entries, readDeeper);
    return { name: entryName(segment), mode: MODE_TREE, id: pack.add('tree', serializeTree(items)) };
  }));
  return mergeTreeItems(base, [...updates, ...rebuilt]);
}
