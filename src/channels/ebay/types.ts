import type { FeedDefinition } from '../../config/types.js';
import type { MarketContext } from '../kit/offer.js';
import type { Layout } from './columns.js';
import type { EbayOptions } from './options.js';
import type { SiteCode } from './sites.js';

/** One CSV row: column key (`Title`, `C:Brand`, `Action`) -> value. */
export type Row = Record<string, string>;

/** What the eBay writer writes: a listing row and its `Relationship=Variation` rows, or a Revise or End row. */
export interface EbayItem {
  rows: Row[];
}

/** An eBay feed compiled for a run: what map, rules and writer read. */
export interface EbayContext extends MarketContext {
  feed: FeedDefinition;
  options: EbayOptions;
  site: SiteCode;
  /** the file's columns: a downloaded template's, or omnifeed's own */
  layout: Layout;
  columns: ReadonlySet<string>;
}
