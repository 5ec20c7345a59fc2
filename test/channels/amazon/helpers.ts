import path from 'node:path';
import { amazon, type AmazonMessage } from '../../../src/channels/amazon/index.js';
import type { ChannelItem } from '../../../src/channels/types.js';
import type { FeedDefinition } from '../../../src/config/types.js';
import type { ListingGroup, Prepared, Product, VariantAttribute } from '../../../src/model.js';
import { BOTTLE, feedDefinition, preparedProduct, single } from '../../helpers/channel.js';
import { NOW, specsDir } from '../../helpers/workspace.js';
import { prepareChannel } from '../../../src/pipeline/validate.js';

export const amazonSpecs = path.join(specsDir, 'amazon');
export const productSchema = path.join(amazonSpecs, 'product-type-PRODUCT.US.json');

export const feed = (options: Record<string, unknown> = {}, extra: Partial<FeedDefinition> = {}): FeedDefinition =>
  feedDefinition(
    'amazon-us',
    'amazon',
    { path: 'amazon-us.json', format: 'json' },
    {
      options: { seller_id: 'A1TESTSELLER', merchant_shipping_group: 'Standard', handling_days: 2, ...options },
      ...extra,
    },
  );

/** The PRODUCT definition's required facts as `fields:` templates give them to every test product. */
export const productFacts = {
  bullet_point: 'Double-walled|Keeps cold 24 h',
  color: 'Silver',
  country_of_origin: 'DE',
  item_type_keyword: 'water-bottles',
  supplier_declared_dg_hz_regulation: 'not_applicable',
};

/** A valid, listable product of product type PRODUCT, with the facts every type requires; tests change one thing at a time. */
export const prepared = (fields: Partial<Product> = {}, extra: Partial<Prepared> = {}): Prepared =>
  preparedProduct({ ...BOTTLE, category: 'Sports > Hydration' }, fields, {
    category: { id: 'PRODUCT', matched: 'Sports' },
    ...extra,
    fields: { ...productFacts, ...extra.fields },
  });

export { single };

/** A parent and its children; children inherit the parent's fields, as the pipeline does. */
export function family(
  parentFields: Partial<Product>,
  children: Partial<Product>[],
  varies: VariantAttribute[],
  extra: Partial<Prepared> = {},
): ListingGroup {
  const parent = prepared({ sku: 'P-1', gtin: undefined, ...parentFields }, extra);
  const variants = children.map((c, i) =>
    prepared({ ...parent.product, sku: `P-1-${i + 1}`, parent_sku: 'P-1', gtin: undefined, ...c }, extra),
  );
  return { parent, variants, varies };
}

export async function itemsOf(group: ListingGroup, definition = feed(), root = '/nonexistent'): Promise<ChannelItem<AmazonMessage>[]> {
  const channel = await prepareChannel(amazon, definition, { root, now: NOW, env: {} });
  return channel.items(group);
}
