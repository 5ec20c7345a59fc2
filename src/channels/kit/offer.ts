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
 * `price`. `positive`: a price of zero is missing too; `amount` reads the price the channel sends.
 */
export function priceMissing({
  positive = false,
  amount = (offer: Prepared) => offer.price.price,
  description = 'an offer needs a price',
}: { positive?: boolean; amount?: (offer: Prepared) => number | undefined; description?: string } = {}) {
  return {
    id: 'price-missing',
    severity: 'error',
    description,
    check(draft: Draft, _ctx: unknown, report: Report) {
      for (const offer of draft.offers) {
        const price = amount(offer);
        if (price === undefined || (positive && !(price > 0)))
          report('price', price === undefined ? 'the product has no price' : `the price is ${price}`, variantSku(draft, offer));
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
