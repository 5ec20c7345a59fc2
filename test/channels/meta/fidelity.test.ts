/**
 * The fidelity edge cases (test/fixtures/fidelity, issue 12) built into a Meta feed: the products
 * other marketplaces refuse are left out of Meta's too, with the kit's ids, and the feed read back
 * by a CSV parser holds exactly the rest, with sale dates in RFC 3339 and a UPC-E as its UPC-A.
 */
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { build } from '../../../src/commands/build.js';
import type { FeedReport } from '../../../src/report.js';
import { NOW, repoRoot } from '../../helpers/workspace.js';

/** SKU -> the rule ids of its Meta issues */
const EXPECTED: Record<string, string[]> = {
  'OK-1': [],
  'GTIN-ZERO': ['gtin-placeholder'],
  'GTIN-UPCE': [],
  'PRICE-ZERO': ['price-missing'],
  'SALE-ZERO': ['sale-price-zero'],
  'SALE-ABOVE': ['sale-price-not-below-price'],
  'SALE-BACKWARDS': ['sale-window-invalid'],
  'SALE-TIME': [],
};

const FEED = `channel: meta
market: { country: US, language: en, currency: USD }
output: { path: meta.csv, format: csv }
categories: maps/google.csv
`;

describe('the fidelity edge cases in a Meta feed', () => {
  let dir: string;
  let report: FeedReport;
  let rows: Map<string, Record<string, string>>;

  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'omnifeed-meta-fidelity-'));
    cpSync(path.join(repoRoot, 'test/fixtures/fidelity'), dir, { recursive: true });
    writeFileSync(path.join(dir, 'feeds/meta.yaml'), FEED);
    [report] = (await build({ cwd: dir, feeds: ['meta'], now: NOW, env: {} })).feeds;
    const read = parse(readFileSync(path.join(dir, 'out/meta.csv'), 'utf8'), { columns: true }) as Record<string, string>[];
    rows = new Map(read.map((r) => [r.id, r]));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it.each(Object.entries(EXPECTED))('%s trips exactly %j', (sku, rules) => {
    expect([...new Set(report.issues.filter((i) => i.sku === sku).map((i) => i.rule))].sort()).toEqual(rules);
  });

  it('writes the products without errors, and only those', () => {
    for (const sku of Object.keys(EXPECTED)) {
      const failed = report.issues.some((i) => i.sku === sku && i.severity === 'error');
      expect(rows.has(sku), sku).toBe(!failed);
    }
  });

  it('sends only sales below the price, with RFC 3339 dates in the catalog time zone, and a UPC-E as its UPC-A', () => {
    expect(rows.get('SALE-TIME')).toMatchObject({
      price: '50.00 USD',
      sale_price: '40.00 USD',
      sale_price_effective_date: '2026-11-20T08:00:00-05:00/2026-11-30T20:00:00-05:00',
    });
    for (const sku of ['SALE-ABOVE', 'SALE-BACKWARDS'])
      expect(rows.get(sku), sku).toMatchObject({ sale_price: '', sale_price_effective_date: '' });
    expect(rows.get('GTIN-UPCE')!.gtin).toBe('042100005264');
  });
});
