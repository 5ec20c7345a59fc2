import type { FeedDefinition } from '../../config/types.js';
import type { MarketContext } from '../kit/offer.js';
import type { GoogleOptions } from './options.js';

export interface GoogleShipping {
  country: string;
  service?: string;
  price: string;
}

/** One Merchant Center item: attribute name -> value, in feed order. */
export type GoogleItem = Record<string, string | string[] | GoogleShipping[]>;

/** A Google feed compiled for a run: what map, rules and writer read. */
export interface GoogleContext extends MarketContext {
  feed: FeedDefinition;
  options: GoogleOptions;
  now: Date;
  /** the feed's shipping, priced in the feed currency */
  shipping?: GoogleShipping[];
  /** Google's taxonomy file, when the feed names one: id -> path, and every path */
  taxonomy?: { byId: Map<string, string>; paths: Set<string> };
}
