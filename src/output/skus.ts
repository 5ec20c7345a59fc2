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
  /** why it is not listed: the exclusion reason code, or the rule ids of the item's errors (comma-separated) */
  reason?: string;
  /** the marketplace's own id of the listing (eBay's ItemID), kept from one publish to the next */
  remote_id?: string;
  /** what became of a product the feed read (a standalone product or a variant); absent on the record of a parent's item */
  outcome?: Outcome;
  /** the margin the seller keeps on the offer after the feed's fees, as a fraction (none without a cost or a price) */
  margin?: number;
  /** the product's stock that may be sold online: every location, less the units reserved for the counter */
  available?: number;
  /** the rule ids of the warnings on the product's item (comma-separated) */
  warnings?: string;
}

/** A product's outcome in a feed: every product a feed reads is exactly one of them. */
type Outcome = 'listed' | 'excluded' | 'invalid';
const OUTCOMES: ReadonlySet<string> = new Set<Outcome>(['listed', 'excluded', 'invalid']);

/** The columns of a record line, in order: the first line of every file says them. */
const SKU_COLUMNS = [
  'sku',
  'item',
  'hash',
  'price',
  'sale_price',
  'quantity',
  'listed',
  'reason',
  'remote_id',
  'outcome',
  'margin',
  'available',
  'warnings',
] as const;
/** Files written before the last four columns came have only the first nine. */
const FIRST_COLUMNS = 9;
export const SKU_HEADER = `${SKU_COLUMNS.join('\t')}\n`;
const COLUMN_LINE_START = `${SKU_COLUMNS.slice(0, FIRST_COLUMNS).join('\t')}`;

/** Tabs, line breaks and backslashes in a value are escaped, so one record is one line. */
const escape = (text: string) => (/[\t\n\r\\]/.test(text) ? text.replace(/[\t\n\r\\]/g, (c) => ESCAPES[c]) : text);
const ESCAPES: Record<string, string> = { '\t': '\\t', '\n': '\\n', '\r': '\\r', '\\': '\\\\' };
const UNESCAPES: Record<string, string> = { t: '\t', n: '\n', r: '\r', '\\': '\\' };
const unescape = (text: string) => (text.includes('\\') ? text.replace(/\\(.)/g, (_, c: string) => UNESCAPES[c] ?? c) : text);

const num = (n: number | undefined) => (n === undefined ? '' : String(n));

/** One record as a line of the file. */
export function formatRecord(r: SkuRecord): string {
  return `${escape(r.sku)}\t${r.item ? escape(r.item) : ''}\t${r.hash ?? ''}\t${num(r.price)}\t${num(r.sale_price)}\t${num(r.quantity)}\t${r.listed ? 1 : 0}\t${r.reason ?? ''}\t${r.remote_id ? escape(r.remote_id) : ''}\t${r.outcome ?? ''}\t${num(r.margin)}\t${num(r.available)}\t${r.warnings ?? ''}\n`;
}

/**
 * Two records' item hashes say whether the content changed: unless both are there and made in
 * different ways (told by their length: 16 hex digits now, 12 base64url characters before).
 */
export const comparableHashes = (one: string | undefined, other: string | undefined) =>
  one === undefined || other === undefined || one.length === other.length;

const number = (text: string) => (text === '' ? undefined : Number(text));

/** A line of the file as a record; undefined for a line that is not one. */
export function parseRecord(line: string): SkuRecord | undefined {
  const cells = line.split('\t');
  if (cells.length < FIRST_COLUMNS || cells[0] === '') return undefined;
  const [sku, item, hash, price, sale, quantity, listed, reason, remote, outcome, margin, available, warnings] = cells;
  const record: SkuRecord = { sku: unescape(sku), listed: listed === '1' };
  if (item) record.item = unescape(item);
  if (hash) record.hash = hash;
  if (price) record.price = number(price);
  if (sale) record.sale_price = number(sale);
  if (quantity) record.quantity = number(quantity);
  if (reason) record.reason = reason;
  if (remote) record.remote_id = unescape(remote);
  if (outcome && OUTCOMES.has(outcome)) record.outcome = outcome as Outcome;
  if (margin) record.margin = number(margin);
  if (available) record.available = number(available);
  if (warnings) record.warnings = warnings;
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
  let header = true;
  for await (const line of lines) {
    if (first && line.startsWith(META_PREFIX)) {
      onMeta?.(JSON.parse(line.slice(META_PREFIX.length)));
      continue;
    }
    first = false;
    // the column line (of this version, or the shorter one of a file written before the last columns came)
    if (header) {
      header = false;
      if (line.startsWith(COLUMN_LINE_START)) continue;
    }
    const record = parseRecord(line);
    if (record) yield record;
  }
}
