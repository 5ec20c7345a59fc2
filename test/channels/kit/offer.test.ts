import { describe, expect, it } from 'vitest';
import { priceMissing, saleRules } from '../../../src/channels/kit/offer.js';
import type { CheckRule, Draft } from '../../../src/channels/types.js';
import type { PriceResult, Prepared } from '../../../src/model.js';
import { preparedProduct, single } from '../../helpers/channel.js';

/** run check rules over a draft of one offer: [rule id, field] of each finding */
function findings(rules: CheckRule[], offer: Prepared): [string, string][] {
  const draft: Draft = { sku: offer.product.sku, item: {}, group: single(offer), listing: offer, offers: [offer] };
  const found: [string, string][] = [];
  for (const rule of rules) rule.check(draft, {}, (field) => found.push([rule.id, field]), []);
  return found;
}

const offer = (price: Partial<PriceResult>, catalog: Partial<Prepared['product']> = {}) =>
  preparedProduct({ price: 20 }, catalog, { price: { price: 20, sale_active: false, currency: 'USD', steps: [], ...price } });

describe('offer rules', () => {
  it.each<[string, Prepared, [string, string][]]>([
    ['a priced offer', offer({}), []],
    ['no price', offer({ price: undefined }, { price: undefined }), [['price-missing', 'price']]],
    ['a catalog price of 0', offer({ price: undefined }, { price: 0 }), [['price-missing', 'price']]],
    ['a running sale', offer({ sale_price: 15, sale_active: true }), []],
    ['a sale price of 0', offer({ sale_problem: 'sale-price-zero' }), [['sale-price-zero', 'sale_price']]],
    ['a sale not below the price', offer({ sale_problem: 'sale-price-not-below-price' }), [['sale-price-not-below-price', 'sale_price']]],
    ['a sale ending before it starts', offer({ sale_problem: 'sale-window-invalid' }), [['sale-window-invalid', 'sale_end']]],
  ])('%s', (_, prepared, expected) => {
    expect(findings([priceMissing(), ...saleRules()], prepared)).toEqual(expected);
  });

  it('makes a zero sale price an error and leaves out the other refused sales with a warning', () => {
    expect(saleRules().map((r) => [r.id, r.severity])).toEqual([
      ['sale-price-zero', 'error'],
      ['sale-price-not-below-price', 'warning'],
      ['sale-window-invalid', 'warning'],
    ]);
  });
});
