/**
 * What the report's figures should be, worked out apart from omnifeed's code: the demo catalog
 * and inventory read with csv-parse, the feeds' pricing read with yaml, and the margin computed
 * by the pricing policy as the README states it (markup, fees passed on, rounding up to an
 * ending; margin = (price paid - fees - cost) / price paid, to four places).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { parse as parseYaml } from 'yaml';

export interface ReferenceProduct {
  sku: string;
  parent?: string;
  price?: number;
  cost?: number;
  sale?: { price: number; start?: string; end?: string };
  /** stock per location after the inventory overlay */
  stock: Record<string, number>;
}

export interface Pricing {
  markup_percent?: number;
  fee_percent?: number;
  fee_fixed?: number;
  round_to?: string;
  min_margin?: number;
}

const num = (text: string | undefined) => (text === undefined || text.trim() === '' ? undefined : Number(text));

/**
 * The products of the demo catalog (variants take their parent's price, cost and sale; parents
 * are not products), with stock: the catalog's Qty counts for the warehouse, and the inventory
 * file replaces a SKU's stock where it has rows (mode: replace).
 */
export function readDemoCatalog(dir: string): ReferenceProduct[] {
  const rows = parse(readFileSync(path.join(dir, 'examples/catalog.csv')), { columns: true }) as Record<string, string>[];
  const inventory = parse(readFileSync(path.join(dir, 'examples/inventory.csv')), { columns: true }) as Record<string, string>[];
  const bySku = new Map(rows.map((r) => [r.SKU, r]));
  const parents = new Set(rows.map((r) => r['Parent SKU']).filter(Boolean));
  const overlay = new Map<string, Record<string, number>>();
  for (const row of inventory) overlay.set(row.sku, { ...overlay.get(row.sku), [row.location]: Number(row.quantity) });
  return rows
    .filter((r) => !parents.has(r.SKU))
    .map((r) => {
      const parent = r['Parent SKU'] ? bySku.get(r['Parent SKU']) : undefined;
      const cell = (column: string) => (r[column] !== '' ? r[column] : (parent?.[column] ?? ''));
      const salePrice = num(cell('Sale Price'));
      const qty = num(r.Qty);
      return {
        sku: r.SKU,
        parent: parent?.SKU,
        price: num(cell('Price')),
        cost: num(cell('Cost')),
        sale:
          salePrice === undefined
            ? undefined
            : { price: salePrice, start: cell('Sale Start') || undefined, end: cell('Sale End') || undefined },
        stock: overlay.get(r.SKU) ?? (qty === undefined ? {} : { warehouse: qty }),
      };
    });
}

/** The stock that may be sold online: every location, less the units the config reserves for the counter. */
export const availableStock = (p: ReferenceProduct, reserved: Record<string, number>) =>
  Object.entries(p.stock).reduce((n, [location, q]) => n + Math.max(0, q - (reserved[location] ?? 0)), 0);

/** Round up to the next price whose cents are the ending's (`0.99`). */
function roundUp(value: number, ending: string): number {
  const cents = Math.round(value * 100);
  const wanted = Math.round(Number(ending) * 100);
  let candidate = Math.floor(cents / 100) * 100 + wanted;
  if (candidate < cents) candidate += 100;
  return candidate / 100;
}

const toCents = (n: number) => Math.round(n * 100) / 100;

function offer(base: number, p: Pricing): number {
  let value = base;
  if (p.markup_percent) value = toCents(value * (1 + p.markup_percent / 100));
  if (p.fee_percent || p.fee_fixed) value = toCents((value + (p.fee_fixed ?? 0)) / (1 - (p.fee_percent ?? 0) / 100));
  if (p.round_to) value = roundUp(value, p.round_to);
  return value;
}

/** The sale runs on `now` (dates are whole UTC days; the end day included). */
function saleRuns(sale: NonNullable<ReferenceProduct['sale']>, now: Date): boolean {
  const t = now.getTime();
  if (sale.start && t < Date.parse(`${sale.start}T00:00:00Z`)) return false;
  return !(sale.end && t >= Date.parse(`${sale.end}T00:00:00Z`) + 86_400_000);
}

/** The margin a feed's pricing leaves on a product; undefined without a price or a cost. */
export function referenceMargin(p: ReferenceProduct, pricing: Pricing, now: Date): number | undefined {
  if (p.price === undefined || p.price <= 0 || p.cost === undefined) return undefined;
  const price = offer(p.price, pricing);
  let paid = price;
  if (p.sale && p.sale.price > 0 && saleRuns(p.sale, now)) {
    const sale = offer(p.sale.price, pricing);
    if (sale < price) paid = sale;
  }
  const fees = paid * ((pricing.fee_percent ?? 0) / 100) + (pricing.fee_fixed ?? 0);
  return Math.round(((paid - fees - p.cost) / paid) * 1e4) / 1e4;
}

/** A feed definition's pricing, read with yaml. */
export const feedPricing = (dir: string, feed: string): Pricing =>
  (parseYaml(readFileSync(path.join(dir, 'feeds', `${feed}.yaml`), 'utf8')) as { pricing?: Pricing }).pricing ?? {};
