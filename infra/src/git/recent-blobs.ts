import type { Oid } from './nodegit-api.js';

/**
 * The blobs this process committed last, by commit and path. Each backup's snapshot is read back right after its
 * commit (the config-search read model, a diff against the previous version): with the blob id at hand that is one
 * blob read instead of a commit, a root tree of every device and a device directory. Commits never change, so an
 * entry is never stale; the oldest go first when the map is full.
 */
export class RecentBlobs {
  private readonly blobs = new Map<string, Oid>();

  constructor(private readonly capacity: number) {}

  remember(commit: string, path: string, blob: Oid): void {
    const key = `${commit}:${path}`;
    this.blobs.delete(key);
    this.blobs.set(key, blob);
    if (this.blobs.size > this.capacity) {
      const oldest = this.blobs.keys().next().value;
      if (oldest !== undefined) this.blobs.delete(oldest);
    }
  }

  blobAt(commit: string, path: string): Oid | undefined {
    return this.blobs.get(`${commit}:${path}`);
  }
}
