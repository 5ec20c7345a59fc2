import { etsy, type EtsyLine, type EtsyOptions } from '../../../src/channels/etsy/index.js';
import type { ChannelItem } from '../../../src/channels/types.js';
import type { FeedDefinition } from '../../../src/config/types.js';
import type { ListingGroup, Prepared, Product, VariantAttribute } from '../../../src/model.js';
import { feedDefinition, preparedProduct, single } from '../../helpers/channel.js';
import { NOW } from '../../helpers/workspace.js';
import { prepareChannel } from '../../../src/pipeline/validate.js';

export const feed = (options: EtsyOptions = { shipping_profile_id: 11 }, extra: Partial<FeedDefinition> = {}): FeedDefinition =>
  feedDefinition('etsy', 'etsy', { path: 'etsy.ndjson', format: 'ndjson' }, { options: options as Record<string, unknown>, ...extra });

/** A valid, listable handmade product; tests change one thing at a time. */
export const prepared = (fields: Partial<Product> = {}, extra: Partial<Prepared> = {}): Prepared =>
  preparedProduct(
    {
      title: 'Hand-thrown Mug',
      description: 'Thrown on the wheel.',
      who_made: 'i_did',
      when_made: 'made_to_order',
      tags: ['mug', 'ceramic'],
    },
    fields,
    { category: { id: '891', matched: 'Home' }, ...extra },
  );

export { single };

/** A variant group: the parent, and one variant per row of attribute values (sku, quantity and price optional). */
export function group(
  varies: VariantAttribute[],
  rows: (Partial<Product> & { qty?: number })[],
  parent: Partial<Product> = {},
): ListingGroup {
  const variants = rows.map(({ qty, ...fields }, i) => {
    const v = prepared({ sku: `HAT-${i + 1}`, parent_sku: 'HAT', ...fields });
    if (qty !== undefined) v.stock = { quantity: qty, in_stock: qty > 0, steps: [] };
    return v;
  });
  return { parent: prepared({ sku: 'HAT', title: 'Knitted Hat', ...parent }), variants, varies };
}

export async function itemsOf(g: ListingGroup, definition = feed()): Promise<ChannelItem<EtsyLine>[]> {
  const channel = await prepareChannel(etsy, definition, { root: '/nonexistent', now: NOW, env: {} });
  return channel.items(g);
}

/** `rule@sku:field/severity` for every issue */
export const ruleIds = async (g: ListingGroup, definition = feed()) =>
  (await itemsOf(g, definition)).flatMap((item) => item.issues.map((i) => `${i.rule}@${i.sku}:${i.field}/${i.severity}`));
