import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { defaultLayout, revisionLayout } from '../../../src/channels/ebay/columns.js';
import { endItem, reviseItem, writeEbayCsv } from '../../../src/channels/ebay/csv.js';
import { csvCell, csvLine } from '../../../src/channels/formats/csv.js';
import type { EndCode } from '../../../src/channels/ebay/spec.js';
import { memoryFiles, readCsv } from './helpers.js';

const readBack = (line: string): string[] => parse(line, { relax_column_count: false })[0];

describe('eBay CSV cells (RFC 4180)', () => {
  const nasty: [string, string][] = [
    ['plain', 'Blue Widget'],
    ['comma', 'Portland, OR'],
    ['quotes', '12" Skillet, "Pre-seasoned"'],
    ['line breaks', 'line one\r\nline two\nline three'],
    ['leading and trailing spaces', '  padded  '],
    ['non-Latin and emoji', 'Война и мир 抹茶 🧼'],
    ['empty', ''],
    ['only a quote', '"'],
  ];
  it.each(nasty)('%s survive a round trip', (_, value) => {
    expect(readBack(csvLine(['a', value, 'z']))).toEqual(['a', value, 'z']);
  });

  const formulas: [string, string][] = [
    ['=', '=HYPERLINK("http://evil.example","click")'],
    ['+', '+1+2'],
    ['-', '-2+3'],
    ['@', '@SUM(A1:A2)'],
    ['tab', '\t=1+1'],
    ['carriage return', '\r=1+1'],
  ];
  it.each(formulas)('a cell starting with %s gets a leading space and reads back as text', (_, value) => {
    const [cell] = readBack(csvLine([value]));
    expect(cell).toBe(` ${value}`);
    expect(cell.trimStart()).toBe(value.trimStart());
  });

  it('leaves other cells alone', () => {
    expect(csvCell('Color=Red|Size=S')).toBe('Color=Red|Size=S');
    expect(csvCell('19.99')).toBe('19.99');
  });

  it('ends records with CRLF', () => {
    expect(csvLine(['a', 'b'])).toBe('a,b\r\n');
  });
});

describe('eBay CSV writer', () => {
  const layout = defaultLayout('US', 'US', 'USD');

  it('writes a BOM, the Info line and the header as wide as the header, even with no listing', async () => {
    const files = memoryFiles();
    const writer = writeEbayCsv(files.create('e.csv'), layout);
    await writer.close();
    const text = files.text.get('e.csv')!;
    expect(text.startsWith('\uFEFFInfo,')).toBe(true);
    expect(text.split('\r\n')).toHaveLength(3);
    const { info, header, rows } = readCsv(text);
    expect(info).toHaveLength(header.length);
    expect(header[0]).toBe('*Action(SiteID=US|Country=US|Currency=USD|Version=1193|CC=UTF-8)');
    expect(rows).toEqual([]);
  });

  it('refuses a row with a column the header lacks', async () => {
    const writer = writeEbayCsv(memoryFiles().create('e.csv'), layout);
    expect(() => writer.write({ rows: [{ Action: 'Add', 'C:Sleeve Length': 'Short' }] })).toThrow(/Sleeve Length/);
  });

  it('writes Revise rows with ItemID, the changed columns and changed variations, and End rows', async () => {
    const files = memoryFiles();
    const writer = writeEbayCsv(files.create('delta.csv'), revisionLayout('UK', 'GB', 'GBP', ['StartPrice', 'Quantity', '*Title']));
    await writer.write(reviseItem('123456789012', { StartPrice: '21.99', Title: '=cheap' }));
    await writer.write(reviseItem('123456789013', {}, [{ values: { Color: 'Red', Size: 'S' }, columns: { Quantity: '4' } }]));
    await writer.write(endItem('123456789014', 'NotAvailable'));
    await writer.close();
    const { header, rows } = readCsv(files.text.get('delta.csv')!);
    expect(header[0]).toContain('SiteID=UK|Country=GB|Currency=GBP');
    expect(rows).toEqual([
      {
        Action: 'Revise',
        ItemID: '123456789012',
        Relationship: '',
        RelationshipDetails: '',
        StartPrice: '21.99',
        Quantity: '',
        Title: ' =cheap',
        EndCode: '',
      },
      {
        Action: 'Revise',
        ItemID: '123456789013',
        Relationship: '',
        RelationshipDetails: '',
        StartPrice: '',
        Quantity: '',
        Title: '',
        EndCode: '',
      },
      {
        Action: '',
        ItemID: '',
        Relationship: 'Variation',
        RelationshipDetails: 'Color=Red|Size=S',
        StartPrice: '',
        Quantity: '4',
        Title: '',
        EndCode: '',
      },
      {
        Action: 'End',
        ItemID: '123456789014',
        Relationship: '',
        RelationshipDetails: '',
        StartPrice: '',
        Quantity: '',
        Title: '',
        EndCode: 'NotAvailable',
      },
    ]);
  });

  it.each([
    ['an ItemID that is not an item number', () => endItem('ABC', 'NotAvailable')],
    ['an unknown EndCode', () => endItem('123456789012', 'Sold' as EndCode)],
    ['a Revise that changes the ItemID', () => reviseItem('123456789012', { ItemID: '1' })],
    ['a variation value holding a separator', () => reviseItem('123456789012', {}, [{ values: { Color: 'Red|Blue' }, columns: {} }])],
  ])('refuses %s', (_, make) => {
    expect(make).toThrow(RangeError);
  });
});
