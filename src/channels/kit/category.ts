/** Category rules shared by the channels: the category map must give the product a category the marketplace takes. */
import type { CheckRule, Draft, Report } from '../types.js';

/**
 * No line of the feed's category map matches the product's category. Checked on items that
 * are not children of another (a child leaves with its parent). `unmappedOnly`: a product
 * without any category is not reported (where the marketplace's category is optional).
 */
export function categoryUnmapped<Ctx>({
  field,
  severity = 'error',
  unmappedOnly = false,
  fallback,
}: {
  field: string;
  severity?: 'error' | 'warning';
  unmappedOnly?: boolean;
  /** a feed option that stands in for the map (Amazon's default_product_type) */
  fallback?: (ctx: Ctx) => string | undefined;
}): CheckRule<unknown, Ctx> {
  return {
    id: 'category-unmapped',
    severity,
    description: "no line of the category map matches the product's category",
    check(draft: Draft, ctx: Ctx, report: Report) {
      const listing = draft.listing;
      if (!listing || draft.parent || listing.category || fallback?.(ctx)) return;
      const path = listing.product.category;
      if (path) report(field, `no category map line matches '${path}'`);
      else if (!unmappedOnly) report(field, 'the product has no category');
    },
  };
}

/** The mapped category is not a value the marketplace takes (its own check: a number, a product type name, …). */
export function categoryInvalid<Ctx>({
  field,
  valid,
  expected,
  mapped = (draft) => draft.listing?.category?.id,
}: {
  field: string;
  valid: (id: string, ctx: Ctx) => boolean;
  /** what a valid id is, for the description and the message */
  expected: string;
  mapped?: (draft: Draft, ctx: Ctx) => string | undefined;
}): CheckRule<unknown, Ctx> {
  return {
    id: 'category-invalid',
    severity: 'error',
    description: `the mapped category is ${expected}`,
    check(draft: Draft, ctx: Ctx, report: Report) {
      if (draft.parent) return;
      const id = mapped(draft, ctx);
      if (id === undefined || valid(id, ctx)) return;
      const matched = draft.listing?.category?.matched;
      report(field, `'${id}'${matched ? ` (mapped from '${matched}')` : ''} is not ${expected}`);
    },
  };
}
