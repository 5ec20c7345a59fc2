import { readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import path from 'node:path';
import type { CatalogEvent, CatalogGroup } from '../catalog/catalog.js';
import { outputFolder } from '../config/outputs.js';
import type { FeedDefinition, Workspace } from '../config/types.js';
import { DiscardedFiles, type FeedFiles } from '../output/files.js';
import { REPORT_FILE } from '../output/manifest.js';
import { shardPath, type Shard } from '../output/shards.js';
import { shardEvents } from '../pipeline/shard.js';
import { OmnifeedError } from '../errors.js';
import { OutputSet } from '../output/staging.js';
import type { FeedRunner } from '../pipeline/feed.js';
import { feedGroup, newFeedReport, type FeedOutput } from '../pipeline/feed-group.js';
import { Profile } from '../pipeline/profile.js';
import { FeedThreads, threadsAvailable, type ThreadsOptions } from '../pipeline/threads.js';
import { SKU_HEADER } from '../output/skus.js';
import { ColumnsSeen } from '../pipeline/columns.js';
import { DeltaBuild } from '../delta/build.js';
import { Session, type ReadResult, type SessionOptions } from '../pipeline/session.js';
import { WorkspaceLock } from '../publish/lock.js';
import { stateFolder } from '../publish/state.js';
import { GuardRefused, publishFeeds } from './publish.js';
import { collect, type FeedReport, type RunReport } from '../report.js';

export interface BuildOptions extends SessionOptions {
  /** called now and then with the number of products read */
  onProgress?: (products: number) => void;
  /** seconds to wait for another run's workspace lock (default 0) */
  wait?: number;
  /** publish the feeds built, in the same run (`build --publish`); `force` overrides the guards for that reason */
  publish?: { force?: string };
  /** write every feed as a delta against its last publish (feeds with `delta: true` always are) */
  delta?: boolean;
  /** feed threads (`--threads N`): the available cores by default; 0 builds on the main thread */
  threads?: number;
  /** `--profile`: called once, after the build, with the time per stage (see `pipeline/profile.ts`) */
  onProfile?: (text: string) => void;
}

/** How many feed threads a build uses: none where the thread's script is not built (running from the TypeScript sources). */
function threadCount(options: BuildOptions): number {
  if (!threadsAvailable()) return 0;
  return options.threads ?? availableParallelism();
}

/** Render the feeds and write them, with the run report, atomically. */
export function build(options: BuildOptions): Promise<RunReport> {
  return run(options, true);
}

/** The same checks as build; no feed file or report is written. */
export function validate(options: BuildOptions): Promise<RunReport> {
  return run(options, false);
}

async function run(options: BuildOptions, write: boolean): Promise<RunReport> {
  const session = await Session.open(options);
  const { workspace, feeds } = session;
  if (options.shard) refuseInShards(options, feeds);
  if (!write) return render(session, options, false);
  const { dir, shown } = stateFolder(workspace);
  const lock = await WorkspaceLock.acquire(dir, shown, options.publish ? 'build --publish' : 'build', options.wait, options.shard);
  try {
    const report = await render(session, options, true);
    if (!options.publish) return report;
    try {
      const { feeds: published } = await publishFeeds(workspace, feeds, { ...options, ...options.publish });
      return { ...report, publish: published };
    } catch (error) {
      if (error instanceof GuardRefused) error.report = report;
      throw error;
    }
  } finally {
    lock.release();
  }
}

/** What a shard cannot do: a delta is made against the listing state of the whole feed. */
function refuseInShards(options: BuildOptions, feeds: FeedDefinition[]): void {
  const why = "a delta is made against the whole feed's listings: build deltas without --shard";
  if (options.delta) throw new OmnifeedError('USAGE', `--delta and --shard: ${why}`);
  const delta = feeds.find((f) => f.delta === true);
  if (delta) throw new OmnifeedError('USAGE', `--shard: ${delta.name} is a delta feed (delta: true in ${delta.file}): ${why}`);
}

/** Read the catalog into the feeds; with `write`, put the feeds, their records and the run report in place as one set. */
async function render(session: Session, options: BuildOptions, write: boolean): Promise<RunReport> {
  const { workspace, feeds } = session;
  const outputDir = outputFolder(workspace);
  const { shard } = options;
  const output = write ? OutputSet.open(outputDir, workspace.root, shard) : undefined;
  const filesOf = (feed: FeedDefinition): FeedFiles => output?.feedFiles(feed.name, feed.file) ?? new DiscardedFiles(outputDir);
  const command = write ? 'build' : 'validate';
  const threads = threadCount(options);
  const header = session.header ? [...session.header] : undefined;
  const profile = options.onProfile ? new Profile() : undefined;
  const started = Profile.now();
  try {
    const delta = write ? await DeltaBuild.prepare(workspace, feeds, options.delta === true) : undefined;
    const report = await session.read((events, runners) =>
      pass(events, runners, {
        root: workspace.root,
        file: session.catalog.file,
        filesOf,
        command,
        now: session.now,
        onProgress: options.onProgress,
        columns: new ColumnsSeen(workspace, session.header),
        delta,
        profile,
        shard,
        // a delta compares each item with the listing state as it is written: on this thread
        threads:
          threads > 0 && !delta
            ? { threads, cwd: workspace.root, now: session.now.toISOString(), env: { ...session.ctx.env }, header, shard }
            : undefined,
      }),
    );
    if (profile) options.onProfile!(profile.format(Profile.now() - started));
    if (!output) return report;
    delta?.annotate(report);
    // a shard's report is of its own files: the whole build's report and files stay as they are
    const full = shard ? report : withEarlierFeeds(report, outputDir, workspace);
    output.addText(shard ? shardPath(REPORT_FILE, shard) : REPORT_FILE, `${JSON.stringify(full, null, 2)}\n`);
    output.commit(
      report.now,
      feeds.map((f) => f.name),
      workspace.feeds.map((f) => f.name),
    );
    return full;
  } catch (error) {
    await output?.abort();
    throw error;
  }
}

interface Pass {
  /** workspace folder: report paths are relative to it */
  root: string;
  /** the catalog as reports name it */
  file: string;
  filesOf: (feed: FeedDefinition) => FeedFiles;
  command: RunReport['command'];
  now: Date;
  onProgress?: (products: number) => void;
  /** the catalog's mapped columns, for the `lost_columns` guard */
  columns: ColumnsSeen;
  /** the feeds written as deltas */
  delta?: DeltaBuild;
  /** build the feeds on this many feed threads; on the main thread when undefined */
  threads?: Omit<ThreadsOptions, 'feeds' | 'filesOf' | 'records' | 'timing'>;
  profile?: Profile;
  /** build only the listing groups of this shard, and only its catalog issues */
  shard?: Shard;
}

/** Where a pass's groups go: the feeds built on this thread, or on feed threads. */
interface Builder {
  add(group: CatalogGroup): Promise<void>;
  finish(): Promise<FeedReport[]>;
  abort(): Promise<void>;
}

/** The feeds built here, one group after the other. */
function onThisThread(runners: FeedRunner[], options: Pass, built: string): Builder & { files: FeedFiles[] } {
  const outputs: FeedOutput[] = [];
  const files: FeedFiles[] = [];
  for (const runner of runners) {
    const feedFiles = options.filesOf(runner.feed);
    files.push(feedFiles);
    const { writer, records } = options.delta?.feed(runner, feedFiles) ?? {
      writer: runner.channel.open(feedFiles),
      records: feedFiles.records(),
    };
    records?.write(SKU_HEADER);
    outputs.push({ runner, writer, records, report: newFeedReport(runner, built) });
  }
  return {
    files,
    async add(group) {
      for (const output of outputs) await feedGroup(output, group, options.profile);
    },
    async finish() {
      for (const { writer, records } of outputs) {
        await writer.close();
        await records?.end();
      }
      return outputs.map(({ runner, report }) => {
        const notes = runner.channel.channel.notes?.();
        return notes?.length ? { ...report, notes } : report;
      });
    },
    async abort() {
      for (const f of files) await f.abort();
    },
  };
}

/** The feeds built on feed threads (see `pipeline/threads.ts`). */
function onThreads(runners: FeedRunner[], options: Pass): Builder & { files: FeedFiles[] } {
  const files = new Map<FeedDefinition, FeedFiles>();
  const filesOf = (feed: FeedDefinition) => {
    if (!files.has(feed)) files.set(feed, options.filesOf(feed));
    return files.get(feed)!;
  };
  const feeds = runners.map((r) => r.feed);
  for (const feed of feeds) filesOf(feed);
  const threads = new FeedThreads({ ...options.threads!, feeds, filesOf, records: options.command === 'build', timing: options.profile });
  return {
    files: feeds.map(filesOf),
    add: (group) => threads.send(group),
    finish: () => threads.finish(),
    async abort() {
      await threads.abort();
      for (const f of files.values()) await f.abort();
    },
  };
}

/** A group of the catalog counted, its columns seen, the progress told. */
function seen(catalog: RunReport['catalog'], group: CatalogGroup, options: Pass): CatalogGroup {
  catalog.groups++;
  catalog.products += group.variants.length;
  options.columns.see(group);
  if (catalog.products % 10_000 < group.variants.length) options.onProgress?.(catalog.products);
  return group;
}

/**
 * One read of the catalog feeding every feed; on a failure, or when the catalog turns out to
 * keep a variant group apart, every feed's staged files are dropped.
 */
async function pass(events: AsyncIterable<CatalogEvent>, runners: FeedRunner[], options: Pass): Promise<ReadResult<RunReport>> {
  const { command, now } = options;
  const catalog = { file: options.file, products: 0, groups: 0, errors: 0, warnings: 0, issues: [] };
  const { shard } = options;
  const report: RunReport = {
    omnifeed: 1,
    command,
    now: now.toISOString(),
    ...(shard ? { shard } : {}),
    catalog,
    feeds: [],
    errors: 0,
    warnings: 0,
  };
  const builder = options.threads ? onThreads(runners, options) : onThisThread(runners, options, report.now);
  let feeds: FeedReport[];
  const { profile } = options;
  let waited = profile ? Profile.now() : 0;
  try {
    for await (const event of shard ? shardEvents(events, shard) : events) {
      profile?.add('read, parse & normalize the catalog (main thread)', waited);
      if ('scattered' in event) {
        await builder.abort();
        return { scattered: event.scattered };
      }
      if ('issue' in event) collect(catalog, event.issue);
      else await builder.add(seen(catalog, event.group, options));
      if (profile) waited = Profile.now();
    }
    feeds = await builder.finish();
  } catch (error) {
    await builder.abort();
    throw error;
  }
  const columns = options.columns.present();
  feeds.forEach((feed, i) => {
    feed.files = builder.files[i].paths.map((file) => path.relative(options.root, file));
    feed.columns = columns;
    report.feeds.push(feed);
  });
  report.errors = catalog.errors + report.feeds.reduce((n, f) => n + f.errors, 0);
  report.warnings = catalog.warnings + report.feeds.reduce((n, f) => n + f.warnings, 0);
  return { done: report };
}

/**
 * The run report of a build of some feeds keeps the entries of the workspace's other feeds from
 * the previous report (their files are still in the output folder), marked `kept` with their build date.
 */
function withEarlierFeeds(report: RunReport, outputDir: string, workspace: Workspace): RunReport {
  let previous: RunReport | undefined;
  try {
    previous = JSON.parse(readFileSync(path.join(outputDir, REPORT_FILE), 'utf8')) as RunReport;
  } catch {
    return report;
  }
  const built = new Set(report.feeds.map((f) => f.feed));
  const defined = new Set(workspace.feeds.map((f) => f.name));
  const earlier = (Array.isArray(previous?.feeds) ? previous.feeds : [])
    .filter((f) => f && !built.has(f.feed) && defined.has(f.feed))
    .map((f): FeedReport => ({ ...f, built: f.built ?? previous!.now, kept: true }));
  if (earlier.length === 0) return report;
  return { ...report, feeds: [...report.feeds, ...earlier].sort((a, b) => a.feed.localeCompare(b.feed)) };
}
