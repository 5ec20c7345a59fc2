/**
 * The operator's report from the last build: each feed's per-SKU records, read as streams and
 * joined by product (see `join.ts`), counted per feed, across feeds (coverage, top issues),
 * for margins and for stock; the items' counts come from the run report. With `rows`, the
 * per-SKU rows are written on the way.
 */
import { OmnifeedError, osReason } from '../errors.js';
import { readSkuFile, type SkuRecord } from '../output/skus.js';
import type { FeedReport, RunReport } from '../report.js';
import { FeedCounts } from './counts.js';
import { CoverageTally } from './coverage.js';
import { joinRecords } from './join.js';
import { MarginTally } from './margins.js';
import type { SkuRows } from './sku-rows.js';
import { StockTally } from './stock.js';
import { ids, sortTallies } from './tally.js';
import type { FeedOverview, Overview, StockOverview } from './types.js';

export interface FeedInput {
  /** the feed's entry of the run report */
  entry: FeedReport;
  pricing: FeedOverview['pricing'];
  /** its per-SKU records file, and the path messages name it by */
  records: string;
  shown: string;
}

export interface OverviewInput {
  report: RunReport;
  feeds: FeedInput[];
  allocation: StockOverview['allocation'];
  /** descriptions of rule ids and reason codes, for the ones the report names */
  descriptions: Overview['rules'];
  rows?: SkuRows;
}

/** A records file that cannot be read is a build to make again. */
async function* readRecords(feed: FeedInput): AsyncIterable<SkuRecord> {
  try {
    yield* readSkuFile(feed.records);
  } catch (error) {
    throw new OmnifeedError(
      'NOT_BUILT',
      `${feed.shown}: cannot read the per-SKU records of the last build (${osReason(error)}): build again`,
    );
  }
}

function olderBuild(feed: FeedInput): OmnifeedError {
  return new OmnifeedError(
    'NOT_BUILT',
    `${feed.shown}: the per-SKU records of the last build of ${feed.entry.feed} say no product's outcome (an older omnifeed wrote them): build again (omnifeed build ${feed.entry.feed}, or omnifeed report --build)`,
  );
}

export async function summarize(input: OverviewInput): Promise<Overview> {
  const { report, feeds } = input;
  const names = feeds.map((f) => f.entry.feed);
  const counts = feeds.map(() => new FeedCounts());
  const coverage = new CoverageTally(names);
  const margins = new MarginTally(feeds.map((f) => ({ feed: f.entry.feed, channel: f.entry.channel, min_margin: f.pricing.min_margin })));
  const stock = new StockTally(names, input.allocation);
  const products: number[] = [];
  const joined = joinRecords(
    feeds.map((f) => readRecords(f)),
    (i, _records, found) => (products[i] = found),
  );
  for await (const product of joined) {
    product.cells.forEach((cell, i) => cell && counts[i].add(cell));
    coverage.add(product);
    margins.add(product);
    const offers = stock.add(product);
    const pending = input.rows?.add(product, offers);
    if (pending) await pending;
  }
  feeds.forEach((f, i) => {
    if (products[i] === 0 && f.entry.read > 0) throw olderBuild(f);
  });
  coverage.addCatalog(report.catalog.issues);
  const overview: Omit<Overview, 'rules'> = {
    omnifeed: 1,
    built: report.now,
    catalog: {
      file: report.catalog.file,
      products: report.catalog.products,
      groups: report.catalog.groups,
      errors: report.catalog.errors,
      warnings: report.catalog.warnings,
    },
    feeds: feeds.map((f, i) => ({
      feed: f.entry.feed,
      channel: f.entry.channel,
      format: f.entry.format,
      built: f.entry.built,
      pricing: f.pricing,
      products: counts[i].result(),
      items: { listed: f.entry.listed, invalid: sortTallies(f.entry.invalid), warned: sortTallies(f.entry.warned) },
    })),
    coverage: coverage.coverage,
    issues: coverage.topIssues(),
    margins: margins.result(),
    stock: stock.result(),
  };
  return { ...overview, rules: namedRules(overview, input.descriptions) };
}

/** The descriptions of the rule ids and reason codes the report names. */
function namedRules(overview: Omit<Overview, 'rules'>, descriptions: Overview['rules']): Overview['rules'] {
  const named = new Set<string>();
  for (const f of overview.feeds) {
    for (const tallies of [f.products.reasons, f.products.rules, f.products.warnings, f.items.invalid, f.items.warned])
      for (const id of Object.keys(tallies)) named.add(id);
  }
  for (const issue of overview.issues) named.add(issue.rule);
  const { none, partial } = overview.coverage;
  for (const verdict of [...none.map((p) => p.reasons), ...partial.map((p) => p.feeds)].flatMap(Object.values))
    for (const id of ids(verdict)) if (id !== 'listed') named.add(id);
  return Object.fromEntries(
    [...named].sort().map((id) => [id, descriptions[id] ?? { description: 'a reason code of the feed definition (select.exclude)' }]),
  );
}
