import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Catalog, NeedsIndex, type GroupIndex } from '../catalog/catalog.js';
import type { ChannelContext, ItemWriter } from '../channels/types.js';
import { loadWorkspace } from '../config/load.js';
import type { FeedDefinition, Workspace } from '../config/types.js';
import { OmnifeedError } from '../errors.js';
import { DiscardedFiles, type FeedFiles } from '../output/files.js';
import { REPORT_FILE } from '../output/manifest.js';
import { OutputSet } from '../output/staging.js';
import { FeedRunner, knownNames } from '../pipeline/feed.js';
import { collect, count, type FeedReport, type RunReport } from '../report.js';

export { REPORT_FILE };

export interface BuildOptions {
  /** workspace folder */
  cwd: string;
  /** feed names; the workspace's default feeds when empty */
  feeds?: string[];
  /** the build date; sales and schedules are judged on it */
  now?: Date;
  env?: NodeJS.ProcessEnv;
  /** called now and then with the number of products read */
  onProgress?: (products: number) => void;
}

/** The build date: `now`, else SOURCE_DATE_EPOCH (whole seconds since 1970, as reproducible builds set it), else the clock. */
export function buildDate(options: { now?: Date; env?: NodeJS.ProcessEnv }): Date {
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

export function chooseFeeds(workspace: Workspace, names: string[] = []): FeedDefinition[] {
  const wanted = names.length > 0 ? names : (workspace.config.feeds ?? workspace.feeds.map((f) => f.name));
  return wanted.map((name) => {
    const feed = workspace.feeds.find((f) => f.name === name || f.file === name);
    if (!feed) {
      throw new OmnifeedError('FEED_UNKNOWN', `no feed '${name}' (defined: ${workspace.feeds.map((f) => f.name).join(', ') || 'none'})`);
    }
    return feed;
  });
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
  const workspace = loadWorkspace(options.cwd);
  const feeds = chooseFeeds(workspace, options.feeds);
  const now = buildDate(options);
  const ctx: ChannelContext = { root: workspace.root, now, env: options.env ?? process.env };
  const catalog = new Catalog(workspace);
  const outputDir = path.resolve(workspace.root, workspace.config.output ?? 'out');
  const isKnown = knownNames(() => catalog.columns);
  // compiled afresh for each pass: a channel may keep state across a run (Amazon says a missing definition once)
  const compile = () => Promise.all(feeds.map((feed) => FeedRunner.create(feed, workspace, ctx, isKnown)));
  const runners = await compile();
  const output = write ? OutputSet.open(outputDir, workspace.root) : undefined;
  const filesOf = (feed: FeedDefinition): FeedFiles => output?.feedFiles(feed.name, feed.file) ?? new DiscardedFiles(outputDir);
  const command = write ? 'build' : 'validate';
  try {
    let report: RunReport;
    try {
      report = await pass({ catalog, runners, filesOf, command, now, onProgress: options.onProgress });
    } catch (error) {
      if (!(error instanceof NeedsIndex)) throw error;
      const index = await catalog.index();
      report = await pass({ catalog, runners: await compile(), filesOf, command, now, onProgress: options.onProgress, index });
    }
    if (!output) return report;
    const full = withEarlierFeeds(report, outputDir, workspace);
    output.addText(REPORT_FILE, `${JSON.stringify(full, null, 2)}\n`);
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
  catalog: Catalog;
  runners: FeedRunner[];
  filesOf: (feed: FeedDefinition) => FeedFiles;
  command: RunReport['command'];
  now: Date;
  onProgress?: (products: number) => void;
  /** for a catalog whose variant groups are scattered: from a first read */
  index?: GroupIndex;
}

/** One read of the catalog feeding every feed; on a failure, every feed's staged files are dropped. */
async function pass({ catalog, runners, filesOf, command, now, onProgress, index }: Pass): Promise<RunReport> {
  const report: RunReport = {
    omnifeed: 1,
    command,
    now: now.toISOString(),
    catalog: { file: catalog.file, products: 0, groups: 0, errors: 0, warnings: 0, issues: [] },
    feeds: [],
    errors: 0,
    warnings: 0,
  };
  const outputs = runners.map((runner) => {
    const files = filesOf(runner.feed);
    const feedReport: FeedReport = {
      feed: runner.feed.name,
      channel: runner.feed.channel,
      format: runner.feed.output.format!,
      built: report.now,
      files: [],
      read: 0,
      listed: 0,
      excluded: {},
      invalid: {},
      warned: {},
      errors: 0,
      warnings: 0,
      issues: [],
    };
    report.feeds.push(feedReport);
    return { runner, files, feedReport, writer: undefined as ItemWriter | undefined };
  });
  try {
    for (const output of outputs) output.writer = output.runner.channel.open(output.files);
    for await (const event of catalog.groups(index)) {
      if ('issue' in event) {
        collect(report.catalog, event.issue);
        continue;
      }
      report.catalog.groups++;
      report.catalog.products += event.group.variants.length;
      if (report.catalog.products % 10_000 < event.group.variants.length) onProgress?.(report.catalog.products);
      for (const { runner, feedReport, writer } of outputs) {
        const { decisions, items } = runner.process(event.group);
        feedReport.read += decisions.length;
        for (const d of decisions) if (d.excluded) count(feedReport.excluded, d.excluded);
        for (const item of items) {
          const errors = item.issues.filter((i) => i.severity === 'error');
          for (const issue of item.issues) collect(feedReport, issue);
          if (errors.length > 0) {
            for (const rule of new Set(errors.map((e) => e.rule))) count(feedReport.invalid, rule);
            continue;
          }
          for (const issue of item.issues) count(feedReport.warned, issue.rule);
          feedReport.listed++;
          const pending = writer!.write(item.item);
          if (pending) await pending;
        }
      }
    }
    for (const { writer } of outputs) await writer!.close();
  } catch (error) {
    for (const { files } of outputs) await files.abort();
    throw error;
  }
  for (const { files, feedReport } of outputs) feedReport.files = files.paths.map((file) => path.relative(catalog.workspace.root, file));
  report.errors = report.catalog.errors + report.feeds.reduce((n, f) => n + f.errors, 0);
  report.warnings = report.catalog.warnings + report.feeds.reduce((n, f) => n + f.warnings, 0);
  return report;
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
