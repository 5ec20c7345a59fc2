import type { Issue } from './model.js';
import type { RunReport } from './report.js';

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

/** `catalog.csv:12 [gtin-check-digit] TEE-1 gtin: …` */
export function formatIssue(issue: Issue): string {
  const where = issue.file ? `${issue.file}${issue.line ? `:${issue.line}` : ''}${issue.column !== undefined ? ` (${issue.column})` : ''} ` : '';
  const feed = issue.feed ? `${issue.feed} ` : '';
  const subject = issue.sku ? `${issue.sku}${issue.field ? ` ${issue.field}` : ''}: ` : '';
  return `${issue.severity} ${feed}${where}[${issue.rule}] ${subject}${issue.message}`;
}

/** The human summary of a build or validate run. */
export function formatReport(report: RunReport): string {
  const lines: string[] = [];
  const c = report.catalog;
  lines.push(`catalog ${c.file}: ${plural(c.products, 'product')} in ${plural(c.groups, 'listing')}, ${plural(c.errors, 'unreadable row')}${c.warnings ? `, ${plural(c.warnings, 'warning')}` : ''}`);
  for (const f of report.feeds) {
    const excluded = Object.entries(f.excluded).map(([k, n]) => `${k} ${n}`).join(', ');
    const invalid = Object.entries(f.invalid).map(([k, n]) => `${k} ${n}`).join(', ');
    lines.push(`${f.feed} (${f.channel}, ${f.format}): ${f.listed} listed of ${f.read} read` + (excluded ? `; excluded: ${excluded}` : '') + (invalid ? `; invalid: ${invalid}` : '') + (f.warnings ? `; ${plural(f.warnings, 'warning')}` : ''));
    for (const file of f.files) lines.push(`  ${report.command === 'build' ? 'wrote' : 'would write'} ${file}`);
  }
  return lines.join('\n');
}
