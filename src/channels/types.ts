import type { FeedDefinition } from '../config/types.js';
import type { Issue, ListingGroup, Prepared, Severity } from '../model.js';
import type { OutputFiles } from '../output/files.js';

/** A validation rule a channel applies to its items: the id is what a user greps for. */
export interface RuleInfo {
  severity: Severity;
  description: string;
}

/** What a channel made of a listing group: one record of its feed, with its problems. */
export interface ChannelItem<Item = unknown> {
  sku: string;
  item: Item;
  /** error-level issues leave the item out of the feed; warnings keep it */
  issues: Issue[];
}

/** Streams items into one or more files it creates through `OutputFiles`. */
export interface ItemWriter<Item = unknown> {
  write(item: Item): void | Promise<void>;
  close(): Promise<void>;
}

/** A channel made ready for one feed definition: compiled once per run. */
export interface ChannelFeed<Item = unknown> {
  /**
   * Leave out a product the marketplace does not take at all (Etsy: neither handmade, vintage
   * nor a supply): return a reason code from the adapter's `exclusions`. Called after the feed's
   * own rules, with the `fields:` templates rendered.
   */
  exclude?(product: Prepared): string | undefined;
  /** map a standalone product or a variant group onto channel items, and check them */
  items(group: ListingGroup): ChannelItem<Item>[];
  /** start writing the feed's output */
  open(files: OutputFiles): ItemWriter<Item>;
}

export interface ChannelContext {
  /** workspace folder, for files the feed names (taxonomies, schemas, template headers) */
  root: string;
  /** the build date, injected for deterministic output */
  now: Date;
  env: NodeJS.ProcessEnv;
}

export interface ChannelAdapter<Item = unknown> {
  /** the `channel:` value of a feed definition */
  name: string;
  title: string;
  /** output formats; the first is the default */
  formats: readonly string[];
  /** one line on how the channel models variants, for `omnifeed channels` and the README */
  variants: string;
  rules: Readonly<Record<string, RuleInfo>>;
  /** reason codes `ChannelFeed.exclude` gives, with what they mean */
  exclusions?: Readonly<Record<string, string>>;
  /** JSON Schema for the feed definition's `options:` block */
  optionsSchema?: object;
  prepare(feed: FeedDefinition, ctx: ChannelContext): ChannelFeed<Item> | Promise<ChannelFeed<Item>>;
}
