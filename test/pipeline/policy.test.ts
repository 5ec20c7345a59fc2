import { describe, expect, it } from 'vitest';
import type { Product } from '../../src/model.js';
import { computePrice, computeStock, saleState } from '../../src/pipeline/policy.js';

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
