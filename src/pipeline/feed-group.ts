/**
 * One listing group through one feed: its decisions counted, its valid items written, every issue
 * collected, its per-SKU records kept. The same work on the main thread and in a feed thread.
 */
import type { CatalogGroup } from '../catalog/catalog.js';
import type { ItemWriter } from '../channels/types.js';
import type { Issue } from '../model.js';
import type { TextSink } from '../output/files.js';
import { count, collect, type FeedReport } from '../report.js';
import type { FeedRunner } from './feed.js';
import { Profile } from './profile.js';
import { groupRecords } from './records.js';

/** One feed of a pass: its compiled runner, its writer, its records and its report. */
export interface FeedOutput {
  runner: FeedRunner;
  writer: ItemWriter;
  /** the per-SKU records of the feed (none for validate) */
  records?: TextSink;
  report: FeedReport;
}

export function newFeedReport(runner: FeedRunner, built: string): FeedReport {
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

/** One group through one feed; its stages timed into `profile` when given. */
export async function feedGroup({ runner, writer, records, report }: FeedOutput, group: CatalogGroup, profile?: Profile): Promise<void> {
  const { decisions, items } = runner.process(group, profile);
  report.read += decisions.length;
  for (const d of decisions) if (d.excluded) count(report.excluded, d.excluded);
  const name = runner.feed.name;
  let started = profile ? Profile.now() : 0;
  if (records) {
    const pending = records.write(groupRecords(decisions, items, runner.channel.offerKeys));
    if (pending) await pending;
    profile?.add(`records: ${name}`, started);
    if (profile) started = Profile.now();
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
  profile?.add(`report & encode: ${name}`, started);
}

/** An item's issue with where the product it is about comes from (a file's line, a database's row), where the rule did not say. */
function withSource(issue: Issue, group: CatalogGroup): Issue {
  if (issue.file !== undefined || issue.sku === undefined) return issue;
  const product = group.parent?.sku === issue.sku ? group.parent : group.variants.find((v) => v.sku === issue.sku);
  if (!product) return issue;
  const { file, line, row } = product.source;
  return { ...issue, file, ...(line !== undefined ? { line } : {}), ...(row !== undefined ? { row } : {}) };
}
