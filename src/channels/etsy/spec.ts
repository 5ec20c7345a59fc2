/**
 * What Etsy's Open API v3 accepts, as data: the createDraftListing body fields and their types,
 * the content limits, and the unit words. Sources: Etsy's OpenAPI document (types, enums, the
 * character classes quoted in its field descriptions) and Etsy's seller help (the limits marked
 * `help`, not in the OpenAPI document).
 */

export type FieldType = 'text' | 'integer' | 'number' | 'boolean' | 'text-list' | 'integer-list';

/**
 * Every createDraftListing field, in the order a line carries them, with the type a `fields:`
 * template's text is read as (lists are comma-separated). Fields the channel computes from the
 * product (quantity, price, who_made, …) can be overridden by a template too.
 */
export const LISTING_FIELDS = {
  quantity: 'integer',
  title: 'text',
  description: 'text',
  price: 'number',
  who_made: 'text',
  when_made: 'text',
  taxonomy_id: 'integer',
  is_supply: 'boolean',
  type: 'text',
  shipping_profile_id: 'integer',
  readiness_state_id: 'integer',
  return_policy_id: 'integer',
  shop_section_id: 'integer',
  tags: 'text-list',
  materials: 'text-list',
  styles: 'text-list',
  item_weight: 'number',
  item_weight_unit: 'text',
  item_length: 'number',
  item_width: 'number',
  item_height: 'number',
  item_dimensions_unit: 'text',
  is_personalizable: 'boolean',
  personalization_is_required: 'boolean',
  personalization_char_count_max: 'integer',
  personalization_instructions: 'text',
  is_customizable: 'boolean',
  should_auto_renew: 'boolean',
  is_taxable: 'boolean',
  image_ids: 'integer-list',
  production_partner_ids: 'integer-list',
} as const satisfies Record<string, FieldType>;

export const WHO_MADE = ['i_did', 'someone_else', 'collective'] as const;
/** who_made values that make an item handmade on Etsy */
export const HANDMADE_WHO_MADE: readonly string[] = ['i_did', 'collective'];
export const LISTING_TYPES = ['physical', 'download', 'both'] as const;

export const LIMITS = {
  /** title characters (help) */
  titleLength: 140,
  /** characters a title may carry only once each (OpenAPI) */
  titleOnce: ['%', ':', '&', '+'],
  /** tags per listing and characters per tag (help) */
  tags: 13,
  tagLength: 20,
  /** materials per listing and characters per material (help) */
  materials: 13,
  materialLength: 45,
  /** styles per listing (OpenAPI) */
  styles: 2,
  /** images per listing (OpenAPI) */
  images: 10,
  /** the lowest price Etsy lists, in USD (help); a feed sets its own floor for other currencies */
  minPriceUsd: 0.2,
  /** the highest price Etsy lists, in USD (help: prices are between 0.20 and 50,000 USD); options.max_price for other currencies */
  maxPriceUsd: 50_000,
  /** variation properties per listing; 3 with `max_variations_supported=3` (third-variation tutorial) */
  variations: 2,
  variationsMax: 3,
  /** options (values) of one variation property (help: up to 70 options per variation) */
  variationValues: 70,
} as const;

/**
 * Characters each text field may not carry: the negated classes of Etsy's OpenAPI descriptions,
 * as written there (no combining marks: the map sends texts composed, NFC).
 */
export const NOT_ALLOWED = {
  title: /[^\p{L}\p{Nd}\p{P}\p{Sm}\p{Zs}™©®]/gu,
  tag: /[^\p{L}\p{Nd}\p{Zs}\-'™©®]/gu,
  material: /[^\p{L}\p{Nd}\p{Zs}]/gu,
  style: /[^\p{L}\p{Nd}\p{Zs}]/gu,
} as const;

/** Words for the title characters allowed once, when a fix replaces a repeated one. */
export const TITLE_ONCE_WORDS: Readonly<Record<string, string>> = { '&': ' and ', '+': ' plus ', '%': ' percent ', ':': ' - ' };

/** Canonical units -> Etsy's unit words (item_weight_unit, item_dimensions_unit). */
export const WEIGHT_UNITS: Readonly<Record<string, string>> = { g: 'g', kg: 'kg', lb: 'lb', oz: 'oz' };
export const DIMENSION_UNITS: Readonly<Record<string, string>> = { mm: 'mm', cm: 'cm', m: 'm', in: 'in', ft: 'ft' };

/**
 * Custom variation properties: Etsy accepts any value under these two property ids (seen in API
 * responses). A third variation must be a property of the listing's taxonomy node, with its
 * predefined value ids (third-variation tutorial): configure it under `options.properties`.
 */
export const CUSTOM_PROPERTY_IDS = [513, 514] as const;

/** Property names Etsy shows for the canonical variant attributes. */
export const PROPERTY_NAMES: Readonly<Record<string, string>> = {
  color: 'Color',
  size: 'Size',
  material: 'Material',
  pattern: 'Pattern',
  gender: 'Gender',
  age_group: 'Age group',
};

/** Variation values may not contain parentheses (OpenAPI, updateListingInventory). */
export const VALUE_NOT_ALLOWED = /[()]/;

/** Item keys that carry price, sale and stock (at any depth): the content hash of an item leaves them out. */
export const OFFER_KEYS = ['price', 'quantity', 'is_enabled'] as const;

/**
 * The fields `updateListing` (PATCH /shops/{shop_id}/listings/{listing_id}) accepts, from Etsy's
 * OpenAPI document: a delta sends the changed ones. Price and quantity are not among them: they
 * change through `updateListingInventory`.
 */
export const UPDATE_FIELDS: ReadonlySet<string> = new Set([
  ...['image_ids', 'title', 'description', 'materials', 'should_auto_renew', 'shipping_profile_id', 'return_policy_id'],
  ...['shop_section_id', 'item_weight', 'item_length', 'item_width', 'item_height', 'item_weight_unit', 'item_dimensions_unit'],
  ...['is_taxable', 'taxonomy_id', 'tags', 'who_made', 'when_made', 'is_personalizable', 'personalization_is_required'],
  ...['personalization_char_count_max', 'personalization_instructions', 'is_supply', 'production_partner_ids', 'type'],
]);
