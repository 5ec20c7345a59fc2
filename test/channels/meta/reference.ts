/**
 * Meta's catalog field list as the reference publishes it, written out for the conformance test
 * from the pages themselves, not from src/channels/meta/spec.ts: a second, independent reading.
 *
 * - https://developers.facebook.com/documentation/ads-commerce/commerce-platform/catalog/fields
 *   (Catalog Fields, updated Jan 13, 2025): the required fields, "Max character limit: 100" (id),
 *   "Character limit: 200" (title), "Max character limit: 9999" (description), brand "or" gtin "or"
 *   mpn, additional_image_link "up to 20 additional images", "Maximum character limit: 2000";
 *   status active or archived.
 * - https://github.com/facebook/facebook-nodejs-business-sdk, src/objects/product-item.js: the
 *   enums Availability, Condition, Gender, AgeGroup and ShippingWeightUnit, and the Fields list.
 * - https://developers.facebook.com/docs/marketing-api/catalog/reference: feed fields of the
 *   CSV and RSS examples; price as a number and an ISO 4217 code.
 */

/** every item carries these */
export const REQUIRED = ['id', 'title', 'description', 'availability', 'condition', 'price', 'link', 'image_link'] as const;

/** and at least one of these */
export const ONE_OF = ['brand', 'gtin', 'mpn'] as const;

/** characters (Unicode code points) */
export const MAX_CHARACTERS: Record<string, number> = { id: 100, title: 200, description: 9999, brand: 100, additional_image_link: 2000 };

export const MAX_ADDITIONAL_IMAGES = 20;

export const VALUES: Record<string, readonly string[]> = {
  availability: [
    'in stock',
    'out of stock',
    'available for order',
    'preorder',
    'discontinued',
    'pending',
    'mark_as_sold',
    'mark_as_expired',
  ],
  condition: ['new', 'refurbished', 'used', 'used_like_new', 'used_good', 'used_fair', 'cpo', 'open_box_new'],
  gender: ['female', 'male', 'unisex'],
  age_group: ['adult', 'all ages', 'teen', 'kids', 'toddler', 'infant', 'newborn'],
  status: ['active', 'archived'],
};

/** shipping_weight: a number and one of the ShippingWeightUnit values */
export const WEIGHT_UNITS = ['lb', 'oz', 'g', 'kg'];

/** The feed fields Meta's reference lists for products (a feed with any other column is not Meta's). */
export const FIELD_NAMES = new Set([
  'id',
  'title',
  'description',
  'availability',
  'condition',
  'price',
  'link',
  'image_link',
  'brand',
  'quantity_to_sell_on_facebook',
  'inventory',
  'sale_price',
  'sale_price_effective_date',
  'item_group_id',
  'status',
  'additional_image_link',
  'google_product_category',
  'fb_product_category',
  'product_type',
  'color',
  'size',
  'gender',
  'age_group',
  'material',
  'pattern',
  'shipping',
  'shipping_weight',
  'gtin',
  'mpn',
  'rich_text_description',
  'custom_label_0',
  'custom_label_1',
  'custom_label_2',
  'custom_label_3',
  'custom_label_4',
  'mobile_link',
  'video',
  'additional_variant_attribute',
  'expiration_date',
  'origin_country',
]);
