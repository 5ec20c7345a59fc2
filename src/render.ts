import type { Explanation } from './commands/explain.js';
import type { Issue } from './model.js';
import type { DiffResult } from './commands/diff.js';
import type { DeltaReport, PublishEntry, RunReport } from './report.js';

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

/** `catalog.csv:12`, or a database row: `sqlite:shop.db row 11` */
const position = (at: { file: string; line?: number; row?: number }) =>
  `${at.file}${at.line ? `:${at.line}` : ''}${at.row ? ` row ${at.row}` : ''}`;

/** `catalog.csv:12 [gtin-check-digit] TEE-1 gtin: …`; `sqlite:shop.db row 11 (Price) [bad-number] TEE-1 price: …` */
export function formatIssue(issue: Issue): string {
  const where = issue.file ? `${position({ ...issue, file: issue.file })}${issue.column !== undefined ? ` (${issue.column})` : ''} ` : '';
  const feed = issue.feed ? `${issue.feed} ` : '';
  const subject = issue.sku ? `${issue.sku}${issue.field ? ` ${issue.field}` : ''}: ` : '';
  return `${issue.severity} ${feed}${where}[${issue.rule}] ${subject}${issue.message}`;
}

/** The human summary of a build or validate run. */
export function formatReport(report: RunReport): string {
  const lines: string[] = [];
  const c = report.catalog;
  const shard = report.shard
    ? ` (shard ${report.shard.index} of ${report.shard.count})`
    : report.shards
      ? ` (the ${report.shards} shards added up)`
      : '';
  lines.push(
    `catalog ${c.file}${shard}: ${plural(c.products, 'product')} in ${plural(c.groups, 'listing')}, ${plural(c.errors, 'unreadable row')}${c.warnings ? `, ${plural(c.warnings, 'warning')}` : ''}`,
  );
  for (const f of report.feeds) {
    if (f.kept) {
      lines.push(`${f.feed} (${f.channel}, ${f.format}): not built now; kept from the build of ${f.built}`);
      continue;
    }
    const excluded = Object.entries(f.excluded)
      .map(([k, n]) => `${k} ${n}`)
      .join(', ');
    const invalid = Object.entries(f.invalid)
      .map(([k, n]) => `${k} ${n}`)
      .join(', ');
    lines.push(
      `${f.feed} (${f.channel}, ${f.format}): ${f.listed} listed of ${f.read} read` +
        (excluded ? `; excluded: ${excluded}` : '') +
        (invalid ? `; invalid: ${invalid}` : '') +
        (f.warnings ? `; ${plural(f.warnings, 'warning')}` : ''),
    );
    for (const note of f.notes ?? []) lines.push(`  ${note}`);
    for (const file of f.files) lines.push(`  ${report.command === 'build' ? 'wrote' : 'would write'} ${file}`);
    if (f.delta) lines.push(...deltaLines(f.delta));
  }
  return lines.join('\n');
}

/** The human form of `omnifeed explain`. */
export function formatExplanation(e: Explanation): string {
  const lines: string[] = [];
  const role =
    e.role === 'parent'
      ? `parent of ${e.variants!.join(', ')}`
      : e.role === 'variant'
        ? `variant of ${e.parent}`
        : e.role === 'skipped'
          ? 'not read: the catalog row was skipped, so no feed has it'
          : 'product';
  lines.push(`${e.sku}: ${role}, ${position(e.source)}`);
  for (const issue of e.issues) lines.push(`  ${formatIssue(issue)}`);
  for (const f of e.feeds) {
    lines.push('', `${f.feed} (${f.channel}): ${f.verdict.toUpperCase()}${f.reason ? ` (${f.reason})` : ''}`);
    for (const r of f.rules) lines.push(`  ${r.matched ? '✓' : '·'} ${r.rule}`);
    if (e.role === 'parent') lines.push('  (a parent row: its variants carry price and stock; explain a variant for them)');
    else {
      if (f.price.steps.length > 0) lines.push(`  price (${f.price.currency}):`, ...f.price.steps.map((s) => `    ${s.step} → ${s.value}`));
      lines.push('  stock:', ...f.stock.steps.map((s) => `    ${s.step} → ${s.value}`), `    offered: ${f.stock.quantity}`);
    }
    lines.push(`  category: ${f.category ? `${f.category.id} (map line '${f.category.matched}')` : 'not mapped'}`);
    for (const [name, value] of Object.entries(f.fields)) lines.push(`  field ${name}: ${JSON.stringify(value)}`);
    for (const item of f.items) {
      lines.push(`  item ${item.sku}: ${JSON.stringify(item.item)}`);
      for (const issue of item.issues) lines.push(`    ${formatIssue(issue)}`);
    }
  }
  return lines.join('\n');
}

/** The human form of `omnifeed diff`: per feed the counts, the changes by field, the first changes, and what the guards would say. */
/** What a delta build sends, for `diff`: its operations by count, its removals by reason. */
function deltaLines(delta: DeltaReport & { current?: boolean }): string[] {
  const counts = (record: Record<string, number>) =>
    Object.entries(record)
      .map(([name, n]) => `${name} ${n}`)
      .join(', ');
  const lines = [
    `  delta: ${counts(delta.operations)}${delta.unknown_before ? ' (the last publish kept no listing state: every listing is sent again)' : ''}`,
  ];
  if (Object.keys(delta.removed).length > 0) lines.push(`  delta removes: ${counts(delta.removed)}`);
  if (delta.current === false)
    lines.push(`  the delta was built against the publish of ${delta.base ?? '(none)'}, not the last one: build again before publishing`);
  return lines;
}

export function formatDiff(result: DiffResult): string {
  const lines: string[] = [];
  for (const f of result.feeds) {
    const since = f.published ? `since the publish of ${f.published.at} to ${f.published.destination}` : 'never published: a first publish';
    lines.push(
      `${f.feed}: ${f.added} added, ${f.removed} removed, ${f.changed} changed, ${f.unchanged} unchanged; listed ${f.listed}${f.published ? ` (was ${f.published.listed})` : ''} (${since})`,
    );
    const fields = Object.entries(f.fields).filter(([, n]) => n > 0);
    if (fields.length > 0) lines.push(`  changed: ${fields.map(([k, n]) => `${k} ${n}`).join(', ')}`);
    for (const sample of f.samples) lines.push(`  ${sample}`);
    const shown = f.samples.length;
    const total = f.added + f.removed + f.fields.price + f.fields.sale_price + f.fields.quantity + f.fields.content;
    if (total > shown) lines.push(`  … and ${total - shown} more (--json for the counts)`);
    for (const g of f.guards.filter((g) => !g.passed)) lines.push(`  a publish would be refused: ${g.message}`);
    if (f.delta) lines.push(...deltaLines(f.delta));
  }
  return lines.join('\n');
}

/** The human form of `omnifeed publish`. */
export function formatPublish(entries: PublishEntry[]): string {
  const lines: string[] = [];
  for (const e of entries) {
    const { added, removed, changed } = e.changes;
    lines.push(
      `${e.feed}: ${e.status} to ${e.destination} (${added} added, ${removed} removed, ${changed} changed${e.first ? '; first publish' : ''})`,
    );
    if (e.forced)
      lines.push(`  forced (${e.forced.reason})${e.forced.overrode.length ? `: overrode ${e.forced.overrode.join(', ')}` : ''}`);
    if (e.status === 'published') for (const file of e.files) lines.push(`  sent ${file}`);
    for (const file of e.removed ?? []) lines.push(`  removed ${file}`);
    if (e.host_key) lines.push(`  host key ${e.host_key}`);
  }
  return lines.join('\n');
}
