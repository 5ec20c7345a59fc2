/**
 * Amazon marketplace knowledge as data (CHANNELS.md §3; the listings feed schema v2 and the
 * PRODUCT product type definition in specs/amazon/). The rules, checks and README read it.
 */
import type { LengthUnit, VariantAttribute, WeightUnit } from '../../model.js';
import type { AttributeSpec } from '../kit/attributes.js';
import type { ConditionVocabulary } from '../kit/condition.js';
import type { TitlePolicy } from '../kit/title.js';

/** A JSON_LISTINGS_FEED holds at most this many messages (listings-feed-schema-v2 `maxItems`). */
export const MAX_MESSAGES = 25_000;
export const FEED_VERSION = '2.0';
/** `header.report.apiVersion` and `includedData` values the feed schema accepts. */
export const REPORT_API_VERSION = '2021-08-01';
export const REPORT_INCLUDED_DATA = [
  'summaries',
  'attributes',
  'issues',
  'offers',
  'fulfillmentAvailability',
  'procurement',
  'relationships',
  'productTypes',
] as const;

/**
 * Marketplace ids by market country. US, CA and GB appear in Amazon's published models
 * (specs/amazon); the others are Amazon's documented ids, not re-checked here: a feed can
 * always name its own with `options.marketplace_id`.
 */
export const MARKETPLACES: Readonly<Record<string, string>> = {
  US: 'ATVPDKIKX0DER',
  CA: 'A2EUQ1WTGCTBG2',
  GB: 'A1F83G8C2ARO7P',
  UK: 'A1F83G8C2ARO7P',
  MX: 'A1AM78C64UM0Y8',
  BR: 'A2Q3Y263D00KWC',
  DE: 'A1PA6795UKMFR9',
  FR: 'A13V1IB3VIYZZH',
  IT: 'APJ6JRA9NG5V4',
  ES: 'A1RKKUPIHCS9HS',
  NL: 'A1805IZSGTT6HS',
  SE: 'A2NODRKZP88ZB9',
  PL: 'A1C3SOZRARQ6R3',
  BE: 'AMEN7PMS3EDWL',
  TR: 'A33AVAJ2PDY3EV',
  AE: 'A2VIGQ35RCS4UG',
  SA: 'A17E79C6D8DWNP',
  EG: 'ARBP9OOSHTCHU',
  IN: 'A21TJRUUN4KGV',
  JP: 'A1VC38T7YXB528',
  AU: 'A39IBJ37TRP1C6',
  SG: 'A19VAU5U5O7RUS',
};

export type OperationType = 'UPDATE' | 'PARTIAL_UPDATE' | 'PATCH' | 'DELETE';
export type Requirements = 'LISTING' | 'LISTING_PRODUCT_ONLY' | 'LISTING_OFFER_ONLY';
export const REQUIREMENTS: readonly Requirements[] = ['LISTING', 'LISTING_PRODUCT_ONLY', 'LISTING_OFFER_ONLY'];
export const PATCH_OPS = ['add', 'replace', 'merge', 'delete'] as const;

/** What each operation type must carry and must not carry (the `oneOf` of the listings feed message schema). */
export const OPERATIONS: Readonly<Record<OperationType, { required: readonly string[]; forbidden: readonly string[] }>> = {
  UPDATE: { required: ['productType', 'attributes'], forbidden: ['patches'] },
  PARTIAL_UPDATE: { required: ['productType', 'attributes'], forbidden: ['requirements', 'patches'] },
  PATCH: { required: ['productType', 'patches'], forbidden: ['requirements', 'attributes'] },
  DELETE: { required: [], forbidden: ['requirements', 'attributes', 'productType', 'patches'] },
};

/**
 * Limits omnifeed checks on every message, schema or not. Characters and UTF-8 bytes are
 * counted apart: Amazon's `maxUtf8ByteLength` counts bytes; `maxItems` counts the values per
 * marketplace and language. From the PRODUCT definition unless marked: the 200-character
 * title is Amazon's title policy (CHANNELS.md §3.4, ?).
 */
export const LIMITS = {
  item_name: { source: 'title', maxLength: 200 },
  // Amazon suppresses a listing without a main image
  main_product_image_locator: { source: 'image_url' },
  brand: { maxLength: 100 },
  bullet_point: { maxLength: 700, maxItems: 10 },
  product_description: { maxUtf8ByteLength: 10_000 },
  generic_keyword: { maxLength: 500, maxUtf8ByteLength: 250 },
  color: { maxLength: 1000 },
  merchant_shipping_group: { maxLength: 100 },
  country_of_origin: { pattern: '^[A-Z]{2}$' },
} as const satisfies Record<string, AttributeSpec>;

/** Attributes a message with an offer needs; `merchant`: only a merchant-fulfilled (DEFAULT) offer. */
export const OFFER_REQUIRED: Readonly<Record<string, { merchant: boolean }>> = {
  merchant_shipping_group: { merchant: true },
  purchasable_offer: { merchant: false },
  condition_type: { merchant: false },
  fulfillment_availability: { merchant: false },
};

/** Product type names: upper case, as PRODUCT or SHIRT. */
export const PRODUCT_TYPE = /^[A-Z][A-Z0-9_]*$/;

/** Seller SKUs longer than this are refused (Seller Central inventory files, CHANNELS.md §3.7). */
export const SKU_MAX_LENGTH = 40;

/** Catalog condition words -> `condition_type` (PRODUCT definition's enum); Amazon's own values pass through. */
export const CONDITIONS: ConditionVocabulary = {
  new: 'new_new',
  'open box': 'new_open_box',
  'new other': 'new_open_box',
  'like new': 'used_like_new',
  used: 'used_good',
  'pre-owned': 'used_good',
  'very good': 'used_very_good',
  good: 'used_good',
  acceptable: 'used_acceptable',
  refurbished: 'refurbished_refurbished',
  renewed: 'refurbished_refurbished',
  'certified refurbished': 'refurbished_refurbished',
  'seller refurbished': 'refurbished_refurbished',
  collectible: 'collectible_good',
  // Amazon lists no condition for parts: such an offer is not sent
  'for parts': null,
};

/**
 * Amazon's product title requirements (Seller Central help G201941500, in force since January
 * 2025): no promotional phrases, and none of the characters ! $ ? _ { } ^ ¬ ¦ unless they are
 * part of the brand name.
 */
export const TITLE_POLICY: TitlePolicy = {
  source: "Amazon's product title requirements (Seller Central G201941500)",
  promotional: [
    'free shipping',
    'free delivery',
    '100% quality guaranteed',
    'quality guaranteed',
    'best seller',
    'bestseller',
    'best price',
    'hot item',
    'hot sale',
    'on sale',
    'limited time',
    'buy now',
    'top rated',
    '% off',
  ],
  characters: '!$?_{}^¬¦',
  capitals: false,
};

export const CONDITION_TYPES = [
  'new_new',
  'new_oem',
  'new_open_box',
  'refurbished_refurbished',
  'used_like_new',
  'used_very_good',
  'used_good',
  'used_acceptable',
  'collectible_like_new',
  'collectible_very_good',
  'collectible_good',
  'collectible_acceptable',
  'club_club',
] as const;

export const WEIGHT_WORDS: Readonly<Record<WeightUnit, string>> = { g: 'grams', kg: 'kilograms', lb: 'pounds', oz: 'ounces' };
export const LENGTH_WORDS: Readonly<Record<LengthUnit, string>> = {
  mm: 'millimeters',
  cm: 'centimeters',
  m: 'meters',
  in: 'inches',
  ft: 'feet',
};

/** The canonical variant attributes Amazon variation themes can use: attribute name and theme word, in theme-name order (SIZE_NAME/COLOR_NAME). */
export const THEME_ATTRIBUTES: Readonly<Partial<Record<VariantAttribute, { attribute: string; theme: string }>>> = {
  size: { attribute: 'size', theme: 'SIZE_NAME' },
  color: { attribute: 'color', theme: 'COLOR_NAME' },
  material: { attribute: 'material', theme: 'MATERIAL_TYPE' },
  pattern: { attribute: 'pattern', theme: 'PATTERN_NAME' },
};

/** Attributes whose values carry `language_tag` when no product type definition says otherwise. */
export const LOCALIZED = new Set([
  'item_name',
  'brand',
  'bullet_point',
  'product_description',
  'generic_keyword',
  'color',
  'size',
  'material',
  'pattern',
  'style',
  'special_feature',
  'model_name',
  'manufacturer',
  'item_type_name',
  'department',
  'target_audience_keyword',
]);

/** Attributes without `marketplace_id` in their values. */
export const NO_MARKETPLACE = new Set(['fulfillment_availability', 'variation_theme']);

/**
 * A definition downloaded for LISTING requires what a buyable listing needs. A variation parent
 * is sent as LISTING_PRODUCT_ONLY (with skip_offer): these attributes are not asked of it.
 */
export const NOT_REQUIRED_OF_PARENTS = new Set([
  'externally_assigned_product_identifier',
  'merchant_suggested_asin',
  'supplier_declared_has_product_identifier_exemption',
  'batteries_required',
  'item_package_dimensions',
  'item_package_weight',
]);

/**
 * What a product type requires when its definition is not in the workspace: the attributes the
 * generic PRODUCT type requires unconditionally (specs/amazon product-type-PRODUCT.US.json
 * `required`; CHANNELS.md §3.4), without `color` for the other types, whose lists differ there.
 * item_name is `title-missing`. A definition, once downloaded, checks the type's own list instead.
 */
export const REQUIRED_WITHOUT_DEFINITION = {
  every: ['brand', 'product_description', 'bullet_point', 'item_type_keyword', 'country_of_origin', 'supplier_declared_dg_hz_regulation'],
  PRODUCT: ['color'],
} as const;

/** Other image slots: other_product_image_locator_1 … _8. */
export const OTHER_IMAGES = 8;

/** Item keys that carry price, sale and stock (at any depth): the content hash of an item leaves them out. */
export const OFFER_KEYS = ['purchasable_offer', 'fulfillment_availability', 'list_price'] as const;
