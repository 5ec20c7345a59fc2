import pg from 'pg';
import { inject } from 'vitest';
import type { PostgresInfo } from './postgres-setup.js';

/**
 * The test run's PostgreSQL server (test/helpers/postgres-setup.ts); null when OMNIFEED_SKIP_PG=1
 * skips the PostgreSQL tests.
 */
export const postgres = (): PostgresInfo | null => inject('postgres');

/** Run statements on the server as the catalog's role, each with its parameters. */
async function execute(url: string, ...statements: (string | [string, unknown[]])[]): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    for (const statement of statements) {
      if (typeof statement === 'string') await client.query(statement);
      else await client.query(statement[0], statement[1]);
    }
  } finally {
    await client.end();
  }
}

/** A table of the given columns (`"sku" text, "price" numeric`) and rows, made anew; each test file uses names of its own. */
export async function createTable(url: string, name: string, columns: string, rows: unknown[][]): Promise<void> {
  const statements: [string, unknown[]][] = rows.map((row) => [
    `INSERT INTO "${name}" VALUES (${row.map((_, i) => `$${i + 1}`).join(', ')})`,
    row,
  ]);
  await execute(url, `DROP TABLE IF EXISTS "${name}"`, `CREATE TABLE "${name}" (${columns})`, ...statements);
}
