/**
 * The per-SKU record of a feed: what a build sent (or left out) for each SKU, compact enough to
 * keep for 1,000,000 products. The build writes one file per feed beside its feed files
 * (`out/.omnifeed/<feed>.tsv.gz`); a publish copies it into the last-published state
 * (`.omnifeed/<feed>.tsv.gz`, with a header line). Both are gzip'd lines of tab-separated
 * values, written and read as streams.
 */
import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { createGunzip } from 'node:zlib';

export interface SkuRecord {
  sku: string;
  /** the item whose record carries this SKU's offer, when it is another SKU (the listing of an eBay or Etsy variant group) */
  item?: string;
  /** content hash of the item this SKU is the id of, leaving out its price and stock (so those changes are told apart) */
  hash?: string;
  /** the offer's price after the feed's pricing */
  price?: number;
  /** the sale price buyers pay now, while a sale runs */
  sale_price?: number;
  /** the quantity offered after the feed's stock policy */
  quantity?: number;
  /** the feed lists it: its item is in the feed file */
  listed: boolean;
  /** why it is not listed: the exclusion reason code, or the first error's rule id */
  reason?: string;
  /** the marketplace's own id of the listing (eBay's ItemID), kept from one publish to the next */
  remote_id?: string;
}

/** The columns of a record line, in order: the first line of every file says them. */
const SKU_COLUMNS = ['sku', 'item', 'hash', 'price', 'sale_price', 'quantity', 'listed', 'reason', 'remote_id'] as const;
export const SKU_HEADER = `${SKU_COLUMNS.join('\t')}\n`;

/** Tabs, line breaks and backslashes in a value are escaped, so one record is one line. */
const escape = (text: string) => (/[\t\n\r\\]/.test(text) ? text.replace(/[\t\n\r\\]/g, (c) => ESCAPES[c]) : text);
const ESCAPES: Record<string, string> = { '\t': '\\t', '\n': '\\n', '\r': '\\r', '\\': '\\\\' };
const UNESCAPES: Record<string, string> = { t: '\t', n: '\n', r: '\r', '\\': '\\' };
const unescape = (text: string) => (text.includes('\\') ? text.replace(/\\(.)/g, (_, c: string) => UNESCAPES[c] ?? c) : text);

const num = (n: number | undefined) => (n === undefined ? '' : String(n));

/** One record as a line of the file. */
export function formatRecord(r: SkuRecord): string {
  return `${escape(r.sku)}\t${r.item ? escape(r.item) : ''}\t${r.hash ?? ''}\t${num(r.price)}\t${num(r.sale_price)}\t${num(r.quantity)}\t${r.listed ? 1 : 0}\t${r.reason ?? ''}\t${r.remote_id ? escape(r.remote_id) : ''}\n`;
}

const number = (text: string) => (text === '' ? undefined : Number(text));

/** A line of the file as a record; undefined for a line that is not one. */
export function parseRecord(line: string): SkuRecord | undefined {
  const cells = line.split('\t');
  if (cells.length < SKU_COLUMNS.length || cells[0] === '') return undefined;
  const [sku, item, hash, price, sale, quantity, listed, reason, remote] = cells;
  const record: SkuRecord = { sku: unescape(sku), listed: listed === '1' };
  if (item) record.item = unescape(item);
  if (hash) record.hash = hash;
  if (price) record.price = number(price);
  if (sale) record.sale_price = number(sale);
  if (quantity) record.quantity = number(quantity);
  if (reason) record.reason = reason;
  if (remote) record.remote_id = unescape(remote);
  return record;
}

/** What a file of records starts with: the state's header (a JSON line after `#`), then the column line. */
export const META_PREFIX = '# omnifeed ';

/**
 * Stream the records of a gzip'd file; `onMeta` gets the JSON of a `# omnifeed {...}` header
 * line. A file that is not gzip, or is cut short, fails the iteration with the zlib error.
 */
export async function* readSkuFile(file: string, onMeta?: (meta: unknown) => void): AsyncIterable<SkuRecord> {
  const gunzip = createGunzip();
  const source = createReadStream(file);
  source.on('error', (error) => gunzip.destroy(error));
  const lines = createInterface({ input: source.pipe(gunzip), crlfDelay: Infinity });
  let first = true;
  for await (const line of lines) {
    if (first && line.startsWith(META_PREFIX)) {
      onMeta?.(JSON.parse(line.slice(META_PREFIX.length)));
      continue;
    }
    first = false;
    if (line === SKU_HEADER.trimEnd()) continue;
    const record = parseRecord(line);
    if (record) yield record;
  }
}
