import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { build } from '../../../src/commands/build.js';
import type { RunReport } from '../../../src/report.js';
import { demoWorkspace, NOW } from '../../helpers/workspace.js';
import { readCsv } from './helpers.js';

describe('eBay feed of the demo catalog', () => {
  const ws = demoWorkspace();
  let report: RunReport;
  let text: string;

  beforeAll(async () => {
    report = await build({ cwd: ws.dir, feeds: ['ebay-us'], now: NOW });
    text = ws.read('out/ebay-us.csv');
  });
  afterAll(() => ws.dispose());

  it('matches the golden file', async () => {
    await expect(text).toMatchFileSnapshot('__golden__/ebay-us.csv');
  });

  it('is UTF-8 with a BOM and CRLF, every record as wide as the header (read strictly by csv-parse)', () => {
    expect(text.startsWith('\uFEFFInfo,Version=1.0.0,Template=fx_category_template_EBAY_US')).toBe(true);
    expect(
      text
        .replace(/"[^"]*"/g, '')
        .split('\n')
        .slice(0, -1)
        .every((line) => line.endsWith('\r')),
    ).toBe(true);
    const { info, header } = readCsv(text);
    expect(info).toHaveLength(header.length);
    expect(header[0]).toBe('*Action(SiteID=US|Country=US|Currency=USD|Version=1193|CC=UTF-8)');
  });

  it('keeps variation groups intact: each Variation row follows its listing and carries one of its values', () => {
    const { rows } = readCsv(text);
    const feed = report.feeds[0];
    expect(rows.filter((r) => r.Action === 'Add')).toHaveLength(feed.listed);
    let listing: Record<string, string> | undefined;
    for (const row of rows) {
      if (row.Action === 'Add') {
        listing = row;
        expect(row.Relationship).toBe('');
        expect(row.Format).toBe('FixedPrice');
        expect(row.Duration).toBe('GTC');
        expect(row.Category).toMatch(/^\d+$/);
        expect([...row.Title].length).toBeLessThanOrEqual(80);
        expect(row.PicURL.split('|').every((u) => u.startsWith('https://'))).toBe(true);
        if (row.RelationshipDetails) expect(row.StartPrice + row.Quantity).toBe('');
        else expect(row.StartPrice).toMatch(/^\d+\.\d{2}$/);
        continue;
      }
      expect(row.Action).toBe('');
      expect(row.Relationship).toBe('Variation');
      const values = Object.fromEntries(
        listing!.RelationshipDetails.split('|')
          .map((p) => p.split('='))
          .map(([n, v]) => [n, v.split(';')]),
      );
      for (const [name, value] of row.RelationshipDetails.split('|').map((p) => p.split('='))) expect(values[name]).toContain(value);
      expect(row.StartPrice).toMatch(/^\d+\.\d{2}$/);
      expect(row.Quantity).toMatch(/^\d+$/);
      expect(row.Title + row.Category + row.Description).toBe('');
    }
  });

  it('lists the demo products with their eBay values', () => {
    const rows = new Map(readCsv(text).rows.map((r) => [r.CustomLabel, r]));
    expect(rows.get('TEE-100')).toMatchObject({
      Category: '15687',
      Title: 'Northwind Organic Cotton Tee',
      RelationshipDetails: 'Color=Red;Navy|Size=S;M;L',
      'C:Brand': 'Northwind',
      Location: 'Portland, OR',
    });
    expect(rows.get('TEE-100-RED-S')).toMatchObject({
      RelationshipDetails: 'Color=Red|Size=S',
      StartPrice: '30.99',
      Quantity: '3',
      'P:UPC': '614141001019',
    });
    expect(rows.get('DRESS-300')).toMatchObject({ RelationshipDetails: 'Size=XS;S;M', 'C:Color': 'Sand' });
    expect(rows.has('DRESS-300-NOSIZE')).toBe(false);
    expect(rows.get('BOOK-EN-2')).toMatchObject({ 'P:ISBN': '9781603582865', StartPrice: '40.99' });
    expect(rows.get('HTML-SPEAKER-1')!.Description).not.toContain('<script');
    expect(rows.has('PHONE-REF-1')).toBe(false);
  });

  it('counts what it left out by rule', () => {
    const feed = report.feeds[0];
    expect(feed.invalid).toMatchObject({
      'category-unmapped': expect.any(Number),
      'variant-missing-attribute': 1,
      'condition-not-allowed': 1,
    });
    expect(feed.warned).toMatchObject({ 'description-active-content-removed': 1 });
  });
});
