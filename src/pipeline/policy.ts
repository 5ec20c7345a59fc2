import type { InventoryPolicy, PricingPolicy } from '../config/types.js';
import { toRfc3339 } from '../dates.js';
import type { PriceResult, Product, Step, StockResult } from '../model.js';

const cents = (value: number) => Math.round(value * 100) / 100;

/** Smallest price at or above `value` whose cents are `ending` (`0.99` -> 12.99, 13.99, …). */
function roundUpToEnding(value: number, ending: string): number {
  const target = Math.round(Number(ending) * 100);
  const c = Math.ceil(Math.round(value * 1e4) / 100);
  const whole = Math.floor(c / 100);
  const candidate = whole * 100 + target;
  return (candidate >= c ? candidate : candidate + 100) / 100;
}

/**
 * The sale runs on `now` when it has started and not ended (dates without a time are whole days,
 * UTC; the pipeline gives them as RFC 3339 in the catalog's time zone, see `withSaleDates`).
 */
export function saleState(product: Product, now: Date): 'none' | 'upcoming' | 'active' | 'ended' {
  if (product.sale_price === undefined) return 'none';
  const t = now.getTime();
  if (product.sale_end && t >= endOf(product.sale_end)) return 'ended';
  if (product.sale_start && t < Date.parse(product.sale_start)) return 'upcoming';
  return 'active';
}

function endOf(date: string): number {
  const t = Date.parse(date);
  return date.length === 10 ? t + 86_400_000 : t;
}

/** The product with its sale dates as RFC 3339 in the catalog's time zone (a bare end date is its day's last second). */
export function withSaleDates(product: Product, timeZone: string): Product {
  const out = { ...product };
  if (out.sale_start) out.sale_start = toRfc3339(out.sale_start, timeZone);
  if (out.sale_end) out.sale_end = toRfc3339(out.sale_end, timeZone, true);
  return out;
}

/** A currency conversion: catalog amounts times `rate` are in the feed currency. */
export interface Rate {
  rate: number;
  from: string;
  /** where the rate comes from: `pricing.exchange_rate`, or the rates file */
  source: string;
}

/**
 * Apply a feed's pricing policy: base, conversion into the feed currency (with `rate`), markup,
 * fees passed on, rounding; then the margin the seller keeps (the cost converted the same way).
 */
export function computePrice(
  product: Product,
  policy: PricingPolicy,
  currency: string,
  now: Date,
  explain = false,
  rate?: Rate,
): PriceResult {
  const steps: Step[] = [];
  // `note?.(…)` does not even build its text when not explaining: this runs for every product
  const note = explain ? (step: string, value: number) => void steps.push({ step, value }) : undefined;
  const markup = policy.markup_percent ?? 0;
  const feePercent = policy.fee_percent ?? 0;
  const feeFixed = policy.fee_fixed ?? 0;
  const apply = (base: number, label: string): number => {
    let value = base;
    note?.(`${label}: base`, value);
    if (rate) {
      value = cents(value * rate.rate);
      note?.(`${label}: ${rate.from} → ${currency} at ${rate.rate} (${rate.source})`, value);
    }
    if (markup !== 0) {
      value = cents(value * (1 + markup / 100));
      note?.(`${label}: markup ${markup}%`, value);
    }
    if (feePercent !== 0 || feeFixed !== 0) {
      value = cents((value + feeFixed) / (1 - feePercent / 100));
      note?.(`${label}: channel fees passed on (${feePercent}% + ${feeFixed})`, value);
    }
    if (policy.round_to) {
      value = roundUpToEnding(value, policy.round_to);
      note?.(`${label}: round up to .${policy.round_to.slice(2)}`, value);
    }
    return value;
  };
  if (product.price === undefined || product.price <= 0) {
    // a free or unpriced product is never priced by fees or rounding (0.00 would become 0.99): price-missing reports it
    note?.(product.price === undefined ? 'no price in the catalog' : 'a price of 0 is not sent (fees and rounding do not make one)', 0);
    return { sale_active: false, currency, steps };
  }
  const price = apply(product.price, 'price');
  const sale = salePrice(product, price, now, apply, note);
  const paid = sale.sale_active ? sale.sale_price! : price;
  let margin: number | undefined;
  if (product.cost !== undefined && paid > 0) {
    const fees = paid * (feePercent / 100) + feeFixed;
    const cost = rate ? cents(product.cost * rate.rate) : product.cost;
    margin = Math.round(((paid - fees - cost) / paid) * 1e4) / 1e4;
    note?.(`margin: (${paid} - fees ${cents(fees)} - cost ${cost}) / ${paid}`, margin);
  }
  return { price, ...sale, margin, currency, steps };
}

/**
 * The sale price of a running or upcoming sale, after the same policy as the price. A sale the
 * marketplaces would refuse is left out, and `sale_problem` names the rule that reports it: a
 * sale price of 0, one not below the price (Google: invalid sale price; Amazon refuses a
 * discounted price at or above our price), a window that ends before it starts.
 */
function salePrice(
  product: Product,
  price: number,
  now: Date,
  apply: (base: number, label: string) => number,
  note?: (step: string, value: number) => void,
): Pick<PriceResult, 'sale_price' | 'sale_active' | 'sale_problem'> {
  const none = { sale_active: false };
  if (product.sale_price === undefined) return none;
  if (product.sale_start && product.sale_end && endOf(product.sale_end) <= Date.parse(product.sale_start)) {
    note?.(`sale price left out: the sale ends (${product.sale_end}) before it starts (${product.sale_start})`, product.sale_price);
    return { ...none, sale_problem: 'sale-window-invalid' };
  }
  const state = saleState(product, now);
  if (state === 'ended') note?.(`sale price ignored: the sale ended ${product.sale_end}`, product.sale_price);
  if (state !== 'active' && state !== 'upcoming') return none;
  if (product.sale_price <= 0) {
    note?.('a sale price of 0 is not sent', 0);
    return { ...none, sale_problem: 'sale-price-zero' };
  }
  const sale_price = apply(product.sale_price, 'sale price');
  if (sale_price >= price) {
    note?.(`sale price left out: ${sale_price} is not below the price ${price}`, sale_price);
    return { ...none, sale_problem: 'sale-price-not-below-price' };
  }
  return { sale_price, sale_active: state === 'active' };
}

/** A feed's part of a product's available stock under the workspace's `allocation:` (see `allocation.ts`). */
export type StockShare = (available: number) => { units: number; note: string };

/**
 * Apply a feed's stock policy: locations it sells from less counter reserves, percent, buffer, cap;
 * then, with `share`, at most the feed's part of the stock available online (every location, less
 * counter reserves), so the feeds together never offer more than there is.
 */
export function computeStock(
  product: Product,
  policy: InventoryPolicy,
  reserved: Record<string, number>,
  explain = false,
  share?: StockShare,
): StockResult {
  const steps: Step[] = [];
  const note = explain ? (step: string, value: number) => void steps.push({ step, value }) : undefined;
  const locations = policy.locations ?? Object.keys(product.stock).sort();
  let total = 0;
  let counted = 0;
  for (const location of locations) {
    const have = product.stock[location];
    if (have === undefined) continue;
    const held = Math.min(have, reserved[location] ?? 0);
    const offered = Math.max(0, have - held);
    note?.(`${location}: ${have}${held > 0 ? ` less ${held} reserved for the counter` : ''}`, offered);
    total += offered;
    counted++;
  }
  if (counted === 0) note?.(`no stock at ${locations.join(', ') || 'any location'}`, 0);
  let quantity = total;
  if (policy.percent !== undefined && policy.percent !== 100) {
    quantity = Math.floor((quantity * policy.percent) / 100);
    note?.(`offer ${policy.percent}%`, quantity);
  }
  if (policy.buffer) {
    quantity = Math.max(0, quantity - policy.buffer);
    note?.(`keep back a buffer of ${policy.buffer}`, quantity);
  }
  if (policy.max !== undefined && quantity > policy.max) {
    quantity = policy.max;
    note?.(`cap at ${policy.max}`, quantity);
  }
  let available = 0;
  for (const location in product.stock) available += Math.max(0, product.stock[location] - (reserved[location] ?? 0));
  if (share) {
    const part = share(available);
    if (quantity > part.units) quantity = part.units;
    note?.(`allocation: ${part.note}`, quantity);
  }
  return { quantity, in_stock: quantity > 0, available, steps };
}
