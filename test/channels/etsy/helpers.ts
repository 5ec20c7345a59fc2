import { etsy, type EtsyLine, type EtsyOptions } from '../../../src/channels/etsy/index.js';
import type { ChannelItem } from '../../../src/channels/types.js';
import type { FeedDefinition } from '../../../src/config/types.js';
import type { ListingGroup, Prepared, Product, VariantAttribute } from '../../../src/model.js';
import { NOW } from '../../helpers/workspace.js';

export const feed = (options: EtsyOptions = { shipping_profile_id: 11 }, extra: Partial<FeedDefinition> = {}): FeedDefinition => ({
  name: 'etsy',
  file: 'feeds/etsy.yaml',
  channel: 'etsy',
  market: { country: 'US', language: 'en', currency: 'USD' },
  output: { path: 'etsy.ndjson', format: 'ndjson' },
  options: options as Record<string, unknown>,
  ...extra,
});

/** A valid, listable handmade product; tests change one thing at a time. */
export function prepared(fields: Partial<Product> = {}, extra: Partial<Prepared> = {}): Prepared {
  const product: Product = {
    sku: 'SKU-1',
    title: 'Hand-thrown Mug',
    description: 'Thrown on the wheel.',
    image_url: 'https://cdn.example.com/sku-1.jpg',
    price: 20,
    who_made: 'i_did',
    when_made: 'made_to_order',
    tags: ['mug', 'ceramic'],
    attributes: {},
    stock: { warehouse: 3 },
    source: { file: 'catalog.csv', line: 2 },
    ...fields,
  };
  return {
    product,
    price: { price: product.price, sale_active: false, currency: 'USD', steps: [] },
    stock: { quantity: 3, in_stock: true, steps: [] },
    category: { id: '891', matched: 'Home' },
    fields: {},
    ...extra,
  };
}

export const single = (p: Prepared): ListingGroup => ({ parent: null, variants: [p], varies: [] });

/** A variant group: the parent, and one variant per row of attribute values (sku, quantity and price optional). */
export function group(varies: VariantAttribute[], rows: (Partial<Product> & { qty?: number })[], parent: Partial<Product> = {}): ListingGroup {
  const variants = rows.map(({ qty, ...fields }, i) => {
    const v = prepared({ sku: `HAT-${i + 1}`, parent_sku: 'HAT', ...fields });
    if (qty !== undefined) v.stock = { quantity: qty, in_stock: qty > 0, steps: [] };
    return v;
  });
  return { parent: prepared({ sku: 'HAT', title: 'Knitted Hat', ...parent }), variants, varies };
}

export async function itemsOf(g: ListingGroup, definition = feed()): Promise<ChannelItem<EtsyLine>[]> {
  const channel = await etsy.prepare(definition, { root: '/nonexistent', now: NOW, env: {} });
  return channel.items(g);
}

/** `rule@sku:field/severity` for every issue */
export const ruleIds = async (g: ListingGroup, definition = feed()) =>
  (await itemsOf(g, definition)).flatMap((item) => item.issues.map((i) => `${i.rule}@${i.sku}:${i.field}/${i.severity}`));
