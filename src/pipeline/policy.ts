import type { InventoryPolicy, PricingPolicy } from '../config/types.js';
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

/** The sale runs on `now` when it has started and not ended (dates without a time are whole days, UTC). */
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

/** Apply a feed's pricing policy: base, markup, fees passed on, rounding; then the margin the seller keeps. */
export function computePrice(product: Product, policy: PricingPolicy, currency: string, now: Date, explain = false): PriceResult {
  const steps: Step[] = [];
  // `note?.(…)` does not even build its text when not explaining: this runs for every product
  const note = explain ? (step: string, value: number) => void steps.push({ step, value }) : undefined;
  const markup = policy.markup_percent ?? 0;
  const feePercent = policy.fee_percent ?? 0;
  const feeFixed = policy.fee_fixed ?? 0;
  const apply = (base: number, label: string): number => {
    let value = base;
    note?.(`${label}: base`, value);
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
  if (product.price === undefined) {
    note?.('no price in the catalog', 0);
    return { sale_active: false, currency, steps };
  }
  const price = apply(product.price, 'price');
  const state = saleState(product, now);
  const sale_price = state === 'active' || state === 'upcoming' ? apply(product.sale_price!, 'sale price') : undefined;
  if (state === 'ended') note?.(`sale price ignored: the sale ended ${product.sale_end}`, product.sale_price!);
  const sale_active = state === 'active';
  const paid = sale_active ? sale_price! : price;
  let margin: number | undefined;
  if (product.cost !== undefined && paid > 0) {
    const fees = paid * (feePercent / 100) + feeFixed;
    margin = Math.round(((paid - fees - product.cost) / paid) * 1e4) / 1e4;
    note?.(`margin: (${paid} - fees ${cents(fees)} - cost ${product.cost}) / ${paid}`, margin);
  }
  return { price, sale_price, sale_active, margin, currency, steps };
}

/** Apply a feed's stock policy: locations it sells from less counter reserves, percent, buffer, cap. */
export function computeStock(product: Product, policy: InventoryPolicy, reserved: Record<string, number>, explain = false): StockResult {
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
  return { quantity, in_stock: quantity > 0, steps };
}
