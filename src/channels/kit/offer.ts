/** Rules about the offers an item carries: price and currency. */
import type { Prepared } from '../../model.js';
import type { CheckRule, Draft, Report } from '../types.js';

/** Context every channel gives the kit: the feed market's currency. */
export interface MarketContext {
  currency: string;
}

const variantSku = (draft: Draft, offer: Prepared) => (offer.product.sku === draft.sku ? undefined : offer.product.sku);

/** A product priced in another currency than the feed's market. `field` is where the channel reports it. */
export function currencyMismatch(field: string, description = "the product's currency differs from the feed market's currency") {
  return {
    id: 'currency-mismatch',
    severity: 'error',
    description,
    check(draft: Draft, ctx: MarketContext, report: Report) {
      for (const offer of draft.offers) {
        const currency = offer.product.currency;
        if (currency && currency !== ctx.currency)
          report(field, `the product is priced in ${currency}, the feed in ${ctx.currency}`, variantSku(draft, offer));
      }
    },
  } satisfies CheckRule<unknown, MarketContext>;
}

/**
 * An offer without a price after the feed's pricing policy, reported on the canonical field
 * `price`. A catalog price of 0 is missing too: the pricing policy never makes one up (fees and
 * rounding to .99 would turn a free or unpriced product into a priced one). `positive`: a price
 * of zero the channel sends is missing too; `amount` reads the price the channel sends.
 */
export function priceMissing({
  positive = false,
  amount = (offer: Prepared) => offer.price.price,
  description = 'an offer needs a price above 0 (a price of 0 is never sent, nor raised by fees or rounding)',
}: { positive?: boolean; amount?: (offer: Prepared) => number | undefined; description?: string } = {}) {
  return {
    id: 'price-missing',
    severity: 'error',
    description,
    check(draft: Draft, _ctx: unknown, report: Report) {
      for (const offer of draft.offers) {
        const price = amount(offer);
        if (price !== undefined && !(positive && !(price > 0))) continue;
        const own = offer.product.price;
        const why =
          price !== undefined ? `the price is ${price}` : own === undefined ? 'the product has no price' : `the catalog price is ${own}`;
        report('price', why, variantSku(draft, offer));
      }
    },
  } satisfies CheckRule<unknown, unknown>;
}

/**
 * A sale the channel cannot schedule without an end date: its sale price is left out. `upcoming`:
 * only a sale that has not started yet needs one (Google); otherwise every sale does (Amazon).
 */
export function saleEndMissing(field: string, { upcoming = false, description }: { upcoming?: boolean; description: string }) {
  return {
    id: 'sale-end-missing',
    severity: 'warning',
    description,
    check(draft: Draft, _ctx: unknown, report: Report) {
      for (const offer of draft.offers) {
        const { sale_price, sale_active } = offer.price;
        if (sale_price === undefined || offer.product.sale_end || (upcoming && sale_active)) continue;
        const start = offer.product.sale_start;
        report(
          field,
          upcoming ? `the sale starts ${start} and has no end date` : `the sale${start ? ` from ${start}` : ''} has no end date`,
        );
      }
    },
  } satisfies CheckRule<unknown, unknown>;
}

const SALE_PROBLEMS = {
  'sale-price-zero': {
    severity: 'error',
    field: 'sale_price',
    description: 'a sale price of 0 would give the product away: it is never sent, nor raised by fees or rounding',
  },
  'sale-price-not-below-price': {
    severity: 'warning',
    field: 'sale_price',
    description:
      'the sale price is not below the price after pricing (Google: invalid sale price; Amazon refuses a discounted price at or above our price): the sale is left out',
  },
  'sale-window-invalid': {
    severity: 'warning',
    field: 'sale_end',
    description: 'the sale ends before it starts: the sale is left out',
  },
} as const;

/** The sales the pricing step left out (`PriceResult.sale_problem`), reported on the canonical field. */
export const saleRules = (): CheckRule<unknown, unknown>[] =>
  Object.entries(SALE_PROBLEMS).map(([id, { severity, field, description }]) => ({
    id,
    severity,
    description,
    check(draft: Draft, _ctx: unknown, report: Report) {
      for (const offer of draft.offers) {
        if (offer.price.sale_problem !== id) continue;
        const { sale_price, sale_start, sale_end, price } = offer.product;
        report(
          field,
          id === 'sale-window-invalid'
            ? `the sale ends ${sale_end}, before it starts ${sale_start}`
            : id === 'sale-price-zero'
              ? 'the sale price is 0'
              : `the sale price ${sale_price} is not below the price ${price} after pricing`,
          variantSku(draft, offer),
        );
      }
    },
  }));
