/**
 * The operator's report (`omnifeed report --json`): what the last build of each feed made of the
 * catalog, read back from the build's per-SKU records and its run report. Lists of products
 * keep the first LIST_LIMIT; every count is complete.
 */

/** How many products a list of the report keeps (the counts beside it are complete). */
export const LIST_LIMIT = 1000;
/** How many sample SKUs a count keeps. */
export const SAMPLE_LIMIT = 5;

/** A count of products, with the first few SKUs counted. */
export interface Tally {
  count: number;
  samples: string[];
}

/** Counts per product: every product a feed reads is listed, excluded or invalid, exactly one of them. */
export interface ProductCounts {
  read: number;
  listed: number;
  excluded: number;
  invalid: number;
  /** excluded products by reason code (they add up to `excluded`) */
  reasons: Record<string, Tally>;
  /** invalid products by the rule id of each of their item's errors (a product with two errors counts under both) */
  rules: Record<string, Tally>;
  /** listed products by the rule id of each warning on their item */
  warnings: Record<string, Tally>;
}

/** Counts per item of the feed file, as the run report has them (Amazon counts parents, eBay and Etsy count listings). */
interface ItemCounts {
  listed: number;
  /** items left out by their errors, by rule id */
  invalid: Record<string, number>;
  /** warnings on listed items, by rule id */
  warned: Record<string, number>;
}

export interface FeedOverview {
  feed: string;
  channel: string;
  format: string;
  /** the build date of the feed's last build */
  built: string;
  /** the feed's pricing: its fees, passed on in its prices, and its margin floor */
  pricing: { fee_percent: number; fee_fixed: number; markup_percent: number; min_margin?: number };
  products: ProductCounts;
  items: ItemCounts;
}

/** Products by the number of feeds that list them, and the ones missing somewhere. */
export interface Coverage {
  feeds: string[];
  /** `on[n]`: products listed on exactly n of the feeds */
  on: number[];
  /** products on no feed, with each feed's reason (an exclusion reason code, or the error rule ids) */
  none: { sku: string; reasons: Record<string, string> }[];
  /** products listed on some feeds but not all: each feed's `listed` or reason */
  partial: { sku: string; feeds: Record<string, string> }[];
  partial_total: number;
}

/** A rule that keeps products off feeds: the catalog's (an unreadable row is on no feed), or a feed's error rule. */
export interface TopIssue {
  rule: string;
  /** catalog: rows skipped while reading; feed: items with an error of the rule */
  source: 'catalog' | 'feed';
  /** products it keeps off at least one feed */
  products: number;
  /** product × feed pairs it keeps apart */
  pairs: number;
  /** the feeds it keeps products off, with how many */
  feeds: Record<string, number>;
  samples: string[];
}

/** Margin buckets' lower edges, as fractions: the first bucket is everything below -20 %, the last 60 % and more. */
export const MARGIN_EDGES = [-0.2, -0.1, 0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6] as const;

export interface MarginBucket {
  /** the bucket holds margins from `from` (inclusive) to `to` (exclusive); null: unbounded */
  from: number | null;
  to: number | null;
  /** products the feed read with a margin in the bucket */
  products: number;
  /** of those, the ones it lists */
  listed: number;
}

/** The margins a feed earns: after its fees, from its pricing policy, for every product with a price and a cost. */
export interface FeedMargins {
  feed: string;
  channel: string;
  min_margin?: number;
  /** products with a margin (a price and a cost) */
  products: number;
  /** products without one: no cost, or no price */
  unknown: number;
  min?: number;
  max?: number;
  mean?: number;
  /** mean margin of the listed products */
  listed_mean?: number;
  /** products with a margin below the feed's floor (`pricing.min_margin`) */
  under_floor: Tally;
  /** products whose margin is negative: the fees and the cost are more than the price */
  negative: Tally;
  buckets: MarginBucket[];
}

export interface Margins {
  feeds: FeedMargins[];
  /** products listed on two feeds or more, each with a margin on them */
  compared: number;
  /** per feed, how many of those earn most (best) and least (worst) on it */
  best: Record<string, number>;
  worst: Record<string, number>;
  /** the first of them, with the feed each earns most and least on */
  spread: { sku: string; best: { feed: string; margin: number }; worst: { feed: string; margin: number } }[];
  /** every product whose margin is negative on a feed, first ones */
  negative: { sku: string; feed: string; margin: number; outcome: string }[];
  negative_total: number;
}

/** One SKU's offers across feeds against its stock. */
export interface Exposure {
  sku: string;
  available: number;
  /** units offered across the feeds that list it */
  offered: number;
  /** units that could be sold beyond the stock: offered - available */
  exposure: number;
  /** units offered per feed */
  feeds: Record<string, number>;
}

export interface StockOverview {
  /** the workspace's `allocation:` policy, or none */
  allocation: 'pooled' | 'reserve' | 'none';
  /** products listed on at least one feed */
  products: number;
  /** their stock that may be sold online */
  available: number;
  /** the units the feeds offer of them, added up */
  offered: number;
  /** products offered more often than they are in stock */
  exposed: number;
  /** the units that could be sold twice, added up */
  exposure: number;
  /** the most exposed SKUs, most first */
  top: Exposure[];
}

export interface Overview {
  omnifeed: 1;
  /** the build date of the last run report */
  built: string;
  catalog: { file: string; products: number; groups: number; errors: number; warnings: number };
  feeds: FeedOverview[];
  coverage: Coverage;
  issues: TopIssue[];
  margins: Margins;
  stock: StockOverview;
  /** every rule id and reason code the report names, with its description */
  rules: Record<string, { severity?: 'error' | 'warning'; description: string }>;
}
