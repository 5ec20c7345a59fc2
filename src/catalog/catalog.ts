import type { Workspace } from '../config/types.js';
import type { Issue, Product } from '../model.js';
import { CANONICAL_FIELDS, Normalizer } from './normalize.js';
import { resolveSource, readSource, type SourceSpec } from './source.js';
import { applyInventory, loadInventory, type Inventory } from './inventory.js';
import { catalogIssue } from './rules.js';
import { SkuSet } from './sku-set.js';

/** A standalone product (`parent` null, one variant) or a parent row with its variants. */
export interface CatalogGroup {
  parent: Product | null;
  variants: Product[];
}

/**
 * What a read of the catalog yields: a group, an issue, or (last, from a read without an index)
 * the SKU of a variant group whose rows are not together: the caller reads again with `index()`.
 */
export type CatalogEvent = { group: CatalogGroup } | { issue: Issue } | { scattered: string };

/** Per group key (the parent SKU), how many readable rows belong to it; from a first pass. */
export interface GroupIndex {
  members: Map<string, number>;
}

const INHERITED = Object.keys(CANONICAL_FIELDS).filter((field) => !['sku', 'parent_sku', 'quantity', 'gtin', 'mpn'].includes(field));

/** A variant carries its parent's values for every field it leaves empty. */
function inherit(parent: Product, variant: Product): Product {
  const merged = { ...variant } as unknown as Record<string, unknown>;
  const from = parent as unknown as Record<string, unknown>;
  for (const field of INHERITED) if (merged[field] === undefined) merged[field] = from[field];
  merged.attributes = Object.assign({}, parent.attributes, variant.attributes);
  return merged as unknown as Product;
}

export class Catalog {
  private inventory?: Inventory;
  private readonly source: SourceSpec;

  /** `env` holds the connection string a `source_env` names */
  constructor(
    readonly workspace: Workspace,
    private readonly env: NodeJS.ProcessEnv = process.env,
  ) {
    this.source = resolveSource(workspace.config.catalog, 'catalog', workspace.root, env);
  }

  /** The catalog as reports name it: its path, `sqlite:shop.db`, or a PostgreSQL URL with the password masked. */
  get file(): string {
    return this.source.shown;
  }

  /**
   * Stream the catalog as groups. Without an index, variants must follow their parent row
   * (or precede it) without other products in between, as exports from shop systems do;
   * otherwise the read ends with `{ scattered }` and the caller reads again with `index()`.
   */
  async *groups(index?: GroupIndex): AsyncIterable<CatalogEvent> {
    const inventory = await this.loadInventory();
    for (const issue of inventory.issues) yield { issue };
    /** every SKU read so far: for duplicates, and to tell a group that comes back */
    const seen = new SkuSet();
    try {
      yield* this.read(inventory, seen, index);
    } finally {
      seen.close();
    }
  }

  private async *read(inventory: Inventory, seen: SkuSet, index?: GroupIndex): AsyncIterable<CatalogEvent> {
    const grouper = index ? new IndexedGrouper(index) : new ContiguousGrouper(seen);
    /** SKUs of rows that were skipped: the inventory overlay does not warn about them again */
    const skipped = new Set<string>();
    let rows = 0;
    for await (const event of this.products()) {
      if ('header' in event) continue;
      rows++;
      if ('issue' in event) {
        if (event.issue.sku !== undefined) skipped.add(event.issue.sku);
        yield event;
        continue;
      }
      const product = event.product;
      if (!seen.add(product.sku)) {
        yield { issue: duplicate(product) };
        continue;
      }
      applyInventory(product, inventory);
      for (const out of grouper.add(product)) {
        yield out;
        if ('scattered' in out) return;
      }
    }
    for (const out of grouper.end()) yield out;
    if (rows === 0) {
      const what = this.source.kind === 'file' ? 'the file has a header and no rows' : 'the query returned no rows';
      yield { issue: catalogIssue('catalog-empty', { message: `${what}: every feed is empty`, file: this.source.shown }) };
    }
    for (const sku of inventory.stock.keys()) {
      if (!seen.has(sku) && !skipped.has(sku))
        yield {
          issue: catalogIssue('inventory-unknown-sku', {
            message: `inventory has stock for '${sku}', which is not in the catalog`,
            sku,
            file: inventory.shown,
          }),
        };
    }
  }

  /** First pass for catalogs whose variants are scattered: count each group's rows. */
  async index(): Promise<GroupIndex> {
    const members = new Map<string, number>();
    const seen = new SkuSet();
    try {
      for await (const event of this.products()) {
        if (!('product' in event)) continue;
        const { sku, parent_sku } = event.product;
        if (!seen.add(sku)) continue;
        const key = parent_sku ?? sku;
        members.set(key, (members.get(key) ?? 0) + 1);
      }
    } finally {
      seen.close();
    }
    return { members };
  }

  private async loadInventory(): Promise<Inventory> {
    this.inventory ??= await loadInventory(this.workspace, this.env);
    return this.inventory;
  }

  /** The source's columns (a CSV or TSV header, checked against the column mapping); undefined for JSON, which has none. */
  async columns(): Promise<ReadonlySet<string> | undefined> {
    for await (const event of this.products()) {
      if ('header' in event) return new Set(event.header);
      if ('product' in event) return undefined;
    }
    return undefined;
  }

  /** The catalog's rows as canonical products, or issues; the header first, when the source has one. */
  private async *products(): AsyncIterable<{ product: Product } | { issue: Issue } | { header: string[] }> {
    const { config } = this.workspace;
    const section = config.catalog;
    const normalizer = new Normalizer({
      file: this.source.shown,
      columns: section.columns,
      listSeparator: section.list_separator,
      units: section.units,
      catalogLocation: config.inventory?.catalog_location ?? 'warehouse',
    });
    for await (const event of readSource(this.source, section.columns?.sku ?? 'sku')) {
      if ('header' in event) {
        normalizer.checkHeader(event.header);
        yield event;
      } else if ('issue' in event) yield event;
      else {
        const { product, issues } = normalizer.normalize(event.row);
        for (const issue of issues) yield { issue };
        if (product) yield { product };
      }
    }
  }
}

function duplicate(product: Product): Issue {
  return catalogIssue('duplicate-sku', {
    message: `SKU '${product.sku}' appears again; the first row is kept`,
    sku: product.sku,
    field: 'sku',
    ...product.source,
  });
}

function orphans(variants: Product[]): CatalogEvent[] {
  return variants.map((v) => ({
    issue: catalogIssue('parent-missing', {
      message: `variant '${v.sku}' names parent '${v.parent_sku}', which is not in the catalog`,
      sku: v.sku,
      field: 'parent_sku',
      ...v.source,
    }),
  }));
}

function emit(parent: Product | null, children: Product[]): CatalogEvent[] {
  if (!parent) return orphans(children);
  if (children.length === 0) return [{ group: { parent: null, variants: [parent] } }];
  return [{ group: { parent, variants: children.map((child) => inherit(parent, child)) } }];
}

interface Grouper {
  add(product: Product): CatalogEvent[];
  end(): CatalogEvent[];
}

/** One pass: holds only the group being read, plus variants whose parent has not appeared. */
class ContiguousGrouper implements Grouper {
  private key: string | undefined;
  private parent: Product | null = null;
  private children: Product[] = [];
  private readonly waiting = new Map<string, Product[]>();

  /** `seen`: the SKUs read so far; a variant whose parent is among them, outside this group, comes too late */
  constructor(private readonly seen: SkuSet) {}

  add(product: Product): CatalogEvent[] {
    const key = product.parent_sku ?? product.sku;
    const out = key === this.key ? [] : this.flush();
    if (key !== this.key) {
      if (this.waiting.has(key) || (product.parent_sku && this.seen.has(product.parent_sku))) return [...out, { scattered: key }];
      this.key = key;
    }
    if (product.parent_sku) this.children.push(product);
    else this.parent = product;
    return out;
  }

  private flush(): CatalogEvent[] {
    if (this.key === undefined) return [];
    const out = this.parent ? emit(this.parent, this.children) : [];
    if (!this.parent) this.waiting.set(this.key, this.children);
    this.parent = null;
    this.children = [];
    return out;
  }

  end(): CatalogEvent[] {
    const out = this.flush();
    for (const children of this.waiting.values()) out.push(...orphans(children));
    return out;
  }
}

/** Second pass of a scattered catalog: holds each group until all its rows have been read. */
class IndexedGrouper implements Grouper {
  private readonly open = new Map<string, { parent: Product | null; children: Product[] }>();

  constructor(private readonly index: GroupIndex) {}

  add(product: Product): CatalogEvent[] {
    const key = product.parent_sku ?? product.sku;
    const expected = this.index.members.get(key) ?? 1;
    if (expected === 1 && !product.parent_sku) return emit(product, []);
    let group = this.open.get(key);
    if (!group) this.open.set(key, (group = { parent: null, children: [] }));
    if (product.parent_sku) group.children.push(product);
    else group.parent = product;
    if (group.children.length + (group.parent ? 1 : 0) < expected) return [];
    this.open.delete(key);
    return emit(group.parent, group.children);
  }

  end(): CatalogEvent[] {
    const out: CatalogEvent[] = [];
    for (const group of this.open.values()) out.push(...emit(group.parent, group.children));
    return out;
  }
}
