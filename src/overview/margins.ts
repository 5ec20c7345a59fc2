/**
 * Margins per feed, after each feed's fees (the pipeline's pricing policy computes them): their
 * distribution, the products under the floor or below zero, and for the products several feeds
 * list, the feed where each earns most and least.
 */
import type { SkuRecord } from '../output/skus.js';
import type { Joined } from './join.js';
import { countIn, emptyTally } from './tally.js';
import { LIST_LIMIT, MARGIN_EDGES, type FeedMargins, type Margins, type MarginBucket } from './types.js';

const round = (n: number) => Math.round(n * 1e4) / 1e4;

/** The bucket of a margin: the index of the first edge above it. */
function bucketOf(margin: number): number {
  const i = MARGIN_EDGES.findIndex((edge) => margin < edge);
  return i === -1 ? MARGIN_EDGES.length : i;
}

const emptyBuckets = (): MarginBucket[] =>
  [...MARGIN_EDGES, null].map((to, i) => ({ from: i === 0 ? null : MARGIN_EDGES[i - 1], to, products: 0, listed: 0 }));

class FeedMarginTally {
  private sum = 0;
  private listedSum = 0;
  private listed = 0;
  readonly result: FeedMargins;

  constructor(feed: string, channel: string, min_margin: number | undefined) {
    this.result = {
      feed,
      channel,
      min_margin,
      products: 0,
      unknown: 0,
      under_floor: emptyTally(),
      negative: emptyTally(),
      buckets: emptyBuckets(),
    };
  }

  add(record: SkuRecord): void {
    const r = this.result;
    const { margin, sku } = record;
    if (margin === undefined) {
      r.unknown++;
      return;
    }
    r.products++;
    this.sum += margin;
    r.min = r.min === undefined ? margin : Math.min(r.min, margin);
    r.max = r.max === undefined ? margin : Math.max(r.max, margin);
    const bucket = r.buckets[bucketOf(margin)];
    bucket.products++;
    if (record.outcome === 'listed') {
      bucket.listed++;
      this.listed++;
      this.listedSum += margin;
    }
    if (r.min_margin !== undefined && margin < r.min_margin) countIn(r.under_floor, sku);
    if (margin < 0) countIn(r.negative, sku);
  }

  finish(): FeedMargins {
    const r = this.result;
    if (r.products > 0) r.mean = round(this.sum / r.products);
    if (this.listed > 0) r.listed_mean = round(this.listedSum / this.listed);
    return r;
  }
}

export class MarginTally {
  private readonly feeds: FeedMarginTally[];
  private readonly margins: Omit<Margins, 'feeds'> = { compared: 0, best: {}, worst: {}, spread: [], negative: [], negative_total: 0 };

  constructor(private readonly names: { feed: string; channel: string; min_margin?: number }[]) {
    this.feeds = names.map((f) => new FeedMarginTally(f.feed, f.channel, f.min_margin));
  }

  add({ sku, cells }: Joined): void {
    let best: { i: number; margin: number } | undefined;
    let worst: { i: number; margin: number } | undefined;
    let listed = 0;
    cells.forEach((cell, i) => {
      if (!cell) return;
      this.feeds[i].add(cell);
      const { margin } = cell;
      if (margin === undefined) return;
      if (margin < 0) this.negative(sku, i, cell);
      if (cell.outcome !== 'listed') return;
      listed++;
      if (!best || margin > best.margin) best = { i, margin };
      if (!worst || margin < worst.margin) worst = { i, margin };
    });
    if (listed < 2 || !best || !worst || best.margin === worst.margin) return;
    const m = this.margins;
    m.compared++;
    const [high, low] = [this.names[best.i].feed, this.names[worst.i].feed];
    m.best[high] = (m.best[high] ?? 0) + 1;
    m.worst[low] = (m.worst[low] ?? 0) + 1;
    if (m.spread.length < LIST_LIMIT)
      m.spread.push({ sku, best: { feed: high, margin: best.margin }, worst: { feed: low, margin: worst.margin } });
  }

  private negative(sku: string, i: number, cell: SkuRecord): void {
    const m = this.margins;
    m.negative_total++;
    if (m.negative.length < LIST_LIMIT) m.negative.push({ sku, feed: this.names[i].feed, margin: cell.margin!, outcome: cell.outcome! });
  }

  result(): Margins {
    return { feeds: this.feeds.map((f) => f.finish()), ...this.margins };
  }
}
