/**
 * The building blocks of the report page: escaped text, numbers that say which figure of the
 * JSON report they show (`data-check`, for the page's test; `data-value`, for sorting), rule links,
 * sortable and filterable tables.
 */

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Text as HTML: every character that could start markup is escaped (SKUs and reasons are the catalog's text). */
export const esc = (text: string | number): string => String(text).replace(/[&<>"']/g, (c) => ESCAPES[c]);

export type NumberKind = 'int' | 'pct' | 'money';

/** A number as the page shows it: whole numbers with thousands separators, fractions as percentages. */
export function formatNumber(value: number | undefined, kind: NumberKind = 'int'): string {
  if (value === undefined) return '–';
  // a margin of -0.02 % is not shown as -0.0 %: under a tenth of a point, two decimals
  if (kind === 'pct') return `${(value * 100).toFixed(value !== 0 && Math.abs(value) < 0.001 ? 2 : 1)}%`;
  if (kind === 'money') return value.toFixed(2);
  return value.toLocaleString('en-US');
}

/**
 * A figure of the report in an element: `path` is where the JSON report has it (`feeds.0.products.listed`),
 * which the page's test reads back; `data-value` holds the exact number for sorting.
 */
export function figure(
  tag: 'td' | 'span' | 'strong',
  value: number | undefined,
  path: string | undefined,
  kind: NumberKind = 'int',
): string {
  const attrs = [
    tag === 'td' ? 'class="n"' : '',
    value === undefined ? '' : `data-value="${value}"`,
    path ? `data-check="${esc(path)}"` : '',
  ]
    .filter(Boolean)
    .join(' ');
  return `<${tag} ${attrs}>${formatNumber(value, kind)}</${tag}>`;
}

/** The anchor of a rule id or reason code in the page's list of rules. */
export const ruleAnchor = (id: string) => `rule-${id.replace(/[^a-z0-9-]/gi, '_')}`;

/** A rule id or reason code, linked to its description. */
export const ruleLink = (id: string) => `<a class="rule" href="#${ruleAnchor(id)}">${esc(id)}</a>`;

/** Rule ids of a comma-separated verdict, each linked (`listed` stays plain). */
export const verdictHtml = (verdict: string) =>
  verdict === 'listed' ? '<span class="ok">listed</span>' : verdict.split(',').map(ruleLink).join(', ');

interface Column {
  label: string;
  numeric?: boolean;
}

export interface TableOptions {
  id: string;
  columns: Column[];
  /** rows of cells, each already HTML (`<td>…</td>`) */
  rows: string[][];
  /** a filter box above the table */
  filter?: boolean;
  /** a line under the table: `first 1,000 of 12,345` */
  note?: string;
  empty?: string;
}

/** A table whose headers sort it (click, or Enter) and, with `filter`, a box that keeps the rows holding its text. */
export function table(options: TableOptions): string {
  const { id, columns, rows } = options;
  if (rows.length === 0) return `<p class="empty">${esc(options.empty ?? 'none')}</p>`;
  const head = columns.map((c) => `<th scope="col"${c.numeric ? ' class="n"' : ''}>${esc(c.label)}</th>`).join('');
  const body = rows.map((cells) => `<tr>${cells.join('')}</tr>`).join('\n');
  const filter = options.filter
    ? `<div class="filter"><input type="search" placeholder="filter rows" aria-label="filter the rows of the table" data-filter="${id}"> <span id="${id}-count">${rows.length} of ${rows.length}</span></div>`
    : '';
  const note = options.note ? `<p class="note">${esc(options.note)}</p>` : '';
  return `${filter}<div class="scroll"><table id="${id}" class="sortable"><thead><tr>${head}</tr></thead><tbody>\n${body}\n</tbody></table></div>${note}`;
}

/** A text cell. */
export const cell = (html: string) => `<td>${html}</td>`;

/** `first 1,000 of 12,345` when a list was cut. */
export const cutNote = (shown: number, total: number) =>
  total > shown ? `the first ${shown.toLocaleString('en-US')} of ${total.toLocaleString('en-US')}` : undefined;
