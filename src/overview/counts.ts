/** Per feed: what became of every product it read (listed, excluded by reason, invalid by rule), with sample SKUs. */
import type { SkuRecord } from '../output/skus.js';
import { ids, sortTallies, tally } from './tally.js';
import type { ProductCounts } from './types.js';

export class FeedCounts {
  readonly counts: ProductCounts = { read: 0, listed: 0, excluded: 0, invalid: 0, reasons: {}, rules: {}, warnings: {} };

  add(record: SkuRecord): void {
    const c = this.counts;
    c.read++;
    const { sku } = record;
    if (record.outcome === 'listed') {
      c.listed++;
      for (const rule of ids(record.warnings)) tally(c.warnings, rule, sku);
    } else if (record.outcome === 'excluded') {
      c.excluded++;
      tally(c.reasons, record.reason ?? 'unknown', sku);
    } else {
      c.invalid++;
      for (const rule of ids(record.reason)) tally(c.rules, rule, sku);
    }
  }

  result(): ProductCounts {
    const c = this.counts;
    return { ...c, reasons: sortTallies(c.reasons), rules: sortTallies(c.rules), warnings: sortTallies(c.warnings) };
  }
}
