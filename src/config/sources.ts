import { OmnifeedError } from '../errors.js';
import type { WorkspaceConfig } from './types.js';

/** A catalog or inventory section of `omnifeed.yaml`: where its rows come from. */
export type SourceSection = WorkspaceConfig['catalog'] | NonNullable<WorkspaceConfig['inventory']>;

/**
 * Where a section's rows are read from, as the config says it: a file, a SQLite file, or a
 * PostgreSQL server (its URL, or the environment variable that holds it).
 */
export type SourceLocation =
  | { kind: 'file'; path: string }
  | { kind: 'sqlite'; path: string; query: string }
  | { kind: 'postgres'; url?: string; env?: string; query: string };

const SQLITE = 'sqlite:';
const POSTGRES = /^postgres(ql)?:\/\//;

/** `postgres://user:***@host/db`: the password of a connection string masked, in the user part and in `password=` parameters. */
export function maskPassword(text: string): string {
  let out = text;
  const scheme = out.indexOf('://');
  const at = out.lastIndexOf('@');
  const colon = scheme < 0 ? -1 : out.indexOf(':', scheme + 3);
  if (scheme >= 0 && colon > scheme && colon < at) out = `${out.slice(0, colon + 1)}***${out.slice(at)}`;
  return out.replace(/\b((?:ssl)?password=)[^&\s]*/gi, '$1***');
}

/** `SELECT * FROM "products"`; a dotted name is a schema and a table: `"shop"."products"`. */
const tableQuery = (table: string): string =>
  `SELECT * FROM ${table
    .split('.')
    .map((part) => `"${part.replace(/"/g, '""')}"`)
    .join('.')}`;

/** The section's source, checked: one of path, source and source_env; a database needs query or table, a file takes neither. */
export function sourceLocation(section: SourceSection, key: 'catalog' | 'inventory'): SourceLocation {
  const fail = (at: string, message: string) => new OmnifeedError('CONFIG_INVALID', `omnifeed.yaml: /${key}${at}: ${message}`);
  const given = (['path', 'source', 'source_env'] as const).filter((k) => section[k] !== undefined);
  if (given.length === 0)
    throw fail('', `give the ${key}'s path (a CSV, TSV, NDJSON or JSON file), or source or source_env (a SQLite or PostgreSQL database)`);
  if (given.length > 1) throw fail('', `${given.join(' and ')} exclude each other: give one`);
  const database = section.path === undefined;
  for (const option of ['query', 'table', 'timeout_s'] as const) {
    if (!database && section[option] !== undefined) throw fail(`/${option}`, `only a database source (source, source_env) takes ${option}`);
  }
  if (!database) return { kind: 'file', path: section.path! };
  if (section.format !== undefined) throw fail('/format', 'a database source has no file format (format is for path)');
  if (section.query !== undefined && section.table !== undefined) throw fail('', 'query and table exclude each other: give one');
  if (section.query === undefined && section.table === undefined) throw fail('', 'a database source needs a query (SQL) or a table');
  const query = section.query ?? tableQuery(section.table!);
  if (section.source_env !== undefined) return { kind: 'postgres', env: section.source_env, query };
  const source = section.source!;
  if (source.startsWith(SQLITE)) {
    const path = source.slice(SQLITE.length);
    if (path === '') throw fail('/source', "'sqlite:' names no file: write sqlite:shop.db (relative to the workspace)");
    return { kind: 'sqlite', path, query };
  }
  if (POSTGRES.test(source)) return { kind: 'postgres', url: source, query };
  throw fail(
    '/source',
    `'${maskPassword(source)}' is not a database omnifeed reads: write sqlite:FILE or postgres://user@host:5432/db (a file goes in path)`,
  );
}

/** The files of the workspace a section reads (a catalog file, a SQLite database), relative to the workspace; none for a server. */
export function sourceFile(section: SourceSection | undefined, key: 'catalog' | 'inventory'): string | undefined {
  if (!section) return undefined;
  const location = sourceLocation(section, key);
  return location.kind === 'postgres' ? undefined : location.path;
}
