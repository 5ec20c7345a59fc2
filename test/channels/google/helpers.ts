import type { FeedDefinition } from '../../../src/config/types.js';
import { google } from '../../../src/channels/google/index.js';
import type { ListingGroup, Prepared, Product } from '../../../src/model.js';
import { NOW } from '../../helpers/workspace.js';

export const feed = (extra: Partial<FeedDefinition> = {}): FeedDefinition => ({
  name: 'google-us',
  file: 'feeds/google-us.yaml',
  channel: 'google',
  market: { country: 'US', language: 'en', currency: 'USD' },
  output: { path: 'google-us.xml', format: 'rss' },
  ...extra,
});

/** A valid, listable product; tests change one thing at a time. */
export function prepared(fields: Partial<Product> = {}, extra: Partial<Prepared> = {}): Prepared {
  const product: Product = {
    sku: 'SKU-1',
    title: 'Steel Water Bottle',
    description: 'Keeps drinks cold.',
    brand: 'Trailhead',
    gtin: '4006381333931',
    url: 'https://shop.example.com/p/sku-1',
    image_url: 'https://cdn.example.com/sku-1.jpg',
    price: 20,
    attributes: {},
    stock: { warehouse: 3 },
    source: { file: 'catalog.csv', line: 2 },
    ...fields,
  };
  return {
    product,
    price: { price: product.price, sale_active: false, currency: 'USD', steps: [] },
    stock: { quantity: 3, in_stock: true, steps: [] },
    fields: {},
    ...extra,
  };
}

export const single = (p: Prepared): ListingGroup => ({ parent: null, variants: [p], varies: [] });

export async function itemsOf(group: ListingGroup, definition = feed()) {
  const channel = await google.prepare(definition, { root: '/nonexistent', now: NOW, env: {} });
  return channel.items(group);
}
