import { execFile } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { createServer, type Server, type Socket } from 'node:net';
import path from 'node:path';
import { promisify } from 'node:util';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inProcess, snapshot } from '../helpers/cli.js';
import { createTable, postgres } from '../helpers/postgres.js';
import type { PostgresInfo } from '../helpers/postgres-setup.js';
import { GOOGLE_FEED, repoRoot, tempWorkspace } from '../helpers/workspace.js';

/**
 * Bad input from a database, through the CLI: each case states the exit code and what the user
 * is told, a failure (exit 2) is one line without a stack and leaves out/ as it was, and no
 * password appears in stdout, stderr or any file of out/.
 */
const pg = postgres();

const COLUMNS = ['sku', 'title', 'description', 'price', 'quantity', 'url', 'image_url', 'brand'];
type Row = (string | number | null)[];
const row = (sku: string | null, changes: Partial<Record<string, string | number | null>> = {}): Row => {
  const base: Record<string, string | number | null> = {
    sku,
    title: `Bottle ${sku}`,
    description: 'Steel bottle',
    price: 20,
    quantity: 3,
    url: `https://s.example.com/${sku}`,
    image_url: `https://c.example.com/${sku}.jpg`,
    brand: 'Trailhead',
  };
  return COLUMNS.map((column) => (column in changes ? changes[column]! : base[column]));
};
const GOOD: Row[] = [row('A-1'), row('A-2'), row('A-3')];

/** A SQLite file with a `products` table of the given rows (price a NUMERIC column, so it can hold text too). */
function sqliteFile(file: string, rows: Row[]): void {
  const db = new Database(file);
  db.exec(
    'CREATE TABLE products (sku TEXT, title TEXT, description TEXT, price NUMERIC, quantity INTEGER, url TEXT, image_url TEXT, brand TEXT)',
  );
  const insert = db.prepare(`INSERT INTO products VALUES (${COLUMNS.map(() => '?').join(', ')})`);
  for (const values of rows) insert.run(values);
  db.close();
}

const catalogConfig = (catalog: string) => `catalog: { ${catalog}, currency: USD }\n`;

interface Case {
  /** the catalog section's source keys, e.g. `source: "sqlite:bad.db", table: products` */
  catalog: string;
  /** rows of the SQLite file bad.db */
  rows?: Row[];
  /** a file written as bad.db instead */
  text?: string;
  env?: Record<string, string>;
  args?: string[];
  code: 0 | 1 | 2;
  message: RegExp;
}

/** Build a good workspace, break its catalog, build again: the exit code, the message, out/ kept on failure, no secret anywhere. */
async function check(c: Case, secrets: string[]) {
  const ws = tempWorkspace({
    'omnifeed.yaml': catalogConfig('source: "sqlite:shop.db", table: products'),
    'feeds/google.yaml': GOOGLE_FEED,
  });
  try {
    sqliteFile(path.join(ws.dir, 'shop.db'), GOOD);
    expect((await inProcess(ws.dir, ['build'])).code).toBe(0);
    if (c.rows) sqliteFile(path.join(ws.dir, 'bad.db'), c.rows);
    if (c.text !== undefined) writeFileSync(path.join(ws.dir, 'bad.db'), c.text);
    writeFileSync(path.join(ws.dir, 'omnifeed.yaml'), catalogConfig(c.catalog));
    const out = path.join(ws.dir, 'out');
    const before = snapshot(out);
    const result = await inProcess(ws.dir, c.args ?? ['build'], c.env);
    expect(result.code, result.stderr).toBe(c.code);
    expect(`${result.stderr}${result.stdout}`).toMatch(c.message);
    expect(result.stderr).not.toMatch(/\n\s+at /);
    if (c.code === 2) {
      expect(result.stderr.trim().split('\n'), result.stderr).toHaveLength(1);
      expect(result.stdout).toBe('');
      expect(snapshot(out)).toEqual(before);
    }
    const everything = [result.stdout, result.stderr, ...Object.values(snapshot(out))].join('\n');
    for (const secret of secrets) expect(everything).not.toContain(secret);
  } finally {
    ws.dispose();
  }
}

const sqliteCases: Record<string, Case> = {
  'text in a numeric price column': {
    catalog: 'source: "sqlite:bad.db", table: products',
    rows: [row('A-1'), row('A-2', { price: 'twelve' }), row('A-3')],
    code: 1,
    message: /^error sqlite:bad.db row 2 \(price\) \[bad-number\] A-2 price: price: 'twelve' is not a number$/m,
  },
  'a NULL SKU': {
    catalog: 'source: "sqlite:bad.db", table: products',
    rows: [row('A-1'), row(null), row('A-3')],
    code: 1,
    message: /^error sqlite:bad.db row 2 \(sku\) \[sku-missing\] the row has no SKU$/m,
  },
  'a NULL title and price (required by the feed)': {
    catalog: 'source: "sqlite:bad.db", table: products',
    rows: [row('A-1', { title: null, price: null })],
    code: 1,
    message: /\[title-missing\] A-1 title[\s\S]*\[price-missing\] A-1 price/,
  },
  'a duplicate SKU': {
    catalog: 'source: "sqlite:bad.db", table: products',
    rows: [row('A-1'), row('A-2'), row('A-1', { title: 'Again' })],
    code: 1,
    message: /^error sqlite:bad.db row 3 \[duplicate-sku\] A-1 sku: SKU 'A-1' appears again; the first row is kept$/m,
  },
  'a query with no rows': {
    catalog: 'source: "sqlite:bad.db", query: "SELECT * FROM products WHERE sku = \'none\'"',
    rows: GOOD,
    code: 0,
    message: /^catalog sqlite:bad.db: 0 products in 0 listings, 0 unreadable rows, 1 warning$/m,
  },
  'a query with no rows, failing on warnings': {
    catalog: 'source: "sqlite:bad.db", query: "SELECT * FROM products WHERE sku = \'none\'"',
    rows: GOOD,
    args: ['build', '--fail-on', 'warning', '--json'],
    code: 1,
    message: /"rule": "catalog-empty",\s+"message": "the query returned no rows: every feed is empty"/,
  },
  'a missing file': {
    catalog: 'source: "sqlite:nowhere.db", table: products',
    code: 2,
    message: /^omnifeed: CATALOG_UNREADABLE: sqlite:nowhere.db: file not found$/m,
  },
  'a file that is not a database': {
    catalog: 'source: "sqlite:bad.db", table: products',
    text: 'sku,title\nA-1,Bottle\n',
    code: 2,
    message: /^omnifeed: CATALOG_UNREADABLE: sqlite:bad.db: not a SQLite database$/m,
  },
  'an unknown table': {
    catalog: 'source: "sqlite:bad.db", table: prodcuts',
    rows: GOOD,
    code: 2,
    message: /^omnifeed: CATALOG_UNREADABLE: sqlite:bad.db: the query failed: no such table: prodcuts$/m,
  },
  'a query error': {
    catalog: 'source: "sqlite:bad.db", query: "SELEC * FROM products"',
    rows: GOOD,
    code: 2,
    message: /^omnifeed: CATALOG_UNREADABLE: sqlite:bad.db: the query failed: near "SELEC": syntax error$/m,
  },
  'a statement that returns no rows': {
    catalog: 'source: "sqlite:bad.db", query: "DELETE FROM products"',
    rows: GOOD,
    code: 2,
    message: /^omnifeed: CATALOG_UNREADABLE: sqlite:bad.db: the query returns no rows: give a SELECT \(or a table\)$/m,
  },
  'a mapped column the result lacks': {
    catalog: 'source: "sqlite:bad.db", query: "SELECT sku, title FROM products", columns: { price: Price }',
    rows: GOOD,
    code: 2,
    message: /^omnifeed: CATALOG_COLUMNS: sqlite:bad.db: missing column 'Price' \(for price\); the header has 'sku', 'title'$/m,
  },
  'a path and a source': {
    catalog: 'path: catalog.csv, source: "sqlite:bad.db", table: products',
    code: 2,
    message: /^omnifeed: CONFIG_INVALID: omnifeed.yaml: \/catalog: path and source exclude each other: give one$/m,
  },
  'a database without query or table': {
    catalog: 'source: "sqlite:bad.db"',
    code: 2,
    message: /^omnifeed: CONFIG_INVALID: omnifeed.yaml: \/catalog: a database source needs a query \(SQL\) or a table$/m,
  },
  'a query for a file': {
    catalog: 'path: catalog.csv, query: "SELECT 1"',
    code: 2,
    message: /^omnifeed: CONFIG_INVALID: omnifeed.yaml: \/catalog\/query: only a database source \(source, source_env\) takes query$/m,
  },
  'a database omnifeed does not read, with a password': {
    catalog: 'source: "mysql://shop:hunter2-secret@db.example.com/shop", table: products',
    code: 2,
    message:
      /^omnifeed: CONFIG_INVALID: omnifeed.yaml: \/catalog\/source: 'mysql:\/\/shop:\*\*\*@db.example.com\/shop' is not a database omnifeed reads/m,
  },
  'an unset source_env': {
    catalog: 'source_env: SHOP_DATABASE_URL, table: products',
    code: 2,
    message: /^omnifeed: CATALOG_UNREADABLE: omnifeed.yaml: \/catalog\/source_env: the environment variable SHOP_DATABASE_URL is not set/m,
  },
};

describe('bad input from SQLite', () => {
  it.each(Object.entries(sqliteCases))('%s', (_name, c) => check(c, ['hunter2-secret']));
});

/** A port with nothing listening, and a server that accepts connections and never answers. */
let silent: Server;
const held: Socket[] = [];
let silentPort = 0;
let closedPort = 0;

describe.skipIf(!pg)('bad input from PostgreSQL', () => {
  const server = pg as PostgresInfo;
  const url = (changes: { password?: string; port?: number; database?: string } = {}) =>
    `postgres://${server.user}:${encodeURIComponent(changes.password ?? server.password)}@127.0.0.1:${changes.port ?? server.port}/${changes.database ?? server.database}`;
  const shown = (port = server.port, database = server.database) =>
    `postgres:\\/\\/${server.user}:\\*\\*\\*@127\\.0\\.0\\.1:${port}\\/${database}`;
  const WRONG = 'wrong-Pa55word';

  beforeAll(async () => {
    silent = createServer((socket) => held.push(socket));
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    silentPort = (silent.address() as { port: number }).port;
    const probe = createServer();
    await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
    closedPort = (probe.address() as { port: number }).port;
    await new Promise((resolve) => probe.close(resolve));
    await createTable(
      server.url,
      'cli_products',
      COLUMNS.map((c) => `"${c}" ${c === 'quantity' ? 'integer' : 'text'}`).join(', '),
      [row('A-1'), row('A-2', { price: 'twelve' }), row(null), row('A-1')].map((r) =>
        r.map((v) => (typeof v === 'number' && v !== 3 ? String(v) : v)),
      ),
    );
  });
  afterAll(async () => {
    for (const socket of held) socket.destroy();
    await new Promise((resolve) => silent?.close(resolve));
  });

  const cases = (): Record<string, Case> => ({
    'text in a price column, a NULL SKU, a duplicate': {
      catalog: 'source_env: DB, table: cli_products',
      env: { DB: url() },
      code: 1,
      message: new RegExp(
        `^error ${shown()} row 2 \\(price\\) \\[bad-number\\] A-2 price: price: 'twelve' is not a number\\n` +
          `error ${shown()} row 3 \\(sku\\) \\[sku-missing\\] the row has no SKU\\n` +
          `error ${shown()} row 4 \\[duplicate-sku\\] A-1 sku: SKU 'A-1' appears again; the first row is kept$`,
        'm',
      ),
    },
    'a query with no rows': {
      catalog: `source_env: DB, query: "SELECT * FROM cli_products WHERE false"`,
      env: { DB: url() },
      code: 0,
      message: new RegExp(`^catalog ${shown()}: 0 products in 0 listings, 0 unreadable rows, 1 warning$`, 'm'),
    },
    'a wrong password': {
      catalog: 'source_env: DB, table: cli_products',
      env: { DB: url({ password: WRONG }) },
      code: 2,
      message: new RegExp(
        `^omnifeed: CATALOG_UNREADABLE: ${shown()}: cannot connect: password authentication failed for user "${server.user}"$`,
        'm',
      ),
    },
    'a wrong password in omnifeed.yaml': {
      catalog: `source: "${url({ password: WRONG })}", table: cli_products`,
      code: 2,
      message: new RegExp(`^omnifeed: CATALOG_UNREADABLE: ${shown()}: cannot connect: password authentication failed`, 'm'),
    },
    'a closed port': {
      catalog: 'source_env: DB, table: cli_products',
      env: { DB: url({ port: closedPort }) },
      code: 2,
      message: new RegExp(
        `^omnifeed: CATALOG_UNREADABLE: ${shown(closedPort)}: cannot connect: connection refused \\(no server listening on 127\\.0\\.0\\.1:${closedPort}\\)$`,
        'm',
      ),
    },
    'a server that does not answer': {
      catalog: 'source_env: DB, table: cli_products, timeout_s: 1',
      env: { DB: url({ port: silentPort }) },
      code: 2,
      message: new RegExp(
        `^omnifeed: CATALOG_UNREADABLE: ${shown(silentPort)}: cannot connect: timed out: no answer within 1 s \\(timeout_s\\)$`,
        'm',
      ),
    },
    'an unknown database': {
      catalog: 'source_env: DB, table: cli_products',
      env: { DB: url({ database: 'shopp' }) },
      code: 2,
      message: new RegExp(
        `^omnifeed: CATALOG_UNREADABLE: ${shown(server.port, 'shopp')}: cannot connect: database "shopp" does not exist$`,
        'm',
      ),
    },
    'an unknown table': {
      catalog: 'source_env: DB, table: cli_prodcuts',
      env: { DB: url() },
      code: 2,
      message: new RegExp(`^omnifeed: CATALOG_UNREADABLE: ${shown()}: the query failed: relation "cli_prodcuts" does not exist$`, 'm'),
    },
    'a query error': {
      catalog: 'source_env: DB, query: "SELECT sku FROM cli_products WHERE"',
      env: { DB: url() },
      code: 2,
      message: new RegExp(`^omnifeed: CATALOG_UNREADABLE: ${shown()}: the query failed: syntax error at end of input$`, 'm'),
    },
    'a query slower than timeout_s': {
      catalog: 'source_env: DB, query: "SELECT p.* FROM cli_products p, pg_sleep(5)", timeout_s: 1',
      env: { DB: url() },
      code: 2,
      message: new RegExp(
        `^omnifeed: CATALOG_UNREADABLE: ${shown()}: the query failed: timed out: no answer within 1 s \\(timeout_s\\)$`,
        'm',
      ),
    },
    'a query that writes': {
      catalog: 'source_env: DB, query: "SELECT * FROM cli_products; DROP TABLE cli_products"',
      env: { DB: url() },
      code: 2,
      message: new RegExp(
        `^omnifeed: CATALOG_UNREADABLE: ${shown()}: the query failed: cannot execute DROP TABLE in a read-only transaction$`,
        'm',
      ),
    },
  });

  it.each(Object.keys(cases()))('%s', (name) => check(cases()[name], [server.password, encodeURIComponent(server.password), WRONG]));

  it('prints no password from the process either, with --debug', async () => {
    const ws = tempWorkspace({
      'omnifeed.yaml': catalogConfig(`source: "${url({ password: WRONG })}", table: cli_products`),
      'feeds/google.yaml': GOOGLE_FEED,
    });
    try {
      mkdirSync(path.join(ws.dir, 'out'));
      const result = await promisify(execFile)(process.execPath, [path.join(repoRoot, 'bin/omnifeed.js'), '--debug', 'build'], {
        cwd: ws.dir,
        encoding: 'utf8',
        env: { ...process.env, NO_COLOR: '1', CI: 'true' },
      }).then(
        () => ({ code: 0, stdout: '', stderr: '' }),
        (error: { code: number; stdout: string; stderr: string }) => error,
      );
      expect(result.code).toBe(2);
      expect(result.stderr).toMatch(
        new RegExp(`^omnifeed: CATALOG_UNREADABLE: ${shown()}: cannot connect: password authentication failed`),
      );
      expect(`${result.stdout}${result.stderr}`).not.toContain(WRONG);
    } finally {
      ws.dispose();
    }
  });
});
