import { createHash } from 'node:crypto';
import NodeGit from 'nodegit';
import type { Oid } from 'nodegit';

/**
 * The id Git gives `content` as a blob (`git hash-object`), computed here without writing anything: a wave compares
 * it with the blob at the device's path and writes only what changed. Through nodegit even an unchanged config was
 * a write (a round trip through its thread pool and libgit2's freshen of the existing object), and most configs are
 * unchanged run after run.
 */
export function blobId(content: Buffer): Oid {
  const header = Buffer.from(`blob ${content.length}\0`, 'latin1');
  return NodeGit.Oid.fromString(createHash('sha1').update(header).update(content).digest('hex'));
}
