/**
 * Required source fields: a product missing a field the channel requires is reported on the
 * canonical field, even when a `fields:` template renders text around the gap
 * (`{{ brand }} {{ title }}` gives "Northwind" for a product without a title).
 */
import type { Prepared, Product } from '../../model.js';
import type { CheckRule, Draft, Report } from '../types.js';

export type TextField = 'title' | 'description' | 'url' | 'image_url';

const IDS: Record<TextField, string> = {
  title: 'title-missing',
  description: 'description-missing',
  url: 'url-missing',
  image_url: 'image-missing',
};

export interface RequiredField<Item> {
  /** the channel attribute the field becomes, and that a `fields:` template may fill */
  attribute: string;
  /** the item has a value for the attribute */
  present(item: Item): boolean;
  severity?: 'error' | 'warning';
  description?: string;
}

/** Why the listing product has no usable value of `field` for the attribute, or undefined when it has one. */
function gap(listing: Prepared, field: TextField, attribute: string, present: boolean): string | undefined {
  const own = (listing.product as Product)[field];
  const rendered = listing.fields[attribute];
  if (rendered !== undefined && listing.gaps?.[attribute]?.includes(field))
    return `the product has no ${field}; the fields: template for ${attribute} rendered '${rendered}' around the gap`;
  if (present) return undefined;
  if (rendered !== undefined) return `the fields: template for ${attribute} rendered nothing`;
  return own ? `the product's ${field} was not sent` : `the product has no ${field}`;
}

/** A required text field (title, description, url, image_url) of the listing product: `title-missing`, `url-missing`, `image-missing`, … */
export function requiredField<Item>(field: TextField, spec: RequiredField<Item>): CheckRule<Item, unknown> {
  return {
    id: IDS[field],
    severity: spec.severity ?? 'error',
    description: spec.description ?? `a listing needs a ${field} (a fields: template for ${spec.attribute} does not stand in for it)`,
    check(draft: Draft<Item>, _ctx, report: Report) {
      if (!draft.listing) return;
      const problem = gap(draft.listing, field, spec.attribute, spec.present(draft.item));
      if (problem) report(field, problem);
    },
  };
}

/**
 * The brand a marketplace asks of some items (`needed`), judged on the item as it is sent: for a
 * shop's own goods the marketplaces ask for the shop's name, which a `fields:` template may give
 * (`brand: "{{ default brand 'Northwind Goods' }}"`).
 */
export function brandMissing<Item extends Record<string, unknown>, Ctx>(spec: {
  needed(draft: Draft<Item>, ctx: Ctx): boolean;
  description: string;
  message: string;
}): CheckRule<Item, Ctx> {
  return {
    id: 'brand-missing',
    severity: 'error',
    description: spec.description,
    check(draft, ctx, report) {
      if (!draft.item.brand && spec.needed(draft, ctx)) report('brand', spec.message);
    },
  };
}
