import { copyFileSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parseDocument } from 'yaml';
import { describe, expect, it } from 'vitest';
import { Catalog } from '../../src/catalog/catalog.js';
import { proposeColumns } from '../../src/catalog/propose.js';
import { build } from '../../src/commands/build.js';
import { DEMO_ATTRIBUTES, init } from '../../src/commands/init.js';
import { loadWorkspace } from '../../src/config/load.js';
import { createTable, postgres } from '../helpers/postgres.js';
import { NOW, repoRoot, tempWorkspace } from '../helpers/workspace.js';

const pg = postgres();
const demoConfig = loadWorkspace(repoRoot).config;

describe('omnifeed init --from a database', () => {
  it('proposes, from the demo database, exactly the mapping the demo writes by hand, and the workspace builds', async () => {
    const ws = tempWorkspace({});
    try {
      copyFileSync(path.join(repoRoot, 'examples/catalog.db'), path.join(ws.dir, 'shop.db'));
      const files = await init({ cwd: ws.dir, from: 'sqlite:shop.db', table: 'products' });
      expect(files).toContain('omnifeed.yaml');
      expect(files).toContain(path.join('feeds', 'google-us.yaml'));
      expect(files.some((f) => f.startsWith('examples'))).toBe(false);
      const text = ws.read('omnifeed.yaml');
      const config = parseDocument(text).toJS() as { catalog: Record<string, unknown> };
      expect(config.catalog).toMatchObject({ source: 'sqlite:shop.db', table: 'products' });
      expect(config.catalog.columns).toEqual(demoConfig.catalog.columns);
      // a comment on each column it could not place: the demo's two attribute columns
      expect(text).toContain('#   "Bullets": no canonical field by this name');
      expect(text).toContain('#   "Country of Origin": no canonical field by this name');
      const report = await build({ cwd: ws.dir, feeds: ['google-us'], now: NOW });
      expect(report.catalog).toMatchObject({ file: 'sqlite:shop.db', products: 62, errors: 0 });
      expect(report.feeds[0].listed).toBeGreaterThan(40);
    } finally {
      ws.dispose();
    }
  });

  it('the demo attribute columns init knows are the demo catalog columns without a field', async () => {
    const header = (await new Catalog(loadWorkspace(repoRoot)).columns())!;
    const mapped = new Set(Object.values(demoConfig.catalog.columns ?? {}));
    expect([...header].filter((c) => !mapped.has(c))).toEqual(DEMO_ATTRIBUTES);
  });

  it.skipIf(!pg)(
    'reads the columns of a PostgreSQL query, keeps the password out of omnifeed.yaml, and comments out what the feeds miss',
    async () => {
      const server = pg!;
      await createTable(
        server.url,
        'init_items',
        '"ItemSKU" text, "productName" text, price_usd numeric, ean text, upc text, "Stock Qty" integer, colour text, notes text',
        [['I-1', 'Lamp', '12.50', '4006381333931', null, 3, 'Red', 'fragile']],
      );
      const ws = tempWorkspace({});
      try {
        await init({ cwd: ws.dir, from: server.url, query: 'SELECT * FROM init_items' });
        const text = ws.read('omnifeed.yaml');
        expect(text).not.toContain(server.password);
        const config = parseDocument(text).toJS() as { catalog: Record<string, unknown> };
        expect(config.catalog).toMatchObject({
          source: `postgres://${server.user}@127.0.0.1:${server.port}/${server.database}`,
          query: 'SELECT * FROM init_items',
          currency: 'USD',
          columns: { sku: 'ItemSKU', title: 'productName', gtin: 'ean', price: 'price_usd', quantity: 'Stock Qty', color: 'colour' },
        });
        expect(text).toContain(`#   "upc": looks like gtin, which 'ean' fills: it stays an attribute`);
        expect(text).toContain('#   "notes": no canonical field by this name');
        expect(text).toContain('PGPASSWORD');
        const amazon = ws.read('feeds/amazon-us.yaml');
        expect(amazon).toMatch(
          /^\s*# country_of_origin: "\{\{ \[Country of Origin\] \}\}"\s+# the source has no column 'Country of Origin'/m,
        );
        expect(amazon).toMatch(/^\s*# bullets_column: Bullets\s+# the source has no column 'Bullets'/m);
        const report = await build({ cwd: ws.dir, now: NOW, env: { PGPASSWORD: server.password, AMAZON_SELLER_ID: 'A1TEST' } });
        expect(report.catalog).toMatchObject({ products: 1, errors: 0 });
      } finally {
        ws.dispose();
      }
    },
  );

  it.skipIf(!pg)('writes source_env for --from-env', async () => {
    const ws = tempWorkspace({});
    try {
      await init({ cwd: ws.dir, fromEnv: 'SHOP_DB', table: 'products', env: { SHOP_DB: pg!.url } });
      const text = ws.read('omnifeed.yaml');
      expect(text).not.toContain(pg!.password);
      expect(parseDocument(text).toJS().catalog).toMatchObject({
        source_env: 'SHOP_DB',
        table: 'products',
        columns: demoConfig.catalog.columns,
      });
    } finally {
      ws.dispose();
    }
  });

  it('refuses a source it cannot read, before writing anything', async () => {
    const ws = tempWorkspace({});
    try {
      await expect(init({ cwd: ws.dir, from: 'sqlite:none.db', table: 'products' })).rejects.toThrow('sqlite:none.db: file not found');
      await expect(init({ cwd: ws.dir, from: 'sqlite:none.db' })).rejects.toThrow('init --from needs --table <name> or --query <sql>');
      await expect(init({ cwd: ws.dir, from: 'mysql://u:secret@h/db', table: 't' })).rejects.toThrow(
        /^--from: write sqlite:FILE or postgres:\/\/user@host:5432\/db \(got 'h\/db'\)$/,
      );
      expect(() => readFileSync(path.join(ws.dir, 'omnifeed.yaml'))).toThrow();
    } finally {
      ws.dispose();
    }
  });
});

describe('proposeColumns', () => {
  it.each([
    [['SKU', 'Price'], { sku: 'SKU', price: 'Price' }],
    [
      ['item_sku', 'Product Name', 'imageURL', 'Extra Images', 'EAN'],
      { sku: 'item_sku', title: 'Product Name', gtin: 'EAN', image_url: 'imageURL', additional_image_urls: 'Extra Images' },
    ],
    [['id', 'Parent', 'qty_on_hand', 'Price EUR'], { parent_sku: 'Parent', price: 'Price EUR', quantity: 'qty_on_hand' }],
  ])('%j → %j', (names, columns) => {
    expect(proposeColumns(names).columns).toEqual(columns);
  });

  it('names the currency of a price column, and leaves the rest with a note', () => {
    expect(proposeColumns(['sku', 'price_gbp', 'upc', 'barcode', 'id'])).toEqual({
      columns: { sku: 'sku', gtin: 'upc', price: 'price_gbp' },
      currency: 'GBP',
      unplaced: [
        { column: 'barcode', note: "looks like gtin, which 'upc' fills: it stays an attribute" },
        { column: 'id', note: 'no canonical field by this name: it stays an attribute' },
      ],
    });
  });
});
