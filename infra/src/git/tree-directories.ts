import type { Oid, Repository, Tree } from 'nodegit';
import { entryName, findTreeItem, isTreeMode, type TreeItem } from './git-objects.js';
import { blobIdAt, oidFromString } from './nodegit-api.js';

const MODE_GITLINK = 0o160000;

/**
 * The top-level directories of one root tree, known from its parsed entries (the wave writer keeps them between
 * waves), each directory read at most once. A wave asks for the blob at each device's path and then rebuilds the same
 * directories; every nodegit read is a hand-off to its thread pool and back, and a directory the tree does not hold (a
 * device's first backup) needs no read at all. The root itself is never read through libgit2 here: with 10,000
 * devices it is ~600 KB, and reading it every wave kept the pages of every wave's pack mapped in the worker.
 */
export class TreeDirectories {
  private readonly read = new Map<string, Promise<Tree | null>>();

  constructor(private readonly repo: Repository, private readonly rootItems: readonly TreeItem[]) {}

  /** Directory `name` of the root (null when absent; rejects when `name` is a file). */
  directory(name: string): Promise<Tree | null> {
    let directory = this.read.get(name);
    if (directory === undefined) {
      directory = this.readDirectory(name);
      this.read.set(name, directory);
    }
    return directory;
  }

  /** What `blobIdAt(root, path)` answers. */
  async blobIdAt(path: string): Promise<Oid | null> {
    const [first = '', ...rest] = path.split('/');
    const item = findTreeItem(this.rootItems, entryName(first));
    if (!item) return null;
    if (rest.length === 0) return isTreeMode(item.mode) || item.mode === MODE_GITLINK ? null : oidFromString(item.id.toString('hex'));
    if (!isTreeMode(item.mode)) return null;
    const directory = await this.directory(first);
    return directory === null ? null : blobIdAt(directory, rest.join('/'));
  }

  private async readDirectory(name: string): Promise<Tree | null> {
    const item = findTreeItem(this.rootItems, entryName(name));
    if (!item) return null;
    if (!isTreeMode(item.mode)) throw new Error(`${name} is a file where a directory is needed`);
    return this.repo.getTree(oidFromString(item.id.toString('hex')));
  }
}
