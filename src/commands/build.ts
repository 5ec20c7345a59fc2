import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { CatalogEvent, CatalogGroup } from '../catalog/catalog.js';
import type { ItemWriter } from '../channels/types.js';
import type { TextSink } from '../output/files.js';
import type { FeedDefinition, Workspace } from '../config/types.js';
import type { Issue } from '../model.js';
import { DiscardedFiles, type FeedFiles } from '../output/files.js';
import { REPORT_FILE } from '../output/manifest.js';
import { OutputSet } from '../output/staging.js';
import type { FeedRunner } from '../pipeline/feed.js';
import { groupRecords } from '../pipeline/records.js';
import { SKU_HEADER } from '../output/skus.js';
import { ColumnsSeen } from '../pipeline/columns.js';
import { DeltaBuild } from '../delta/build.js';
import { Session, type ReadResult, type SessionOptions } from '../pipeline/session.js';
import { WorkspaceLock } from '../publish/lock.js';
import { stateFolder } from '../publish/state.js';
import { GuardRefused, publishFeeds } from './publish.js';
import { collect, count, type FeedReport, type RunReport } from '../report.js';

export interface BuildOptions extends SessionOptions {
  /** called now and then with the number of products read */
  onProgress?: (products: number) => void;
  /** seconds to wait for another run's workspace lock (default 0) */
  wait?: number;
  /** publish the feeds built, in the same run (`build --publish`); `force` overrides the guards for that reason */
  publish?: { force?: string };
  /** write every feed as a delta against its last publish (feeds with `delta: true` always are) */
  delta?: boolean;
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
  if (!write) return render(session, options, false);
  const { dir, shown } = stateFolder(workspace);
  const lock = await WorkspaceLock.acquire(dir, shown, options.publish ? 'build --publish' : 'build', options.wait);
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

/** Read the catalog into the feeds; with `write`, put the feeds, their records and the run report in place as one set. */
async function render(session: Session, options: BuildOptions, write: boolean): Promise<RunReport> {
  const { workspace, feeds } = session;
  const outputDir = path.resolve(workspace.root, workspace.config.output ?? 'out');
  const output = write ? OutputSet.open(outputDir, workspace.root) : undefined;
  const filesOf = (feed: FeedDefinition): FeedFiles => output?.feedFiles(feed.name, feed.file) ?? new DiscardedFiles(outputDir);
  const command = write ? 'build' : 'validate';
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
      }),
    );
    if (!output) return report;
    delta?.annotate(report);
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
}

/** One feed of a pass: its compiled runner, where its files go, its writer and its report. */
interface FeedOutput {
  runner: FeedRunner;
  files: FeedFiles;
  writer: ItemWriter;
  /** the per-SKU records of the feed (none for validate) */
  records?: TextSink;
  report: FeedReport;
}

function newFeedReport(runner: FeedRunner, built: string): FeedReport {
  return {
    feed: runner.feed.name,
    channel: runner.feed.channel,
    format: runner.feed.output.format!,
    built,
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
}

/**
 * One read of the catalog feeding every feed; on a failure, or when the catalog turns out to
 * keep a variant group apart, every feed's staged files are dropped.
 */
async function pass(events: AsyncIterable<CatalogEvent>, runners: FeedRunner[], options: Pass): Promise<ReadResult<RunReport>> {
  const { command, now, onProgress } = options;
  const catalog = { file: options.file, products: 0, groups: 0, errors: 0, warnings: 0, issues: [] };
  const report: RunReport = { omnifeed: 1, command, now: now.toISOString(), catalog, feeds: [], errors: 0, warnings: 0 };
  const outputs: FeedOutput[] = [];
  const abortAll = async () => {
    for (const { files } of outputs) await files.abort();
  };
  try {
    for (const runner of runners) {
      const files = options.filesOf(runner.feed);
      const { writer, records } = options.delta?.feed(runner, files) ?? { writer: runner.channel.open(files), records: files.records() };
      records?.write(SKU_HEADER);
      outputs.push({ runner, files, writer, records, report: newFeedReport(runner, report.now) });
    }
    for await (const event of events) {
      if ('scattered' in event) {
        await abortAll();
        return { scattered: event.scattered };
      }
      if ('issue' in event) {
        collect(catalog, event.issue);
        continue;
      }
      catalog.groups++;
      catalog.products += event.group.variants.length;
      options.columns.see(event.group);
      if (catalog.products % 10_000 < event.group.variants.length) onProgress?.(catalog.products);
      for (const output of outputs) await feedGroup(output, event.group);
    }
    for (const { writer, records } of outputs) {
      await writer.close();
      await records?.end();
    }
  } catch (error) {
    await abortAll();
    throw error;
  }
  const columns = options.columns.present();
  for (const output of outputs) {
    output.report.files = output.files.paths.map((file) => path.relative(options.root, file));
    const notes = output.runner.channel.channel.notes?.();
    if (notes?.length) output.report.notes = notes;
    output.report.columns = columns;
    report.feeds.push(output.report);
  }
  report.errors = catalog.errors + report.feeds.reduce((n, f) => n + f.errors, 0);
  report.warnings = catalog.warnings + report.feeds.reduce((n, f) => n + f.warnings, 0);
  return { done: report };
}

/** One group through one feed: its decisions counted, its valid items written, every issue collected, its records kept. */
async function feedGroup({ runner, writer, records, report }: FeedOutput, group: CatalogGroup): Promise<void> {
  const { decisions, items } = runner.process(group);
  report.read += decisions.length;
  for (const d of decisions) if (d.excluded) count(report.excluded, d.excluded);
  if (records) {
    const pending = records.write(groupRecords(decisions, items, runner.channel.offerKeys));
    if (pending) await pending;
  }
  for (const item of items) {
    for (const issue of item.issues) collect(report, withSource(issue, group));
    const errors = item.issues.filter((i) => i.severity === 'error');
    if (errors.length > 0) {
      for (const rule of new Set(errors.map((e) => e.rule))) count(report.invalid, rule);
      continue;
    }
    for (const issue of item.issues) count(report.warned, issue.rule);
    report.listed++;
    const pending = writer.write(item.item);
    if (pending) await pending;
  }
}

/** An item's issue with where the product it is about comes from (a file's line, a database's row), where the rule did not say. */
function withSource(issue: Issue, group: CatalogGroup): Issue {
  if (issue.file !== undefined || issue.sku === undefined) return issue;
  const product = group.parent?.sku === issue.sku ? group.parent : group.variants.find((v) => v.sku === issue.sku);
  if (!product) return issue;
  const { file, line, row } = product.source;
  return { ...issue, file, ...(line !== undefined ? { line } : {}), ...(row !== undefined ? { row } : {}) };
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
