/**
 * The SKUs a read has seen, exactly, in about 14 bytes of memory a SKU, however long: a table of
 * (32-bit hash, where the SKU is in a log) pairs in memory, and the SKUs themselves in the log,
 * which is a temporary file (removed as soon as it is open) behind a 1 MiB tail in memory.
 * A lookup reads the log only where the hash matches: for a SKU seen before, and once in about
 * four billion probes otherwise. The table is 256 tables by the hash's top byte, each doubled
 * on its own, so that a growth never holds two copies of the whole. Without a writable temporary
 * folder, or once its disk is full, the log goes on in memory (2 bytes a character more). `close()`
 * closes the file.
 */
import { closeSync, openSync, readSync, unlinkSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { OmnifeedError } from '../errors.js';

const TABLES = 256;
const TAIL = 1 << 20;
/** log offsets are kept as offset + 1 in a Uint32Array, 0 for an empty slot */
const MAX_LOG = 2 ** 32 - 2;

/** One of the 256 tables: pairs (hash, log offset + 1) in one array, at most 3/4 full. */
class Table {
  slots = new Uint32Array(2 * 16);
  count = 0;
}

export class SkuSet {
  private readonly tables = Array.from({ length: TABLES }, () => new Table());
  private readonly log = new SkuLog();
  private count = 0;

  get size(): number {
    return this.count;
  }

  has(sku: string): boolean {
    const h = skuHash(sku);
    return this.find(this.tables[h >>> 24], h, sku) >= 0;
  }

  /** Add a SKU; false when it was there already. */
  add(sku: string): boolean {
    const h = skuHash(sku);
    const table = this.tables[h >>> 24];
    const slot = this.find(table, h, sku);
    if (slot >= 0) return false;
    table.slots[~slot] = h;
    table.slots[~slot + 1] = this.log.append(sku) + 1;
    this.count++;
    if (++table.count * 4 > (table.slots.length / 2) * 3) grow(table);
    return true;
  }

  /** Close the log's file (a read is done with its SKUs). */
  close(): void {
    this.log.close();
  }

  /** The index in `slots` of the SKU's pair, or ~(the index of the empty pair where it would go). */
  private find(table: Table, h: number, sku: string): number {
    const { slots } = table;
    const mask = slots.length - 2;
    for (let at = (h << 1) & mask; ; at = (at + 2) & mask) {
      const offset = slots[at + 1];
      if (offset === 0) return ~at;
      if (slots[at] === h && this.log.holds(offset - 1, sku)) return at;
    }
  }
}

function grow(table: Table): void {
  const old = table.slots;
  const slots = new Uint32Array(old.length * 2);
  const mask = slots.length - 2;
  for (let from = 0; from < old.length; from += 2) {
    if (old[from + 1] === 0) continue;
    let at = (old[from] << 1) & mask;
    while (slots[at + 1] !== 0) at = (at + 2) & mask;
    slots[at] = old[from];
    slots[at + 1] = old[from + 1];
  }
  table.slots = slots;
}

/**
 * The SKUs one after the other, each as its length in UTF-16 code units (4 bytes) and the units
 * (UTF-16LE, exact for any string, lone surrogates included): in the file before `flushed`, in
 * `tail` from there.
 */
class SkuLog {
  private tail = Buffer.alloc(TAIL);
  private used = 0;
  /** bytes before the tail: in the file up to `fileEnd`, in `chunks` after it */
  private flushed = 0;
  private fd?: number;
  private fileEnd = 0;
  /** the tails flushed since there was no file to take them (none could be made, or the disk is full) */
  private chunks?: { start: number; bytes: Buffer }[];
  private readonly length = Buffer.alloc(4);

  append(sku: string): number {
    const size = 4 + sku.length * 2;
    if (this.used + size > this.tail.length) this.flush(size);
    const offset = this.flushed + this.used;
    if (offset + size > MAX_LOG)
      throw new OmnifeedError('CATALOG_UNREADABLE', 'the catalog has more than 4 GiB of SKUs: build it in shards (--shard i/N)');
    this.tail.writeUInt32LE(sku.length, this.used);
    this.tail.write(sku, this.used + 4, 'utf16le');
    this.used += size;
    return offset;
  }

  /** The entry at `offset` is `sku`. */
  holds(offset: number, sku: string): boolean {
    if (offset >= this.flushed) return same(this.tail, offset - this.flushed, sku);
    if (offset >= this.fileEnd) {
      const chunks = this.chunks!;
      let i = chunks.length - 1;
      while (chunks[i].start > offset) i--;
      return same(chunks[i].bytes, offset - chunks[i].start, sku);
    }
    readSync(this.fd!, this.length, 0, 4, offset);
    if (this.length.readUInt32LE(0) !== sku.length) return false;
    const units = Buffer.allocUnsafe(sku.length * 2);
    readSync(this.fd!, units, 0, units.length, offset + 4);
    return units.toString('utf16le') === sku;
  }

  close(): void {
    if (this.fd !== undefined) closeSync(this.fd);
    this.fd = undefined;
  }

  /** Move the tail to the file (or the chunks), and make room for an entry of `size` bytes. */
  private flush(size: number): void {
    if (this.fd === undefined && !this.chunks) this.open();
    if (!this.toFile()) this.chunks!.push({ start: this.flushed, bytes: this.tail.subarray(0, this.used) });
    this.flushed += this.used;
    this.used = 0;
    if (this.chunks || size > this.tail.length) this.tail = Buffer.alloc(Math.max(TAIL, size));
  }

  /** Append the tail to the file; false when there is none, or it takes no more (a full disk): the log goes on in memory. */
  private toFile(): boolean {
    if (this.fd === undefined || this.chunks) return false;
    try {
      for (let done = 0; done < this.used;) done += writeSync(this.fd, this.tail, done, this.used - done, this.flushed + done);
      this.fileEnd = this.flushed + this.used;
      return true;
    } catch {
      this.chunks = [];
      return false;
    }
  }

  /** A temporary file, removed at once: the open descriptor keeps it until `close()` or the process ends. */
  private open(): void {
    const file = path.join(tmpdir(), `omnifeed-skus-${process.pid}-${Math.random().toString(36).slice(2)}`);
    try {
      this.fd = openSync(file, 'wx+', 0o600);
      unlinkSync(file);
    } catch {
      if (this.fd !== undefined) closeSync(this.fd);
      this.fd = undefined;
      this.chunks = [];
    }
  }
}

function same(buffer: Buffer, at: number, sku: string): boolean {
  if (buffer.readUInt32LE(at) !== sku.length) return false;
  for (let i = 0; i < sku.length; i++) if (buffer.readUInt16LE(at + 4 + 2 * i) !== sku.charCodeAt(i)) return false;
  return true;
}

/** FNV-1a over the UTF-16 code units, then MurmurHash3's finalizer: the top byte picks the table, the low bits the slot. */
export function skuHash(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}
