import type { FeedDefinition } from '../../config/types.js';
import type { MarketContext } from '../kit/offer.js';
import type { EtsyOptions } from './options.js';
import type { WhenMadeBucket } from './when-made.js';

/** A createDraftListing body (form-urlencoded on the wire; an uploader sends these keys as they are). */
export interface EtsyListing {
  quantity: number;
  title: string;
  description: string;
  price: number;
  who_made: string;
  when_made: string;
  taxonomy_id: number;
  is_supply: boolean;
  type: string;
  shipping_profile_id?: number;
  readiness_state_id?: number;
  return_policy_id?: number;
  shop_section_id?: number;
  tags?: string[];
  materials?: string[];
  styles?: string[];
  item_weight?: number;
  item_weight_unit?: string;
  item_length?: number;
  item_width?: number;
  item_height?: number;
  item_dimensions_unit?: string;
  is_personalizable?: boolean;
  personalization_is_required?: boolean;
  personalization_char_count_max?: number;
  personalization_instructions?: string;
  is_customizable?: boolean;
  should_auto_renew?: boolean;
  is_taxable?: boolean;
  image_ids?: number[];
  production_partner_ids?: number[];
}

/**
 * One line of the Etsy feed: the createDraftListing body, the SKU, the updateListingInventory
 * body for a variant group (null for a single product), and the image URLs to upload.
 */
export interface EtsyLine {
  sku: string;
  listing: EtsyListing;
  inventory: EtsyInventory | null;
  images: string[];
}

/** An Etsy feed compiled for a run: what map, rules and writer read. */
export interface EtsyContext extends MarketContext {
  feed: FeedDefinition;
  options: EtsyOptions;
  /** this year's when_made values */
  buckets: readonly WhenMadeBucket[];
  /** lowest price, in the feed currency */
  minPrice?: number;
  maxPrice?: number;
  maxVariations: number;
  fixTitles: boolean;
  fixTags: boolean;
  /** the tags of a master category path (`categoryTags`), worked out once a category */
  tagsOf(category: string): readonly string[];
}

export interface EtsyPropertyValue {
  property_id: number;
  property_name: string;
  scale_id?: number;
  value_ids: number[];
  values: string[];
}

export interface EtsyOffering {
  price: number;
  quantity: number;
  is_enabled: boolean;
  readiness_state_id?: number;
}

export interface EtsyProduct {
  sku: string;
  property_values: EtsyPropertyValue[];
  offerings: EtsyOffering[];
}

/** The updateListingInventory body: every variant, every time (the call replaces the inventory). */
export interface EtsyInventory {
  products: EtsyProduct[];
  price_on_property: number[];
  quantity_on_property: number[];
  sku_on_property: number[];
  readiness_state_on_property?: number[];
}
