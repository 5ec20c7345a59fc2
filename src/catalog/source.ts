import path from 'node:path';
import { maskPassword, sourceLocation, type SourceSection } from '../config/sources.js';
import type { CatalogFormat } from '../config/types.js';
import { OmnifeedError } from '../errors.js';
import { readPostgres } from './postgres.js';
import { readFile, type SourceEvent } from './read.js';
import { readSqlite } from './sqlite.js';

/** How long to wait for a database, to connect and for each batch of rows, unless `timeout_s` says otherwise. */
const DEFAULT_TIMEOUT_S = 60;

/**
 * A source ready to read: a file with its format, a SQLite file or a PostgreSQL URL with the
 * query. `shown` is how reports and errors name it: the path as written, `sqlite:shop.db`, or the
 * URL with its password masked (`postgres://shop:***@db.example.com/shop`).
 */
export type SourceSpec =
  | { kind: 'file'; file: string; shown: string; format: CatalogFormat }
  | { kind: 'sqlite'; file: string; shown: string; query: string; timeoutMs: number }
  | { kind: 'postgres'; url: string; password?: string; shown: string; query: string; timeoutMs: number };

/** A file's format: `format` when given, else from the extension (CSV by default). */
function detectFormat(file: string, format?: CatalogFormat): CatalogFormat {
  if (format) return format;
  const ext = path.extname(file).toLowerCase();
  if (ext === '.tsv' || ext === '.tab') return 'tsv';
  if (ext === '.ndjson' || ext === '.jsonl') return 'ndjson';
  if (ext === '.json') return 'json';
  return 'csv';
}

/** The source of a catalog or inventory section: paths resolved in the workspace, a `source_env` looked up in `env`. */
export function resolveSource(section: SourceSection, key: 'catalog' | 'inventory', root: string, env: NodeJS.ProcessEnv): SourceSpec {
  const location = sourceLocation(section, key);
  const timeoutMs = (section.timeout_s ?? DEFAULT_TIMEOUT_S) * 1000;
  switch (location.kind) {
    case 'file': {
      const file = path.resolve(root, location.path);
      return { kind: 'file', file, shown: location.path, format: detectFormat(file, section.format) };
    }
    case 'sqlite':
      return { kind: 'sqlite', file: path.resolve(root, location.path), shown: section.source!, query: location.query, timeoutMs };
    case 'postgres': {
      const url = location.url ?? env[location.env!];
      if (!url) {
        throw new OmnifeedError(
          'CATALOG_UNREADABLE',
          `omnifeed.yaml: /${key}/source_env: the environment variable ${location.env} is not set (export ${location.env}=postgres://user:password@host:5432/db)`,
        );
      }
      if (!/^postgres(ql)?:\/\//.test(url)) {
        throw new OmnifeedError(
          'CATALOG_UNREADABLE',
          `${location.env}: '${maskPassword(url)}' is not a PostgreSQL URL (postgres://user:password@host:5432/db)`,
        );
      }
      // a URL without a password takes PGPASSWORD from the environment the command was given (then ~/.pgpass)
      return { kind: 'postgres', url, password: env.PGPASSWORD || undefined, shown: maskPassword(url), query: location.query, timeoutMs };
    }
  }
}

/** Stream a source's records: the header (column names) first where it has one; `skuColumn` lets a skipped CSV row's issue name its SKU. */
export function readSource(spec: SourceSpec, skuColumn?: string): AsyncIterable<SourceEvent> {
  if (spec.kind === 'sqlite') return readSqlite(spec);
  if (spec.kind === 'postgres') return readPostgres(spec);
  return readFile(spec.file, spec.shown, spec.format, skuColumn);
}
