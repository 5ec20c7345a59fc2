import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { build } from '../../src/commands/build.js';
import { explain } from '../../src/commands/explain.js';
import { makeDemoDb } from '../../src/dev/make-demo-db.js';
import { DEMO_TABLES } from '../../src/dev/tables.js';
import { formatExplanation } from '../../src/render.js';
import { postgres } from '../helpers/postgres.js';
import { demoWorkspace, NOW, repoRoot } from '../helpers/workspace.js';

/**
 * The demo catalog read from its CSV file, from its SQLite copy (examples/catalog.db) and from
 * PostgreSQL (the tables the test run's server holds) gives the same feeds, byte for byte, and
 * the same run report but for the name of the source.
 */
const pg = postgres();

/** The demo workspace with its catalog and inventory sections replaced. */
function workspaceWith(catalog: string, inventory: string) {
  const ws = demoWorkspace();
  const config = ws
    .read('omnifeed.yaml')
    .replace('  path: examples/catalog.csv\n', catalog)
    .replace('  path: examples/inventory.csv\n', inventory);
  ws.write('omnifeed.yaml', config);
  return ws;
}

/** Every file of out/ (the build's per-SKU records in out/.omnifeed/ too), by its path there. */
function outputs(dir: string): Record<string, Buffer> {
  const out = path.join(dir, 'out');
  return Object.fromEntries(
    readdirSync(out, { recursive: true, withFileTypes: true })
      .filter((entry) => entry.isFile())
      .map((entry) => {
        const file = path.join(entry.parentPath, entry.name);
        return [path.relative(out, file), readFileSync(file)];
      }),
  );
}

/** The run report and the manifest as JSON, with the source names replaced by `<source>` (and the report's own hash, which follows from them). */
function comparable(files: Record<string, Buffer>, names: string[]) {
  let report = files['omnifeed-report.json'].toString('utf8');
  for (const name of names) report = report.split(JSON.stringify(name)).join('"<source>"');
  // a file's issues name a line, a database's a row (the row of the result, not the line of the CSV file)
  report = report.replace(/"(line|row)": \d+/g, '"<position>": 0');
  const manifest = JSON.parse(files['omnifeed-manifest.json'].toString('utf8')) as { files: { path: string }[] };
  manifest.files = manifest.files.filter((f) => f.path !== 'omnifeed-report.json');
  return { report: JSON.parse(report) as unknown, manifest };
}

const feeds = (files: Record<string, Buffer>) =>
  Object.fromEntries(Object.entries(files).filter(([name]) => !name.startsWith('omnifeed-')));

describe('the demo catalog from a database', () => {
  const csv = demoWorkspace();
  const sqlite = workspaceWith(
    '  source: "sqlite:examples/catalog.db"\n  table: products\n',
    '  source: "sqlite:examples/catalog.db"\n  query: SELECT sku, location, quantity FROM inventory ORDER BY rowid\n',
  );
  afterAll(() => {
    csv.dispose();
    sqlite.dispose();
  });

  it('is the same catalog from CSV and SQLite: identical feeds, and reports that differ only in the source name', async () => {
    await build({ cwd: csv.dir, now: NOW });
    const report = await build({ cwd: sqlite.dir, now: NOW });
    expect(report.catalog).toMatchObject({ file: 'sqlite:examples/catalog.db', products: 62, groups: 49 });
    const [a, b] = [outputs(csv.dir), outputs(sqlite.dir)];
    expect(Object.keys(feeds(a)).sort()).toEqual([
      '.omnifeed/amazon-us.tsv.gz',
      '.omnifeed/ebay-us.tsv.gz',
      '.omnifeed/etsy.tsv.gz',
      '.omnifeed/google-us.tsv.gz',
      '.omnifeed/meta-us.tsv.gz',
      'amazon-us.json',
      'ebay-us.csv',
      'etsy.ndjson',
      'google-us.xml',
      'meta-us.csv',
    ]);
    expect(feeds(b)).toEqual(feeds(a));
    const names = ['examples/catalog.csv', 'examples/inventory.csv', 'sqlite:examples/catalog.db'];
    expect(comparable(b, names)).toEqual(comparable(a, names));
    expect(b['omnifeed-report.json'].toString()).toContain('"file": "sqlite:examples/catalog.db"');
  });

  it('names a database row by its number in the result', async () => {
    // line 32 of the CSV file, whose header and a cell over two lines come before it: the 30th row
    const db = new Database(path.join(repoRoot, 'examples/catalog.db'), { readonly: true });
    const { rowid } = db.prepare('SELECT rowid FROM products WHERE SKU = ?').get('CABLE-USB-1') as { rowid: number };
    db.close();
    expect(rowid).toBe(30);
    const explanation = await explain({ cwd: sqlite.dir, sku: 'CABLE-USB-1', feeds: ['google-us'], now: NOW });
    expect(explanation.source).toEqual({ file: 'sqlite:examples/catalog.db', row: 30 });
    expect(formatExplanation(explanation).split('\n')[0]).toBe('CABLE-USB-1: product, sqlite:examples/catalog.db row 30');
  });

  it.skipIf(!pg)('is the same catalog from PostgreSQL, the URL in the config or in the environment', async () => {
    const server = pg!;
    const ws = workspaceWith(`  source: "${server.url}"\n  table: products\n`, '  source_env: SHOP_DATABASE_URL\n  table: inventory\n');
    try {
      await build({ cwd: csv.dir, now: NOW });
      const report = await build({ cwd: ws.dir, now: NOW, env: { SHOP_DATABASE_URL: server.url } });
      const shown = `postgres://${server.user}:***@127.0.0.1:${server.port}/${server.database}`;
      expect(report.catalog).toMatchObject({ file: shown, products: 62, groups: 49 });
      const [a, b] = [outputs(csv.dir), outputs(ws.dir)];
      expect(feeds(b)).toEqual(feeds(a));
      const names = ['examples/catalog.csv', 'examples/inventory.csv', shown];
      expect(comparable(b, names)).toEqual(comparable(a, names));
      for (const [name, bytes] of Object.entries(b)) expect(bytes.toString('latin1'), name).not.toContain(server.password);
    } finally {
      ws.dispose();
    }
  });

  it('ships examples/catalog.db as npm run make-demo-db makes it from the CSV files', async () => {
    const dir = demoWorkspace();
    try {
      const made = await makeDemoDb(dir.dir, path.join(dir.dir, 'made.db'));
      const [committed, fresh] = [path.join(repoRoot, 'examples/catalog.db'), made].map((file) => new Database(file, { readonly: true }));
      try {
        for (const { table } of DEMO_TABLES) {
          const dump = (db: Database.Database) => ({
            schema: db.prepare('SELECT sql FROM sqlite_master WHERE name = ?').get(table.name),
            rows: db.prepare(`SELECT * FROM "${table.name}" ORDER BY rowid`).raw(true).all(),
          });
          expect(dump(committed), `${table.name}: run npm run make-demo-db`).toEqual(dump(fresh));
        }
      } finally {
        committed.close();
        fresh.close();
      }
    } finally {
      dir.dispose();
    }
  });
});
