/**
 * The `ebay_item_ids` file of an eBay feed: the ItemID of each listing, by its SKU (CustomLabel),
 * as eBay reports them after an upload. A CSV with a header; the SKU column is `sku`,
 * `CustomLabel` or `Custom label (SKU)`, the ItemID column `item_id`, `ItemID` or `Item number`
 * (the columns of Seller Hub's active-listings download), other columns are ignored.
 */
import { readFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import { OmnifeedError } from '../../errors.js';

const SKU_COLUMNS = ['sku', 'customlabel', 'custom label (sku)'];
const ID_COLUMNS = ['item_id', 'itemid', 'item number'];

const find = (header: string[], names: string[]) =>
  header.findIndex((cell) => names.includes(cell.trim().replace(/^\*/, '').toLowerCase()));

export function readItemIds(file: string, shown: string): Map<string, string> {
  let rows: string[][];
  try {
    rows = parse(readFileSync(file), { bom: true, relax_column_count: true, skip_empty_lines: true });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new OmnifeedError(
      code === 'ENOENT' ? 'CONFIG_NOT_FOUND' : 'CONFIG_INVALID',
      `${shown}: ${code === 'ENOENT' ? 'file not found' : (error as Error).message}`,
    );
  }
  const header = rows[0] ?? [];
  const sku = find(header, SKU_COLUMNS);
  const id = find(header, ID_COLUMNS);
  if (sku < 0 || id < 0)
    throw new OmnifeedError('CONFIG_INVALID', `${shown}: no ${sku < 0 ? 'sku (CustomLabel)' : 'item_id (ItemID)'} column in the header`);
  const ids = new Map<string, string>();
  rows.slice(1).forEach((row, i) => {
    const [key, value] = [row[sku]?.trim(), row[id]?.trim()];
    if (!key || !value) return;
    if (!/^\d{9,19}$/.test(value))
      throw new OmnifeedError('CONFIG_INVALID', `${shown}: line ${i + 2}: '${value}' is not an eBay item number`);
    ids.set(key, value);
  });
  return ids;
}
