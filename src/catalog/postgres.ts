import pg from 'pg';
import { maskPassword } from '../config/sources.js';
import { OmnifeedError } from '../errors.js';
import type { SourceEvent } from './read.js';

/** A PostgreSQL catalog: the URL (with its password), how reports name it (masked), the query, how long to wait for the server. */
export interface PostgresSource {
  url: string;
  /** the password when the URL has none (PGPASSWORD) */
  password?: string;
  shown: string;
  query: string;
  timeoutMs: number;
}

/** Rows per FETCH: the reader holds this batch and the next one, whatever the size of the result. */
const BATCH = 1000;
const CURSOR = 'omnifeed_rows';

/**
 * Dates and times as the text PostgreSQL sends (pg would make a `date` a JavaScript Date at local
 * midnight, a day off east of UTC); a `timestamptz` with its offset written out (`+00` → `+00:00`).
 */
const asText = (text: string) => text;
const withOffset = (text: string) => text.replace(' ', 'T').replace(/([+-]\d\d)$/, '$1:00');
const OIDS = { date: 1082, timestamp: 1114, timestamptz: 1184 };
const types = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') => {
    if (oid === OIDS.date || oid === OIDS.timestamp) return asText;
    if (oid === OIDS.timestamptz) return withOffset;
    return pg.types.getTypeParser(oid, format);
  }) as typeof pg.types.getTypeParser,
};

/**
 * Stream the rows of a query on a PostgreSQL server: in a read-only transaction, through a
 * server-side cursor (DECLARE … CURSOR), BATCH rows a FETCH, the next batch asked for while
 * this one is read. Each FETCH is its own statement, so `timeout_s` (the server's
 * statement_timeout, and a client-side backstop) bounds every batch, not the whole read. The
 * result's column names come first. Errors name the server by its masked URL.
 */
export async function* readPostgres(source: PostgresSource): AsyncGenerator<SourceEvent> {
  const fail = failure(source);
  const client = new pg.Client({
    connectionString: withPassword(source.url, source.password),
    connectionTimeoutMillis: source.timeoutMs,
    query_timeout: source.timeoutMs + 5000,
    application_name: 'omnifeed',
    keepAlive: true,
  });
  // a connection lost between two queries is reported through the next query
  client.on('error', () => undefined);
  let failed = false;
  try {
    await client.connect().catch((error) => {
      throw fail('cannot connect', error);
    });
    const settings = [
      'BEGIN READ ONLY',
      `SET LOCAL statement_timeout = ${Math.ceil(source.timeoutMs)}`,
      "SET LOCAL TimeZone = 'UTC'",
      "SET LOCAL DateStyle = 'ISO, YMD'",
    ];
    await client.query(settings.join('; ')).catch((error) => {
      throw fail('cannot start a read-only transaction', error);
    });
    await client.query(`DECLARE ${CURSOR} NO SCROLL CURSOR FOR ${source.query}`).catch((error) => {
      throw fail('the query failed', error);
    });
    yield* fetchRows(client, fail);
  } catch (error) {
    failed = true;
    throw error;
  } finally {
    await close(client, failed);
  }
}

type Fail = (doing: string, error: unknown) => OmnifeedError;

async function* fetchRows(client: pg.Client, fail: Fail): AsyncGenerator<SourceEvent> {
  const fetch = () => client.query<unknown[]>({ text: `FETCH FORWARD ${BATCH} FROM ${CURSOR}`, rowMode: 'array', types });
  let pending: Promise<pg.QueryResult<unknown[]>> | undefined = fetch();
  let row = 0;
  while (pending) {
    const result: pg.QueryResult<unknown[]> = await pending.catch((error: unknown) => {
      throw fail(row === 0 ? 'the query failed' : `reading the rows after row ${row} failed`, error);
    });
    if (row === 0) yield { header: result.fields.map((field) => field.name) };
    // ask for the next batch before this one is read: the server works while the pipeline does
    pending = result.rows.length === BATCH ? fetch() : undefined;
    pending?.catch(() => undefined);
    for (const record of result.rows) yield { row: { record, row: ++row } };
  }
}

/** End the session; a failed read drops the connection without waiting for a server that may not answer. */
async function close(client: pg.Client, failed: boolean): Promise<void> {
  if (!failed) {
    const timeout = new Promise<void>((resolve) => setTimeout(resolve, 5000).unref());
    await Promise.race([client.end().catch(() => undefined), timeout]);
  }
  client.connection.stream.destroy();
}

/** A CATALOG_UNREADABLE error: the masked URL, what was being done, and the reason in words; the password never appears. */
function failure(source: PostgresSource): Fail {
  const seconds = source.timeoutMs / 1000;
  const address = hostAndPort(source.url);
  return (doing, error) => {
    const { code, message } = error as { code?: string; message?: string };
    let reason = message || String(error);
    if (code === 'ECONNREFUSED') reason = `connection refused (no server listening on ${address})`;
    else if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') reason = `unknown host (${address})`;
    else if (code === '57014' || /timeout/i.test(reason)) reason = `timed out: no answer within ${seconds} s (timeout_s)`;
    else if (/password must be a string/.test(reason))
      reason = 'the server asks for a password: give it in the URL, PGPASSWORD or ~/.pgpass';
    return new OmnifeedError(
      'CATALOG_UNREADABLE',
      `${source.shown}: ${doing}: ${scrub(reason, [urlPassword(source.url), source.password])}`,
    );
  };
}

function hostAndPort(url: string): string {
  try {
    const parsed = new URL(url);
    return `${parsed.hostname || 'localhost'}:${parsed.port || 5432}`;
  } catch {
    return 'the server';
  }
}

/** The URL with `password` in it, when it has none of its own (pg would let the URL's empty password win over a `password` option). */
function withPassword(url: string, password: string | undefined): string {
  if (!password || urlPassword(url)) return url;
  try {
    const parsed = new URL(url);
    parsed.password = password;
    return parsed.toString();
  } catch {
    return url;
  }
}

/** The password of a connection string, as written in it ('' without one). */
function urlPassword(url: string): string {
  try {
    return new URL(url).password;
  } catch {
    return /:\/\/[^:/@]*:(.*)@/.exec(url)?.[1] ?? '';
  }
}

/** A message with the passwords taken out, however they are written (as given, or decoded). */
function scrub(text: string, passwords: (string | undefined)[]): string {
  let out = maskPassword(text);
  for (const password of passwords) {
    if (!password) continue;
    for (const form of new Set([password, safeDecode(password)])) out = out.split(form).join('***');
  }
  return out;
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}
