/**
 * CSV files copied into database tables with typed columns: the demo's SQLite copy
 * (`npm run make-demo-db`), the tests' PostgreSQL tables and the benchmark's. A table is the
 * CSV's header with a SQL type per column (TEXT unless named); an empty cell is NULL.
 */
import { spawnSync } from 'node:child_process';
import { closeSync, createReadStream, openSync, readSync } from 'node:fs';
import Database from 'better-sqlite3';
import { parse } from 'csv-parse';
import { parse as parseLine } from 'csv-parse/sync';

export interface TableSpec {
  name: string;
  /** SQL type by column (the same text works in SQLite and PostgreSQL); every other column is TEXT */
  types: Record<string, string>;
}

/** The demo catalog and stock overlay as tables of `examples/catalog.db`: prices numeric, quantities integer, dates, a boolean. */
export const DEMO_TABLES: { csv: string; table: TableSpec }[] = [
  {
    csv: 'examples/catalog.csv',
    table: {
      name: 'products',
      types: {
        Price: 'NUMERIC(10,2)',
        'Sale Price': 'NUMERIC(10,2)',
        'Sale Start': 'DATE',
        'Sale End': 'DATE',
        Cost: 'NUMERIC(10,2)',
        Qty: 'INTEGER',
        Handmade: 'BOOLEAN',
      },
    },
  },
  { csv: 'examples/inventory.csv', table: { name: 'inventory', types: { quantity: 'INTEGER' } } },
];

const quote = (name: string) => `"${name.replace(/"/g, '""')}"`;

/** The header of a CSV file (read from its first 64 KB), as column names. */
function csvHeader(file: string): string[] {
  const fd = openSync(file, 'r');
  const buffer = Buffer.alloc(1 << 16);
  const read = readSync(fd, buffer, 0, buffer.length, 0);
  closeSync(fd);
  const first = buffer.toString('utf8', 0, read).split('\n', 1)[0];
  return (parseLine(first, { bom: true })[0] as string[]).map((name) => name.trim());
}

/** `CREATE TABLE "products" ("SKU" TEXT, "Price" NUMERIC(10,2), …)` */
function createTable(table: TableSpec, header: string[]): string {
  return `CREATE TABLE ${quote(table.name)} (${header.map((column) => `${quote(column)} ${table.types[column] ?? 'TEXT'}`).join(', ')})`;
}

const DECIMAL = /^-?\d+(\.\d+)?$/;
const YES = new Set(['yes', 'true', 'y', '1']);
const NO = new Set(['no', 'false', 'n', '0']);

/** A CSV cell as SQLite stores it in a column of that type: a number, 1/0 for a boolean, text otherwise; NULL when empty. */
function sqliteValue(cell: string, type: string | undefined): string | number | null {
  if (cell === '') return null;
  if (type === undefined) return cell;
  if (/^(INTEGER|NUMERIC|REAL|DOUBLE)/i.test(type) && DECIMAL.test(cell)) return Number(cell);
  if (/^BOOLEAN/i.test(type)) return YES.has(cell.toLowerCase()) ? 1 : NO.has(cell.toLowerCase()) ? 0 : cell;
  return cell;
}

/** Copy a CSV file into a new table of a SQLite database, streaming, 10,000 rows a transaction. */
export async function csvToSqlite(csvFile: string, db: Database.Database, table: TableSpec): Promise<number> {
  const header = csvHeader(csvFile);
  db.exec(createTable(table, header));
  const insert = db.prepare(`INSERT INTO ${quote(table.name)} VALUES (${header.map(() => '?').join(', ')})`);
  const types = header.map((column) => table.types[column]);
  const insertAll = db.transaction((rows: string[][]) => {
    for (const row of rows) insert.run(row.map((cell, i) => sqliteValue(cell, types[i])));
  });
  let rows: string[][] = [];
  let count = 0;
  const parser = createReadStream(csvFile).pipe(parse({ from_line: 2, bom: true }));
  for await (const record of parser as AsyncIterable<string[]>) {
    rows.push(record);
    if (rows.length === 10_000) {
      insertAll(rows);
      count += rows.length;
      rows = [];
    }
  }
  insertAll(rows);
  return count + rows.length;
}

/** A PostgreSQL server to load tables into: psql's path and how to log in. */
export interface PostgresTarget {
  psql: string;
  host: string;
  port: number;
  user: string;
  password: string;
  database: string;
}

/**
 * Copy a CSV file into a new table of a PostgreSQL database with psql's `\copy` (COPY … FROM
 * STDIN: a million rows in seconds). COPY fills the free space of earlier pages, so the table's
 * own order is not the file's: `rowNumber` adds an indexed column numbering the rows in the
 * file's order, for `ORDER BY`.
 */
export function csvToPostgres(csvFile: string, target: PostgresTarget, table: TableSpec, rowNumber?: string): void {
  const header = csvHeader(csvFile);
  let create = createTable(table, header);
  if (rowNumber) create = `${create.slice(0, -1)}, ${quote(rowNumber)} bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY)`;
  const list = `${quote(table.name)} (${header.map(quote).join(', ')})`;
  const copy = `\\copy ${list} FROM '${csvFile.replace(/'/g, "''")}' WITH (FORMAT csv, HEADER true)`;
  const args = [
    '-X',
    '-q',
    '-v',
    'ON_ERROR_STOP=1',
    '-h',
    target.host,
    '-p',
    String(target.port),
    '-U',
    target.user,
    '-d',
    target.database,
  ];
  const result = spawnSync(target.psql, [...args, '-c', create, '-c', copy], {
    encoding: 'utf8',
    env: { ...process.env, PGPASSWORD: target.password },
  });
  if (result.status !== 0) throw new Error(`psql could not load ${csvFile} into ${table.name}: ${result.stderr || result.error?.message}`);
}
