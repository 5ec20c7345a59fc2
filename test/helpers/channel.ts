import type { FeedDefinition } from '../../src/config/types.js';
import type { ListingGroup, Prepared, Product } from '../../src/model.js';

/** A feed definition for channel tests: US market, the channel's first format. */
export const feedDefinition = (
  name: string,
  channel: string,
  output: FeedDefinition['output'],
  extra: Partial<FeedDefinition> = {},
): FeedDefinition => ({
  name,
  file: `feeds/${name}.yaml`,
  channel,
  market: { country: 'US', language: 'en', currency: 'USD' },
  output,
  ...extra,
});

/**
 * A product made ready for a feed, as the pipeline would: price as in the catalog, three in
 * stock. `fields` are the product's own; tests change one thing at a time.
 */
export function preparedProduct(base: Partial<Product>, fields: Partial<Product>, extra: Partial<Prepared> = {}): Prepared {
  const product: Product = {
    sku: 'SKU-1',
    image_url: 'https://cdn.example.com/sku-1.jpg',
    price: 20,
    attributes: {},
    stock: { warehouse: 3 },
    source: { file: 'catalog.csv', line: 2 },
    ...base,
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

/** A listable bottle: what most channels' tests start from. */
export const BOTTLE: Partial<Product> = {
  title: 'Steel Water Bottle',
  description: 'Keeps drinks cold.',
  brand: 'Trailhead',
  gtin: '4006381333931',
};
