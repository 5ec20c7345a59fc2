/**
 * `--junit FILE`: the run as a JUnit XML report, which CI systems display: one test suite per
 * feed (and one for the catalog), one test case per rule: failed when the rule found errors,
 * passed (with its warnings as output) otherwise; and, when the run published, one per guard.
 */
import { findChannel } from './channels/index.js';
import { catalogRules } from './catalog/rules.js';
import type { Issue } from './model.js';
import type { FeedReport, RunReport } from './report.js';

/** Characters XML 1.0 cannot carry are dropped; markup characters are escaped. */
const xml = (text: string) =>
  text
    .replace(/[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;');

interface Case {
  name: string;
  /** the failure: a one-line message and the detail */
  failure?: { message: string; detail: string };
  /** output of a passed case (its warnings) */
  output?: string;
}

const where = (i: Issue) =>
  `${i.file ? `${i.file}${i.line ? `:${i.line}` : ''} ` : ''}${i.sku ?? ''}${i.field ? ` ${i.field}` : ''}: ${i.message}`;

function ruleCases(ids: string[], issues: Issue[], counts: { errors: Record<string, number>; warnings: Record<string, number> }): Case[] {
  const all = [...new Set([...ids, ...issues.map((i) => i.rule)])];
  return all.map((rule) => {
    const own = issues.filter((i) => i.rule === rule);
    const errors = own.filter((i) => i.severity === 'error');
    const detail = own.map(where).join('\n');
    const count = counts.errors[rule] ?? errors.length;
    if (errors.length > 0 || count > 0) return { name: rule, failure: { message: `${count} × ${rule}`, detail } };
    const warned = counts.warnings[rule] ?? own.length;
    return { name: rule, ...(own.length > 0 ? { output: `${warned} warning${warned === 1 ? '' : 's'}\n${detail}` } : {}) };
  });
}

function feedCases(feed: FeedReport, report: RunReport): Case[] {
  const ids = (findChannel(feed.channel)?.rules ?? []).map((r) => r.id);
  const cases = ruleCases(ids, feed.issues, { errors: feed.invalid, warnings: feed.warned });
  const published = report.publish?.find((e) => e.feed === feed.feed);
  for (const g of published?.guards ?? []) {
    cases.push({
      name: `guard ${g.guard}`,
      ...(g.passed ? { output: g.message } : { failure: { message: g.message, detail: g.message } }),
    });
  }
  return cases;
}

function suite(name: string, cases: Case[]): string {
  const failures = cases.filter((c) => c.failure).length;
  const body = cases.map((c) => {
    const open = `    <testcase classname="${xml(name)}" name="${xml(c.name)}"`;
    if (c.failure)
      return `${open}>\n      <failure message="${xml(c.failure.message)}" type="error">${xml(c.failure.detail)}</failure>\n    </testcase>`;
    if (c.output) return `${open}>\n      <system-out>${xml(c.output)}</system-out>\n    </testcase>`;
    return `${open}/>`;
  });
  return `  <testsuite name="${xml(name)}" tests="${cases.length}" failures="${failures}" errors="0">\n${body.join('\n')}\n  </testsuite>`;
}

/** The JUnit XML of a build or validate run. */
export function junitReport(report: RunReport): string {
  const suites: [string, Case[]][] = [
    ['catalog', ruleCases(Object.keys(catalogRules), report.catalog.issues, { errors: {}, warnings: {} })],
  ];
  for (const feed of report.feeds) if (!feed.kept) suites.push([feed.feed, feedCases(feed, report)]);
  const tests = suites.reduce((n, [, c]) => n + c.length, 0);
  const failures = suites.reduce((n, [, c]) => n + c.filter((x) => x.failure).length, 0);
  return `<?xml version="1.0" encoding="UTF-8"?>\n<testsuites name="omnifeed ${report.command}" tests="${tests}" failures="${failures}" errors="0">\n${suites.map(([n, c]) => suite(n, c)).join('\n')}\n</testsuites>\n`;
}
