/**
 * `omnifeed merge-reports`: the run reports of the N shards of a build (`build --shard i/N`)
 * added up into the report of the whole build: every count summed, every file listed, the issues
 * kept up to the report's limit. The shards must be one build's: all N of them, once each, of the
 * same catalog, command and feeds.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { outputFolder } from '../config/outputs.js';
import { REPORT_FILE } from '../output/manifest.js';
import { shardPathPattern } from '../output/shards.js';
import { OmnifeedError } from '../errors.js';
import { openWorkspace } from '../pipeline/session.js';
import { mergeIssues, type FeedReport, type RunReport } from '../report.js';

export interface MergedReports {
  report: RunReport;
  /** what the merge noticed without refusing: shards built on different dates */
  notes: string[];
}

/** A shard report as read: the file it came from (as given), and its report. */
interface ShardReport {
  file: string;
  report: RunReport;
}

const refuse = (message: string) => new OmnifeedError('SHARD_REPORTS', message);

/** The shard reports of the workspace's output folder (`omnifeed-report.shard-i-of-N.json`), for a merge without file names. */
export function shardReportsIn(cwd: string): string[] {
  const workspace = openWorkspace(cwd);
  const dir = outputFolder(workspace);
  const pattern = shardPathPattern(REPORT_FILE);
  let names: string[];
  try {
    names = readdirSync(dir).filter((name) => pattern.test(name));
  } catch {
    names = [];
  }
  if (names.length === 0) {
    throw refuse(
      `${path.relative(cwd, dir) || '.'}/ holds no shard report (omnifeed-report.shard-i-of-N.json): run build --shard i/N first`,
    );
  }
  return names.sort().map((name) => path.join(dir, name));
}

/** Read the shard reports and add them up. `shown` names each file in messages. */
export function mergeReportFiles(files: { path: string; shown: string }[]): MergedReports {
  const shards = files.map(({ path: file, shown }): ShardReport => {
    let report: RunReport;
    try {
      report = JSON.parse(readFileSync(file, 'utf8')) as RunReport;
    } catch (error) {
      const reason = (error as NodeJS.ErrnoException).code ?? (error as Error).message;
      throw refuse(`${shown}: cannot read the run report (${reason})`);
    }
    return { file: shown, report };
  });
  return mergeReports(shards);
}

/** Check that the reports are the N shards of one build, in any order, and add them up in shard order. */
function mergeReports(shards: ShardReport[]): MergedReports {
  for (const { file, report } of shards) {
    if (report?.omnifeed !== 1 || !Array.isArray(report.feeds) || !report.catalog) throw refuse(`${file}: not an omnifeed run report`);
    if (!report.shard) throw refuse(`${file}: not a shard's report (the build ran without --shard)`);
  }
  const count = shards[0].report.shard!.count;
  const byIndex = new Map<number, ShardReport>();
  for (const shard of shards) {
    const { index, count: n } = shard.report.shard!;
    if (n !== count) throw refuse(`${shard.file} is shard ${index} of ${n}, ${shards[0].file} of ${count}: give the reports of one split`);
    const twice = byIndex.get(index);
    if (twice) throw refuse(`${twice.file} and ${shard.file} are both shard ${index} of ${count}`);
    byIndex.set(index, shard);
  }
  const missing = Array.from({ length: count }, (_, i) => i + 1).filter((i) => !byIndex.has(i));
  if (missing.length > 0)
    throw refuse(`shard${missing.length > 1 ? 's' : ''} ${missing.join(', ')} of ${count} missing: every shard's report is needed`);
  const ordered = [...byIndex.keys()].sort((a, b) => a - b).map((i) => byIndex.get(i)!);
  sameBuild(ordered);
  return add(ordered);
}

/** The shards must be of one catalog, one command and the same feeds. */
function sameBuild(shards: ShardReport[]): void {
  const first = shards[0];
  const feedsOf = (r: RunReport) => r.feeds.map((f) => f.feed).join(', ');
  for (const shard of shards.slice(1)) {
    const differ = (what: string, a: string, b: string) =>
      refuse(`${first.file} and ${shard.file} are not of one build: ${what} ${a} and ${b}`);
    if (shard.report.command !== first.report.command) throw differ('command', first.report.command, shard.report.command);
    if (shard.report.catalog.file !== first.report.catalog.file)
      throw differ('catalog', first.report.catalog.file, shard.report.catalog.file);
    if (feedsOf(shard.report) !== feedsOf(first.report)) throw differ('feeds', feedsOf(first.report), feedsOf(shard.report));
  }
}

function add(shards: ShardReport[]): MergedReports {
  const reports = shards.map((s) => s.report);
  const dates = [...new Set(reports.map((r) => r.now))].sort();
  const notes =
    dates.length > 1
      ? [
          `the shards were built on different dates (${dates.join(', ')}): sales and schedules were judged on each; set SOURCE_DATE_EPOCH (or --now) for every shard of a run`,
        ]
      : [];
  const catalogs = reports.map((r) => r.catalog);
  const report: RunReport = {
    omnifeed: 1,
    command: reports[0].command,
    now: dates[0],
    shards: reports.length,
    catalog: {
      file: catalogs[0].file,
      products: sum(catalogs.map((c) => c.products)),
      groups: sum(catalogs.map((c) => c.groups)),
      ...mergeIssues(catalogs),
    },
    feeds: reports[0].feeds.map((_, i) => addFeed(reports.map((r) => r.feeds[i]))),
    errors: sum(reports.map((r) => r.errors)),
    warnings: sum(reports.map((r) => r.warnings)),
  };
  return { report, notes };
}

const sum = (values: number[]) => values.reduce((a, b) => a + b, 0);

/** Counts by key added up, the keys in order. */
function addCounts(counts: Record<string, number>[]): Record<string, number> {
  const total: Record<string, number> = {};
  for (const c of counts) for (const [key, n] of Object.entries(c ?? {})) total[key] = (total[key] ?? 0) + n;
  return Object.fromEntries(Object.entries(total).sort(([a], [b]) => a.localeCompare(b)));
}

function addFeed(feeds: FeedReport[]): FeedReport {
  const [first] = feeds;
  const notes = [...new Set(feeds.flatMap((f) => f.notes ?? []))];
  const columns = Object.assign({}, ...feeds.map((f) => f.columns ?? {})) as Record<string, string>;
  return {
    feed: first.feed,
    channel: first.channel,
    format: first.format,
    built: feeds.map((f) => f.built).sort()[0],
    files: feeds.flatMap((f) => f.files),
    read: sum(feeds.map((f) => f.read)),
    listed: sum(feeds.map((f) => f.listed)),
    excluded: addCounts(feeds.map((f) => f.excluded)),
    invalid: addCounts(feeds.map((f) => f.invalid)),
    warned: addCounts(feeds.map((f) => f.warned)),
    ...(notes.length > 0 ? { notes } : {}),
    ...(first.columns ? { columns } : {}),
    ...mergeIssues(feeds),
  };
}
