import { readFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import { OmnifeedError } from '../errors.js';

export interface CategoryMatch {
  id: string;
  matched: string;
}

const key = (path: string) => path.split('>').map((s) => s.trim().toLowerCase()).filter(Boolean);

/**
 * A category map (CSV: `category,id`, optional third column `note`): master category path ->
 * channel category. A product gets the id of the longest mapped prefix of its path.
 */
export class CategoryMap {
  private readonly entries = new Map<string, CategoryMatch>();

  constructor(rows: { path: string; id: string }[]) {
    for (const row of rows) this.entries.set(key(row.path).join('>'), { id: row.id, matched: row.path });
  }

  static load(file: string, shown: string): CategoryMap {
    let rows: Record<string, string>[];
    try {
      rows = parse(readFileSync(file), { columns: true, bom: true, skip_empty_lines: true, trim: true, comment: '#', relax_column_count: true });
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      throw new OmnifeedError(code === 'ENOENT' ? 'CONFIG_NOT_FOUND' : 'CONFIG_INVALID', `${shown}: ${code === 'ENOENT' ? 'file not found' : (error as Error).message}`);
    }
    if (rows.length > 0 && !('category' in rows[0] && 'id' in rows[0])) {
      throw new OmnifeedError('CONFIG_INVALID', `${shown}: the header must have the columns 'category' and 'id'`);
    }
    rows.forEach((row, i) => {
      if (!row.category || !row.id) throw new OmnifeedError('CONFIG_INVALID', `${shown}:${i + 2}: empty category or id`);
    });
    return new CategoryMap(rows.map((row) => ({ path: row.category, id: row.id })));
  }

  get ids(): string[] {
    return [...this.entries.values()].map((e) => e.id);
  }

  lookup(path: string | undefined): CategoryMatch | undefined {
    if (!path) return undefined;
    const parts = key(path);
    for (let n = parts.length; n > 0; n--) {
      const hit = this.entries.get(parts.slice(0, n).join('>'));
      if (hit) return hit;
    }
    return undefined;
  }
}
