/**
 * eBay listing knowledge as data (CHANNELS.md §4.3-4.5; limits the Inventory API contract states
 * are marked EB-INV, the rest come from File Exchange documentation and are marked in the digest).
 */
import type { ConditionVocabulary } from '../kit/condition.js';

export const LIMITS = {
  /** CustomLabel / SKU (EB-INV) */
  sku: 50,
  /** Title (EB-INV Product.title) */
  title: 80,
  /** Description including markup (EB-INV) */
  description: 500_000,
  /** pictures per listing (EB-INV imageUrls) */
  pictures: 24,
  /** item specific value; Brand and MPN allow 65 (EB-INV aspects, brand, mpn) */
  specificValue: 50,
  specificValueLong: 65,
  /** variations (Trading API limits, CHANNELS.md §4.4) */
  variationNames: 5,
  valuesPerName: 60,
  variations: 250,
} as const;

/** Item specifics whose values may be longer (EB-INV: brand and mpn ≤ 65). */
export const LONG_SPECIFICS = new Set(['Brand', 'MPN']);

/** eBay condition ids and their Inventory API names (CHANNELS.md §4.5). */
export const CONDITION_IDS: Readonly<Record<string, string>> = {
  '1000': 'NEW',
  '1500': 'NEW_OTHER',
  '1750': 'NEW_WITH_DEFECTS',
  '2000': 'CERTIFIED_REFURBISHED',
  '2010': 'EXCELLENT_REFURBISHED',
  '2020': 'VERY_GOOD_REFURBISHED',
  '2030': 'GOOD_REFURBISHED',
  '2500': 'SELLER_REFURBISHED',
  '2750': 'LIKE_NEW',
  '2990': 'PRE_OWNED_EXCELLENT',
  '3000': 'USED_EXCELLENT',
  '3010': 'PRE_OWNED_FAIR',
  '4000': 'USED_VERY_GOOD',
  '5000': 'USED_GOOD',
  '6000': 'USED_ACCEPTABLE',
  '7000': 'FOR_PARTS_OR_NOT_WORKING',
};

/** The catalog's condition words -> condition id, and eBay's own words. A condition id itself is accepted too. */
export const CONDITIONS: ConditionVocabulary = {
  new: '1000',
  'new other': '1500',
  'open box': '1500',
  'new with defects': '1750',
  'certified refurbished': '2000',
  'excellent refurbished': '2010',
  'very good refurbished': '2020',
  'good refurbished': '2030',
  refurbished: '2500',
  'seller refurbished': '2500',
  renewed: '2500',
  // eBay has no condition for collectibles: a collectible's own condition (used, like new, …) is needed
  collectible: null,
  'like new': '2750',
  used: '3000',
  'pre-owned': '3000',
  'very good': '4000',
  good: '5000',
  acceptable: '6000',
  'for parts': '7000',
  'for parts or not working': '7000',
};

/** Categories whose allowed conditions eBay documents (EB-INV: trading cards take 2750 or 4000). */
export const CATEGORY_CONDITIONS: Readonly<Record<string, readonly string[]>> = {
  '183050': ['2750', '4000'],
  '183454': ['2750', '4000'],
  '261328': ['2750', '4000'],
};

/** `End` codes (CHANNELS.md §4.2). */
export const END_CODES = ['LostOrBroken', 'NotAvailable', 'Incorrect', 'OtherListingError'] as const;
export type EndCode = (typeof END_CODES)[number];

/** Variation names for the canonical variant attributes. */
export const VARIATION_NAMES = {
  color: 'Color',
  size: 'Size',
  material: 'Material',
  pattern: 'Pattern',
  gender: 'Gender',
  age_group: 'Age Group',
} as const;

/** Characters that separate names and values in `RelationshipDetails` (`Color=Red;Blue|Size=S`). */
export const RELATIONSHIP_SEPARATORS = /[=;|]/;

/** eBay Picture Services hosts: a listing's pictures are all on them or all self-hosted. */
export const EPS_HOST = /^https:\/\/i\.ebayimg\.com\//i;

/** Columns a variation row carries; everything else belongs to the listing row. */
export const VARIATION_KEYS: ReadonlySet<string> = new Set(['CustomLabel', 'StartPrice', 'Quantity', 'P:UPC', 'P:EAN', 'P:ISBN', 'P:EPID']);

/** Plain-text columns where a neutralized formula prefix changes what buyers see. */
export const isTextKey = (key: string) => key === 'Title' || key === 'Subtitle' || key === 'CustomLabel' || key.startsWith('C:');

/**
 * What a description may hold: eBay blocks listings with active content (JavaScript, Flash,
 * plug-ins, form actions, and links or refreshes that run code: eBay's active content policy).
 * An allow-list, not a deny-list: every other tag, attribute and URL scheme is removed, with its
 * contents for the tags that carry code. Text formatting, tables, images, links and inline styles stay.
 */
export const DESCRIPTION_HTML = {
  tags: [
    ...['p', 'br', 'hr', 'div', 'span', 'center', 'blockquote', 'pre', 'code'],
    ...['h1', 'h2', 'h3', 'h4', 'h5', 'h6'],
    ...['b', 'strong', 'i', 'em', 'u', 's', 'strike', 'small', 'big', 'sub', 'sup', 'font', 'mark'],
    ...['ul', 'ol', 'li', 'dl', 'dt', 'dd'],
    ...['table', 'thead', 'tbody', 'tfoot', 'tr', 'th', 'td', 'caption', 'colgroup', 'col'],
    ...['a', 'img'],
  ],
  /** attributes every allowed tag may carry, and those of some tags */
  attributes: {
    '*': ['style', 'class', 'id', 'title', 'align', 'valign', 'width', 'height', 'dir', 'lang'],
    a: ['href', 'name', 'target', 'rel'],
    img: ['src', 'alt', 'border'],
    font: ['color', 'face', 'size'],
    table: ['border', 'cellpadding', 'cellspacing', 'bgcolor', 'summary'],
    td: ['colspan', 'rowspan', 'bgcolor', 'nowrap'],
    th: ['colspan', 'rowspan', 'bgcolor', 'scope'],
    col: ['span'],
    colgroup: ['span'],
    ol: ['start', 'type'],
    ul: ['type'],
  },
  /** URL schemes of links and images: none that run code (`javascript:`, `data:`, `vbscript:`) */
  schemes: ['http', 'https', 'mailto'],
  /** tags removed with everything inside them, not only their markup */
  removedWithContent: ['script', 'style', 'iframe', 'object', 'embed', 'applet', 'noscript', 'form', 'textarea', 'select', 'title', 'head'],
};

/** Item keys that carry price, sale and stock (at any depth): the content hash of an item leaves them out. */
export const OFFER_KEYS = ['StartPrice', 'Quantity'] as const;
