import path from 'node:path';
import { OmnifeedError } from '../errors.js';
import { readSkuFile } from '../output/skus.js';
import { chooseFeeds, openWorkspace } from '../pipeline/session.js';
import { builtFeed, lastBuild } from '../publish/built.js';
import { compare, type Comparison } from '../publish/compare.js';
import { destinationOf } from '../publish/destinations.js';
import { checkGuards, guardSettings } from '../publish/guards.js';
import { readState, readStateMeta, stateFile, stateFolder } from '../publish/state.js';
import type { Shard } from '../output/shards.js';
import type { DeltaReport, GuardResult } from '../report.js';

export interface DiffOptions {
  /** workspace folder */
  cwd: string;
  /** feed names; the workspace's default feeds when empty */
  feeds?: string[];
  env?: NodeJS.ProcessEnv;
  /** compare a shard's build (`build --shard i/N`) with the shard's last publish */
  shard?: Shard;
}

export interface FeedDiff extends Comparison {
  feed: string;
  /** the build date of the build compared */
  built: string;
  /** the last publish: when and where; undefined when the feed was never published */
  published?: { at: string; destination: string; listed: number };
  listed: number;
  /** what the guards would say to publishing this build */
  guards: GuardResult[];
  /**
   * a delta build: the operations its files send, and whether it was made against the last
   * publish (`current`; a publish refuses it otherwise)
   */
  delta?: DeltaReport & { current: boolean };
}

export interface DiffResult {
  feeds: FeedDiff[];
  /** something was added, removed or changed in some feed */
  changed: boolean;
}

/** What the last build in the output folder changes against the last publish of each feed, without building. */
export async function diff(options: DiffOptions): Promise<DiffResult> {
  const workspace = openWorkspace(options.cwd);
  const feeds = chooseFeeds(workspace, options.feeds);
  const build = lastBuild(workspace, options.shard);
  const { dir } = stateFolder(workspace);
  const result: FeedDiff[] = [];
  for (const feed of feeds) {
    const built = builtFeed(build, feed.name, workspace, 'compare');
    const file = stateFile(dir, built.key);
    const shown = path.relative(workspace.root, file);
    const last = await readStateMeta(file, shown);
    const settings = guardSettings(workspace, feed, options.shard?.count);
    let comparison: Comparison;
    try {
      comparison = await compare(readSkuFile(built.records), last ? readState(file, shown) : undefined, {
        factor: settings.max_price_change.factor,
      });
    } catch (error) {
      if (error instanceof OmnifeedError) throw error;
      const records = path.relative(workspace.root, built.records);
      throw new OmnifeedError(
        'NOT_BUILT',
        `${records}: cannot read the build's per-SKU records (${(error as Error).message}): build again`,
      );
    }
    const columns = built.report.columns ?? {};
    const guards = checkGuards(settings, built.label, { listed: built.report.listed, columns }, last, comparison);
    // the destination is checked as a publish would (a bad sftp:// URL is a config error here too)
    destinationOf(workspace, feed, options.env ?? process.env);
    result.push({
      feed: feed.name,
      built: built.report.built,
      ...(last ? { published: { at: last.published, destination: last.destination, listed: last.listed } } : {}),
      listed: built.report.listed,
      ...comparison,
      guards,
      ...(built.report.delta ? { delta: { ...built.report.delta, current: built.report.delta.base === (last?.published ?? null) } } : {}),
    });
  }
  return { feeds: result, changed: result.some((f) => f.added + f.removed + f.changed > 0) };
}
