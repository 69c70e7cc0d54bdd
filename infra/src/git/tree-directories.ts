import type { Oid, Repository, Tree, TreeEntry } from 'nodegit';
import { blobIdAt, subtreeOf } from './nodegit-api.js';

/**
 * The top-level directories of one tree, each read at most once. A wave asks for the blob at each device's path
 * and then rebuilds the same directories; every nodegit read is a hand-off to its thread pool and back, and a
 * directory the tree does not hold (a device's first backup) needs no read at all.
 */
export class TreeDirectories {
  private readonly read = new Map<string, Promise<Tree | null>>();

  constructor(private readonly repo: Repository, readonly root: Tree) {}

  /** Directory `name` of the root (null when absent; rejects when `name` is a file). */
  directory(name: string): Promise<Tree | null> {
    let directory = this.read.get(name);
    if (directory === undefined) {
      directory = subtreeOf(this.repo, this.root, name);
      this.read.set(name, directory);
    }
    return directory;
  }

  /** What `blobIdAt(root, path)` answers. */
  async blobIdAt(path: string): Promise<Oid | null> {
    const [first = '', ...rest] = path.split('/');
    const entry = this.root._entryByName(first) as TreeEntry | null | undefined;
    if (!entry) return null;
    if (rest.length === 0) return entry.isBlob() ? entry.id() : null;
    if (!entry.isTree()) return null;
    const directory = await this.directory(first);
    return directory === null ? null : blobIdAt(directory, rest.join('/'));
  }
}
