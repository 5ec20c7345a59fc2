import { parse } from 'csv-parse/sync';
import type { FeedDefinition } from '../../../src/config/types.js';
import { ebay, type EbayOptions } from '../../../src/channels/ebay/index.js';
import type { ListingGroup, Prepared, Product, VariantAttribute } from '../../../src/model.js';
import type { OutputFiles } from '../../../src/output/files.js';
import { BOTTLE, feedDefinition, preparedProduct, single } from '../../helpers/channel.js';
import { NOW, repoRoot } from '../../helpers/workspace.js';
import { prepareChannel } from '../../../src/pipeline/validate.js';

export const feed = (options: EbayOptions = {}, extra: Partial<FeedDefinition> = {}): FeedDefinition =>
  feedDefinition(
    'ebay-us',
    'ebay',
    { path: 'ebay-us.csv', format: 'csv' },
    { options: { location: 'Portland, OR', ...options }, ...extra },
  );

/** A valid, listable product; tests change one thing at a time. */
export const prepared = (fields: Partial<Product> = {}, extra: Partial<Prepared> = {}): Prepared =>
  preparedProduct({ ...BOTTLE, category: 'Sports > Hydration' }, fields, {
    category: { id: '20625', matched: 'Sports > Hydration' },
    ...extra,
  });

export { single };

/** A variant group: the parent and one variant per value set, SKUs numbered. */
export function variantGroup(values: Partial<Record<VariantAttribute, string>>[], parentFields: Partial<Product> = {}): ListingGroup {
  const parent = prepared({ sku: 'P-1', gtin: undefined, ...parentFields });
  const variants = values.map((v, i) => prepared({ ...parent.product, sku: `P-1-${i + 1}`, parent_sku: 'P-1', gtin: undefined, ...v }));
  const varies = (['color', 'size', 'material', 'pattern', 'gender', 'age_group'] as const).filter(
    (a) => new Set(values.map((v) => v[a])).size > 1,
  );
  return { parent, variants, varies };
}

export async function channelFor(definition = feed(), root = repoRoot) {
  return prepareChannel(ebay, definition, { root, now: NOW, env: {} });
}

export async function itemsOf(group: ListingGroup, definition = feed()) {
  return (await channelFor(definition)).items(group);
}

export const rulesOf = (items: { issues: { rule: string }[] }[]) => items.flatMap((i) => i.issues.map((x) => x.rule));

/** OutputFiles in memory: name -> text. */
export function memoryFiles(): OutputFiles & { text: Map<string, string> } {
  const text = new Map<string, string>();
  return {
    text,
    create(name) {
      text.set(name, '');
      return { write: (s) => void text.set(name, text.get(name)! + s), end: async () => undefined };
    },
  };
}

/** Read an eBay CSV back with csv-parse, strictly: every record as wide as the header. */
export function readCsv(text: string): { info: string[]; header: string[]; rows: Record<string, string>[] } {
  const records: string[][] = parse(text, { bom: true, relax_column_count: false });
  const [info, header, ...rest] = records;
  return {
    info,
    header,
    rows: rest.map((r) => Object.fromEntries(header.map((h, i) => [h.replace(/^\*/, '').replace(/^Action\(.*\)$/, 'Action'), r[i]]))),
  };
}
