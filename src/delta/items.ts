/**
 * The listing state of a delta feed: one line per item the feed listed, in catalog order, and
 * (for a channel whose removed listings stay in the store, Etsy) one per listing a delta
 * removed: the key as a JSON string, a tab, `r` for a removed listing (else nothing), a tab, the
 * item as JSON (JSON escapes tabs and line breaks, so a line is one entry). gzip'd, written by a
 * delta build beside its records (`out/.omnifeed/<feed>.items.ndjson.gz`) and kept by a publish
 * in the last-published state, so that the next delta knows what each listing was. The item's
 * JSON is compared as text and parsed only when it changed.
 */
import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { createGunzip } from 'node:zlib';
import { OmnifeedError, osReason } from '../errors.js';
import { readState } from '../publish/state.js';

export interface ItemEntry {
  key: string;
  /** the item as the feed listed it, as JSON; null when only its key is known (a last publish without listing state) */
  json: string | null;
  removed?: true;
}

export const formatEntry = (entry: ItemEntry) => `${JSON.stringify(entry.key)}\t${entry.removed ? 'r' : ''}\t${entry.json}\n`;

function parseEntry(line: string): ItemEntry {
  const first = line.indexOf('\t');
  const second = line.indexOf('\t', first + 1);
  if (first < 0 || second < 0) throw new Error('not a listing-state line');
  const entry: ItemEntry = { key: JSON.parse(line.slice(0, first)) as string, json: line.slice(second + 1) };
  if (line.slice(first + 1, second) === 'r') entry.removed = true;
  return entry;
}

/** Stream the entries of a listing-state file; a damaged one fails with STATE_UNREADABLE. */
export async function* readItems(file: string, shown: string): AsyncIterable<ItemEntry> {
  const gunzip = createGunzip();
  const source = createReadStream(file);
  source.on('error', (error) => gunzip.destroy(error));
  try {
    for await (const line of createInterface({ input: source.pipe(gunzip), crlfDelay: Infinity })) {
      if (line !== '') yield parseEntry(line);
    }
  } catch (error) {
    throw new OmnifeedError(
      'STATE_UNREADABLE',
      `${shown}: cannot read the listing state of the last publish (${osReason(error)}); move the feed's state away to send everything as new`,
    );
  }
}

/**
 * The listings of a last publish that recorded no listing state (a full build), from its
 * per-SKU records: each listed SKU that is its own item. Their content is not known.
 */
export async function* listedInRecords(file: string, shown: string): AsyncIterable<ItemEntry> {
  for await (const record of readState(file, shown))
    if (record.listed && record.hash && !record.item) yield { key: record.sku, json: null };
}

/** The marketplace ids (eBay ItemIDs) the records of a state keep, by SKU. */
export async function remoteIds(file: string, shown: string): Promise<Map<string, string>> {
  const ids = new Map<string, string>();
  for await (const record of readState(file, shown)) if (record.remote_id) ids.set(record.sku, record.remote_id);
  return ids;
}
