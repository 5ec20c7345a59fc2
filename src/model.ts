/** The canonical product: one row of the master catalog after column mapping and coercion. */
export interface Product {
  sku: string;
  parent_sku?: string;
  title?: string;
  description?: string;
  brand?: string;
  gtin?: string;
  mpn?: string;
  price?: number;
  sale_price?: number;
  /** ISO 8601 date or date-time */
  sale_start?: string;
  sale_end?: string;
  cost?: number;
  currency?: string;
  quantity?: number;
  status?: string;
  condition?: string;
  /** master category path, `A > B > C` */
  category?: string;
  url?: string;
  image_url?: string;
  additional_image_urls?: string[];
  weight?: number;
  weight_unit?: WeightUnit;
  length?: number;
  width?: number;
  height?: number;
  dimension_unit?: LengthUnit;
  color?: string;
  size?: string;
  material?: string;
  pattern?: string;
  gender?: string;
  age_group?: string;
  tags?: string[];
  handmade?: boolean;
  who_made?: string;
  when_made?: string;
  /** explicit per-product allow/deny list of feed names: `google-us`, `!etsy` */
  channels?: string[];
  /** every source column that is not mapped onto a canonical field */
  attributes: Record<string, string>;
  /** stock per location, from the catalog quantity and the inventory overlay */
  stock: Record<string, number>;
  source: SourcePosition;
}

export type WeightUnit = 'g' | 'kg' | 'lb' | 'oz';
export type LengthUnit = 'mm' | 'cm' | 'm' | 'in' | 'ft';

/** Where a product comes from: a file's line, or a database row (a database has no lines: `row` is the row's number in the query's result, from 1). */
export interface SourcePosition {
  file: string;
  line?: number;
  row?: number;
}

export type Severity = 'error' | 'warning';

/** A problem with one row, product or item. Never an exception: it travels in the result. */
export interface Issue {
  severity: Severity;
  /** stable kebab-case id a user greps for: `gtin-check-digit`, `csv-bad-quote` */
  rule: string;
  message: string;
  sku?: string;
  field?: string;
  feed?: string;
  file?: string;
  line?: number;
  /** a database source's row: its number in the query's result, from 1 */
  row?: number;
  column?: string | number;
}

/** One step of a price or stock computation, for `explain`. */
export interface Step {
  step: string;
  value: number;
  note?: string;
}

export interface PriceResult {
  /** price after markup, fees and rounding, in the feed currency */
  price?: number;
  /** sale price after the same policy, when the product has one */
  sale_price?: number;
  /** the sale is running on the build date */
  sale_active: boolean;
  /** why the product's sale was left out: the id of the rule that reports it */
  sale_problem?: 'sale-price-zero' | 'sale-price-not-below-price' | 'sale-window-invalid';
  /** margin of the price a buyer pays now, after channel fees, as a fraction; undefined without cost */
  margin?: number;
  currency: string;
  steps: Step[];
}

export interface StockResult {
  quantity: number;
  in_stock: boolean;
  /** the product's stock that may be sold online: every location, less the units reserved for the counter */
  available?: number;
  steps: Step[];
}

/** The line of a category map that matched a product's category path. */
export interface CategoryMatch {
  id: string;
  /** the map's category path that matched */
  matched: string;
  /** the line's other columns (eBay: `conditions`), for the channel */
  columns?: Record<string, string>;
}

/** A product made ready for one feed: policy applied, category mapped, templates rendered. */
export interface Prepared {
  product: Product;
  price: PriceResult;
  stock: StockResult;
  /** the channel category the map gave for the product's category path: the line that matched */
  category?: CategoryMatch;
  /** the feed's `fields:` templates, rendered: channel attribute -> text */
  fields: Record<string, string>;
  /** per rendered template, the canonical fields it names that the product has no value for (only when there are any) */
  gaps?: Record<string, string[]>;
}

/**
 * What a channel turns into items: a standalone product (`parent` null, one variant), or a
 * variant group (the parent row and the variants that survived selection and the feed's
 * variant policy, in catalog order).
 */
export interface ListingGroup {
  parent: Prepared | null;
  variants: Prepared[];
  /** attribute names the variants differ in, in canonical order (`color`, `size`, …) */
  varies: VariantAttribute[];
  /**
   * The group's variants the feed's rules left out. A channel whose upload replaces a listing's
   * whole inventory (Etsy) sends them disabled rather than deleting them.
   */
  excluded?: Prepared[];
}

export const VARIANT_ATTRIBUTES = ['color', 'size', 'material', 'pattern', 'gender', 'age_group'] as const;
export type VariantAttribute = (typeof VARIANT_ATTRIBUTES)[number];

/** A rule's identity as reports and `omnifeed channels` show it: the id is what a user greps for. */
export interface RuleInfo {
  severity: Severity;
  description: string;
}
