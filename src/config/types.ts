import type { LengthUnit, WeightUnit } from '../model.js';

export type CatalogFormat = 'csv' | 'tsv' | 'ndjson' | 'json';

export interface SourceConfig {
  /** path relative to the workspace */
  path: string;
  format?: CatalogFormat;
  /** canonical field -> source column */
  columns?: Record<string, string>;
  /** separator of list values in one cell (tags, image URLs, channels) */
  list_separator?: string;
}

export interface WorkspaceConfig {
  catalog: SourceConfig & {
    units?: { weight?: WeightUnit; dimension?: LengthUnit };
    currency?: string;
  };
  inventory?: SourceConfig & {
    mode?: 'replace' | 'add';
    /** the location the catalog's own quantity column counts for */
    catalog_location?: string;
    /** units per location held back for the shop counter: never offered online */
    reserved?: Record<string, number>;
  };
  /** output folder for feeds and the run report, relative to the workspace */
  output?: string;
  /** feeds built by default; every file in feeds/ when absent */
  feeds?: string[];
}

export interface SelectRule {
  when: string;
  reason: string;
}

export interface PricingPolicy {
  markup_percent?: number;
  fee_percent?: number;
  fee_fixed?: number;
  /** `0.99`: round up to the next price ending .99; `0.05`: to a multiple of 0.05; `1`: whole units */
  round_to?: string;
  /** margin floor as a fraction: a product below it is excluded with `margin-below-floor` */
  min_margin?: number;
}

export interface InventoryPolicy {
  locations?: string[];
  buffer?: number;
  percent?: number;
  max?: number;
  out_of_stock?: 'keep' | 'exclude';
}

export type VariantPolicy = 'all' | 'parent-only' | 'cheapest' | 'first-in-stock';

export interface FeedDefinition {
  /** the file name without extension: `google-us` */
  name: string;
  /** the definition's file, relative to the workspace */
  file: string;
  channel: string;
  market: { country: string; language: string; currency: string };
  output: { path: string; format?: string };
  select?: { include?: string; exclude?: SelectRule[] };
  variants?: VariantPolicy;
  pricing?: PricingPolicy;
  inventory?: InventoryPolicy;
  /** category map CSV, relative to feeds/ */
  categories?: string;
  /** channel attribute -> template over the product */
  fields?: Record<string, string>;
  /** channel-specific settings, checked against the channel's schema */
  options?: Record<string, unknown>;
}

export interface Workspace {
  root: string;
  configFile: string;
  config: WorkspaceConfig;
  feeds: FeedDefinition[];
}
