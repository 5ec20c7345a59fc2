import type { CatalogGroup } from '../catalog/catalog.js';
import { CANONICAL_FIELDS } from '../catalog/normalize.js';
import type { Workspace } from '../config/types.js';
import type { Product } from '../model.js';

const FIELDS = Object.keys(CANONICAL_FIELDS);

/**
 * The catalog columns mapped onto canonical fields (`columns:`, or the field's own name) that a
 * build found: in a CSV or TSV header, the mapped columns it has; in a JSON source, which has no
 * header, the fields some record gives a value. The `lost_columns` guard refuses a publish whose
 * catalog lost one that the last publish had.
 */
export class ColumnsSeen {
  private readonly seen = new Set<string>();

  constructor(
    private readonly workspace: Workspace,
    private readonly header: ReadonlySet<string> | undefined,
  ) {}

  private column(field: string): string {
    return this.workspace.config.catalog.columns?.[field] ?? field;
  }

  /** A JSON catalog's fields are known from its records: note those this group gives a value. */
  see(group: CatalogGroup): void {
    if (this.header || this.seen.size === FIELDS.length) return;
    const note = (product: Product) => {
      for (const field of FIELDS) if ((product as unknown as Record<string, unknown>)[field] !== undefined) this.seen.add(field);
    };
    if (group.parent) note(group.parent);
    for (const variant of group.variants) note(variant);
  }

  /** field -> column, in canonical order */
  present(): Record<string, string> {
    const has = (field: string) => (this.header ? this.header.has(this.column(field)) : this.seen.has(field));
    return Object.fromEntries(FIELDS.filter(has).map((field) => [field, this.column(field)]));
  }
}
