/**
 * Google Merchant Center product data: the attributes omnifeed writes, in feed order, with
 * their limits (CHANNELS.md §2.3, from Google's product data specification and the Merchant
 * API protos). The item rules, the TSV columns and the README table are all made from this.
 */
import type { AttributeSpec } from '../kit/attributes.js';
import type { ConditionVocabulary } from '../kit/condition.js';
import type { TitlePolicy } from '../kit/title.js';

/** description: Google drops an item with a longer one (answer 6324468) */
export const DESCRIPTION_MAX = 5000;

export const ATTRIBUTES = {
  id: { required: true, maxLength: 50 },
  item_group_id: { maxLength: 50, pattern: '^[A-Za-z0-9_-]+$' },
  title: { source: 'title', maxLength: 150 },
  description: { source: 'description', maxLength: DESCRIPTION_MAX },
  link: { source: 'url', maxLength: 2000, pattern: '^https?://' },
  image_link: { source: 'image_url', maxLength: 2000 },
  additional_image_link: { maxLength: 2000 },
  availability: { required: true, enum: ['in_stock', 'out_of_stock', 'preorder', 'backorder'] },
  price: { source: 'price', pattern: '^[0-9]+\\.[0-9]{2} [A-Z]{3}$' },
  sale_price: { pattern: '^[0-9]+\\.[0-9]{2} [A-Z]{3}$' },
  sale_price_effective_date: { pattern: '^[0-9T:+.Z-]+/[0-9T:+.Z-]+$' },
  google_product_category: { maxLength: 750 },
  product_type: { maxLength: 750 },
  brand: { maxLength: 70 },
  gtin: { pattern: '^([0-9]{8}|[0-9]{12,14})$' },
  mpn: { maxLength: 70 },
  identifier_exists: { enum: ['yes', 'no'] },
  condition: { enum: ['new', 'refurbished', 'used'] },
  color: { maxLength: 100 },
  size: { maxLength: 100 },
  gender: { enum: ['male', 'female', 'unisex'] },
  age_group: { enum: ['newborn', 'infant', 'toddler', 'kids', 'adult'] },
  material: { maxLength: 200 },
  pattern: { maxLength: 100 },
  shipping_weight: { pattern: '^[0-9]+(\\.[0-9]+)? (lb|oz|g|kg)$' },
  shipping: {},
  custom_label_0: { maxLength: 100 },
  custom_label_1: { maxLength: 100 },
  custom_label_2: { maxLength: 100 },
  custom_label_3: { maxLength: 100 },
  custom_label_4: { maxLength: 100 },
} as const satisfies Record<string, AttributeSpec>;

/** additional_image_link: at most this many */
export const MAX_ADDITIONAL_IMAGES = 10;

/** Google's media category (books, films, music): brand is not required there (answer 6324351). */
export const MEDIA = { id: '783', path: 'Media' };

/** Google's apparel category, and the parts of it where a size is required too. */
export const APPAREL = {
  id: '166',
  path: 'Apparel & Accessories',
  sized: ['Apparel & Accessories > Clothing', 'Apparel & Accessories > Shoes'],
};

/**
 * Catalog condition words -> Google's condition (answer 6324469): `new` is brand new in its
 * unopened packaging; an opened box, a "new other" or a collectible is `used`; every kind of
 * refurbished is `refurbished`. Google has no condition for parts: such a product is not sent.
 */
export const CONDITIONS: ConditionVocabulary = {
  new: 'new',
  'open box': 'used',
  'new other': 'used',
  'like new': 'used',
  used: 'used',
  'pre-owned': 'used',
  'very good': 'used',
  good: 'used',
  acceptable: 'used',
  refurbished: 'refurbished',
  renewed: 'refurbished',
  'certified refurbished': 'refurbished',
  'seller refurbished': 'refurbished',
  collectible: 'used',
  'for parts': null,
};
export const CONDITION_VALUES = ATTRIBUTES.condition.enum;

/**
 * Google's editorial requirements for titles (answers 6324415 "Title" and 6150244 "Editorial
 * and professional requirements"): no promotional text, no "!", no capitals for emphasis.
 */
export const TITLE_POLICY: TitlePolicy = {
  source: "Google's editorial requirements (Merchant Center answers 6324415, 6150244)",
  promotional: [
    'free shipping',
    'free delivery',
    'best price',
    'lowest price',
    'buy now',
    'on sale',
    'sale price',
    'limited time offer',
    'limited offer',
    'clearance',
    'best seller',
    'bestseller',
    'hot deal',
    'special offer',
    '% off',
  ],
  characters: '!',
  capitals: true,
};

/** Catalog gender words -> Google's gender. */
export const GENDERS: Readonly<Record<string, string>> = {
  men: 'male',
  man: 'male',
  mens: 'male',
  male: 'male',
  women: 'female',
  woman: 'female',
  womens: 'female',
  female: 'female',
  unisex: 'unisex',
};

/** Item keys that carry price, sale and stock (at any depth): the content hash of an item leaves them out. */
export const OFFER_KEYS = ['price', 'sale_price', 'sale_price_effective_date', 'availability'] as const;
