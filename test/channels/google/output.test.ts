import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { parse as parseCsv } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { build } from '../../../src/commands/build.js';
import type { RunReport } from '../../../src/report.js';
import { demoWorkspace, NOW } from '../../helpers/workspace.js';

const xml = new XMLParser({
  ignoreAttributes: false,
  parseTagValue: false,
  isArray: (name) => ['item', 'g:additional_image_link', 'g:shipping'].includes(name),
});

describe('google feed of the demo catalog', () => {
  const ws = demoWorkspace();
  let report: RunReport;
  let rss: string;
  let tsv: string;

  beforeAll(async () => {
    ws.write(
      'feeds/google-us-tsv.yaml',
      ws.read('feeds/google-us.yaml').replace('{ path: google-us.xml, format: rss }', '{ path: google-us.tsv, format: tsv }'),
    );
    report = await build({ cwd: ws.dir, feeds: ['google-us', 'google-us-tsv'], now: NOW });
    rss = ws.read('out/google-us.xml');
    tsv = ws.read('out/google-us.tsv');
  });
  afterAll(() => ws.dispose());

  it('matches the golden files', async () => {
    await expect(rss).toMatchFileSnapshot('__golden__/google-us.xml');
    await expect(tsv).toMatchFileSnapshot('__golden__/google-us.tsv');
  });

  it('is well-formed RSS 2.0 in the g: namespace, one item per listed product', () => {
    expect(XMLValidator.validate(rss)).toBe(true);
    const doc = xml.parse(rss);
    expect(doc.rss['@_version']).toBe('2.0');
    expect(doc.rss['@_xmlns:g']).toBe('http://base.google.com/ns/1.0');
    const items = doc.rss.channel.item as Record<string, unknown>[];
    const feedReport = report.feeds.find((f) => f.feed === 'google-us')!;
    expect(items).toHaveLength(feedReport.listed);
    expect(new Set(items.map((i) => i['g:id'])).size).toBe(items.length);
    for (const item of items) {
      expect(item).toHaveProperty('title');
      expect(item).toHaveProperty('link');
      expect(item).toHaveProperty('description');
      expect(item['g:price']).toMatch(/^\d+\.\d{2} USD$/);
      expect(['in_stock', 'out_of_stock']).toContain(item['g:availability']);
    }
  });

  it('writes variants with their group id, and what the rules left out is not there', () => {
    const items = xml.parse(rss).rss.channel.item as Record<string, string>[];
    const byId = new Map(items.map((i) => [i['g:id'], i]));
    expect(byId.get('TEE-100-RED-S')).toMatchObject({
      'g:item_group_id': 'TEE-100',
      'g:color': 'Red',
      'g:size': 'S',
      title: 'Northwind Organic Cotton Tee Red S',
    });
    expect(byId.get('TEE-100-NAV-S')).toMatchObject({ 'g:availability': 'out_of_stock' });
    expect(byId.has('TEE-100')).toBe(false);
    for (const left of [
      'STOVE-CI-1',
      'DRAFT-TENT-1',
      'CABLE-USB-1',
      'NOT-GOOGLE-1',
      'ONLY-ETSY-1',
      'GRINDER-1',
      'BEANS-STORE-1',
      'DRESS-300-NOSIZE',
    ])
      expect(byId.has(left)).toBe(false);
    expect(byId.get('TEA-JP-1')!.description).toContain('京都府宇治市産の抹茶です。');
    expect(byId.get('QUOTE-1')!.title).toBe('Hearthline 12" Cast Iron Skillet, "Pre-seasoned" Black');
    expect(byId.get('HOOD-200-BLA-M')).toMatchObject({
      'g:price': '59.99 USD',
      'g:sale_price': '49.99 USD',
      'g:sale_price_effective_date': '2026-11-20T00:00:00Z/2026-11-30T23:59:59Z',
    });
    expect(byId.get('BOOK-EN-2')!['g:gtin']).toBe('9781603582865');
    expect(byId.get('MUG-HM-1')).toMatchObject({ 'g:identifier_exists': 'no', 'g:availability': 'in_stock' });
  });

  it('counts every exclusion and invalid item in the run report', () => {
    const feedReport = report.feeds.find((f) => f.feed === 'google-us')!;
    expect(feedReport.excluded).toEqual({ 'channel-list': 2, 'not-included': 1, 'too-heavy-to-ship': 1, 'margin-below-floor': 1 });
    expect(feedReport.invalid).toEqual({
      'apparel-missing-attribute': 2,
      'variant-missing-attribute': 1,
      'gtin-check-digit': 1,
      'gtin-restricted': 1,
    });
    const excluded = Object.values(feedReport.excluded).reduce((a, b) => a + b, 0);
    const invalid = feedReport.issues.filter((i) => i.severity === 'error').map((i) => i.sku);
    expect(feedReport.listed + excluded + new Set(invalid).size).toBe(feedReport.read);
    expect(JSON.parse(ws.read('out/omnifeed-report.json'))).toEqual(report);
  });

  it('writes the same items as TSV, read back by a CSV parser', () => {
    const rows = parseCsv(tsv, { delimiter: '\t', columns: true, quote: false, relax_quotes: true }) as Record<string, string>[];
    const items = xml.parse(rss).rss.channel.item as Record<string, string>[];
    // the per-product channel list denies google-us by name, not this second feed
    expect(rows.map((r) => r.id).filter((id) => id !== 'NOT-GOOGLE-1')).toEqual(items.map((i) => i['g:id']));
    expect(rows.map((r) => r.id)).toContain('NOT-GOOGLE-1');
    const tee = rows.find((r) => r.id === 'TEE-100-RED-S')!;
    expect(tee).toMatchObject({
      item_group_id: 'TEE-100',
      price: '24.99 USD',
      shipping: 'US::Standard:4.95 USD',
      additional_image_link: 'https://cdn.example.com/img/tee-100-back.jpg,https://cdn.example.com/img/tee-100-detail.jpg',
    });
    expect(rows.find((r) => r.id === 'TEA-JP-1')!.description).not.toMatch(/[\t\n]/);
  });
});
