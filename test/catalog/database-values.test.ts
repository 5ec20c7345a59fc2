import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { Catalog, type CatalogEvent } from '../../src/catalog/catalog.js';
import { loadWorkspace } from '../../src/config/load.js';
import type { Issue, Product } from '../../src/model.js';
import { createTable, postgres } from '../helpers/postgres.js';
import { GOOGLE_FEED, tempWorkspace } from '../helpers/workspace.js';

/**
 * Typed database values (numeric, integer, boolean, date and time, NULL, text, lists, bytes) map
 * onto the canonical fields as CSV cells do; a value that cannot be read is an issue naming the
 * row, the SKU and the column.
 */
const pg = postgres();

async function readCatalog(config: string, setup?: (dir: string) => void, env: NodeJS.ProcessEnv = {}) {
  const ws = tempWorkspace({ 'omnifeed.yaml': config, 'feeds/google.yaml': GOOGLE_FEED });
  try {
    setup?.(ws.dir);
    const events: CatalogEvent[] = [];
    for await (const event of new Catalog(loadWorkspace(ws.dir), env).groups()) events.push(event);
    const products = events.flatMap((e) => ('group' in e ? e.group.variants : []));
    const issues = events.flatMap((e) => ('issue' in e ? [e.issue] : []));
    return { products, issues };
  } finally {
    ws.dispose();
  }
}

const brief = (issues: Issue[]) => issues.map((i) => ({ rule: i.rule, row: i.row, sku: i.sku, column: i.column, file: i.file }));
const bySku = (products: Product[]) => Object.fromEntries(products.map((p) => [p.sku, p]));

describe('a SQLite catalog', () => {
  const rows: unknown[][] = [
    ['A-1', 'Mug', 24.5, 3, 1, '2026-11-01', 'mug|tea', 0.4, 1.5, 9007199254740993n, null],
    ['A-2', 'Cup', 'twelve', 1, 0, null, null, null, null, null, null],
    [null, 'No SKU', 5, 1, null, null, null, null, null, null, null],
    ['A-1', 'Again', 5, 1, null, null, null, null, null, null, null],
    ['A-5', 'Half', 5, 2.5, null, null, null, null, null, null, null],
    ['A-6', 'Maybe', 5, 1, 'maybe', null, null, null, null, null, null],
    ['A-7', 'Feb', 5, 1, null, '2026-02-30', null, null, null, null, null],
    ['A-8', Buffer.from([0xff, 0x00]), 5, 1, null, null, null, null, null, null, null],
    [42n, 'Numbered', '7.50', '4', 'yes', null, null, 2, null, null, Buffer.from('x')],
  ];
  const make = (dir: string) => {
    const db = new Database(path.join(dir, 'items.db'));
    db.exec(
      'CREATE TABLE items (sku TEXT, title TEXT, price NUMERIC, quantity INTEGER, handmade BOOLEAN, sale_start DATE, tags TEXT, weight REAL, extra REAL, big INTEGER, thumbnail BLOB)',
    );
    const insert = db.prepare('INSERT INTO items VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)');
    for (const row of rows) insert.run(row);
    db.close();
  };

  it('reads numbers, booleans, dates, lists and NULLs as the CSV reader does, and reports what it cannot read by row', async () => {
    const { products, issues } = await readCatalog('catalog: { source: "sqlite:items.db", table: items, units: { weight: kg } }\n', make);
    expect(brief(issues)).toEqual([
      { rule: 'bad-number', row: 2, sku: 'A-2', column: 'price', file: 'sqlite:items.db' },
      { rule: 'sku-missing', row: 3, sku: undefined, column: 'sku', file: 'sqlite:items.db' },
      { rule: 'duplicate-sku', row: 4, sku: 'A-1', column: undefined, file: 'sqlite:items.db' },
      { rule: 'bad-integer', row: 5, sku: 'A-5', column: 'quantity', file: 'sqlite:items.db' },
      { rule: 'bad-boolean', row: 6, sku: 'A-6', column: 'handmade', file: 'sqlite:items.db' },
      { rule: 'bad-date', row: 7, sku: 'A-7', column: 'sale_start', file: 'sqlite:items.db' },
      { rule: 'bad-value', row: 8, sku: 'A-8', column: 'title', file: 'sqlite:items.db' },
    ]);
    expect(issues[0].message).toBe("price: 'twelve' is not a number");
    expect(issues[6].message).toBe('title: binary data (2 bytes) where text was expected');
    const found = bySku(products);
    expect(products.map((p) => p.sku)).toEqual(['A-1', '42']);
    expect(found['A-1']).toMatchObject({
      title: 'Mug',
      price: 24.5,
      quantity: 3,
      stock: { warehouse: 3 },
      handmade: true,
      sale_start: '2026-11-01',
      tags: ['mug', 'tea'],
      weight: 0.4,
      weight_unit: 'kg',
      // a number as its JSON text; an integer past 2^53 with every digit
      attributes: { extra: '1.5', big: '9007199254740993' },
      source: { file: 'sqlite:items.db', row: 1 },
    });
    // text in typed columns is read as a CSV cell is; a BLOB is no attribute
    expect(found['42']).toMatchObject({ price: 7.5, quantity: 4, handmade: true, weight: 2, attributes: {} });
  });

  it('reads a query, and says when it returned no rows', async () => {
    const { products, issues } = await readCatalog(
      'catalog: { source: "sqlite:items.db", query: "SELECT sku, title, price FROM items WHERE sku = \'A-1\' ORDER BY rowid LIMIT 1" }\n',
      make,
    );
    expect(products.map((p) => [p.sku, p.price])).toEqual([['A-1', 24.5]]);
    expect(issues).toEqual([]);
    const empty = await readCatalog('catalog: { source: "sqlite:items.db", query: "SELECT * FROM items WHERE 0" }\n', make);
    expect(empty.products).toEqual([]);
    expect(empty.issues).toEqual([
      expect.objectContaining({
        rule: 'catalog-empty',
        severity: 'warning',
        file: 'sqlite:items.db',
        message: 'the query returned no rows: every feed is empty',
      }),
    ]);
  });

  it('takes the inventory overlay from a query', async () => {
    const { products, issues } = await readCatalog(
      [
        'catalog: { source: "sqlite:items.db", query: "SELECT * FROM items WHERE sku = \'42\'", units: { weight: kg } }',
        "inventory: { source: \"sqlite:items.db\", query: \"SELECT '42' AS sku, 'shop' AS location, 5 AS quantity UNION ALL SELECT '42', 'depot', 2.5\" }",
        '',
      ].join('\n'),
      make,
    );
    expect(products[0].stock).toEqual({ shop: 5 });
    expect(brief(issues)).toEqual([{ rule: 'inventory-bad-row', row: 2, sku: '42', column: undefined, file: 'sqlite:items.db' }]);
  });
});

describe.skipIf(!pg)('a PostgreSQL catalog', () => {
  const url = pg?.url ?? '';
  const config = (extra = '') => `catalog: { source_env: DB, table: pg_values, units: { weight: kg }${extra} }\n`;
  const columns = [
    'sku text',
    'title text',
    'price numeric(10,2)',
    'quantity integer',
    'stock_big bigint',
    'handmade boolean',
    'sale_start date',
    'sale_end timestamptz',
    'launched timestamp',
    'tags text[]',
    'weight real',
    'specs jsonb',
    'thumbnail bytea',
  ].join(', ');
  const rows: unknown[][] = [
    [
      'P-1',
      'Kettle',
      '39.90',
      7,
      9007199254740993n,
      true,
      '2026-11-20',
      '2026-11-30 23:59:59+00',
      '2026-01-02 03:04:05',
      ['steel', 'kitchen'],
      1.25,
      { volts: 230 },
      Buffer.from('png'),
    ],
    ['P-2', 'Broken', 'NaN', 1, null, false, null, null, null, null, null, null, null],
    [null, 'No SKU', '1.00', 1, null, null, null, null, null, null, null, null, null],
    ['P-1', 'Twice', '1.00', 1, null, null, null, null, null, null, null, null, null],
    ['P-5', null, null, null, null, null, null, null, null, null, null, null, null],
  ];

  it('maps numeric, integer, boolean, date and time, array, JSON, bytes and NULL columns, and reports by row', async () => {
    await createTable(url, 'pg_values', columns, rows);
    const { products, issues } = await readCatalog(config(), undefined, { DB: url });
    const shown = `postgres://${pg!.user}:***@127.0.0.1:${pg!.port}/${pg!.database}`;
    expect(brief(issues)).toEqual([
      { rule: 'bad-number', row: 2, sku: 'P-2', column: 'price', file: shown },
      { rule: 'sku-missing', row: 3, sku: undefined, column: 'sku', file: shown },
      { rule: 'duplicate-sku', row: 4, sku: 'P-1', column: undefined, file: shown },
    ]);
    const found = bySku(products);
    expect(found['P-1']).toMatchObject({
      title: 'Kettle',
      price: 39.9,
      quantity: 7,
      handmade: true,
      sale_start: '2026-11-20',
      sale_end: '2026-11-30T23:59:59+00:00',
      tags: ['steel', 'kitchen'],
      weight: 1.25,
      attributes: { stock_big: '9007199254740993', launched: '2026-01-02 03:04:05', specs: '{"volts":230}' },
      source: { file: shown, row: 1 },
    });
    // NULLs are empty fields: the product is read, and a feed reports what it misses (title-missing, price-missing)
    expect(found['P-5']).toMatchObject({ sku: 'P-5', title: undefined, price: undefined, attributes: {} });
  });

  it('says when the query returned no rows', async () => {
    await createTable(url, 'pg_values', columns, rows);
    const { products, issues } = await readCatalog(
      'catalog: { source_env: DB, query: "SELECT * FROM pg_values WHERE sku = \'none\'" }\n',
      undefined,
      {
        DB: url,
      },
    );
    expect(products).toEqual([]);
    expect(issues.map((i) => i.rule)).toEqual(['catalog-empty']);
  });

  it('reads a result of many batches in order, with its row numbers', async () => {
    const { products, issues } = await readCatalog(
      "catalog: { source_env: DB, query: \"SELECT 'S-' || lpad(n::text, 5, '0') AS sku, n AS quantity FROM generate_series(1, 2345) n ORDER BY n\" }\n",
      undefined,
      { DB: url },
    );
    expect(issues).toEqual([]);
    expect(products).toHaveLength(2345);
    expect(products.every((p, i) => p.quantity === i + 1 && p.source.row === i + 1)).toBe(true);
  });
});
