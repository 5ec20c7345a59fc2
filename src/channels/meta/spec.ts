/**
 * Meta (Facebook and Instagram Shops) commerce catalog data feeds: the fields omnifeed writes, in
 * feed order (the CSV header), with the limits and values Meta publishes. The item rules, the CSV
 * columns and the README's Meta section are made from this. Sources (read 2026):
 *
 * - Catalog fields, Commerce Platform (updated Jan 13, 2025):
 *   https://developers.facebook.com/documentation/ads-commerce/commerce-platform/catalog/fields —
 *   id at most 100 characters; title at most 200 (65 recommended, longer titles are cut off);
 *   description at most 9999, plain text, no HTML; brand, or GTIN or MPN (one of them); up to 20
 *   additional_image_link URLs of at most 2000 characters (the older best-practices page says 10);
 *   availability, age_group and status values; variants share item_group_id.
 * - Supported feed formats, Marketing API catalog reference:
 *   https://developers.facebook.com/docs/marketing-api/catalog/reference — CSV (a header row of
 *   field names, values with commas, quotes or white space in double quotes, a quote doubled) and
 *   RSS XML; the items_batch API takes Google's product data standard (`standard: google`).
 * - The Graph API ProductItem enums, in Meta's own Business SDK
 *   (github.com/facebook/facebook-nodejs-business-sdk, src/objects/product-item.js):
 *   availability, condition, gender, age_group, shipping_weight units.
 * - Quantity to sell: https://developers.facebook.com/docs/commerce-platform/catalog/quantity-to-sell
 *   — quantity_to_sell_on_facebook replaces the deprecated inventory field.
 * - Best practices: https://developers.facebook.com/docs/marketing-api/catalog/best-practices —
 *   description without HTML tags or character entities; every variant of an item_group_id carries
 *   its variant fields (size, color, …), also when out of stock.
 *
 * Limits the sources do not state (color, size, material, pattern, mpn, item_group_id, custom
 * labels) are not checked rather than guessed.
 */
import type { AttributeSpec } from '../kit/attributes.js';
import type { ConditionVocabulary } from '../kit/condition.js';

const PRICE = '^[0-9]+\\.[0-9]{2} [A-Z]{3}$';

/** availability: Meta's values are written with spaces (`in stock`), unlike Google's `in_stock`. */
const AVAILABILITY = ['in stock', 'out of stock', 'preorder', 'available for order', 'discontinued', 'pending', 'mark_as_sold'];

/** condition: the ProductItem enum (`cpo`: certified pre-owned). */
export const CONDITION_VALUES = ['new', 'refurbished', 'used', 'used_like_new', 'used_good', 'used_fair', 'cpo', 'open_box_new'];

export const FIELDS = {
  id: { required: true, maxLength: 100 },
  title: { source: 'title', maxLength: 200 },
  description: { source: 'description', maxLength: 9999 },
  availability: { required: true, enum: AVAILABILITY },
  condition: { required: true, enum: CONDITION_VALUES },
  price: { source: 'price', pattern: PRICE },
  link: { source: 'url', pattern: '^https?://' },
  image_link: { source: 'image_url' },
  brand: { maxLength: 100 },
  quantity_to_sell_on_facebook: { pattern: '^[0-9]+$' },
  sale_price: { pattern: PRICE },
  sale_price_effective_date: { pattern: '^[0-9T:+.Z-]+/[0-9T:+.Z-]+$' },
  item_group_id: {},
  google_product_category: {},
  fb_product_category: {},
  product_type: {},
  gtin: { pattern: '^([0-9]{8}|[0-9]{12,14})$' },
  mpn: {},
  color: {},
  size: {},
  gender: { enum: ['female', 'male', 'unisex'] },
  age_group: { enum: ['adult', 'all ages', 'infant', 'kids', 'newborn', 'teen', 'toddler'] },
  material: {},
  pattern: {},
  additional_image_link: { maxLength: 2000 },
  shipping: {},
  shipping_weight: { pattern: '^[0-9]+(\\.[0-9]+)? (lb|oz|g|kg)$' },
  status: { enum: ['active', 'archived'] },
  rich_text_description: {},
  custom_label_0: {},
  custom_label_1: {},
  custom_label_2: {},
  custom_label_3: {},
  custom_label_4: {},
} as const satisfies Record<string, AttributeSpec>;

export const LIMITS = {
  /** additional_image_link: URLs of up to 20 additional images */
  additionalImages: 20,
  /** title characters Meta recommends: longer ones are cut off in ads and shops */
  titleRecommended: 65,
};

/** Catalog condition words -> Meta's condition; a word Meta has no condition for is reported (condition-invalid). */
export const CONDITIONS: ConditionVocabulary = {
  new: 'new',
  'open box': 'open_box_new',
  'new other': 'open_box_new',
  'like new': 'used_like_new',
  used: 'used',
  'pre-owned': 'used',
  'very good': 'used_good',
  good: 'used_good',
  acceptable: 'used_fair',
  refurbished: 'refurbished',
  renewed: 'refurbished',
  'certified refurbished': 'refurbished',
  'seller refurbished': 'refurbished',
  collectible: null,
  'for parts': null,
};

/** Meta's gender, and the catalog words for it. */
export const GENDER_WORDS: Readonly<Record<string, readonly string[]>> = {
  female: ['female', 'woman', 'women', 'womens', "women's"],
  male: ['male', 'man', 'men', 'mens', "men's"],
  unisex: ['unisex'],
};

/** The fields the feed's category map can fill: Google's product taxonomy (the default) or Meta's own. */
export const CATEGORY_FIELDS = ['google_product_category', 'fb_product_category'] as const;

/** The attributes that carry an item's price and stock: the content hash of the last-published state leaves them out. */
export const OFFER_KEYS = ['price', 'sale_price', 'sale_price_effective_date', 'availability', 'quantity_to_sell_on_facebook'] as const;
