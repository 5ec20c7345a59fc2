import { describe, expect, it } from 'vitest';
import { Catalog, type CatalogEvent } from '../../src/catalog/catalog.js';
import { loadWorkspace } from '../../src/config/load.js';
import type { Issue } from '../../src/model.js';
import { GOOGLE_FEED, tempWorkspace } from '../helpers/workspace.js';

async function read(files: Record<string, string | Buffer>, config = 'catalog: { path: catalog.csv }\n') {
  const ws = tempWorkspace({ 'omnifeed.yaml': config, 'feeds/google.yaml': GOOGLE_FEED });
  try {
    for (const [name, data] of Object.entries(files)) (await import('node:fs')).writeFileSync(`${ws.dir}/${name}`, data);
    const events: CatalogEvent[] = [];
    for await (const event of new Catalog(loadWorkspace(ws.dir)).groups()) events.push(event);
    return {
      products: events.flatMap((e) => ('group' in e ? e.group.variants : [])),
      issues: events.flatMap((e) => ('issue' in e ? [e.issue] : [])),
    };
  } finally {
    ws.dispose();
  }
}

const brief = (issues: Issue[]) => issues.map((i) => `${i.rule}:${i.line}:${i.sku ?? '-'}`);
const HEADER = 'sku,title,price,quantity,description';

describe('rows a stray quote swallows', () => {
  it('reports each lost product with its line and SKU, and the inventory overlay does not call them unknown', async () => {
    const csv = [
      HEADER,
      'A-1,Plain,10.00,1,ok',
      'A-2,"Tee 12" wide,11.00,1,x',
      'A-3,Swallowed,12.00,1,y',
      'A-4,Swallowed too,13.00,1,z',
      'A-5,Fine,14.00,1,w',
      '',
    ].join('\n');
    const { products, issues } = await read(
      { 'catalog.csv': csv, 'inventory.csv': 'sku,location,quantity\nA-3,warehouse,5\nA-9,warehouse,1\n' },
      'catalog: { path: catalog.csv }\ninventory: { path: inventory.csv }\n',
    );
    // csv-parse reads on in the quote the stray one opened: every row after it is lost, and named
    expect(products.map((p) => p.sku)).toEqual(['A-1']);
    expect(brief(issues.filter((i) => i.rule === 'csv-unreadable-row'))).toEqual([
      'csv-unreadable-row:3:A-2',
      'csv-unreadable-row:4:A-3',
      'csv-unreadable-row:5:A-4',
      'csv-unreadable-row:6:A-5',
    ]);
    expect(issues.filter((i) => i.rule === 'inventory-unknown-sku').map((i) => i.sku)).toEqual(['A-9']);
  });

  it('names the SKU of a row swallowed by a quote left open to the end of the file', async () => {
    const csv = [HEADER, 'A-1,Plain,10.00,1,ok', 'A-2,Open,11.00,1,"never closed', 'A-3,Lost,12.00,1,y', 'A-4,Lost too,13.00,1,z', ''].join(
      '\n',
    );
    const { products, issues } = await read({ 'catalog.csv': csv });
    expect(products.map((p) => p.sku)).toEqual(['A-1']);
    expect(brief(issues)).toEqual(['csv-unreadable-row:3:A-2', 'csv-unreadable-row:4:A-3', 'csv-unreadable-row:5:A-4']);
    expect(issues[1].message).toMatch(/^line 4 skipped: read as part of the record that starts on line 3/);
  });
});

describe('text that is not UTF-8', () => {
  it('skips the row as text-invalid-utf8 with its line, column and SKU; other rows are read', async () => {
    const csv = Buffer.concat([
      Buffer.from(`${HEADER}\nA-1,Fine,10.00,1,ok\nA-2,Caf`),
      Buffer.from([0xe9]), // Latin-1 é
      Buffer.from(' au lait,11.00,1,x\nA-3,Fine,12.00,1,y\n'),
    ]);
    const { products, issues } = await read({ 'catalog.csv': csv });
    expect(products.map((p) => p.sku)).toEqual(['A-1', 'A-3']);
    expect(issues).toEqual([
      expect.objectContaining({ rule: 'text-invalid-utf8', line: 3, column: 'title', sku: 'A-2', severity: 'error' }),
    ]);
    expect(issues[0].message).toBe(
      "line 3, column 'title', character 4: bytes that are not UTF-8 (save the file as UTF-8); the row is skipped",
    );
  });

  it('reads a character split across two read chunks as the UTF-8 it is', async () => {
    const pad = 'x'.repeat((1 << 20) - `${HEADER}\nA-1,`.length - 1);
    const csv = `${HEADER}\nA-1,${pad}é,10.00,1,ok\n`;
    const { products, issues } = await read({ 'catalog.csv': csv });
    expect(issues).toEqual([]);
    expect(products[0].title!.endsWith('é')).toBe(true);
  });
});

describe('values', () => {
  it.each([
    ['quantity', '-5', 'bad-integer', '-5 is negative'],
    ['quantity', '1e3', 'bad-integer', "'1e3' is not a whole number"],
    ['quantity', '0x10', 'bad-integer', "'0x10' is not a whole number"],
    ['quantity', '3.5', 'bad-integer', "'3.5' is not a whole number"],
    ['price', '1e3', 'bad-number', "'1e3' is not a number"],
    ['price', '2.5E1', 'bad-number', "'2.5E1' is not a number"],
    ['price', '-1.00', 'bad-number', '-1 is negative'],
    ['sale_start', '2026-02-30', 'bad-date', "'2026-02-30' is not an ISO 8601 date of a day that exists"],
    ['sale_end', '2026-13-01', 'bad-date', 'is not an ISO 8601 date'],
    ['sale_end', '2026-04-31T10:00Z', 'bad-date', 'is not an ISO 8601 date'],
  ])('rejects %s %j as %s', async (field, value, rule, message) => {
    const { products, issues } = await read({
      'catalog.csv':
        `sku,title,price,quantity,sale_price,sale_start,sale_end\nA-1,T,10.00,1,8.00,,\n`.replace(/\n$/, '') +
        '\n' +
        `A-2,T,${field === 'price' ? value : '10.00'},${field === 'quantity' ? value : '1'},8.00,${field === 'sale_start' ? value : ''},${field === 'sale_end' ? value : ''}\n`,
    });
    expect(products.map((p) => p.sku)).toEqual(['A-1']);
    expect(issues).toEqual([expect.objectContaining({ rule, sku: 'A-2', field })]);
    expect(issues[0].message).toContain(message);
  });

  it('counts a CRLF inside a quoted cell as one line, for the rows after it', async () => {
    const { products, issues } = await read({
      'catalog.csv': `${HEADER}\nA-1,T,10.00,1,"one\r\ntwo\r\nthree"\nA-2,T,ten,1,x\nA-3,T,1.00,1,y\n`,
    });
    expect(products.map((p) => [p.sku, p.source.line])).toEqual([
      ['A-1', 2],
      ['A-3', 6],
    ]);
    expect(brief(issues)).toEqual(['bad-number:5:A-2']);
  });

  it('turns the CRLF line breaks of a multi-line cell into LF (a CR would reach XML as &#13;)', async () => {
    const { products } = await read({ 'catalog.csv': `${HEADER}\r\nA-1,T,10.00,1,"Line one\r\nLine two"\r\n` });
    expect(products[0].description).toBe('Line one\nLine two');
  });

  it('reads a currency code in a money cell, and refuses cells of one row in different currencies', async () => {
    const { products, issues } = await read({
      'catalog.csv': 'sku,title,price,cost,currency\nA-1,T,29.00 EUR,10.00,\nA-2,T,29.00 EUR,USD 10.00,\nA-3,T,29.00 EUR,10,USD\n',
    });
    expect(products.map((p) => [p.sku, p.price, p.currency])).toEqual([['A-1', 29, 'EUR']]);
    expect(brief(issues)).toEqual(['currency-conflict:3:A-2', 'currency-conflict:4:A-3']);
    expect(issues[1].message).toBe('money in different currencies: currency USD, price EUR');
  });

  it('holds the inventory overlay to whole numbers of digits', async () => {
    const { issues } = await read(
      {
        'catalog.csv': 'sku,title\nA-1,T\n',
        'inventory.csv': 'sku,location,quantity\nA-1,w,1e3\nA-1,w,0x10\nA-1,w,-1\nA-1,w, \nA-1,w,4\n',
      },
      'catalog: { path: catalog.csv }\ninventory: { path: inventory.csv }\n',
    );
    expect(brief(issues)).toEqual([
      'inventory-bad-row:2:A-1',
      'inventory-bad-row:3:A-1',
      'inventory-bad-row:4:A-1',
      'inventory-bad-row:5:A-1',
    ]);
  });
});
