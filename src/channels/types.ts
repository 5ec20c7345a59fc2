import type { FeedDefinition } from '../config/types.js';
import type { Issue, ListingGroup, Prepared, RuleInfo, Severity } from '../model.js';

export type { RuleInfo };
import type { OutputFiles } from '../output/files.js';

/** What the validate stage made of a draft: one record of the feed, with its problems. */
export interface ChannelItem<Item = unknown> {
  sku: string;
  item: Item;
  /** error-level issues leave the item out of the feed; warnings keep it */
  issues: Issue[];
  /** the products whose offers the item sends (none for a variation parent): the per-SKU records of a build name them */
  carries: readonly Prepared[];
}

/**
 * What a channel's `map` made of a listing group, before any check: one record of its feed and
 * where it comes from. Rules read the record and its sources; only fixes change the record.
 */
export interface Draft<Item = unknown> {
  sku: string;
  item: Item;
  group: ListingGroup;
  /** the product whose listing facts (title, description, link, images, category) the item carries */
  listing?: Prepared;
  /** the products whose offers (price, stock, identifiers) the item carries */
  offers: readonly Prepared[];
  /** the variants of the group the item lists (one for a variant's own item; all of them for a listing of a group) */
  variants?: readonly Prepared[];
  /** the item of the group this one belongs to: a variation parent (Amazon), or the listing it becomes part of (eBay) */
  parent?: Draft<Item>;
  /** made by `ChannelFeed.assemble` from its children that passed their checks; not checked before that */
  assembled?: boolean;
}

/** Report a finding of the running rule: the validate stage makes it an issue, on the draft's SKU unless `sku` names a variant. */
export type Report = (field: string, message: string, sku?: string) => void;
export type GroupReport<Item = unknown> = (draft: Draft<Item>, field: string, message: string, sku?: string) => void;

interface RuleBase<Ctx> {
  /** kebab-case, one meaning: what reports count and a user greps for */
  id: string;
  severity: Severity;
  description: string;
  /** run for a feed only when this says so (decided once per feed, from its options) */
  when?(ctx: Ctx): boolean;
}

/** Checks one item and reports what is wrong; never changes it. `found` are the item's issues so far. */
export interface CheckRule<Item = unknown, Ctx = unknown> extends RuleBase<Ctx> {
  check(draft: Draft<Item>, ctx: Ctx, report: Report, found: readonly Issue[]): void;
}

/** A named fix (truncate, strip, drop): changes the item and reports each change, as a warning. */
export interface FixStep<Item = unknown, Ctx = unknown> extends RuleBase<Ctx> {
  severity: 'warning';
  fix(draft: Draft<Item>, ctx: Ctx, report: Report): void;
}

/** Checks the items of one listing group together (variants distinct, parents and children), after the item rules. */
export interface GroupRule<Item = unknown, Ctx = unknown> extends RuleBase<Ctx> {
  checkGroup(
    drafts: readonly Draft<Item>[],
    ctx: Ctx,
    report: GroupReport<Item>,
    /** the draft has an error so far (about `sku`, when given) */
    failed: (draft: Draft<Item>, sku?: string) => boolean,
  ): void;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- a channel's list holds rules over its own item and context types
export type Rule<Item = any, Ctx = any> = CheckRule<Item, Ctx> | FixStep<Item, Ctx> | GroupRule<Item, Ctx>;

/** Streams items into one or more files it creates through `OutputFiles`. */
export interface ItemWriter<Item = unknown> {
  write(item: Item): void | Promise<void>;
  close(): Promise<void>;
}

/** A channel made ready for one feed definition: compiled once per run. */
export interface ChannelFeed<Item = unknown, Ctx = unknown> {
  /** what the channel's rules read: the feed's options resolved, its files loaded */
  context: Ctx;
  /**
   * Leave out a product the marketplace does not take at all (Etsy: neither handmade, vintage
   * nor a supply): return a reason code from the adapter's `exclusions`. Called after the feed's
   * own rules, with the `fields:` templates rendered.
   */
  exclude?(product: Prepared): string | undefined;
  /** map a standalone product or a variant group onto drafts of the channel's items: pure, no checks */
  map(group: ListingGroup): Draft<Item>[];
  /** fill an `assembled` draft from its children that passed their checks (eBay: a listing row and its variation rows) */
  assemble?(draft: Draft<Item>, children: Draft<Item>[]): void;
  /** shape a checked item for the writer (eBay: only the template's columns), after every rule ran */
  fit?(item: Item): void;
  /** start writing the feed's output */
  open(files: OutputFiles): ItemWriter<Item>;
  /** what the run report should say of the whole feed once it is built, one line each (Amazon: the types checked without a definition) */
  notes?(): string[];
  /** how the channel sends only what changed since the last publish (`build --delta`); none: a delta build writes the full feed */
  delta?: ChannelDelta<Item>;
}

/** What a delta knows of the marketplace's listings: their ids (eBay's ItemID), by the key of the item. */
export interface DeltaContext {
  remoteId(key: string): string | undefined;
}

/**
 * The delta file(s) of a feed being written: one call per listing that is new (`before`
 * undefined), changed (`before` null when the last publish's item is not known, only that it
 * was listed), or removed. Returns the counts by operation when closed.
 */
export interface DeltaWriter<Item = unknown> {
  /** `inactive`: `before` is a listing a delta removed and the channel kept (Etsy: deactivated), which comes back */
  change(now: Item, before: Item | null | undefined, inactive?: boolean): void | Promise<void>;
  remove(before: Item | null, key: string): void | Promise<void>;
  close(): Promise<Record<string, number>>;
}

export interface ChannelDelta<Item = unknown> {
  /** the id of an item in the marketplace's store (Amazon's SKU, eBay's CustomLabel of the listing, Google's id) */
  key(item: Item): string;
  /** the full feed is written too (Google: the primary feed is a snapshot; the delta is a supplemental feed beside it) */
  full?: boolean;
  /** a removed listing stays in the marketplace's store (Etsy: inactive): the state keeps it, so that it can come back */
  keepsRemoved?: boolean;
  /** the operation names `close` counts, in the order reports show them */
  operations: readonly string[];
  open(files: OutputFiles, ctx: DeltaContext): DeltaWriter<Item>;
}

export interface ChannelContext {
  /** workspace folder, for files the feed names (taxonomies, schemas, template headers) */
  root: string;
  /** the build date, injected for deterministic output */
  now: Date;
  env: NodeJS.ProcessEnv;
}

export interface ChannelAdapter<Item = unknown, Ctx = unknown> {
  /** the `channel:` value of a feed definition */
  name: string;
  title: string;
  /** output formats; the first is the default */
  formats: readonly string[];
  /** one line on how the channel models variants, for `omnifeed channels` and the README */
  variants: string;
  /** every check, fix and group rule, in the order the validate stage runs them: kit rules and the channel's own */
  rules: readonly Rule<Item, Ctx>[];
  /** reason codes `ChannelFeed.exclude` gives, with what they mean */
  exclusions?: Readonly<Record<string, string>>;
  /** JSON Schema for the feed definition's `options:` block */
  optionsSchema?: object;
  /**
   * Keys of the item (at any depth) that carry price, sale and stock: left out of the item's
   * content hash in the per-SKU records, so that a price or stock change is told apart from others.
   */
  offerKeys: readonly string[];
  /**
   * What a product costs the channel's feed to build, against the other channels: thread seconds
   * for 100,000 products in the bench's profile (`npm run bench -- --profile`). The feed threads
   * are given feeds of about equal cost.
   */
  buildCost: number;
  prepare(feed: FeedDefinition, ctx: ChannelContext): ChannelFeed<Item, Ctx> | Promise<ChannelFeed<Item, Ctx>>;
}

/** A channel of any item and context type: what the registry holds. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- each channel has its own item and context types
export type AnyChannel = ChannelAdapter<any, any>;
