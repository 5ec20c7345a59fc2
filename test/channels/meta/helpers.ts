import { meta, type MetaItem } from '../../../src/channels/meta/index.js';
import type { ChannelItem } from '../../../src/channels/types.js';
import type { FeedDefinition } from '../../../src/config/types.js';
import type { ListingGroup, Prepared, Product } from '../../../src/model.js';
import type { OutputFiles } from '../../../src/output/files.js';
import { prepareChannel } from '../../../src/pipeline/validate.js';
import { BOTTLE, feedDefinition, preparedProduct, single } from '../../helpers/channel.js';
import { NOW } from '../../helpers/workspace.js';

export const feed = (extra: Partial<FeedDefinition> = {}, format: 'csv' | 'rss' = 'csv'): FeedDefinition =>
  feedDefinition('meta-us', 'meta', { path: `meta-us.${format === 'rss' ? 'xml' : 'csv'}`, format }, extra);

/** A valid, listable product; tests change one thing at a time. */
export const prepared = (fields: Partial<Product> = {}, extra: Partial<Prepared> = {}): Prepared =>
  preparedProduct({ ...BOTTLE, url: 'https://shop.example.com/p/sku-1' }, fields, extra);

export { single };

/** A variant group: a parent and one variant per row of values. */
export const group = (varies: ListingGroup['varies'], rows: Partial<Product>[]): ListingGroup => ({
  parent: prepared({ sku: 'TEE' }),
  variants: rows.map((fields, i) => prepared({ sku: `TEE-${i + 1}`, parent_sku: 'TEE', ...fields })),
  varies,
});

export async function itemsOf(g: ListingGroup, definition = feed()): Promise<ChannelItem<MetaItem>[]> {
  const channel = await prepareChannel(meta, definition, { root: '/nonexistent', now: NOW, env: {} });
  return channel.items(g);
}

/** `rule@sku:field/severity` of every issue */
export const ruleIds = async (g: ListingGroup, definition = feed()) =>
  (await itemsOf(g, definition)).flatMap((item) => item.issues.map((i) => `${i.rule}@${i.sku}:${i.field}/${i.severity}`));

/** What the feed's writer makes of these items: the text of its one file. */
export async function render(items: MetaItem[], definition = feed()): Promise<string> {
  let text = '';
  const files: OutputFiles = { create: () => ({ write: (t) => void (text += t), end: async () => undefined }) };
  const channel = await meta.prepare(definition, { root: '/nonexistent', now: NOW, env: {} });
  const writer = channel.open(files);
  for (const item of items) await writer.write(item);
  await writer.close();
  return text;
}
