/**
 * The fidelity edge cases (issue 12): a catalog of products that marketplaces would refuse,
 * disapprove or wrongly leave out (test/fixtures/fidelity), built into all four channels. For
 * every product and feed, the rules it trips; the feeds are then read back with independent
 * parsers: a product with an error is not in the file, every other one is, as the marketplace
 * needs it.
 */
import { cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { XMLParser } from 'fast-xml-parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { build } from '../../src/commands/build.js';
import type { RunReport } from '../../src/report.js';
import { NOW, repoRoot } from '../helpers/workspace.js';

type Feed = 'google' | 'amazon' | 'ebay' | 'etsy';
const FEEDS: Feed[] = ['google', 'amazon', 'ebay', 'etsy'];

/** SKU -> feed -> the rule ids of its issues (sorted); a feed not named: no issues there. */
const EXPECTED: Record<string, Partial<Record<Feed, string[]>>> = {
  'OK-1': { amazon: ['product-type-schema-missing'] },
  'GTIN-ZERO': { google: ['gtin-placeholder'], amazon: ['gtin-placeholder'], ebay: ['gtin-placeholder'] },
  'GTIN-UPCE': {},
  // a free product is never priced by fees or rounding (0.00 became 0.99)
  'PRICE-ZERO': { google: ['price-missing'], amazon: ['price-missing', 'purchasable-offer-missing'], ebay: ['price-missing'] },
  'SALE-ZERO': { google: ['sale-price-zero'], amazon: ['sale-price-zero'], ebay: ['sale-price-zero'] },
  'SALE-ABOVE': {
    google: ['sale-price-not-below-price'],
    amazon: ['sale-price-not-below-price'],
    ebay: ['sale-price-not-below-price'],
  },
  'SALE-BACKWARDS': { google: ['sale-window-invalid'], amazon: ['sale-window-invalid'], ebay: ['sale-window-invalid'] },
  // `2026-11-20 08:00` made Google drop the item: sent as RFC 3339 in the catalog's time zone
  'SALE-TIME': {},
};

/** products a feed leaves out before any check, and why (the report counts them by reason) */
const EXCLUDED: Record<Feed, Record<string, string>> = {
  google: {},
  amazon: {},
  ebay: {},
  etsy: Object.fromEntries(
    ['OK-1', 'GTIN-ZERO', 'GTIN-UPCE', 'PRICE-ZERO', 'SALE-ZERO', 'SALE-ABOVE', 'SALE-BACKWARDS', 'SALE-TIME'].map((sku) => [
      sku,
      'not-etsy-eligible',
    ]),
  ),
};

let dir: string;
let report: RunReport;
const read = (file: string) => readFileSync(path.join(dir, 'out', file), 'utf8');

/** the SKUs each feed file holds, read back with a parser of its format */
const listed: Record<Feed, () => Map<string, unknown>> = {
  google: () => {
    const doc = new XMLParser({ isArray: (name) => name === 'item', parseTagValue: false }).parse(read('google.xml'));
    return new Map(doc.rss.channel.item.map((i: Record<string, unknown>) => [i['g:id'], i]));
  },
  amazon: () => new Map(JSON.parse(read('amazon.json')).messages.map((m: { sku: string }) => [m.sku, m])),
  ebay: () => {
    const [, header, ...rows] = parse(read('ebay.csv'), { bom: true }) as string[][];
    const sku = header.indexOf('CustomLabel');
    return new Map(rows.map((r) => [r[sku], Object.fromEntries(header.map((h, i) => [h.replace(/^\*/, ''), r[i]]))]));
  },
  etsy: () =>
    new Map(
      read('etsy.ndjson')
        .split('\n')
        .filter(Boolean)
        .map((line) => JSON.parse(line))
        .flatMap((line) => [[line.sku, line], ...(line.inventory?.products ?? []).map((p: { sku: string }) => [p.sku, line])]),
    ),
};

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'omnifeed-fidelity-'));
  cpSync(path.join(repoRoot, 'test/fixtures/fidelity'), dir, { recursive: true });
  report = await build({ cwd: dir, now: NOW, env: {} });
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('the fidelity edge cases', () => {
  it('has an expectation for every product of the catalog', () => {
    const skus = readFileSync(path.join(repoRoot, 'test/fixtures/fidelity/catalog.csv'), 'utf8')
      .split('\n')
      .slice(1)
      .filter(Boolean)
      .map((line) => line.split(',')[0]);
    expect(skus.sort()).toEqual(Object.keys(EXPECTED).sort());
    expect(report.catalog.errors).toBe(0);
  });

  describe.each(FEEDS)('%s', (feed) => {
    const issuesOf = (sku: string) => report.feeds.find((f) => f.feed === feed)!.issues.filter((i) => i.sku === sku);

    it.each(Object.keys(EXPECTED))('%s trips exactly the expected rules', (sku) => {
      expect([...new Set(issuesOf(sku).map((i) => i.rule))].sort()).toEqual((EXPECTED[sku][feed] ?? []).sort());
    });

    it('writes the products without errors that it does not leave out, and only those', () => {
      const skus = listed[feed]();
      for (const sku of Object.keys(EXPECTED)) {
        const failed = issuesOf(sku).some((i) => i.severity === 'error');
        expect(skus.has(sku), `${sku}: ${failed ? 'errors' : (EXCLUDED[feed][sku] ?? 'listed')}`).toBe(!failed && !EXCLUDED[feed][sku]);
      }
      const reasons: Record<string, number> = {};
      for (const reason of Object.values(EXCLUDED[feed])) reasons[reason] = (reasons[reason] ?? 0) + 1;
      expect(report.feeds.find((f) => f.feed === feed)!.excluded).toEqual(reasons);
    });
  });

  it('sends only sales below the price, with RFC 3339 dates in the catalog time zone', () => {
    const google = listed.google() as Map<string, Record<string, string>>;
    expect(google.get('SALE-TIME')).toMatchObject({
      'g:price': '50.00 USD',
      'g:sale_price': '40.00 USD',
      'g:sale_price_effective_date': '2026-11-20T08:00:00-05:00/2026-11-30T20:00:00-05:00',
    });
    for (const sku of ['SALE-ABOVE', 'SALE-BACKWARDS']) expect(google.get(sku)!['g:sale_price'], sku).toBeUndefined();
    const offer = (sku: string) =>
      (listed.amazon().get(sku) as { attributes: { purchasable_offer: Record<string, unknown>[] } }).attributes.purchasable_offer[0];
    expect(offer('SALE-TIME').discounted_price).toEqual([
      { schedule: [{ value_with_tax: 40, start_at: '2026-11-20T08:00:00-05:00', end_at: '2026-11-30T20:00:00-05:00' }] },
    ]);
    expect(offer('SALE-ABOVE').discounted_price).toBeUndefined();
    // eBay lists the sale price while the sale runs, else the price
    const ebay = listed.ebay() as Map<string, Record<string, string>>;
    expect([ebay.get('SALE-TIME')!.StartPrice, ebay.get('SALE-ABOVE')!.StartPrice]).toEqual(['40.00', '20.00']);
  });

  it('sends a UPC-E as its 12-digit UPC-A', () => {
    expect((listed.google().get('GTIN-UPCE') as Record<string, string>)['g:gtin']).toBe('042100005264');
    const amazon = listed.amazon().get('GTIN-UPCE') as { attributes: Record<string, { type: string; value: string }[]> };
    expect(amazon.attributes.externally_assigned_product_identifier[0]).toMatchObject({ type: 'upc', value: '042100005264' });
    expect((listed.ebay().get('GTIN-UPCE') as Record<string, string>)['P:UPC']).toBe('042100005264');
  });
});
