/** Meta's rules: the kit's shared ones with Meta's parameters, and Meta's own. */
import { tableRules } from '../kit/attributes.js';
import { categoryUnmapped } from '../kit/category.js';
import { gtinRules } from '../kit/gtin.js';
import { imagesDropped, imageUrlInvalid, imageUrlsEncoded, type ImageSlot } from '../kit/images.js';
import { brandMissing } from '../kit/required.js';
import { currencyMismatch, saleEndMissing, saleRules } from '../kit/offer.js';
import { formulaEscaped, htmlRemoved, property, xmlInvalidRemoved, type Slot } from '../kit/text.js';
import { variantMissingAttribute, variantNotDistinct } from '../kit/variants.js';
import { charCount } from '../text.js';
import type { CheckRule, Rule } from '../types.js';
import { FIELDS, LIMITS } from './spec.js';
import type { MetaContext, MetaItem } from './types.js';

const valuesOf = (item: MetaItem, name: string) => (item[name] === undefined ? undefined : [item[name]].flat());

/** the fields with one text value, as [name, value] */
const textFields = (item: MetaItem) => Object.entries(item).filter((entry): entry is [string, string] => typeof entry[1] === 'string');

/** additional_image_link is the one repeated text field of an item */
const extraImages = (item: MetaItem) => (item.additional_image_link as string[] | undefined) ?? [];

const additionalImages: ImageSlot<MetaItem> = {
  field: 'additional_image_link',
  get: extraImages,
  set: (item, urls) => (item.additional_image_link = urls),
};

/** the main image and the additional ones, for the URL check */
const mainImage: ImageSlot<MetaItem> = {
  field: 'image_link',
  get: (item) => (typeof item.image_link === 'string' ? [item.image_link] : []),
  set: (item, [url]) => (item.image_link = url),
};
const allImages: ImageSlot<MetaItem> = {
  field: 'image_link',
  get: (item) => [...(typeof item.image_link === 'string' ? [item.image_link] : []), ...extraImages(item)],
  set: () => undefined,
};

/** every text of an item: its string fields, and each additional image URL */
function* texts(item: MetaItem): Iterable<Slot<MetaItem>> {
  for (const [name] of textFields(item)) yield property(name);
  for (let i = 0; i < extraImages(item).length; i++)
    yield { field: 'additional_image_link', get: (it) => extraImages(it)[i], set: (it, url) => (extraImages(it)[i] = url) };
}

/** Meta's identifier rule: a brand, a GTIN or an MPN, one of them (for a shop's own goods, the shop's name as brand). */
const brandRequired = brandMissing<MetaItem, MetaContext>({
  needed: ({ item }) => !item.gtin && !item.mpn,
  description: 'an item needs a brand, a GTIN or an MPN (Meta asks for one of them; for own-label goods, the shop name as brand)',
  message: 'the item has no brand, GTIN or MPN',
});

const titleCutOff: CheckRule<MetaItem, MetaContext> = {
  id: 'title-cut-off',
  severity: 'warning',
  description: `titles over ${LIMITS.titleRecommended} characters are cut off in Meta's ads and shops (Meta recommends at most ${LIMITS.titleRecommended})`,
  check({ item }, _ctx, report) {
    const title = item.title;
    if (typeof title === 'string' && charCount(title) > LIMITS.titleRecommended)
      report('title', `${charCount(title)} characters: Meta shows the first ${LIMITS.titleRecommended}`);
  },
};

export const rules: readonly Rule<MetaItem, MetaContext>[] = [
  htmlRemoved<MetaItem>(property('description')),
  imagesDropped(additionalImages, LIMITS.additionalImages, 'additional images'),
  currencyMismatch('price'),
  saleEndMissing('sale_price_effective_date', {
    upcoming: true,
    description: 'an upcoming sale without an end date cannot be scheduled: its sale price is left out',
  }),
  ...saleRules(),
  categoryUnmapped({ field: 'category', severity: 'warning', unmappedOnly: true }),
  ...gtinRules('gtin'),
  ...tableRules(FIELDS, valuesOf),
  brandRequired,
  titleCutOff,
  imageUrlsEncoded([mainImage, additionalImages]),
  imageUrlInvalid(allImages),
  xmlInvalidRemoved(texts),
  formulaEscaped<MetaItem, MetaContext>(
    ({ item }) => textFields(item),
    (ctx) => ctx.feed.output.format === 'csv',
  ),
  variantMissingAttribute(),
  variantNotDistinct(),
];
