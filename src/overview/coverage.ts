/** Across feeds: how many feeds list each product, the products missing somewhere, and the rules that keep them off. */
import type { Issue } from '../model.js';
import type { SkuRecord } from '../output/skus.js';
import type { Joined } from './join.js';
import { ids } from './tally.js';
import { LIST_LIMIT, SAMPLE_LIMIT, type Coverage, type TopIssue } from './types.js';

/** What a feed's cell says of a product: `listed`, or why not (a feed whose last build did not read it: `not-in-build`). */
export const verdict = (cell: SkuRecord | undefined): string =>
  !cell ? 'not-in-build' : cell.outcome === 'listed' ? 'listed' : (cell.reason ?? cell.outcome ?? 'unknown');

export class CoverageTally {
  readonly coverage: Coverage;
  private readonly issues = new Map<string, TopIssue>();

  constructor(readonly feeds: string[]) {
    this.coverage = { feeds, on: feeds.map(() => 0).concat(0), none: [], partial: [], partial_total: 0 };
  }

  add({ sku, cells }: Joined): void {
    const listed = cells.filter((c) => c?.outcome === 'listed').length;
    const c = this.coverage;
    c.on[listed]++;
    const verdicts = () => Object.fromEntries(this.feeds.map((feed, i) => [feed, verdict(cells[i])]));
    if (listed === 0 && c.none.length < LIST_LIMIT) c.none.push({ sku, reasons: verdicts() });
    if (listed > 0 && listed < this.feeds.length) {
      c.partial_total++;
      if (c.partial.length < LIST_LIMIT) c.partial.push({ sku, feeds: verdicts() });
    }
    this.addIssues(sku, cells);
  }

  /** Each error rule of the product's invalid cells: once per product, once per product and feed. */
  private addIssues(sku: string, cells: Joined['cells']): void {
    const rules = new Set<string>();
    cells.forEach((cell, i) => {
      if (cell?.outcome !== 'invalid') return;
      for (const rule of ids(cell.reason)) {
        const issue = this.issue(rule, 'feed');
        issue.pairs++;
        issue.feeds[this.feeds[i]] = (issue.feeds[this.feeds[i]] ?? 0) + 1;
        rules.add(rule);
      }
    });
    for (const rule of rules) {
      const issue = this.issue(rule, 'feed');
      issue.products++;
      if (issue.samples.length < SAMPLE_LIMIT) issue.samples.push(sku);
    }
  }

  private issue(rule: string, source: TopIssue['source']): TopIssue {
    const key = `${source}:${rule}`;
    let issue = this.issues.get(key);
    if (!issue) this.issues.set(key, (issue = { rule, source, products: 0, pairs: 0, feeds: {}, samples: [] }));
    return issue;
  }

  /** The catalog's error rules (from the run report's issues): a row skipped is a product off every feed. */
  addCatalog(issues: readonly Issue[]): void {
    for (const found of issues) {
      if (found.severity !== 'error') continue;
      const issue = this.issue(found.rule, 'catalog');
      issue.products++;
      issue.pairs += this.feeds.length;
      for (const feed of this.feeds) issue.feeds[feed] = (issue.feeds[feed] ?? 0) + 1;
      if (found.sku && issue.samples.length < SAMPLE_LIMIT) issue.samples.push(found.sku);
    }
  }

  /** The rules that keep the most products off the most feeds, first. */
  topIssues(): TopIssue[] {
    return [...this.issues.values()].sort((a, b) => b.pairs - a.pairs || b.products - a.products || a.rule.localeCompare(b.rule));
  }
}
