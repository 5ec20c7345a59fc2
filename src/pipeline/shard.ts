/**
 * `--shard i/N`: one of N builds that share a catalog between machines. A listing group (a
 * standalone product, or a parent with its variants) belongs to one shard, chosen by a stable hash
 * of its parent SKU; every shard reads the whole catalog and builds only its groups, into files
 * and a run report named for the shard (`google-us.shard-2-of-4.xml`).
 */
import type { CatalogEvent, CatalogGroup } from '../catalog/catalog.js';
import type { FeedDefinition } from '../config/types.js';
import { OmnifeedError } from '../errors.js';
import type { Issue } from '../model.js';
import { shardPath, type Shard } from '../output/shards.js';

/** `2/4` → shard 2 of 4; a usage error otherwise. */
export function parseShard(text: string): Shard {
  const match = /^\s*(\d{1,4})\s*\/\s*(\d{1,4})\s*$/.exec(text);
  const [index, count] = match ? [Number(match[1]), Number(match[2])] : [0, 0];
  if (!match || count < 1 || index < 1 || index > count) {
    throw new OmnifeedError('USAGE', `--shard: '${text}' is not i/N with 1 ≤ i ≤ N (--shard 1/4 … --shard 4/4)`);
  }
  return { index, count };
}

/** The feeds of a shard write their files under the shard's names. */
export const shardFeeds = (feeds: FeedDefinition[], shard: Shard | undefined): FeedDefinition[] =>
  shard ? feeds.map((feed) => ({ ...feed, output: { ...feed.output, path: shardPath(feed.output.path, shard) } })) : feeds;

/**
 * The shard of a key, 1 … count: FNV-1a (32 bits) over its UTF-8 bytes, modulo count, plus one.
 * Stable across runs, machines and versions: changing it would move listings between files.
 */
export function shardOf(key: string, count: number): number {
  let hash = 0x811c9dc5;
  for (const byte of Buffer.from(key, 'utf8')) hash = Math.imul(hash ^ byte, 0x01000193);
  return ((hash >>> 0) % count) + 1;
}

/** A group's key: its parent's SKU (a variant's `parent_sku`, for a variant read without its parent), else its one product's. */
const groupKey = (group: CatalogGroup): string => group.parent?.sku ?? group.variants[0].parent_sku ?? group.variants[0].sku;

const inShard = (group: CatalogGroup, shard: Shard): boolean => shardOf(groupKey(group), shard.count) === shard.index;

/**
 * Whose a catalog issue is: the shard of the SKU it names, or shard 1 for an issue of the file
 * (a header, a row without a SKU), so that the shards' reports add up to the whole catalog's.
 */
const issueInShard = (issue: Issue, shard: Shard): boolean =>
  (issue.sku === undefined || issue.sku === '' ? 1 : shardOf(issue.sku, shard.count)) === shard.index;

/** The events of a read that are the shard's: its groups and its issues (and the end of a read that must index). */
export async function* shardEvents(events: AsyncIterable<CatalogEvent>, shard: Shard): AsyncIterable<CatalogEvent> {
  for await (const event of events) {
    if ('group' in event ? inShard(event.group, shard) : 'issue' in event ? issueInShard(event.issue, shard) : true) yield event;
  }
}
