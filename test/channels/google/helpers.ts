import type { FeedDefinition } from '../../../src/config/types.js';
import { google } from '../../../src/channels/google/index.js';
import type { ListingGroup, Prepared, Product } from '../../../src/model.js';
import { BOTTLE, feedDefinition, preparedProduct, single } from '../../helpers/channel.js';
import { NOW } from '../../helpers/workspace.js';
import { prepareChannel } from '../../../src/pipeline/validate.js';

export const feed = (extra: Partial<FeedDefinition> = {}): FeedDefinition =>
  feedDefinition('google-us', 'google', { path: 'google-us.xml', format: 'rss' }, extra);

/** A valid, listable product; tests change one thing at a time. */
export const prepared = (fields: Partial<Product> = {}, extra: Partial<Prepared> = {}): Prepared =>
  preparedProduct({ ...BOTTLE, url: 'https://shop.example.com/p/sku-1' }, fields, extra);

export { single };

export async function itemsOf(group: ListingGroup, definition = feed()) {
  const channel = await prepareChannel(google, definition, { root: '/nonexistent', now: NOW, env: {} });
  return channel.items(group);
}
