/** A product or variant group -> Merchant Center items, one per variant (pure: the rules check them). */
import { rfc3339, toRfc3339 } from '../../dates.js';
import type { ListingGroup, Prepared } from '../../model.js';
import { mapCondition } from '../kit/condition.js';
import { readGtin } from '../kit/gtin.js';
import { formatPrice } from '../text.js';
import type { Draft } from '../types.js';
import { CONDITION_VALUES, CONDITIONS, GENDERS } from './spec.js';
import type { GoogleContext, GoogleItem } from './types.js';

function offer(item: GoogleItem, v: Prepared, ctx: GoogleContext): void {
  const p = v.product;
  item.availability = v.stock.in_stock ? 'in_stock' : 'out_of_stock';
  if (v.price.price !== undefined) item.price = formatPrice(v.price.price, ctx.currency);
  // an upcoming sale without an end cannot be scheduled: left out (sale-end-missing)
  if (v.price.sale_price !== undefined && (v.price.sale_active || p.sale_end)) {
    item.sale_price = formatPrice(v.price.sale_price, ctx.currency);
    if (p.sale_end) {
      // RFC 3339 (the pipeline gives catalog dates in the catalog's time zone); a sale without a start runs from the build date
      const start = p.sale_start ? toRfc3339(p.sale_start) : rfc3339(ctx.now);
      item.sale_price_effective_date = `${start}/${toRfc3339(p.sale_end, 'UTC', true)}`;
    }
  }
}

function facts(item: GoogleItem, v: Prepared): void {
  const p = v.product;
  if (v.category) item.google_product_category = v.category.id;
  if (p.category) item.product_type = p.category;
  if (p.brand) item.brand = p.brand;
  const gtin = p.gtin ? readGtin(p.gtin, { restricted: true }).gtin : undefined;
  if (gtin) item.gtin = gtin;
  if (p.mpn) item.mpn = p.mpn;
  if (!p.gtin && !p.mpn) item.identifier_exists = 'no';
  // a condition Google has no value for is sent as it is: condition-invalid reports it
  item.condition = p.condition ? (mapCondition(CONDITIONS, CONDITION_VALUES, p.condition) ?? p.condition) : 'new';
  if (p.color) item.color = p.color;
  if (p.size) item.size = p.size;
  if (p.gender) item.gender = GENDERS[p.gender.toLowerCase()] ?? p.gender;
  if (p.age_group) item.age_group = p.age_group.toLowerCase();
  if (p.material) item.material = p.material;
  if (p.pattern) item.pattern = p.pattern;
  if (p.weight !== undefined && p.weight_unit) item.shipping_weight = `${p.weight} ${p.weight_unit}`;
}

/** One item: the product's attributes, then the feed's `fields:` templates (an empty one removes the attribute). */
function toItem(v: Prepared, group: ListingGroup, ctx: GoogleContext): GoogleItem {
  const p = v.product;
  const item: GoogleItem = { id: p.sku };
  if (group.parent) item.item_group_id = group.parent.product.sku;
  if (p.title) item.title = p.title;
  if (p.description) item.description = p.description;
  if (p.url) item.link = p.url;
  if (p.image_url) item.image_link = p.image_url;
  if (p.additional_image_urls) item.additional_image_link = [...p.additional_image_urls];
  offer(item, v, ctx);
  facts(item, v);
  if (ctx.shipping) item.shipping = ctx.shipping;
  for (const [name, value] of Object.entries(v.fields)) {
    if (value === '') delete item[name];
    else item[name] = name === 'additional_image_link' ? value.split(',').map((s) => s.trim()) : value;
  }
  return item;
}

export function mapGroup(group: ListingGroup, ctx: GoogleContext): Draft<GoogleItem>[] {
  return group.variants.map((v) => ({
    sku: v.product.sku,
    item: toItem(v, group, ctx),
    group,
    listing: v,
    offers: [v],
    variants: [v],
  }));
}
