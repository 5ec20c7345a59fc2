/** Reading delta files back with independent parsers, and the demo catalog edited night by night. */
import { parse } from 'csv-parse/sync';

type Row = Record<string, string>;

const cell = (text: string) => (/[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text);

/** The demo catalog (or inventory) with rows changed (`edit` returns the new row, or null to drop it) and rows added after a SKU. */
export function editCsv(text: string, edit: (row: Row) => Row | null, after: Record<string, (row: Row) => Row> = {}): string {
  const [header, ...rows] = parse(text, { bom: true }) as string[][];
  const lines = [header];
  for (const cells of rows) {
    const row = Object.fromEntries(header.map((h, i) => [h, cells[i]]));
    const changed = edit(row);
    if (changed) lines.push(header.map((h) => changed[h] ?? ''));
    const key = row[header[0]];
    if (after[key]) lines.push(header.map((h) => after[key](row)[h] ?? ''));
  }
  return lines.map((l) => l.map(cell).join(',')).join('\n') + '\n';
}

export interface AmazonDoc {
  header: unknown;
  messages: {
    messageId: number;
    sku: string;
    operationType: string;
    productType?: string;
    requirements?: string;
    attributes?: Record<string, unknown[]>;
    patches?: { op: string; path: string; value?: unknown[] }[];
  }[];
}

/** An Amazon delta's operations: SKU -> `UPDATE`, `DELETE`, or `PATCH` with the attributes patched. */
export function amazonOps(doc: AmazonDoc): Record<string, string> {
  return Object.fromEntries(
    doc.messages.map((m) => [
      m.sku,
      m.operationType === 'PATCH'
        ? `PATCH ${m.patches!.map((p) => `${p.op}:${p.path.replace('/attributes/', '')}`).join(',')}`
        : m.operationType,
    ]),
  );
}

/** eBay CSV read back strictly (every record as wide as the header), keyed by the header's column names. */
export function ebayRows(text: string): { header: string[]; rows: Row[] } {
  const [, header, ...records] = parse(text, { bom: true, relax_column_count: false }) as string[][];
  const keys = header.map((h) => h.replace(/^\*/, '').replace(/^Action\(.*\)$/, 'Action'));
  return { header, rows: records.map((r) => Object.fromEntries(keys.map((k, i) => [k, r[i]]))) };
}

export const ndjson = <T>(text: string): T[] =>
  text
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line) as T);

/** Google's delimited text read back: one object per row, by the header's names. */
export function tsvRows(text: string): Row[] {
  const [header, ...lines] = text.split('\n').filter(Boolean);
  const names = header.split('\t');
  return lines.map((line) => Object.fromEntries(line.split('\t').map((v, i) => [names[i], v])));
}
