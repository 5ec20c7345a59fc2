import { parse as parseCsv } from 'csv-parse/sync';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { build } from '../../../src/commands/build.js';
import type { FeedReport } from '../../../src/report.js';
import { demoWorkspace, NOW } from '../../helpers/workspace.js';

const xml = new XMLParser({
  ignoreAttributes: false,
  parseTagValue: false,
  isArray: (name) => ['item', 'g:additional_image_link', 'g:shipping'].includes(name),
});

describe('meta feeds of the demo catalog', () => {
  const ws = demoWorkspace();
  let reports: Record<string, FeedReport>;
  let csv: string;
  let rss: string;
  let rows: Record<string, string>[];
  let items: Record<string, unknown>[];

  beforeAll(async () => {
    ws.write(
      'feeds/meta-us-rss.yaml',
      ws.read('feeds/meta-us.yaml').replace('{ path: meta-us.csv, format: csv }', '{ path: meta-us.xml, format: rss }'),
    );
    const report = await build({ cwd: ws.dir, feeds: ['meta-us', 'meta-us-rss'], now: NOW });
    reports = Object.fromEntries(report.feeds.map((f) => [f.feed, f]));
    csv = ws.read('out/meta-us.csv');
    rss = ws.read('out/meta-us.xml');
    rows = parseCsv(csv, { columns: true }) as Record<string, string>[];
    items = xml.parse(rss).rss.channel.item;
  });
  afterAll(() => ws.dispose());

  it('matches the golden files', async () => {
    await expect(csv).toMatchFileSnapshot('__golden__/meta-us.csv');
    await expect(rss).toMatchFileSnapshot('__golden__/meta-us.xml');
  });

  it("is a CSV with a header of Meta's field names and one row per listed item, in CRLF lines", () => {
    const [header] = parseCsv(csv, { to_line: 1 }) as string[][];
    expect(header.slice(0, 9)).toEqual(['id', 'title', 'description', 'availability', 'condition', 'price', 'link', 'image_link', 'brand']);
    expect(header).toContain('custom_label_0');
    expect(rows).toHaveLength(reports['meta-us'].listed);
    expect(new Set(rows.map((r) => r.id)).size).toBe(rows.length);
    expect(csv.startsWith('\uFEFF')).toBe(false);
    expect(csv.split('\r\n').length).toBeGreaterThan(rows.length);
    for (const row of rows) {
      expect(row.price).toMatch(/^\d+\.\d{2} USD$/);
      expect(['in stock', 'out of stock']).toContain(row.availability);
      expect(row.quantity_to_sell_on_facebook).toMatch(/^\d+$/);
    }
  });

  it('reads back quotes, commas and line breaks as they were, and HTML as plain text', () => {
    const byId = new Map(rows.map((r) => [r.id, r]));
    expect(byId.get('QUOTE-1')!.title).toBe('12" Cast Iron Skillet, "Pre-seasoned"');
    expect(byId.get('TEA-JP-1')!.description).toBe(
      'Ceremonial grade matcha from Uji, Kyoto.\n京都府宇治市産の抹茶です。\nIncludes whisk, "chashaku" scoop, and bowl.',
    );
    expect(byId.get('HOOD-200-BLA-M')!.description).toBe('Brushed fleece hoodie, 400 g/m². Kangaroo pocket, "double-lined" hood.');
    expect(byId.get('TEE-100-RED-S')!.description).toBe('Soft organic cotton tee.\n• Regular fit\n• Machine washable');
    expect(byId.get('HTML-SPEAKER-1')!.description).not.toMatch(/<|alert/);
  });

  it('writes variants with their group id, out-of-stock ones too, and leaves out what the rules left out', () => {
    const byId = new Map(rows.map((r) => [r.id, r]));
    expect(byId.get('TEE-100-RED-S')).toMatchObject({
      item_group_id: 'TEE-100',
      color: 'Red',
      size: 'S',
      gender: 'male',
      age_group: 'adult',
      additional_image_link: 'https://cdn.example.com/img/tee-100-back.jpg,https://cdn.example.com/img/tee-100-detail.jpg',
      shipping: 'US::Standard:4.95 USD',
      google_product_category: 'Apparel & Accessories > Clothing > Shirts & Tops',
    });
    expect(byId.get('TEE-100-NAV-S')).toMatchObject({ availability: 'out of stock', quantity_to_sell_on_facebook: '0' });
    expect(byId.get('VINT-CAM-1')).toMatchObject({ condition: 'used', brand: 'Kodak' });
    expect(byId.get('NOT-GOOGLE-1')).toMatchObject({ condition: 'refurbished' });
    expect(byId.get('BOOK-EN-2')!.gtin).toBe('9781603582865');
    expect(byId.get('HOOD-200-BLA-M')).toMatchObject({
      sale_price: expect.stringMatching(/ USD$/),
      sale_price_effective_date: '2026-11-20T00:00:00Z/2026-11-30T23:59:59Z',
    });
    for (const sku of ['TEE-100', 'STOVE-CI-1', 'DRAFT-TENT-1', 'ONLY-ETSY-1', 'GRINDER-1', 'DRESS-300-NOSIZE', 'CANDLE-HM-3', 'MISC-1'])
      expect(byId.has(sku), sku).toBe(false);
  });

  it('counts every exclusion and invalid item in the run report', () => {
    const report = reports['meta-us'];
    expect(report.excluded).toEqual({ 'channel-list': 1, 'not-included': 1, 'too-heavy-to-ship': 1 });
    expect(report.invalid).toEqual({ 'brand-missing': 4, 'gtin-check-digit': 1, 'variant-missing-attribute': 1 });
    const excluded = Object.values(report.excluded).reduce((a, b) => a + b, 0);
    const invalid = new Set(report.issues.filter((i) => i.severity === 'error').map((i) => i.sku));
    expect(report.listed + excluded + invalid.size).toBe(report.read);
  });

  it('is well-formed RSS 2.0 in the g: namespace with the same items as the CSV', () => {
    expect(XMLValidator.validate(rss)).toBe(true);
    const doc = xml.parse(rss);
    expect(doc.rss['@_version']).toBe('2.0');
    expect(doc.rss['@_xmlns:g']).toBe('http://base.google.com/ns/1.0');
    expect(items.map((i) => i['g:id'])).toEqual(rows.map((r) => r.id));
    const tee = items.find((i) => i['g:id'] === 'TEE-100-RED-S')!;
    expect(tee).toMatchObject({
      title: 'Organic Cotton Tee',
      'g:availability': 'in stock',
      'g:item_group_id': 'TEE-100',
      'g:additional_image_link': ['https://cdn.example.com/img/tee-100-back.jpg', 'https://cdn.example.com/img/tee-100-detail.jpg'],
      'g:shipping': [{ 'g:country': 'US', 'g:service': 'Standard', 'g:price': '4.95 USD' }],
    });
    // every field of every item reads back as the CSV cell (repeated ones joined as the CSV joins them)
    const cell = (value: unknown) =>
      Array.isArray(value)
        ? value
            .map((v) => (typeof v === 'string' ? v : `${v['g:country']}:${v['g:region'] ?? ''}:${v['g:service']}:${v['g:price']}`))
            .join(',')
        : String(value);
    for (const [i, item] of items.entries())
      for (const [key, value] of Object.entries(item)) expect(cell(value), `${rows[i].id} ${key}`).toBe(rows[i][key.replace(/^g:/, '')]);
  });
});
