import { describe, expect, it } from 'vitest';
import type { Product } from '../../src/model.js';
import { computePrice, computeStock, saleState, withSaleDates } from '../../src/pipeline/policy.js';

const product = (fields: Partial<Product>): Product => ({
  sku: 'X',
  attributes: {},
  stock: {},
  source: { file: 'c.csv', line: 2 },
  ...fields,
});
const NOW = new Date('2026-11-23T12:00:00Z');

describe('pricing', () => {
  it.each([
    // base, policy, expected price
    [10, {}, 10],
    [10, { markup_percent: 20 }, 12],
    [10, { fee_percent: 15, fee_fixed: 0.3 }, 12.12],
    [10, { round_to: '0.99' }, 10.99],
    [10.99, { round_to: '0.99' }, 10.99],
    [11.0, { round_to: '0.95' }, 11.95],
    [11.96, { round_to: '0.95' }, 12.95],
    [24, { markup_percent: 10, fee_percent: 12, round_to: '0.99' }, 30.99],
  ])('%s with %j costs %s', (price, policy, expected) => {
    expect(computePrice(product({ price }), policy, 'USD', NOW).price).toBe(expected);
  });

  it('computes the margin after fees on the price a buyer pays now', () => {
    const result = computePrice(
      product({ price: 100, cost: 60, sale_price: 80, sale_start: '2026-11-20', sale_end: '2026-11-30' }),
      { fee_percent: 10 },
      'USD',
      NOW,
      true,
    );
    expect(result).toMatchObject({ price: 111.11, sale_price: 88.89, sale_active: true });
    // 88.89 - 8.889 fees - 60 cost = 20.001 -> 22.5%
    expect(result.margin).toBeCloseTo(0.225, 3);
    expect(result.steps.map((s) => s.step)).toContain('price: channel fees passed on (10% + 0)');
  });

  it('never prices a product whose catalog price is 0: fees and rounding do not make one', () => {
    const free = computePrice(product({ price: 0, cost: 1 }), { fee_fixed: 0.3, fee_percent: 13, round_to: '0.99' }, 'USD', NOW, true);
    expect([free.price, free.sale_price, free.sale_active, free.margin]).toEqual([undefined, undefined, false, undefined]);
    expect(free.steps.map((s) => s.step)).toEqual(['a price of 0 is not sent (fees and rounding do not make one)']);
  });

  const sale = (fields: Partial<Product>) =>
    computePrice(product({ price: 20, sale_start: '2026-11-20', sale_end: '2026-11-30', ...fields }), { round_to: '0.99' }, 'USD', NOW);
  it.each<[string, Partial<Product>, object]>([
    ['a running sale', { sale_price: 15 }, { price: 20.99, sale_price: 15.99, sale_active: true, sale_problem: undefined }],
    ['a sale price of 0', { sale_price: 0 }, { price: 20.99, sale_price: undefined, sale_active: false, sale_problem: 'sale-price-zero' }],
    ['a sale price above the price', { sale_price: 25 }, { sale_price: undefined, sale_problem: 'sale-price-not-below-price' }],
    // 20.50 and 20 both round up to 20.99: not a sale any more
    ['a sale price rounded up to the price', { sale_price: 20.5 }, { sale_price: undefined, sale_problem: 'sale-price-not-below-price' }],
    [
      'a sale that ends before it starts',
      { sale_price: 15, sale_start: '2026-11-30', sale_end: '2026-11-20' },
      { sale_price: undefined, sale_active: false, sale_problem: 'sale-window-invalid' },
    ],
    ['an ended sale above the price', { sale_price: 25, sale_end: '2026-11-21' }, { sale_price: undefined, sale_problem: undefined }],
  ])('%s', (_, fields, expected) => {
    const result = sale(fields) as unknown as Record<string, unknown>;
    expect(Object.fromEntries(Object.keys(expected).map((k) => [k, result[k]]))).toEqual(expected);
  });

  it("gives sale dates as RFC 3339 in the catalog's time zone, and judges the sale on them", () => {
    const dated = withSaleDates(product({ sale_price: 1, sale_start: '2026-11-23 08:00', sale_end: '2026-11-30' }), 'America/New_York');
    expect([dated.sale_start, dated.sale_end]).toEqual(['2026-11-23T08:00:00-05:00', '2026-11-30T23:59:59-05:00']);
    // 12:00 UTC is 07:00 in New York: the sale starting at 08:00 there has not started
    expect(saleState(dated, NOW)).toBe('upcoming');
    expect(saleState(withSaleDates(dated, 'UTC'), NOW)).toBe('upcoming');
    expect(saleState(withSaleDates(product({ sale_price: 1, sale_start: '2026-11-23 08:00' }), 'UTC'), NOW)).toBe('active');
  });

  it('has no margin without a cost, and no price without a base price', () => {
    expect(computePrice(product({ price: 5 }), {}, 'USD', NOW).margin).toBeUndefined();
    expect(computePrice(product({}), {}, 'USD', NOW).price).toBeUndefined();
  });

  it.each([
    [{ sale_price: 5 }, 'active'],
    [{ sale_price: 5, sale_start: '2026-11-24' }, 'upcoming'],
    [{ sale_price: 5, sale_end: '2026-11-23' }, 'active'],
    [{ sale_price: 5, sale_end: '2026-11-22' }, 'ended'],
    [{ sale_price: 5, sale_end: '2026-11-23T11:00:00Z' }, 'ended'],
    [{}, 'none'],
  ])('a sale %j is %s on the build date', (fields, state) => {
    expect(saleState(product({ price: 10, ...fields }), NOW)).toBe(state);
  });
});

describe('stock', () => {
  const stocked = product({ stock: { warehouse: 20, shop: 3, returns: 5 } });

  it('sells from the feed locations, keeps the counter reserve, then applies percent, buffer and cap', () => {
    const result = computeStock(stocked, { locations: ['warehouse', 'shop'], percent: 50, buffer: 2, max: 8 }, { shop: 1 }, true);
    // (20 + (3 - 1)) * 50% = 11, - 2 = 9, cap 8
    expect(result.quantity).toBe(8);
    expect(result.steps.map((s) => s.value)).toEqual([20, 2, 11, 9, 8]);
  });

  it('counts every location without a list, and never goes below zero', () => {
    expect(computeStock(stocked, {}, {}).quantity).toBe(28);
    expect(computeStock(product({ stock: { shop: 1 } }), { buffer: 3 }, { shop: 1 })).toMatchObject({ quantity: 0, in_stock: false });
    expect(computeStock(product({}), {}, {})).toMatchObject({ quantity: 0, in_stock: false, steps: [] });
    expect(computeStock(product({}), {}, {}, true).steps).toEqual([{ step: 'no stock at any location', value: 0 }]);
  });
});
