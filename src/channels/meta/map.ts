/** A product or variant group -> Meta catalog items, one per variant sharing item_group_id (pure: the rules check them). */
import { rfc3339, toRfc3339 } from '../../dates.js';
import type { ListingGroup, Prepared } from '../../model.js';
import { mapCondition } from '../kit/condition.js';
import { readGtin } from '../kit/gtin.js';
import { formatPrice } from '../text.js';
import type { Draft } from '../types.js';
import { CONDITION_VALUES, CONDITIONS, FIELDS, GENDER_WORDS } from './spec.js';
import type { MetaContext, MetaItem } from './types.js';

type From = (v: Prepared, ctx: MetaContext, group: ListingGroup) => MetaItem[string] | undefined;

const GENDERS = new Map(Object.entries(GENDER_WORDS).flatMap(([gender, words]) => words.map((w) => [w, gender] as const)));

/** The sale Meta is sent: a running one, or an upcoming one with an end date (one without is left out: sale-end-missing). */
function saleOf({ product, price }: Prepared, ctx: MetaContext): { price: string; dates?: string } | undefined {
  if (price.sale_price === undefined || !(price.sale_active || product.sale_end)) return undefined;
  // RFC 3339 (the pipeline gives catalog dates in the catalog's time zone); a sale without a start runs from the build date
  const start = () => (product.sale_start ? toRfc3339(product.sale_start) : rfc3339(ctx.now));
  const dates = product.sale_end ? `${start()}/${toRfc3339(product.sale_end, 'UTC', true)}` : undefined;
  return { price: formatPrice(price.sale_price, ctx.currency), dates };
}

/** How each field Meta is sent comes from the prepared product; the items follow the order of FIELDS. */
const FROM: Partial<Record<keyof typeof FIELDS, From>> = {
  id: ({ product }) => product.sku,
  title: ({ product }) => product.title,
  description: ({ product }) => product.description,
  availability: ({ stock }) => (stock.in_stock ? 'in stock' : 'out of stock'),
  condition: ({ product: { condition } }) => (condition ? (mapCondition(CONDITIONS, CONDITION_VALUES, condition) ?? condition) : 'new'),
  price: ({ price }, ctx) => (price.price === undefined ? undefined : formatPrice(price.price, ctx.currency)),
  link: ({ product }) => product.url,
  image_link: ({ product }) => product.image_url,
  brand: ({ product }) => product.brand,
  quantity_to_sell_on_facebook: ({ stock }) => String(stock.quantity),
  sale_price: (v, ctx) => saleOf(v, ctx)?.price,
  sale_price_effective_date: (v, ctx) => saleOf(v, ctx)?.dates,
  item_group_id: (_v, _ctx, group) => group.parent?.product.sku,
  google_product_category: ({ category }, ctx) => (ctx.categoryField === 'google_product_category' ? category?.id : undefined),
  fb_product_category: ({ category }, ctx) => (ctx.categoryField === 'fb_product_category' ? category?.id : undefined),
  product_type: ({ product }) => product.category,
  gtin: ({ product }) => (product.gtin ? readGtin(product.gtin).gtin : undefined),
  mpn: ({ product }) => product.mpn,
  color: ({ product }) => product.color,
  size: ({ product }) => product.size,
  gender: ({ product: { gender } }) => gender && (GENDERS.get(gender.trim().toLowerCase()) ?? gender),
  age_group: ({ product }) => product.age_group?.toLowerCase(),
  material: ({ product }) => product.material,
  pattern: ({ product }) => product.pattern,
  additional_image_link: ({ product }) => product.additional_image_urls?.slice(),
  shipping: (_v, ctx) => ctx.shipping,
  shipping_weight: ({ product: { weight, weight_unit } }) => (weight !== undefined && weight_unit ? `${weight} ${weight_unit}` : undefined),
};
const FIELD_NAMES = Object.keys(FIELDS) as (keyof typeof FIELDS)[];

/** One item: the product's fields, then the feed's `fields:` templates (an empty one removes the field). */
function toItem(v: Prepared, group: ListingGroup, ctx: MetaContext): MetaItem {
  const item: MetaItem = {};
  for (const name of FIELD_NAMES) {
    const value = FROM[name]?.(v, ctx, group);
    if (value !== undefined && value.length > 0) item[name] = value;
  }
  for (const [name, value] of Object.entries(v.fields)) {
    if (value === '') delete item[name];
    else item[name] = name === 'additional_image_link' ? value.split(',').map((url) => url.trim()) : value;
  }
  return item;
}

export function mapGroup(group: ListingGroup, ctx: MetaContext): Draft<MetaItem>[] {
  return group.variants.map((v) => ({ sku: v.product.sku, item: toItem(v, group, ctx), group, listing: v, offers: [v], variants: [v] }));
}
