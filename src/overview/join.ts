/**
 * The per-SKU records of several feeds, joined by product. Every feed of a build reads the same
 * products in the same order of listing groups (only the order inside a group differs), so the
 * files are read in step, one product record of each in turn: a product waits in a map only
 * until every feed has given its record, and memory holds about one listing group per feed.
 */
import type { SkuRecord } from '../output/skus.js';

/** One product and each feed's record of it (undefined: that feed's build did not read it). */
export interface Joined {
  sku: string;
  cells: (SkuRecord | undefined)[];
}

interface Waiting {
  cells: (SkuRecord | undefined)[];
  seen: number;
}

/** The product records of a file: the records of items of their own (a variation parent) are not products. */
async function* products(records: AsyncIterable<SkuRecord>, counted: { records: number }): AsyncGenerator<SkuRecord> {
  for await (const record of records) {
    counted.records++;
    if (record.outcome) yield record;
  }
}

/**
 * Join the records of the feeds by SKU, in catalog order as far as the files agree on it. `onFile`
 * is told, for each feed, how many records its file held (to tell a file without outcomes).
 */
export async function* joinRecords(
  files: AsyncIterable<SkuRecord>[],
  onFile?: (feed: number, records: number, products: number) => void,
): AsyncGenerator<Joined> {
  const counted = files.map(() => ({ records: 0, products: 0 }));
  const streams = files.map((file, i) => products(file, counted[i]));
  const waiting = new Map<string, Waiting>();
  const live = new Set(streams.map((_, i) => i));
  while (live.size > 0) {
    for (const i of [...live]) {
      const next = await streams[i].next();
      if (next.done) {
        live.delete(i);
        continue;
      }
      counted[i].products++;
      const record = next.value;
      let entry = waiting.get(record.sku);
      if (!entry) waiting.set(record.sku, (entry = { cells: files.map(() => undefined), seen: 0 }));
      if (entry.cells[i]) continue; // a SKU twice in one file: the first record stands
      entry.cells[i] = record;
      if (++entry.seen < files.length) continue;
      waiting.delete(record.sku);
      yield { sku: record.sku, cells: entry.cells };
    }
  }
  for (const [sku, entry] of waiting) yield { sku, cells: entry.cells };
  counted.forEach((c, i) => onFile?.(i, c.records, c.products));
}
