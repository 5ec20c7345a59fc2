import { readFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import { OmnifeedError } from '../errors.js';
import type { CategoryMatch } from '../model.js';

const key = (path: string) =>
  path
    .split('>')
    .map((s) => s.trim().toLowerCase())
    .filter(Boolean);

/**
 * A category map (CSV: `category,id`, then any columns a channel reads, and `note`): master
 * category path -> channel category. A product gets the line of the longest mapped prefix of its
 * path. Lookups are cached by path: a catalog has few distinct categories.
 */
export class CategoryMap {
  private readonly entries = new Map<string, CategoryMatch>();
  private readonly cache = new Map<string, CategoryMatch | undefined>();

  constructor(rows: { path: string; id: string; columns?: Record<string, string> }[]) {
    for (const row of rows) this.entries.set(key(row.path).join('>'), { id: row.id, matched: row.path, columns: row.columns ?? {} });
  }

  static load(file: string, shown: string): CategoryMap {
    let rows: Record<string, string>[];
    try {
      rows = parse(readFileSync(file), {
        columns: true,
        bom: true,
        skip_empty_lines: true,
        trim: true,
        comment: '#',
        relax_column_count: true,
      });
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      throw new OmnifeedError(
        code === 'ENOENT' ? 'CONFIG_NOT_FOUND' : 'CONFIG_INVALID',
        `${shown}: ${code === 'ENOENT' ? 'file not found' : (error as Error).message}`,
      );
    }
    if (rows.length > 0 && !('category' in rows[0] && 'id' in rows[0])) {
      throw new OmnifeedError('CONFIG_INVALID', `${shown}: the header must have the columns 'category' and 'id'`);
    }
    rows.forEach((row, i) => {
      if (!row.category || !row.id) throw new OmnifeedError('CONFIG_INVALID', `${shown}:${i + 2}: empty category or id`);
    });
    return new CategoryMap(
      rows.map(({ category, id, note: _note, ...columns }) => ({
        path: category,
        id,
        columns: Object.fromEntries(Object.entries(columns).filter(([, v]) => v !== undefined && v !== '')),
      })),
    );
  }

  get ids(): string[] {
    return [...this.entries.values()].map((e) => e.id);
  }

  lookup(path: string | undefined): CategoryMatch | undefined {
    if (!path) return undefined;
    if (this.cache.has(path)) return this.cache.get(path);
    const parts = key(path);
    let hit: CategoryMatch | undefined;
    for (let n = parts.length; n > 0 && !hit; n--) hit = this.entries.get(parts.slice(0, n).join('>'));
    if (this.cache.size < 100_000) this.cache.set(path, hit);
    return hit;
  }
}
