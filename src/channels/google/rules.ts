/** Google's rules: the kit's shared ones with Google's parameters, and Google's own. */
import { tableRules } from '../kit/attributes.js';
import { categoryUnmapped } from '../kit/category.js';
import { gtinRules } from '../kit/gtin.js';
import { imagesDropped, imageUrlInvalid, imageUrlsEncoded, type ImageSlot } from '../kit/images.js';
import { brandMissing } from '../kit/required.js';
import { currencyMismatch, saleEndMissing, saleRules } from '../kit/offer.js';
import { formulaEscaped, htmlRemoved, property, truncated, xmlInvalidRemoved, type Slot } from '../kit/text.js';
import { titlePolicy } from '../kit/title.js';
import { variantMissingAttribute, variantNotDistinct } from '../kit/variants.js';
import type { CheckRule, Draft, Report, Rule } from '../types.js';
import { APPAREL, ATTRIBUTES, DESCRIPTION_MAX, MAX_ADDITIONAL_IMAGES, MEDIA, TITLE_POLICY } from './spec.js';
import type { GoogleContext, GoogleItem } from './types.js';

const valuesOf = (item: GoogleItem, name: string) => {
  const value = item[name];
  return value === undefined ? undefined : Array.isArray(value) ? value : [value];
};

const additionalImages: ImageSlot<GoogleItem> = {
  field: 'additional_image_link',
  get: (item) => (item.additional_image_link as string[] | undefined) ?? [],
  set: (item, urls) => (item.additional_image_link = urls),
};
const mainImage: ImageSlot<GoogleItem> = {
  field: 'image_link',
  get: (item) => (typeof item.image_link === 'string' ? [item.image_link] : []),
  set: (item, [url]) => (item.image_link = url),
};
const allImages: ImageSlot<GoogleItem> = {
  field: 'image_link',
  get: (item) => [...((valuesOf(item, 'image_link') as string[]) ?? []), ...additionalImages.get(item)],
  set: () => undefined,
};

/** every text of an item: its string attributes, and each value of a repeated one */
function* texts(item: GoogleItem): Iterable<Slot<GoogleItem>> {
  for (const [name, value] of Object.entries(item)) {
    if (typeof value === 'string') yield property(name);
    else if (Array.isArray(value)) yield* elements(name, value);
  }
}

/** the string values of a repeated attribute, each as a slot of its own */
function* elements(name: string, values: unknown[]): Iterable<Slot<GoogleItem>> {
  for (let i = 0; i < values.length; i++)
    if (typeof values[i] === 'string')
      yield { field: name, get: (it) => (it[name] as string[])[i], set: (it, text) => ((it[name] as string[])[i] = text) };
}

const under = (path: string | undefined, root: string) => path === root || path?.startsWith(`${root} > `);

const categoryUnknown: CheckRule<GoogleItem, GoogleContext> = {
  id: 'category-unknown',
  severity: 'error',
  description: "the mapped google_product_category is not in the feed's taxonomy file",
  check(draft, ctx, report: Report) {
    const category = draft.listing?.category;
    if (!category || !ctx.taxonomy || ctx.taxonomy.byId.has(category.id) || ctx.taxonomy.paths.has(category.id)) return;
    report('google_product_category', `'${category.id}' (mapped from '${category.matched}') is not in the taxonomy`);
  },
};

/** the item's google_product_category as a taxonomy path (an id resolves through the taxonomy file when there is one) */
const categoryPath = (item: GoogleItem, ctx: GoogleContext) => {
  const id = item.google_product_category as string | undefined;
  return id && /^\d+$/.test(id) ? ctx.taxonomy?.byId.get(id) : id;
};
const inCategory = (item: GoogleItem, ctx: GoogleContext, category: { id: string; path: string }) =>
  item.google_product_category === category.id || under(categoryPath(item, ctx), category.path);

const brandRequired = brandMissing<GoogleItem, GoogleContext>({
  needed: ({ item }, ctx) => item.condition === 'new' && !inCategory(item, ctx, MEDIA),
  description: "a new product outside media (books, films, music) needs a brand (answer 6324351); for the shop's own goods, its name",
  message: 'a new product needs a brand (for own or handmade goods, the shop name: a fields: template can give it)',
});

const apparelMissingAttribute: CheckRule<GoogleItem, GoogleContext> = {
  id: 'apparel-missing-attribute',
  severity: 'error',
  description: 'apparel needs color, gender and age_group, and clothing and shoes a size',
  check({ item }: Draft<GoogleItem>, ctx, report: Report) {
    if (!inCategory(item, ctx, APPAREL)) return;
    const path = categoryPath(item, ctx);
    const needed = ['color', 'gender', 'age_group'];
    if (APPAREL.sized.some((root) => under(path, root))) needed.push('size');
    const missing = needed.filter((name) => !item[name]);
    if (missing.length > 0) report(missing[0], `apparel needs ${missing.join(', ')}`);
  },
};

export const rules: readonly Rule<GoogleItem, GoogleContext>[] = [
  htmlRemoved<GoogleItem>(property('description')),
  truncated<GoogleItem, GoogleContext>('description-truncated', property('description'), DESCRIPTION_MAX, {
    trailing: /[\s,;:–—-]+$/u,
    when: (ctx) => ctx.options.long_descriptions !== 'reject',
    description: `the description had more than ${DESCRIPTION_MAX} characters, which makes Google drop the item, and was cut at a word boundary (long_descriptions: reject makes it an error)`,
  }),
  ...titlePolicy<GoogleItem>(property('title'), TITLE_POLICY),
  imagesDropped(additionalImages, MAX_ADDITIONAL_IMAGES, 'additional images'),
  currencyMismatch('price'),
  saleEndMissing('sale_price_effective_date', {
    upcoming: true,
    description: 'an upcoming sale without an end date cannot be scheduled: its sale price is left out',
  }),
  ...saleRules(),
  categoryUnknown,
  categoryUnmapped({ field: 'google_product_category', severity: 'warning', unmappedOnly: true }),
  ...gtinRules('gtin', { restricted: true }),
  ...tableRules(ATTRIBUTES, valuesOf),
  imageUrlsEncoded([mainImage, additionalImages]),
  imageUrlInvalid(allImages),
  brandRequired,
  apparelMissingAttribute,
  xmlInvalidRemoved(texts),
  formulaEscaped<GoogleItem, GoogleContext>(
    ({ item }) => Object.entries(item).filter((entry): entry is [string, string] => typeof entry[1] === 'string'),
    (ctx) => ctx.feed.output.format === 'tsv',
  ),
  variantMissingAttribute(),
  variantNotDistinct(),
];
