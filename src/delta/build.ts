/**
 * The delta side of a build (`build --delta`, or `delta: true` in a feed): for each feed whose
 * channel can send a delta, the feed pass writes through a `DeltaFeed` instead of the channel's
 * writer, against the last-published state read here; the run report says what each delta sends.
 */
import path from 'node:path';
import type { ItemWriter } from '../channels/types.js';
import type { FeedDefinition, Workspace } from '../config/types.js';
import type { FeedFiles, TextSink } from '../output/files.js';
import type { FeedRunner } from '../pipeline/feed.js';
import { readStateMeta, stateFile, stateFolder } from '../publish/state.js';
import type { RunReport } from '../report.js';
import { DeltaFeed, type DeltaBase } from './feed.js';

/** The feeds a build writes as deltas: all of them with `--delta`, else those whose definition says `delta: true`. */
const isDelta = (feed: FeedDefinition, all: boolean) => all || feed.delta === true;

export class DeltaBuild {
  private readonly open = new Map<string, DeltaFeed>();

  private constructor(private readonly bases: Map<string, DeltaBase>) {}

  /** Read the last publish of each delta feed (its header: the files are read as the build goes). */
  static async prepare(workspace: Workspace, feeds: FeedDefinition[], all: boolean): Promise<DeltaBuild | undefined> {
    const chosen = feeds.filter((feed) => isDelta(feed, all));
    if (chosen.length === 0) return undefined;
    const { dir } = stateFolder(workspace);
    const bases = new Map<string, DeltaBase>();
    for (const feed of chosen) {
      const file = stateFile(dir, feed.name);
      const last = await readStateMeta(file, path.relative(workspace.root, file));
      bases.set(feed.name, {
        shown: (at) => path.relative(workspace.root, at),
        published: last?.published ?? null,
        ...(last ? { records: file } : {}),
        ...(last?.items ? { items: path.join(dir, last.items) } : {}),
      });
    }
    return new DeltaBuild(bases);
  }

  /** The writer and records sink of a feed of the pass: a delta's, or undefined for a feed written in full. */
  feed(runner: FeedRunner, files: FeedFiles): { writer: ItemWriter; records: TextSink | undefined } | undefined {
    const base = this.bases.get(runner.feed.name);
    const delta = runner.channel.channel.delta;
    if (!base || !delta) return undefined;
    const feed = new DeltaFeed(delta, files, base, delta.full ? runner.channel.open(files) : undefined);
    this.open.set(runner.feed.name, feed);
    return { writer: feed.writerFor(), records: feed.records(files.records()) };
  }

  /** Each delta feed's entry of the run report says what it sends. */
  annotate(report: RunReport): void {
    for (const entry of report.feeds) {
      const feed = this.open.get(entry.feed);
      if (feed && !entry.kept) entry.delta = feed.report();
    }
  }
}
