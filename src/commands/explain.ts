import { Catalog, NeedsIndex, type CatalogGroup, type GroupIndex } from '../catalog/catalog.js';
import type { ChannelContext } from '../channels/types.js';
import { loadWorkspace } from '../config/load.js';
import { OmnifeedError } from '../errors.js';
import type { CategoryMatch, Issue, PriceResult, StockResult } from '../model.js';
import { FeedRunner, knownNames } from '../pipeline/feed.js';
import { buildDate, chooseFeeds } from './build.js';

export interface ExplainOptions {
  cwd: string;
  sku: string;
  /** feed names; every default feed when empty */
  feeds?: string[];
  now?: Date;
  env?: NodeJS.ProcessEnv;
}

/** Why one product is or is not in one feed, step by step. */
export interface FeedExplanation {
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
  source: { file: string; line: number };
  role: 'product' | 'variant' | 'parent';
  parent?: string;
  variants?: string[];
  /** catalog issues of this SKU (a duplicate row, say) */
  issues: Issue[];
  feeds: FeedExplanation[];
}

/** Find the product's listing group, then run each feed on it with every step recorded. */
export async function explain(options: ExplainOptions): Promise<Explanation> {
  const workspace = loadWorkspace(options.cwd);
  const feeds = chooseFeeds(workspace, options.feeds);
  const ctx: ChannelContext = { root: workspace.root, now: buildDate(options), env: options.env ?? process.env };
  const catalog = new Catalog(workspace);
  const runners = await Promise.all(
    feeds.map((feed) =>
      FeedRunner.create(
        feed,
        workspace,
        ctx,
        knownNames(() => catalog.columns),
      ),
    ),
  );
  const found = await find(catalog, options.sku).catch(async (error) => {
    if (!(error instanceof NeedsIndex)) throw error;
    return find(catalog, options.sku, await catalog.index());
  });
  if (!found.group) throw new OmnifeedError('SKU_UNKNOWN', `no product '${options.sku}' in ${catalog.file}`);
  const { group, issues } = found;
  const isParent = group.parent?.sku === options.sku;
  const product = isParent ? group.parent! : group.variants.find((v) => v.sku === options.sku)!;
  return {
    sku: options.sku,
    source: product.source,
    role: isParent ? 'parent' : group.parent ? 'variant' : 'product',
    parent: group.parent && !isParent ? group.parent.sku : undefined,
    variants: isParent ? group.variants.map((v) => v.sku) : undefined,
    issues,
    feeds: runners.map((runner) => {
      const decision = runner.decide(product, group.parent !== null && !isParent, true);
      // a parent is not selected itself: its group is listed through its variants
      const items = runner.process(group).items.filter((i) => isParent || i.sku === options.sku);
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
      } satisfies FeedExplanation;
    }),
  };
}

/** Read the catalog until the SKU's listing group is complete; keep the catalog issues that name it. */
async function find(catalog: Catalog, sku: string, index?: GroupIndex): Promise<{ group?: CatalogGroup; issues: Issue[] }> {
  const issues: Issue[] = [];
  for await (const event of catalog.groups(index)) {
    if ('issue' in event) {
      if (event.issue.sku === sku) issues.push(event.issue);
    } else if (event.group.parent?.sku === sku || event.group.variants.some((v) => v.sku === sku)) {
      return { group: event.group, issues };
    }
  }
  return { issues };
}
