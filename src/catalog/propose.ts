import { CANONICAL_FIELDS } from './normalize.js';

/**
 * Names shop systems and exports give the canonical fields, besides the field's own name; a
 * source column matches when its name, lower-cased with every run of other characters made one
 * `_` (`Parent SKU` → `parent_sku`, `imageURL` → `image_url`), is one of them.
 */
const SYNONYMS: Record<string, string[]> = {
  sku: ['item_sku', 'product_sku', 'sku_code', 'article_number', 'item_number', 'item_code'],
  parent_sku: ['parent', 'parent_id', 'parent_sku_code', 'item_group_id', 'group_id', 'variant_of', 'master_sku'],
  title: ['name', 'product_name', 'item_name', 'product_title'],
  description: ['desc', 'body', 'body_html', 'long_description', 'product_description'],
  brand: ['manufacturer', 'vendor', 'brand_name', 'make'],
  gtin: ['ean', 'ean13', 'upc', 'barcode', 'isbn', 'gtin13', 'gtin14', 'jan'],
  mpn: ['manufacturer_part_number', 'part_number', 'mfr_part_number'],
  price: ['list_price', 'regular_price', 'retail_price', 'base_price', 'unit_price'],
  sale_price: ['special_price', 'discount_price', 'promo_price', 'offer_price'],
  sale_start: ['sale_from', 'sale_start_date', 'special_from_date', 'promo_start'],
  sale_end: ['sale_to', 'sale_end_date', 'special_to_date', 'promo_end'],
  cost: ['cost_price', 'unit_cost', 'purchase_price', 'cogs'],
  currency: ['currency_code'],
  quantity: ['qty', 'stock', 'stock_qty', 'stock_quantity', 'inventory', 'inventory_quantity', 'on_hand', 'qty_on_hand'],
  status: ['state', 'product_status'],
  condition: ['item_condition', 'product_condition'],
  category: ['category_path', 'categories', 'product_category', 'product_type'],
  url: ['link', 'product_url', 'permalink', 'page_url'],
  image_url: ['image', 'image_link', 'main_image', 'main_image_url', 'picture', 'photo', 'image_src'],
  additional_image_urls: ['additional_images', 'extra_images', 'more_images', 'images', 'gallery', 'additional_image_link'],
  weight: ['shipping_weight', 'item_weight'],
  color: ['colour'],
  gender: ['sex'],
  age_group: ['age'],
  tags: ['keywords', 'tag'],
  handmade: ['is_handmade', 'hand_made'],
  channels: ['feeds', 'marketplaces'],
};

/** A price column named with a currency (`price_usd`, `Price EUR`): the field, and the code for `catalog.currency`. */
const MONEY_WITH_CURRENCY = /^(price|sale_price|cost)_([a-z]{3})$/;

export interface ColumnProposal {
  /** canonical field → source column, in the order of the canonical fields */
  columns: Record<string, string>;
  /** the columns no field was proposed for, each with why */
  unplaced: { column: string; note: string }[];
  /** a currency named by a price column (`price_usd`) */
  currency?: string;
}

const normalName = (name: string) =>
  name
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_|_$/g, '');

const FIELD_BY_NAME = new Map<string, string>();
for (const field of Object.keys(CANONICAL_FIELDS)) FIELD_BY_NAME.set(field, field);
for (const [field, names] of Object.entries(SYNONYMS))
  for (const name of names) if (!FIELD_BY_NAME.has(name)) FIELD_BY_NAME.set(name, field);

/**
 * Propose a column mapping from a source's column names: each field gets the first column
 * whose name is the field's or one of its usual names; the other columns stay attributes, each
 * with a note (no field of that name, or the field is taken by an earlier column).
 */
export function proposeColumns(names: readonly string[]): ColumnProposal {
  const taken = new Map<string, string>();
  const unplaced: ColumnProposal['unplaced'] = [];
  let currency: string | undefined;
  for (const column of names) {
    const name = normalName(column);
    const priced = MONEY_WITH_CURRENCY.exec(name);
    const field = FIELD_BY_NAME.get(priced ? priced[1] : name);
    if (!field) {
      unplaced.push({ column, note: 'no canonical field by this name: it stays an attribute' });
    } else if (taken.has(field)) {
      unplaced.push({ column, note: `looks like ${field}, which '${taken.get(field)}' fills: it stays an attribute` });
    } else {
      taken.set(field, column);
      if (priced) currency ??= priced[2].toUpperCase();
    }
  }
  const columns: Record<string, string> = {};
  for (const field of Object.keys(CANONICAL_FIELDS)) if (taken.has(field)) columns[field] = taken.get(field)!;
  return { columns, unplaced, currency };
}
