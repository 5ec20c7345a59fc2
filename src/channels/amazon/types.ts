import type { FeedDefinition } from '../../config/types.js';
import type { MarketContext } from '../kit/offer.js';
import type { FeedHeader } from './messages.js';
import type { AmazonOptions } from './options.js';
import type { ProductTypeSchema } from './ptd.js';

export type { AmazonMessage } from './messages.js';

/** An Amazon feed compiled for a run: what map, rules and writer read. */
export interface AmazonContext extends MarketContext {
  feed: FeedDefinition;
  options: AmazonOptions;
  now: Date;
  header: FeedHeader;
  marketplaceId: string;
  languageTag: string;
  /** `fulfillment_channel_code`: DEFAULT is merchant-fulfilled */
  fulfillment: string;
  dimensions: 'item' | 'package' | 'both';
  /** compiled Product Type Definitions, by product type */
  schemas: Map<string, ProductTypeSchema>;
  requireSchemas: boolean;
  /** product types whose messages went out without a definition: the warning is said once per type */
  unchecked: Set<string>;
}

/** The variation theme of a group: its name and attributes, or why there is none. */
export type Theme = { name: string; attributes: string[] } | { unsupported: string };
