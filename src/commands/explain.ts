import type { CatalogEvent, CatalogGroup } from '../catalog/catalog.js';
import { OmnifeedError } from '../errors.js';
import type { ChannelItem } from '../channels/types.js';
import type { CategoryMatch, Issue, PriceResult, Product, SourcePosition, StockResult } from '../model.js';
import type { FeedRunner } from '../pipeline/feed.js';
import { Session, type ReadResult, type SessionOptions } from '../pipeline/session.js';
import { Nearest } from './nearest.js';

export interface ExplainOptions extends SessionOptions {
  sku: string;
}

/** Why one product is or is not in one feed, step by step. */
interface FeedExplanation {
  feed: string;
  channel: string;
  /** listed, left out by a rule (with its reason code), or invalid (with its issues) */
  verdict: 'listed' | 'excluded' | 'invalid';
  reason?: string;
  /** every selection rule evaluated, in order */
  rules: { rule: string; matched: boolean }[];
  price: PriceResult;
  stock: StockResult;
  category?: CategoryMatch;
  fields: Record<string, string>;
  /** the records the channel made of the product; for a parent, of its whole group */
  items: { sku: string; item: unknown; issues: Issue[] }[];
}

export interface Explanation {
  sku: string;
  /** where the product is in the catalog, and its role in a variant group */
  source: SourcePosition;
  /** `skipped`: the SKU's row was not read (unreadable, orphaned, a duplicate…): `issues` say why, and no feed saw it */
  role: 'product' | 'variant' | 'parent' | 'skipped';
  parent?: string;
  variants?: string[];
  /** catalog issues of this SKU (a duplicate row, say) */
  issues: Issue[];
  feeds: FeedExplanation[];
}

/** Find the product's listing group, then run each feed on it with every step recorded. */
export async function explain(options: ExplainOptions): Promise<Explanation> {
  const session = await Session.open(options);
  const { sku } = options;
  const { group, issues, runners, nearest } = await session.read(async (events, runners) => {
    const found = await find(events, sku);
    return 'scattered' in found ? found : { done: { ...found.done, runners } };
  });
  if (!group) {
    const [first] = issues;
    if (!first) throw unknownSku(sku, session.catalog.file, nearest);
    const source = { file: first.file ?? session.catalog.file, line: first.line, row: first.row };
    return { sku, source, role: 'skipped', issues, feeds: [] };
  }
  const isParent = group.parent?.sku === sku;
  const product = isParent ? group.parent! : group.variants.find((v) => v.sku === sku)!;
  return {
    sku,
    source: product.source,
    role: isParent ? 'parent' : group.parent ? 'variant' : 'product',
    parent: group.parent && !isParent ? group.parent.sku : undefined,
    variants: isParent ? group.variants.map((v) => v.sku) : undefined,
    issues,
    feeds: runners.map((runner) => explainFeed(runner, group, product)),
  };
}

/** One feed's verdict on the product, with every step behind it. */
function explainFeed(runner: FeedRunner, group: CatalogGroup, product: Product): FeedExplanation {
  const isParent = group.parent === product;
  const decision = runner.decide(product, group.parent !== null && !isParent, true);
  // a parent is not selected itself: its group is listed through its variants; a variant through its own item,
  // the listing of its group that carries it (eBay, Etsy), or under variants: parent-only its parent's item
  const carried = (i: ChannelItem) => i.carries.some((c) => c.product.sku === product.sku || c.product.sku === group.parent?.sku);
  const items = runner.process(group).items.filter((i) => isParent || i.sku === product.sku || carried(i));
  const valid = items.some((i) => !i.issues.some((issue) => issue.severity === 'error'));
  const reason = isParent
    ? items.length === 0
      ? 'no-variant-selected'
      : undefined
    : (decision.excluded ?? (items.length === 0 ? 'variant-policy' : undefined));
  return {
    feed: runner.feed.name,
    channel: runner.feed.channel,
    verdict: reason ? 'excluded' : valid ? 'listed' : 'invalid',
    reason,
    rules: isParent ? [] : decision.rules,
    price: decision.prepared.price,
    stock: decision.prepared.stock,
    category: decision.prepared.category,
    fields: decision.prepared.fields,
    items: items.map(({ sku, item, issues }) => ({ sku, item, issues })),
  };
}

/** SKU_UNKNOWN, naming the catalog's SKUs nearest to the one asked for (a typo, a case, a missing suffix). */
function unknownSku(sku: string, file: string, nearest: Nearest): OmnifeedError {
  const list = nearest.list();
  const hint = list.length > 0 ? `; nearest: ${list.join(', ')}` : '';
  return new OmnifeedError('SKU_UNKNOWN', `no product '${sku}' in ${file}${hint}`);
}

interface Found {
  group?: CatalogGroup;
  issues: Issue[];
  /** the SKUs read nearest to the one asked for, for when it is not there */
  nearest: Nearest;
}

/** Read the catalog until the SKU's listing group is complete; keep the catalog issues that name it, and the nearest SKUs. */
async function find(events: AsyncIterable<CatalogEvent>, sku: string): Promise<ReadResult<Found>> {
  const issues: Issue[] = [];
  const nearest = new Nearest(sku);
  for await (const event of events) {
    if ('scattered' in event) return event;
    if ('issue' in event) {
      if (event.issue.sku === sku) issues.push(event.issue);
      continue;
    }
    const { parent, variants } = event.group;
    if (parent?.sku === sku || variants.some((v) => v.sku === sku)) return { done: { group: event.group, issues, nearest } };
    if (parent) nearest.see(parent.sku);
    for (const v of variants) nearest.see(v.sku);
  }
  return { done: { issues, nearest } };
}
