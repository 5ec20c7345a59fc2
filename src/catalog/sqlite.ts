import { existsSync, statSync } from 'node:fs';
import Database from 'better-sqlite3';
import { OmnifeedError } from '../errors.js';
import type { SourceEvent } from './read.js';

/** A SQLite catalog: the file, how reports name it, the query, and how long to wait for a locked database. */
export interface SqliteSource {
  file: string;
  shown: string;
  query: string;
  timeoutMs: number;
}

const unreadable = (shown: string, message: string) => new OmnifeedError('CATALOG_UNREADABLE', `${shown}: ${message}`);

/**
 * Stream the rows of a query on a SQLite file (better-sqlite3, read-only): the result's column
 * names first, then one row at a time as an array, never the whole result in memory. Integers
 * too large for a JavaScript number come as their digits, so a long GTIN keeps every digit.
 */
export async function* readSqlite(source: SqliteSource): AsyncGenerator<SourceEvent> {
  const { file, shown } = source;
  if (!existsSync(file) || !statSync(file).isFile()) throw unreadable(shown, 'file not found');
  let db: Database.Database;
  try {
    db = new Database(file, { readonly: true, fileMustExist: true, timeout: source.timeoutMs });
  } catch (error) {
    throw unreadable(shown, `cannot open (${(error as Error).message})`);
  }
  let rows: IterableIterator<unknown[]> | undefined;
  try {
    const statement = prepare(db, source);
    yield { header: statement.columns().map((column) => column.name) };
    rows = statement.iterate() as IterableIterator<unknown[]>;
    for (let row = 1; ; row++) {
      let next: IteratorResult<unknown[]>;
      try {
        next = rows.next();
      } catch (error) {
        throw unreadable(shown, `reading row ${row} failed: ${(error as Error).message}`);
      }
      if (next.done) return;
      yield { row: { record: withoutBigInts(next.value), row } };
    }
  } finally {
    rows?.return?.();
    db.close();
  }
}

function prepare(db: Database.Database, { shown, query }: SqliteSource): Database.Statement {
  let statement: Database.Statement;
  try {
    statement = db.prepare(query);
  } catch (error) {
    const { code, message } = error as { code?: string; message: string };
    if (code === 'SQLITE_NOTADB') throw unreadable(shown, 'not a SQLite database');
    throw unreadable(shown, `the query failed: ${message}`);
  }
  if (!statement.reader) throw unreadable(shown, 'the query returns no rows: give a SELECT (or a table)');
  return statement.raw(true).safeIntegers(true);
}

const fromBigInt = (value: bigint): number | string =>
  value <= BigInt(Number.MAX_SAFE_INTEGER) && value >= BigInt(Number.MIN_SAFE_INTEGER) ? Number(value) : value.toString();

/** the row with each bigint as a number, or as its digits when it is too large for one */
function withoutBigInts(record: unknown[]): unknown[] {
  for (let i = 0; i < record.length; i++) if (typeof record[i] === 'bigint') record[i] = fromBigInt(record[i] as bigint);
  return record;
}
