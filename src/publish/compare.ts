/**
 * A build's per-SKU records against the last-published state, as two streams. Both are in
 * catalog order, so most SKUs meet their counterpart at once; one that does not waits in a map
 * until it does, or is added (new) or removed (old) at the end. Memory holds only the SKUs that
 * moved, came or went, not the catalog.
 */
import type { SkuRecord } from '../output/skus.js';

/** How many field-level changes a comparison keeps as examples. */
export const SAMPLE_SIZE = 20;

export type ChangedField = 'price' | 'sale_price' | 'quantity' | 'content';

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
    if (now.hash !== before.hash) {
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

/** Compare the build's records with the state's (none: a first publish, where every listed SKU is added). */
export async function compare(
  build: AsyncIterable<SkuRecord>,
  state: AsyncIterable<SkuRecord> | undefined,
  options: CompareOptions,
): Promise<Comparison> {
  const tally = new Tally(options.factor);
  const waitingNew = new Map<string, SkuRecord>();
  const waitingOld = new Map<string, SkuRecord>();
  const old = state?.[Symbol.asyncIterator]();
  let oldDone = !old;
  const meet = async (now: SkuRecord, before: SkuRecord | undefined) => {
    tally.pair(now, before);
    await options.onRecord?.(now, before);
  };
  for await (const now of build) {
    const before = waitingOld.get(now.sku);
    if (before) {
      waitingOld.delete(now.sku);
      await meet(now, before);
      continue;
    }
    // read the state until this SKU turns up, at most one record ahead of the build: a SKU that moved waits
    let found: SkuRecord | undefined;
    if (!oldDone) {
      const next = await old!.next();
      if (next.done) oldDone = true;
      else if (next.value.sku === now.sku) found = next.value;
      else {
        const waiting = waitingNew.get(next.value.sku);
        if (waiting) {
          waitingNew.delete(next.value.sku);
          await meet(waiting, next.value);
        } else waitingOld.set(next.value.sku, next.value);
      }
    }
    if (found || oldDone) await meet(now, found);
    else waitingNew.set(now.sku, now);
  }
  while (!oldDone) {
    const next = await old!.next();
    if (next.done) break;
    const waiting = waitingNew.get(next.value.sku);
    if (waiting) {
      waitingNew.delete(next.value.sku);
      await meet(waiting, next.value);
    } else tally.pair(undefined, next.value);
  }
  for (const now of waitingNew.values()) await meet(now, undefined);
  for (const before of waitingOld.values()) tally.pair(undefined, before);
  return tally.result;
}
