import { writeFileSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { Catalog } from '../../src/catalog/catalog.js';
import { loadWorkspace } from '../../src/config/load.js';
import type { Issue, Product } from '../../src/model.js';
import { GOOGLE_FEED, tempWorkspace } from '../helpers/workspace.js';

/**
 * Pieces that break CSV readers: quotes, separators, line breaks, BOMs, surrogates, emoji. No
 * carriage returns: csv-parse counts a CRLF inside quotes as two lines, which the reader corrects
 * for rows it reads but cannot for rows it skips (see the README), so line ranges would not match.
 */
const nasty = fc.constantFrom('"', '""', ',', ';', '\t', '\n', '\uFEFF', '\u0000', '😀', 'é', '\uD800', ' ', '=1+1', '1e3', '-5');
const cellText = fc.array(fc.oneof(fc.string({ maxLength: 6 }), nasty), { maxLength: 6 }).map((parts) => parts.join('').replace(/\r/g, ''));

/** A cell written as a careful exporter would (RFC 4180 quoting), or pasted raw as a careless one would. */
const cell = fc.record({ text: cellText, raw: fc.boolean() });
const quote = ({ text, raw }: { text: string; raw: boolean }) => (raw || !/[",\r\n]/.test(text) ? text : `"${text.replace(/"/g, '""')}"`);

/** Rows with unique, plain SKUs and three random cells each. */
const rows = fc.array(fc.tuple(cell, cell, cell), { maxLength: 25 });

const ws = tempWorkspace({ 'omnifeed.yaml': 'catalog: { path: catalog.csv }\n', 'feeds/google.yaml': GOOGLE_FEED });
afterAll(() => ws.dispose());

async function readAll(file: string, data: string | Buffer, config = 'catalog: { path: catalog.csv }\n') {
  writeFileSync(path.join(ws.dir, 'omnifeed.yaml'), config);
  writeFileSync(path.join(ws.dir, file), data);
  const products: Product[] = [];
  const issues: Issue[] = [];
  for await (const event of new Catalog(loadWorkspace(ws.dir)).groups()) {
    if ('issue' in event) issues.push(event.issue);
    else if ('group' in event) products.push(...(event.group.parent ? [event.group.parent] : []), ...event.group.variants);
  }
  return { products, issues };
}

/** The lines an issue covers: its line, or the range its message names (`lines 4-9 skipped`). */
function covers(issue: Issue, line: number): boolean {
  const range = /^lines (\d+)-(\d+)/.exec(issue.message);
  return range ? Number(range[1]) <= line && line <= Number(range[2]) : issue.line === line;
}

describe('the CSV reader on random catalogs', () => {
  it('never fails, and reads or reports every row (by SKU, or by a line range that holds it)', async () => {
    await fc.assert(
      fc.asyncProperty(rows, async (generated) => {
        const lines = ['sku,title,description,price'];
        const starts: [sku: string, line: number][] = [];
        let line = 2;
        generated.forEach(([title, description, price], i) => {
          const sku = `SKU-${i}`;
          const text = `${sku},${quote(title)},${quote(description)},${quote(price)}`;
          starts.push([sku, line]);
          lines.push(text);
          line += text.split(/\r\n|\r|\n/).length - 1 + 1;
        });
        const { products, issues } = await readAll('catalog.csv', `${lines.join('\n')}\n`);
        const read = new Set(products.map((p) => p.sku));
        const named = new Set(issues.map((i) => i.sku));
        // a quote opened in one row and closed in a later one is valid CSV: the rows between are the text of
        // one cell, which a product carries or its issue quotes; that row is not lost either
        const swallowed = (sku: string) =>
          products.some((p) => Object.values(p).some((v) => typeof v === 'string' && v.includes(`\n${sku},`))) ||
          issues.some((i) => i.message.includes(`\n${sku},`));
        // or the row's lines belong to a record that starts above it and was reported (a quoted cell over several lines)
        const firstLines = [...products.map((p) => p.source.line ?? 0), ...issues.map((i) => i.line ?? 0)];
        const inReported = (at: number) => {
          const start = Math.max(0, ...firstLines.filter((l) => l <= at));
          return issues.some((i) => i.line === start);
        };
        for (const [sku, at] of starts) {
          const found = read.has(sku) || named.has(sku) || issues.some((i) => covers(i, at)) || swallowed(sku) || inReported(at);
          expect(found, `${sku} at line ${at}: ${JSON.stringify(issues)}`).toBe(true);
        }
      }),
      { numRuns: 150 },
    );
  });

  it('never fails on random bytes after the header; every issue names its file and line', async () => {
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ maxLength: 400 }), async (bytes) => {
        const data = Buffer.concat([Buffer.from('sku,title,price\nA-1,First,1.00\n'), Buffer.from(bytes)]);
        const { issues } = await readAll('catalog.csv', data);
        for (const issue of issues) {
          expect(issue.file).toBe('catalog.csv');
          expect(issue.line).toBeGreaterThan(1);
        }
      }),
      { numRuns: 150 },
    );
  });

  it('reads or reports every NDJSON line', async () => {
    const line = fc.oneof(
      fc
        .record({ sku: fc.string({ minLength: 1, maxLength: 5 }), price: fc.oneof(fc.double(), fc.string(), fc.constant(null)) })
        .map((o) => JSON.stringify(o)),
      cellText,
    );
    await fc.assert(
      fc.asyncProperty(fc.array(line, { maxLength: 20 }), async (texts) => {
        const clean = texts.map((t) => t.replace(/[\r\n\u2028\u2029]/g, ' '));
        const { products, issues } = await readAll('catalog.ndjson', `${clean.join('\n')}\n`, 'catalog: { path: catalog.ndjson }\n');
        clean.forEach((text, i) => {
          if (text.trim() === '') return;
          const sku = (() => {
            try {
              return String((JSON.parse(text) as { sku?: unknown }).sku ?? '').trim();
            } catch {
              return '';
            }
          })();
          const found =
            products.some((p) => p.source.line === i + 1) ||
            issues.some((issue) => issue.line === i + 1 || (sku !== '' && issue.sku === sku));
          expect(found, `line ${i + 1}: ${text}`).toBe(true);
        });
      }),
      { numRuns: 100 },
    );
  });
});
