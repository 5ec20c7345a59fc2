/**
 * One run's set-up, the same for build, validate and explain: the workspace and the feeds
 * chosen, the build date, the catalog and its columns, and the feeds compiled for them. A read
 * of the catalog goes through `read`, which reads a catalog whose variant groups are scattered
 * a second time, indexed.
 */
import { Catalog, type CatalogEvent } from '../catalog/catalog.js';
import { findChannel } from '../channels/index.js';
import type { ChannelContext } from '../channels/types.js';
import { loadWorkspace } from '../config/load.js';
import type { FeedDefinition, Workspace } from '../config/types.js';
import { OmnifeedError } from '../errors.js';
import { FeedRunner, knownNames } from './feed.js';
import type { KnownNames } from './names.js';
import type { Shard } from '../output/shards.js';
import { shardFeeds } from './shard.js';

export interface SessionOptions {
  /** workspace folder */
  cwd: string;
  /** feed names; the workspace's default feeds when empty */
  feeds?: string[];
  /** the build date; sales and schedules are judged on it */
  now?: Date;
  env?: NodeJS.ProcessEnv;
  /** `--shard i/N`: the feeds write the shard's files (see `shard.ts`) */
  shard?: Shard;
}

/** Read and check a workspace, its feeds' channels, formats and options included. */
export const openWorkspace = (root: string): Workspace => loadWorkspace(root, findChannel);

/** The build date: `now`, else SOURCE_DATE_EPOCH (whole seconds since 1970, as reproducible builds set it), else the clock. */
function buildDate(options: { now?: Date; env?: NodeJS.ProcessEnv }): Date {
  if (options.now) return options.now;
  const epoch = options.env?.SOURCE_DATE_EPOCH;
  if (epoch === undefined || epoch === '') return new Date();
  const date = new Date(Number(epoch) * 1000);
  if (!/^\d{1,15}$/.test(epoch.trim()) || Number.isNaN(date.getTime())) {
    throw new OmnifeedError(
      'USAGE',
      `SOURCE_DATE_EPOCH: '${epoch}' is not a whole number of seconds since 1970-01-01 (unset it to use the clock)`,
    );
  }
  return date;
}

/** The feeds named, or the workspace's default feeds (those omnifeed.yaml lists, else all); a shard's write the shard's files. */
export function chooseFeeds(workspace: Workspace, names: string[] = [], shard?: Shard): FeedDefinition[] {
  const wanted = names.length > 0 ? names : (workspace.config.feeds ?? workspace.feeds.map((f) => f.name));
  const chosen = wanted.map((name) => {
    const feed = workspace.feeds.find((f) => f.name === name || f.file === name);
    if (!feed) {
      throw new OmnifeedError('FEED_UNKNOWN', `no feed '${name}' (defined: ${workspace.feeds.map((f) => f.name).join(', ') || 'none'})`);
    }
    return feed;
  });
  return shardFeeds(chosen, shard);
}

/** What a read of the catalog makes of it: a result, or the request to read again with an index. */
export type ReadResult<T> = { done: T } | { scattered: string };

export class Session {
  private constructor(
    readonly workspace: Workspace,
    readonly feeds: FeedDefinition[],
    readonly ctx: ChannelContext,
    readonly catalog: Catalog,
    private readonly isKnown: KnownNames,
    /** the catalog's header (CSV, TSV); undefined for JSON sources, which have none */
    readonly header: ReadonlySet<string> | undefined,
  ) {}

  static async open(options: SessionOptions): Promise<Session> {
    const workspace = openWorkspace(options.cwd);
    const feeds = chooseFeeds(workspace, options.feeds, options.shard);
    const ctx: ChannelContext = { root: workspace.root, now: buildDate(options), env: options.env ?? process.env };
    const catalog = new Catalog(workspace, ctx.env);
    const header = await catalog.columns();
    return new Session(workspace, feeds, ctx, catalog, knownNames(header), header);
  }

  get now(): Date {
    return this.ctx.now;
  }

  /** The feeds compiled for a read: expressions, templates, category maps, channels (afresh for each: a channel may keep state across a read). */
  compile(): Promise<FeedRunner[]> {
    return Promise.all(this.feeds.map((feed) => FeedRunner.create(feed, this.workspace, this.ctx, this.isKnown)));
  }

  /**
   * Give the catalog's groups and freshly compiled feeds to `pass`. A catalog whose variants
   * follow their parent is read once; when `pass` meets a scattered group it stops and returns
   * `{ scattered }`, and the catalog is indexed and read again.
   */
  async read<T>(pass: (events: AsyncIterable<CatalogEvent>, runners: FeedRunner[]) => Promise<ReadResult<T>>): Promise<T> {
    const first = await pass(this.catalog.groups(), await this.compile());
    if ('done' in first) return first.done;
    const index = await this.catalog.index();
    const second = await pass(this.catalog.groups(index), await this.compile());
    if ('done' in second) return second.done;
    throw new Error(`the indexed read found variant group '${second.scattered}' scattered`);
  }
}
