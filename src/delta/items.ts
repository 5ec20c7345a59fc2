/**
 * The listing state of a delta feed: one line per item the feed listed, `{"key":…,"item":…}`,
 * in catalog order, and (for a channel whose removed listings stay in the store, Etsy) one
 * `{"key":…,"item":…,"removed":true}` per listing a delta removed. gzip'd NDJSON, written by a
 * delta build beside its records (`out/.omnifeed/<feed>.items.ndjson.gz`) and kept by a publish
 * in the last-published state, so that the next delta knows what each listing was.
 */
import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { createGunzip } from 'node:zlib';
import { readSkuFile } from '../output/skus.js';

export interface ItemEntry {
  key: string;
  /** the item as the feed listed it; null when only its key is known (a last publish without listing state) */
  item: unknown;
  removed?: true;
}

export const formatEntry = (entry: ItemEntry) => `${JSON.stringify(entry)}\n`;

/** Stream the entries of a listing-state file. */
export async function* readItems(file: string): AsyncIterable<ItemEntry> {
  const gunzip = createGunzip();
  const source = createReadStream(file);
  source.on('error', (error) => gunzip.destroy(error));
  for await (const line of createInterface({ input: source.pipe(gunzip), crlfDelay: Infinity })) {
    if (line !== '') yield JSON.parse(line) as ItemEntry;
  }
}

/**
 * The listings of a last publish that recorded no listing state (a full build), from its
 * per-SKU records: each listed SKU that is its own item. Their content is not known.
 */
export async function* listedInRecords(file: string): AsyncIterable<ItemEntry> {
  for await (const record of readSkuFile(file)) if (record.listed && record.hash && !record.item) yield { key: record.sku, item: null };
}

/** The marketplace ids (eBay ItemIDs) the records of a state keep, by SKU. */
export async function remoteIds(file: string): Promise<Map<string, string>> {
  const ids = new Map<string, string>();
  for await (const record of readSkuFile(file)) if (record.remote_id) ids.set(record.sku, record.remote_id);
  return ids;
}
