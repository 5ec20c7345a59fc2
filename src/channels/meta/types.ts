import type { FeedDefinition } from '../../config/types.js';
import type { MarketContext } from '../kit/offer.js';
import type { MetaOptions } from './options.js';
import type { CATEGORY_FIELDS } from './spec.js';

/** One shipping entry: `US:CA:Ground:9.99 USD` in CSV, `<g:shipping>` with sub-elements in RSS. */
export interface MetaShipping {
  country: string;
  region?: string;
  service?: string;
  price: string;
}

/** One Meta catalog item: field name -> value, in feed order. */
export type MetaItem = Record<string, string | string[] | MetaShipping[]>;

/** A Meta feed compiled for a run: what map, rules and writer read. */
export interface MetaContext extends MarketContext {
  feed: FeedDefinition;
  options: MetaOptions;
  now: Date;
  /** the field the category map fills */
  categoryField: (typeof CATEGORY_FIELDS)[number];
  /** the feed's shipping, priced in the feed currency */
  shipping?: MetaShipping[];
}
