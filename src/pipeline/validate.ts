/**
 * The validate stage: runs a channel's rules over the drafts its `map` made of a listing group,
 * and is the only place that makes issues. Per draft, the check and fix rules run in the order
 * the channel lists them (a fix changes the item for the rules after it); then the group rules
 * run over all drafts; then drafts made of their children (eBay's listing) are assembled from
 * the children without errors and checked in turn.
 */
import type {
  ChannelAdapter,
  ChannelContext,
  ChannelFeed,
  ChannelItem,
  CheckRule,
  Draft,
  FixStep,
  GroupRule,
  ItemWriter,
  Rule,
} from '../channels/types.js';
import type { FeedDefinition } from '../config/types.js';
import type { Issue, ListingGroup, Prepared } from '../model.js';
import type { OutputFiles } from '../output/files.js';

type ItemRule = CheckRule<unknown, unknown> | FixStep<unknown, unknown>;

const isGroupRule = (rule: Rule): rule is GroupRule<unknown, unknown> => 'checkGroup' in rule;

/** A channel compiled for one feed, with the rules its options turn on. */
export interface ChannelRun<Item = unknown> {
  feed: FeedDefinition;
  channel: ChannelFeed<Item, unknown>;
  exclude?(product: Prepared): string | undefined;
  /** the channel's `offerKeys`, for the content hash of its items */
  offerKeys: ReadonlySet<string>;
  /** map a group and validate the drafts: the feed's items with their issues */
  items(group: ListingGroup): ChannelItem<Item>[];
  open(files: OutputFiles): ItemWriter<Item>;
}

/** Compile a channel for a feed: its context (options read, files loaded) and its active rules, once. */
export async function prepareChannel<Item>(
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- the adapter's context type is the channel's own
  adapter: ChannelAdapter<Item, any>,
  feed: FeedDefinition,
  ctx: ChannelContext,
): Promise<ChannelRun<Item>> {
  const channel = (await adapter.prepare(feed, ctx)) as ChannelFeed<Item, unknown>;
  const active = adapter.rules.filter((rule) => !rule.when || rule.when(channel.context)) as Rule[];
  const stage = new ValidateStage(
    channel as ChannelFeed,
    active.filter((r): r is ItemRule => !isGroupRule(r)),
    active.filter(isGroupRule),
    feed.name,
  );
  return {
    feed,
    channel,
    exclude: channel.exclude?.bind(channel),
    offerKeys: new Set(adapter.offerKeys),
    items: (group) => stage.run(group) as ChannelItem<Item>[],
    open: (files) => channel.open(files),
  };
}

interface Entry {
  draft: Draft;
  issues: Issue[];
}

const hasError = (issues: readonly Issue[], sku?: string) =>
  issues.some((i) => i.severity === 'error' && (sku === undefined || i.sku === sku));

class ValidateStage {
  constructor(
    private readonly channel: ChannelFeed,
    private readonly itemRules: readonly ItemRule[],
    private readonly groupRules: readonly GroupRule<unknown, unknown>[],
    private readonly feedName: string,
  ) {}

  run(group: ListingGroup): ChannelItem[] {
    const entries: Entry[] = this.channel.map(group).map((draft) => ({ draft, issues: [] }));
    for (const entry of entries) if (!entry.draft.assembled) this.checkItem(entry);
    if (this.groupRules.length > 0 && entries.length > 0) this.checkGroup(entries);
    const out = entries.some((e) => e.draft.assembled) ? this.assemble(entries) : entries;
    if (this.channel.fit) for (const { draft } of out) this.channel.fit(draft.item);
    return out.map(({ draft, issues }) => ({
      sku: draft.sku,
      item: draft.item,
      issues,
      carries: draft.offers.length > 0 ? draft.offers : (draft.variants ?? []),
    }));
  }

  /** the item's fixes and checks, in the channel's order; one report function per item */
  private checkItem(entry: Entry): void {
    const { draft, issues } = entry;
    const ctx = this.channel.context;
    let rule: ItemRule = this.itemRules[0];
    const report = (field: string, message: string, sku?: string) =>
      issues.push({ severity: rule.severity, rule: rule.id, field, message, sku: sku ?? draft.sku, feed: this.feedName });
    for (rule of this.itemRules) {
      if ('fix' in rule) rule.fix(draft, ctx, report);
      else rule.check(draft, ctx, report, issues);
    }
  }

  private checkGroup(entries: Entry[]): void {
    const byDraft = new Map(entries.map((e) => [e.draft, e]));
    let rule = this.groupRules[0];
    const report = (draft: Draft, field: string, message: string, sku?: string) =>
      byDraft
        .get(draft)!
        .issues.push({ severity: rule.severity, rule: rule.id, field, message, sku: sku ?? draft.sku, feed: this.feedName });
    const failed = (draft: Draft, sku?: string) => hasError(byDraft.get(draft)!.issues, sku);
    const drafts = entries.map((e) => e.draft);
    for (rule of this.groupRules) rule.checkGroup(drafts, this.channel.context, report, failed);
  }

  /** Assembled drafts take their children without errors (and their issues); children with errors stay items of their own. */
  private assemble(entries: Entry[]): Entry[] {
    const absorbed = new Set<Entry>();
    for (const entry of entries) {
      if (!entry.draft.assembled) continue;
      const children = entries.filter((e) => e.draft.parent === entry.draft && !hasError(e.issues));
      for (const child of children) absorbed.add(child);
      const own = entry.issues;
      entry.issues = [...own, ...children.flatMap((c) => c.issues)];
      if (hasError(own)) continue;
      this.channel.assemble!(
        entry.draft,
        children.map((c) => c.draft),
      );
      this.checkItem(entry);
    }
    return entries.filter((e) => !absorbed.has(e));
  }
}
