import type { Workspace } from '../config/types.js';
import { OmnifeedError } from '../errors.js';
import type { Issue, Product } from '../model.js';
import { cell } from './read.js';
import { readSource, resolveSource } from './source.js';
import { catalogIssue } from './rules.js';

/** Stock per SKU and location from the inventory overlay; small enough to hold. */
export interface Inventory {
  stock: Map<string, Record<string, number>>;
  mode: 'replace' | 'add';
  issues: Issue[];
  /** the overlay as reports name it (a path, `sqlite:shop.db`, a masked URL) */
  shown?: string;
}

/** Read the overlay (a file or a database query, like the catalog); `env` holds the connection string a `source_env` names. */
export async function loadInventory(workspace: Workspace, env: NodeJS.ProcessEnv = process.env): Promise<Inventory> {
  const config = workspace.config.inventory;
  const inventory: Inventory = { stock: new Map(), mode: config?.mode ?? 'replace', issues: [] };
  if (!config) return inventory;
  const columns = { sku: 'sku', location: 'location', quantity: 'quantity', ...config.columns };
  const source = resolveSource(config, 'inventory', workspace.root, env);
  const shown = (inventory.shown = source.shown);
  let header: string[] = [];
  for await (const event of readSource(source, columns.sku)) {
    if ('issue' in event) inventory.issues.push(event.issue);
    else if ('header' in event) {
      header = event.header;
      const missing = Object.values(columns).filter((c) => !event.header.includes(c));
      if (missing.length > 0)
        throw new OmnifeedError(
          'CATALOG_COLUMNS',
          `${shown}: missing column ${missing.map((c) => `'${c}'`).join(', ')} (an inventory overlay has sku, location and quantity)`,
        );
    } else {
      const { line, row } = event.row;
      const [sku, location, text] = [columns.sku, columns.location, columns.quantity].map((column) =>
        String(cell(event.row, header, column) ?? '').trim(),
      );
      // digits only: Number() would take 1e3, 0x10 and ' '
      const quantity = /^\d{1,15}$/.test(text) ? Number(text) : NaN;
      if (!sku || !location || !Number.isInteger(quantity)) {
        inventory.issues.push(
          catalogIssue('inventory-bad-row', {
            message: `needs a SKU, a location and a whole quantity ≥ 0; got '${sku}', '${location}', '${text}'`,
            file: shown,
            line,
            row,
            sku: sku || undefined,
          }),
        );
        continue;
      }
      const stock = inventory.stock.get(sku) ?? {};
      stock[location] = (stock[location] ?? 0) + quantity;
      inventory.stock.set(sku, stock);
    }
  }
  return inventory;
}

/** `replace`: the overlay's locations are the product's stock; `add`: they add to the catalog quantity. */
export function applyInventory(product: Product, inventory: Inventory): void {
  const overlay = inventory.stock.get(product.sku);
  if (!overlay) return;
  if (inventory.mode === 'replace') product.stock = { ...overlay };
  else for (const [location, quantity] of Object.entries(overlay)) product.stock[location] = (product.stock[location] ?? 0) + quantity;
}
