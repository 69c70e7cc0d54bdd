import { createHash, randomBytes } from 'node:crypto';
import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { constants as zlibConstants, crc32, deflateSync } from 'node:zlib';
import { objectId, type ObjectType } from './git-objects.js';

const TYPE_CODES: Record<ObjectType, number> = { commit: 1, tree: 2, blob: 3 };
const IDX_MAGIC = Buffer.from([0xff, 0x74, 0x4f, 0x63]);
const LARGE_OFFSET = 0x80000000;

interface PackedObject {
  readonly id: Buffer;
  readonly entry: Buffer;
}

/** The header of a pack entry: type and inflated size, seven bits a byte after the first four. */
function entryHeader(type: ObjectType, size: number): Buffer {
  const bytes: number[] = [];
  let byte = (TYPE_CODES[type] << 4) | (size & 0x0f);
  let rest = Math.floor(size / 16);
  while (rest > 0) {
    bytes.push(byte | 0x80);
    byte = rest & 0x7f;
    rest = Math.floor(rest / 128);
  }
  bytes.push(byte);
  return Buffer.from(bytes);
}

function uint32(value: number): Buffer {
  const buffer = Buffer.allocUnsafe(4);
  buffer.writeUInt32BE(value);
  return buffer;
}

/**
 * The objects of one wave, written to the repository as one pack and its index (version 2, no deltas), the format
 * `git index-pack` writes. One file pair per wave replaces two loose files and three nodegit calls per device; the
 * repository's maintenance (`git gc`) folds the packs together later. The pack is complete on disk, under its final
 * name, before its index appears: Git and libgit2 find packs by their index, and libgit2 rescans the pack directory
 * when it misses an object, so the wave's commit can be published right after `write`.
 */
export class WavePack {
  private readonly objects = new Map<string, PackedObject>();

  /** Adds an object (once, however often it is added) and returns its id. */
  add(type: ObjectType, content: Buffer): Buffer {
    const id = objectId(type, content);
    const key = id.toString('hex');
    if (!this.objects.has(key)) {
      const deflated = deflateSync(content, { level: zlibConstants.Z_BEST_SPEED });
      this.objects.set(key, { id, entry: Buffer.concat([entryHeader(type, content.length), deflated]) });
    }
    return id;
  }

  get size(): number {
    return this.objects.size;
  }

  /** Writes `pack-<checksum>.pack` and then its `.idx` into `objectsDirectory/pack`. */
  async write(objectsDirectory: string): Promise<void> {
    if (this.objects.size === 0) return;
    const packed = [...this.objects.values()];
    const header = Buffer.concat([Buffer.from('PACK', 'latin1'), uint32(2), uint32(packed.length)]);
    const offsets: number[] = [];
    let offset = header.length;
    for (const object of packed) {
      offsets.push(offset);
      offset += object.entry.length;
    }
    const pack = Buffer.concat([header, ...packed.map((o) => o.entry)], offset);
    const checksum = createHash('sha1').update(pack).digest();
    const index = this.index(packed, offsets, checksum);
    const directory = join(objectsDirectory, 'pack');
    await mkdir(directory, { recursive: true });
    const name = join(directory, `pack-${checksum.toString('hex')}`);
    // Both files are written in full under temporary names (which `git gc` clears if a crash leaves them), then
    // renamed: the pack first, its index last, since an index is what makes a pack visible.
    const temporaries: string[] = [];
    try {
      const packFile = await this.temporary(directory, [pack, checksum], temporaries);
      const indexFile = await this.temporary(directory, [index], temporaries);
      await rename(packFile, `${name}.pack`);
      await rename(indexFile, `${name}.idx`);
    } catch (error) {
      await Promise.all(temporaries.map((path) => rm(path, { force: true })));
      throw error;
    }
  }

  private index(packed: readonly PackedObject[], offsets: readonly number[], checksum: Buffer): Buffer {
    const order = packed.map((_, i) => i).sort((a, b) => Buffer.compare(packed[a]!.id, packed[b]!.id));
    const fanout = Buffer.alloc(256 * 4);
    const counts = new Array<number>(256).fill(0);
    for (const object of packed) counts[object.id[0]!]!++;
    let total = 0;
    for (let byte = 0; byte < 256; byte++) fanout.writeUInt32BE((total += counts[byte]!), byte * 4);
    const crcs = Buffer.allocUnsafe(order.length * 4);
    const small = Buffer.allocUnsafe(order.length * 4);
    const large: Buffer[] = [];
    for (const [k, i] of order.entries()) {
      crcs.writeUInt32BE(crc32(packed[i]!.entry), k * 4);
      const at = offsets[i]!;
      if (at < LARGE_OFFSET) small.writeUInt32BE(at, k * 4);
      else {
        small.writeUInt32BE((LARGE_OFFSET | large.length) >>> 0, k * 4);
        const big = Buffer.allocUnsafe(8);
        big.writeBigUInt64BE(BigInt(at));
        large.push(big);
      }
    }
    const body = Buffer.concat([IDX_MAGIC, uint32(2), fanout, ...order.map((i) => packed[i]!.id), crcs, small, ...large, checksum]);
    return Buffer.concat([body, createHash('sha1').update(body).digest()]);
  }

  private async temporary(directory: string, parts: readonly Buffer[], created: string[]): Promise<string> {
    const path = join(directory, `tmp_pack_${randomBytes(6).toString('hex')}`);
    created.push(path);
    await writeFile(path, Buffer.concat(parts), { mode: 0o444 });
    return path;
  }
}
