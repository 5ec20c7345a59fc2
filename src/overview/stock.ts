/**
 * One stock across feeds: every feed offers units of the same stock, so a SKU offered on several
 * feeds can be sold more often than it is in stock. Per SKU: the units offered across the feeds
 * that list it against its stock that may be sold online; the most exposed SKUs are kept.
 */
import type { Joined } from './join.js';
import { LIST_LIMIT, type Exposure, type StockOverview } from './types.js';

type Ranked = Exposure & { order: number };

const byExposure = (a: Ranked, b: Ranked) => b.exposure - a.exposure || a.order - b.order;

export class StockTally {
  private readonly stock: StockOverview;
  private top: Ranked[] = [];
  private order = 0;

  constructor(
    private readonly feeds: string[],
    allocation: StockOverview['allocation'],
  ) {
    this.stock = { allocation, products: 0, available: 0, offered: 0, exposed: 0, exposure: 0, top: [] };
  }

  /** A SKU's offers; undefined when no feed lists it. */
  static offers(feeds: string[], { sku, cells }: Joined): Exposure | undefined {
    let available = 0;
    let offered = 0;
    let listed = 0;
    const per: Record<string, number> = {};
    cells.forEach((cell, i) => {
      if (cell?.available !== undefined) available = Math.max(available, cell.available);
      if (cell?.outcome !== 'listed') return;
      listed++;
      per[feeds[i]] = cell.quantity ?? 0;
      offered += cell.quantity ?? 0;
    });
    if (listed === 0) return undefined;
    return { sku, available, offered, exposure: Math.max(0, offered - available), feeds: per };
  }

  add(joined: Joined): Exposure | undefined {
    const offers = StockTally.offers(this.feeds, joined);
    if (!offers) return undefined;
    const s = this.stock;
    s.products++;
    s.available += offers.available;
    s.offered += offers.offered;
    if (offers.exposure === 0) return offers;
    s.exposed++;
    s.exposure += offers.exposure;
    this.top.push({ ...offers, order: this.order++ });
    if (this.top.length > 2 * LIST_LIMIT) this.top = this.top.sort(byExposure).slice(0, LIST_LIMIT);
    return offers;
  }

  result(): StockOverview {
    const top = this.top.sort(byExposure).slice(0, LIST_LIMIT);
    return { ...this.stock, top: top.map(({ order: _, ...exposure }) => exposure) };
  }
}
