import { createHash } from 'node:crypto';

/**
 * Git's object formats, as `git hash-object`, `git mktree` and `git commit-tree` write them: a wave builds its blobs,
 * trees and commit here and hands them to Git as one pack (`pack-writer.ts`) instead of one nodegit call and one
 * loose file per object.
 */
export type ObjectType = 'commit' | 'tree' | 'blob';

export const MODE_FILE = 0o100644;
export const MODE_TREE = 0o040000;

/** The 20-byte id Git gives `content` as an object of `type`. */
export function objectId(type: ObjectType, content: Buffer): Buffer {
  return createHash('sha1').update(`${type} ${content.length}\0`, 'latin1').update(content).digest();
}

/**
 * One entry of a tree. `name` holds the entry's bytes one character per byte (latin1), so that comparing two names
 * as strings compares their bytes, as Git orders them.
 */
export interface TreeItem {
  readonly name: string;
  readonly mode: number;
  readonly id: Buffer;
}

export const isTreeMode = (mode: number): boolean => mode === MODE_TREE;

/** Git's order: by name, a directory's name compared as if it ended in `/`. */
const sortKey = (item: TreeItem): string => (isTreeMode(item.mode) ? `${item.name}/` : item.name);

export function compareTreeItems(a: TreeItem, b: TreeItem): number {
  const ka = sortKey(a);
  const kb = sortKey(b);
  return ka < kb ? -1 : ka > kb ? 1 : 0;
}

/** A path segment as a `TreeItem` name: its UTF-8 bytes, one character per byte. */
export const entryName = (segment: string): string => Buffer.from(segment, 'utf8').toString('latin1');

function searchByKey(items: readonly TreeItem[], key: string): TreeItem | undefined {
  let low = 0;
  let high = items.length - 1;
  while (low <= high) {
    const middle = (low + high) >>> 1;
    const item = items[middle]!;
    const itemKey = sortKey(item);
    if (itemKey === key) return item;
    if (itemKey < key) low = middle + 1;
    else high = middle - 1;
  }
  return undefined;
}

/** Directory `name` (a `TreeItem` name) of `items`, which are in Git's order. */
export const findDirectoryItem = (items: readonly TreeItem[], name: string): TreeItem | undefined => searchByKey(items, `${name}/`);

/** Entry `name` of `items` (in Git's order), directory or not. */
export const findTreeItem = (items: readonly TreeItem[], name: string): TreeItem | undefined =>
  searchByKey(items, `${name}/`) ?? searchByKey(items, name);

/** The entries of a tree object's content, in the order stored (Git's). */
export function parseTree(raw: Buffer): TreeItem[] {
  const items: TreeItem[] = [];
  let at = 0;
  while (at < raw.length) {
    const space = raw.indexOf(0x20, at);
    const nul = raw.indexOf(0, space + 1);
    if (space < 0 || nul < 0 || nul + 21 > raw.length) throw new Error(`malformed tree entry at byte ${at}`);
    items.push({ mode: parseInt(raw.toString('latin1', at, space), 8), name: raw.toString('latin1', space + 1, nul), id: raw.subarray(nul + 1, nul + 21) });
    at = nul + 21;
  }
  return items;
}

/** A tree object's content for `items` (which must be in Git's order, names unique). */
export function serializeTree(items: readonly TreeItem[]): Buffer {
  const modes = items.map((item) => item.mode.toString(8));
  let size = 0;
  for (const [i, item] of items.entries()) size += modes[i]!.length + 1 + item.name.length + 1 + 20;
  const raw = Buffer.allocUnsafe(size);
  let at = 0;
  for (const [i, item] of items.entries()) {
    at += raw.write(modes[i]!, at, 'latin1');
    raw[at++] = 0x20;
    at += raw.write(item.name, at, 'latin1');
    raw[at++] = 0;
    at += item.id.copy(raw, at);
  }
  return raw;
}

/**
 * `base` (in Git's order) with `updates` put in: an update replaces the entry of the same name. A name that is a file
 * in one and a directory in the other is refused, as Git's own tree updates refuse it.
 */
export function mergeTreeItems(base: readonly TreeItem[], updates: readonly TreeItem[]): TreeItem[] {
  const byName = new Map(updates.map((item) => [item.name, item]));
  if (byName.size !== updates.length) throw new Error('a tree update names an entry twice');
  const kept: TreeItem[] = [];
  for (const item of base) {
    const update = byName.get(item.name);
    if (update === undefined) kept.push(item);
    else if (isTreeMode(update.mode) !== isTreeMode(item.mode)) {
      const what = isTreeMode(item.mode) ? 'a directory where a file' : 'a file where a directory';
      throw new Error(`${Buffer.from(item.name, 'latin1').toString('utf8')} is ${what} is needed`);
    }
  }
  const sorted = [...updates].sort(compareTreeItems);
  const merged: TreeItem[] = [];
  let i = 0;
  let j = 0;
  while (i < kept.length || j < sorted.length) {
    if (j >= sorted.length || (i < kept.length && compareTreeItems(kept[i]!, sorted[j]!) < 0)) merged.push(kept[i++]!);
    else merged.push(sorted[j++]!);
  }
  return merged;
}

/** Who and when, as a commit's author or committer line holds it. */
export interface CommitPerson {
  readonly name: string;
  readonly email: string;
  /** Seconds since the epoch. */
  readonly time: number;
  /** Minutes east of UTC. */
  readonly offsetMinutes: number;
}

export interface CommitFields {
  readonly tree: Buffer;
  readonly parents: readonly Buffer[];
  readonly author: CommitPerson;
  readonly committer: CommitPerson;
  readonly message: string;
}

function personLine(person: CommitPerson): string {
  const offset = Math.abs(person.offsetMinutes);
  const zone = `${person.offsetMinutes < 0 ? '-' : '+'}${String(Math.floor(offset / 60)).padStart(2, '0')}${String(offset % 60).padStart(2, '0')}`;
  return `${person.name} <${person.email}> ${person.time} ${zone}`;
}

/** A commit object's content; the message is kept byte for byte, as `git_commit_create` keeps it. */
export function serializeCommit(fields: CommitFields): Buffer {
  const lines = [`tree ${fields.tree.toString('hex')}`, ...fields.parents.map((p) => `parent ${p.toString('hex')}`)];
  lines.push(`author ${personLine(fields.author)}`, `committer ${personLine(fields.committer)}`);
  return Buffer.from(`${lines.join('\n')}\n\n${fields.message}`, 'utf8');
}
