/**
 * A build's per-SKU records against the last-published state, as two streams. Both are in
 * catalog order, so most SKUs meet their counterpart at once; one that does not waits in a map
 * until it does, or is added (new) or removed (old) at the end. Memory holds only the SKUs that
 * moved, came or went, not the catalog.
 */
import { comparableHashes, type SkuRecord } from '../output/skus.js';

/** How many field-level changes a comparison keeps as examples. */
const SAMPLE_SIZE = 20;

type ChangedField = 'price' | 'sale_price' | 'quantity' | 'content';

export interface Comparison {
  /** SKUs listed now that were not listed at the last publish */
  added: number;
  /** SKUs listed at the last publish that are not now (left the catalog, excluded, or invalid) */
  removed: number;
  /** SKUs listed in both with a different price, sale price, quantity or item content */
  changed: number;
  unchanged: number;
  /** changed SKUs by field */
  fields: Record<ChangedField, number>;
  /** the first changes, one line each: `TEE-100-RED-S price 19.99 -> 17.99` */
  samples: string[];
  /** SKUs listed in both with a price in both, and those whose price changed by more than the factor */
  prices: { compared: number; beyond: number };
}

export interface CompareOptions {
  /** a price change by more than this factor (up or down) counts as `beyond` */
  factor: number;
  /** each record of the build, with the state's record of its SKU (for a publish writing the new state) */
  onRecord?: (record: SkuRecord, previous: SkuRecord | undefined) => void | Promise<void>;
}

const FIELDS = ['price', 'sale_price', 'quantity'] as const;
const shown = (n: number | undefined) => (n === undefined ? '-' : String(n));

class Tally {
  readonly result: Comparison = {
    added: 0,
    removed: 0,
    changed: 0,
    unchanged: 0,
    fields: { price: 0, sale_price: 0, quantity: 0, content: 0 },
    samples: [],
    prices: { compared: 0, beyond: 0 },
  };

  constructor(private readonly factor: number) {}

  private sample(line: string): void {
    if (this.result.samples.length < SAMPLE_SIZE) this.result.samples.push(line);
  }

  /** One SKU: in the build (`now`), in the state (`before`), or both. */
  pair(now: SkuRecord | undefined, before: SkuRecord | undefined): void {
    const r = this.result;
    if (!now?.listed) {
      if (before?.listed) {
        r.removed++;
        this.sample(`${before.sku} removed (${now ? (now.reason ?? 'not listed') : 'no longer in the catalog'})`);
      }
      return;
    }
    if (!before?.listed) {
      r.added++;
      this.sample(`${now.sku} added${now.price !== undefined ? ` at ${now.price}` : ''}`);
      return;
    }
    let changed = false;
    for (const field of FIELDS) {
      if (now[field] === before[field]) continue;
      changed = true;
      r.fields[field]++;
      this.sample(`${now.sku} ${field} ${shown(before[field])} -> ${shown(now[field])}`);
    }
    // a state written by an earlier version hashed items another way: their content is not compared
    if (now.hash !== before.hash && comparableHashes(now.hash, before.hash)) {
      changed = true;
      r.fields.content++;
      this.sample(`${now.sku} content changed`);
    }
    if (changed) r.changed++;
    else r.unchanged++;
    if (now.price && before.price) {
      r.prices.compared++;
      const ratio = now.price / before.price;
      if (ratio > this.factor || ratio < 1 / this.factor) r.prices.beyond++;
    }
  }
}

/** The SKUs waiting for their counterpart, on either side. */
class Join {
  readonly waitingNew = new Map<string, SkuRecord>();
  readonly waitingOld = new Map<string, SkuRecord>();

  constructor(
    private readonly tally: Tally,
    private readonly onRecord: CompareOptions['onRecord'],
  ) {}

  async meet(now: SkuRecord, before: SkuRecord | undefined): Promise<void> {
    this.tally.pair(now, before);
    await this.onRecord?.(now, before);
  }

  /** A record of the state: it meets the build's record waiting for it, or waits itself. */
  async old(before: SkuRecord): Promise<void> {
    const waiting = this.waitingNew.get(before.sku);
    if (!waiting) {
      this.waitingOld.set(before.sku, before);
      return;
    }
    this.waitingNew.delete(before.sku);
    await this.meet(waiting, before);
  }

  /** What still waits at the end came (the build's) or went (the state's). */
  async end(): Promise<void> {
    for (const now of this.waitingNew.values()) await this.meet(now, undefined);
    for (const before of this.waitingOld.values()) this.tally.pair(undefined, before);
  }
}

/** Compare the build's records with the state's (none: a first publish, where every listed SKU is added). */
export async function compare(
  build: AsyncIterable<SkuRecord>,
  state: AsyncIterable<SkuRecord> | undefined,
  options: CompareOptions,
): Promise<Comparison> {
  const tally = new Tally(options.factor);
  const join = new Join(tally, options.onRecord);
  const old = state?.[Symbol.asyncIterator]();
  let oldDone = !old;
  for await (const now of build) {
    const before = join.waitingOld.get(now.sku);
    if (before) {
      join.waitingOld.delete(now.sku);
      await join.meet(now, before);
      continue;
    }
    // the state is read one record for each of the build's: in step, each SKU meets its counterpart at once
    const next = oldDone ? undefined : await old!.next();
    if (next && !next.done && next.value.sku === now.sku) {
      await join.meet(now, next.value);
      continue;
    }
    if (next?.done) oldDone = true;
    else if (next) await join.old(next.value);
    if (oldDone) await join.meet(now, undefined);
    else join.waitingNew.set(now.sku, now);
  }
  for (let next = oldDone ? undefined : await old!.next(); next && !next.done; next = await old!.next()) await join.old(next.value);
  await join.end();
  return tally.result;
}
