/** Etsy's rules: the kit's shared ones with Etsy's parameters, and Etsy's own (who and when made, titles, tags, materials, variations). */
import { categoryInvalid, categoryUnmapped } from '../kit/category.js';
import { imagesDropped, type ImageSlot } from '../kit/images.js';
import { currencyMismatch, priceMissing } from '../kit/offer.js';
import { requiredField } from '../kit/required.js';
import { htmlRemoved, type Slot } from '../kit/text.js';
import { variantMissingAttribute, variantNotDistinct } from '../kit/variants.js';
import { charCount } from '../text.js';
import type { CheckRule, Draft, FixStep, Report, Rule } from '../types.js';
import { cleanTag, dedupeTags, splitTag, TITLE_STEPS } from './content.js';
import { resolveProperties } from './inventory.js';
import { coerce } from './map.js';
import {
  CUSTOM_PROPERTY_IDS,
  DIMENSION_UNITS,
  LIMITS,
  LISTING_FIELDS,
  LISTING_TYPES,
  NOT_ALLOWED,
  VALUE_NOT_ALLOWED,
  WEIGHT_UNITS,
  WHO_MADE,
} from './spec.js';
import type { EtsyContext, EtsyLine, EtsyListing } from './types.js';
import { readWhenMade } from './when-made.js';

type EtsyCheck = CheckRule<EtsyLine, EtsyContext>;
type EtsyFix = FixStep<EtsyLine, EtsyContext>;

const check = (id: string, description: string, run: EtsyCheck['check']): EtsyCheck => ({ id, severity: 'error', description, check: run });
const listingOf = (draft: Draft<EtsyLine>) => draft.item.listing as unknown as Record<keyof EtsyListing, unknown>;

const whoMadeRules = [
  check('who-made-missing', 'who_made is required', ({ item }, _ctx, report) => {
    if (item.listing.who_made === undefined) report('who_made', 'who_made is required');
  }),
  check('who-made-invalid', `who_made is one of ${WHO_MADE.join(', ')}`, ({ item }, _ctx, report) => {
    const who = item.listing.who_made;
    if (who !== undefined && !(WHO_MADE as readonly string[]).includes(who))
      report('who_made', `'${who}' is not one of ${WHO_MADE.join(', ')}`);
  }),
];

/** the when_made the catalog or a template gave, before it was read into this year's bucket */
const whenMadeText = (draft: Draft<EtsyLine>): string | undefined => {
  const template = draft.listing!.fields.when_made;
  if (template !== undefined) return template.trim() === '' ? undefined : template;
  return draft.listing!.product.when_made;
};

const whenMadeRules: Rule<EtsyLine, EtsyContext>[] = [
  check('when-made-missing', 'when_made is required', (draft, _ctx, report) => {
    if (whenMadeText(draft) === undefined) report('when_made', 'when_made is required');
  }),
  check(
    'when-made-invalid',
    "when_made is one of this year's Etsy values, or a year, decade or range that fits one",
    (draft, ctx, report) => {
      const text = whenMadeText(draft);
      if (text !== undefined && !readWhenMade(text, ctx.buckets).bucket)
        report('when_made', `'${text}' fits none of ${ctx.buckets.map((b) => b.value).join(', ')}`);
    },
  ),
  {
    id: 'when-made-rebucketed',
    severity: 'warning',
    description: "an Etsy when_made value of another year was moved into this year's bucket",
    check(draft, ctx, report: Report) {
      const text = whenMadeText(draft);
      const read = text === undefined ? undefined : readWhenMade(text, ctx.buckets);
      if (read?.rebucketed) report('when_made', `'${text}' is sent as '${read.bucket!.value}'`);
    },
  },
];

const title: Slot<EtsyLine> = {
  field: 'title',
  get: (line) => line.listing.title,
  set: (line, text) => (line.listing.title = text),
};

const FIX_IDS = {
  'title-invalid-characters': 'title-characters-removed',
  'title-repeated-character': 'title-repeated-character-replaced',
  'title-too-long': 'title-truncated',
} as const;
const FIX_DESCRIPTIONS = {
  'title-invalid-characters': 'characters Etsy does not allow were removed from the title (options.fix.titles)',
  'title-repeated-character': '% : & + given more than once were spelled out after the first (options.fix.titles)',
  'title-too-long': `the title was cut at a word boundary within ${LIMITS.titleLength} characters (options.fix.titles)`,
} as const;
const CHECK_DESCRIPTIONS = {
  'title-invalid-characters': 'a title has letters, numbers, punctuation, math symbols, spaces, ™ © ® only (options.fix.titles fixes it)',
  'title-repeated-character': `${LIMITS.titleOnce.join(' ')} appear at most once each in a title (options.fix.titles fixes it)`,
  'title-too-long': `a title has at most ${LIMITS.titleLength} characters (options.fix.titles fixes it)`,
} as const;

const titleFixes = TITLE_STEPS.map((step): EtsyFix => ({
  id: FIX_IDS[step.rule],
  severity: 'warning',
  description: FIX_DESCRIPTIONS[step.rule],
  when: (ctx) => ctx.fixTitles,
  fix({ item }, _ctx, report) {
    const text = title.get(item);
    if (!text) return;
    const found = step.find(text);
    if (found.length === 0) return;
    title.set(item, step.fix(text));
    for (const message of found) report('title', message);
  },
}));
const titleChecks = TITLE_STEPS.map((step) =>
  check(step.rule, CHECK_DESCRIPTIONS[step.rule], ({ item }, _ctx, report) => {
    const text = title.get(item);
    if (text) for (const message of step.find(text)) report('title', message);
  }),
);

const tags = (line: EtsyLine) => line.listing.tags ?? [];
const setTags = (line: EtsyLine, list: string[]) => {
  if (list.length > 0) line.listing.tags = list;
  else delete line.listing.tags;
};
const tagFix = (id: string, description: string, fix: EtsyFix['fix'], always = false): EtsyFix => ({
  id,
  severity: 'warning',
  description,
  when: always ? undefined : (ctx) => ctx.fixTags,
  fix,
});

const tagFixes = [
  tagFix('tag-characters-removed', 'characters Etsy does not allow in tags were removed (options.fix.tags)', ({ item }, _ctx, report) => {
    if (!tags(item).some((t) => t.match(NOT_ALLOWED.tag))) return;
    for (const tag of tags(item)) if (tag.match(NOT_ALLOWED.tag)) report('tags', `tag '${tag}' had characters Etsy does not allow`);
    setTags(item, tags(item).map(cleanTag).filter(Boolean));
  }),
  tagFix(
    'tag-split',
    `a tag over ${LIMITS.tagLength} characters was split at word boundaries (options.fix.tags)`,
    ({ item }, _ctx, report) => {
      if (!tags(item).some((t) => charCount(t) > LIMITS.tagLength)) return;
      const out = tags(item).flatMap((tag) => {
        if (charCount(tag) <= LIMITS.tagLength) return [tag];
        const pieces = splitTag(tag);
        report(
          'tags',
          `tag '${tag}' has ${charCount(tag)} characters; Etsy allows ${LIMITS.tagLength}: sent as ${pieces.map((p) => `'${p}'`).join(', ')}`,
        );
        return pieces;
      });
      setTags(item, out);
    },
  ),
  tagFix(
    'tag-duplicate',
    'a tag given twice is sent once',
    ({ item }, _ctx, report) => {
      const { tags: out, repeated } = dedupeTags(tags(item));
      if (repeated.length === 0) return;
      for (const tag of repeated) report('tags', `tag '${tag}' is there twice; it is sent once`);
      setTags(item, out);
    },
    true,
  ),
  tagFix(
    'tags-dropped',
    `more than ${LIMITS.tags} tags: the first ${LIMITS.tags} are sent (options.fix.tags)`,
    ({ item }, _ctx, report) => {
      if (tags(item).length <= LIMITS.tags) return;
      report('tags', `${tags(item).length} tags; Etsy allows ${LIMITS.tags}: the first ${LIMITS.tags} are sent`);
      setTags(item, tags(item).slice(0, LIMITS.tags));
    },
  ),
];

const tagChecks = [
  check(
    'tag-invalid-characters',
    "a tag has letters, numbers, spaces, - ' ™ © ® only (options.fix.tags fixes it)",
    ({ item }, _ctx, report) => {
      for (const tag of tags(item)) {
        const bad = tag.match(NOT_ALLOWED.tag);
        if (bad) report('tags', `tag '${tag}' has characters Etsy does not allow: ${[...new Set(bad)].map((c) => `'${c}'`).join(' ')}`);
      }
    },
  ),
  check('tag-too-long', `a tag has at most ${LIMITS.tagLength} characters (options.fix.tags fixes it)`, ({ item }, _ctx, report) => {
    for (const tag of tags(item))
      if (!tag.match(NOT_ALLOWED.tag) && charCount(tag) > LIMITS.tagLength)
        report('tags', `tag '${tag}' has ${charCount(tag)} characters; Etsy allows ${LIMITS.tagLength}`);
  }),
  check('tags-too-many', `at most ${LIMITS.tags} tags (options.fix.tags fixes it)`, ({ item }, _ctx, report) => {
    if (tags(item).length > LIMITS.tags) report('tags', `${tags(item).length} tags; Etsy allows ${LIMITS.tags}`);
  }),
];

const words = (id: string, field: 'materials' | 'styles', description: string, test: (value: string) => string | undefined) =>
  check(id, description, ({ item }, _ctx, report) => {
    for (const value of item.listing[field] ?? []) {
      const problem = test(value);
      if (problem) report(field, problem);
    }
  });
const count = (id: string, field: 'materials' | 'styles', max: number) =>
  check(id, `at most ${max} ${field}`, ({ item }, _ctx, report) => {
    const n = item.listing[field]?.length ?? 0;
    if (n > max) report(field, `${n} ${field}; Etsy allows ${max}`);
  });

const materialRules = [
  count('materials-too-many', 'materials', LIMITS.materials),
  words('material-too-long', 'materials', `a material has at most ${LIMITS.materialLength} characters`, (m) =>
    charCount(m) > LIMITS.materialLength ? `'${m}' has more than ${LIMITS.materialLength} characters` : undefined,
  ),
  words('material-invalid-characters', 'materials', 'a material has letters, numbers and spaces only', (m) =>
    m.match(NOT_ALLOWED.material) ? `'${m}' has characters other than letters, numbers and spaces` : undefined,
  ),
  count('styles-too-many', 'styles', LIMITS.styles),
  words('style-invalid-characters', 'styles', 'a style has letters, numbers and spaces only', (s) =>
    s.match(NOT_ALLOWED.style) ? `'${s}' has characters other than letters, numbers and spaces` : undefined,
  ),
];

const fieldInvalid = check(
  'field-invalid',
  "a fields: template gave text that is not the field's type (number, whole number, true/false) or not one of its values",
  (draft, _ctx, report) => {
    for (const [name, text] of Object.entries(draft.listing!.fields)) {
      const type = LISTING_FIELDS[name as keyof EtsyListing];
      if (text.trim() !== '' && coerce(type, text) === undefined) report(name, `'${text}' is not a ${type} for ${name}`);
    }
    const listing = listingOf(draft);
    if (listing.type !== undefined && !(LISTING_TYPES as readonly string[]).includes(listing.type as string))
      report('type', `'${listing.type}' is not one of ${LISTING_TYPES.join(', ')}`);
    for (const [field, units] of [
      ['item_weight_unit', WEIGHT_UNITS],
      ['item_dimensions_unit', DIMENSION_UNITS],
    ] as const) {
      if (listing[field] !== undefined && !Object.values(units).includes(listing[field] as string))
        report(field, `'${listing[field]}' is not one of ${Object.values(units).join(', ')}`);
    }
  },
);

const listingRules = [
  check('shipping-profile-missing', 'a physical listing needs a shipping_profile_id (options or fields)', ({ item }, _ctx, report) => {
    if (item.listing.type !== 'download' && item.listing.shipping_profile_id === undefined)
      report('shipping_profile_id', 'set options.shipping_profile_id or a shipping_profile_id template');
  }),
  categoryUnmapped<EtsyContext>({ field: 'taxonomy_id' }),
  categoryInvalid<EtsyContext>({
    field: 'taxonomy_id',
    expected: 'a seller taxonomy id (a positive whole number)',
    mapped: (draft) => {
      const id = (draft.item as EtsyLine).listing.taxonomy_id;
      return id === undefined ? undefined : String(id);
    },
    valid: (id) => /^\d+$/.test(id) && Number(id) >= 1,
  }),
  check('quantity-not-positive', 'a listing needs at least one unit in stock', ({ item }, _ctx, report) => {
    if (item.listing.quantity < 1) report('quantity', `${item.listing.quantity} in stock`);
  }),
];

/** a variant's price outside what Etsy lists: `outside` says how, or undefined when it is inside */
const priceOutOfRange = (id: string, description: string, outside: (price: number, ctx: EtsyContext) => string | undefined) =>
  check(id, description, (draft, ctx, report) => {
    for (const v of draft.offers) {
      const price = v.price.price;
      const how = price === undefined ? undefined : outside(price, ctx);
      if (how)
        report('price', `${price} ${ctx.currency} is ${how} ${ctx.currency}`, v.product.sku === draft.sku ? undefined : v.product.sku);
    }
  });

const offerRules = [
  currencyMismatch('price'),
  priceMissing({ description: 'every variant needs a price' }),
  priceOutOfRange(
    'price-below-minimum',
    `Etsy's price floor (${LIMITS.minPriceUsd.toFixed(2)} USD; options.min_price in other currencies)`,
    (price, ctx) => (ctx.minPrice !== undefined && price < ctx.minPrice ? `below ${ctx.minPrice}` : undefined),
  ),
  priceOutOfRange(
    'price-above-maximum',
    `Etsy's price ceiling (${LIMITS.maxPriceUsd.toLocaleString('en-US')} USD, Etsy help; options.max_price in other currencies)`,
    (price, ctx) => (ctx.maxPrice !== undefined && price > ctx.maxPrice ? `above ${ctx.maxPrice}` : undefined),
  ),
];

const images: ImageSlot<EtsyLine> = { field: 'images', get: (line) => line.images, set: (line, urls) => (line.images = urls) };

const variationRules = [
  check(
    'variations-too-many',
    `at most ${LIMITS.variations} variation properties, ${LIMITS.variationsMax} with options.max_variations: 3`,
    ({ group }, ctx, report) => {
      if (group.parent && group.varies.length > ctx.maxVariations)
        report(
          group.varies[ctx.maxVariations],
          `the group varies in ${group.varies.join(', ')}; at most ${ctx.maxVariations} variation properties`,
        );
    },
  ),
  check(
    'variation-property-unmapped',
    'a variation beyond the two custom properties needs a taxonomy property and a value id for each value in options.properties',
    (draft, ctx, report) => {
      if (!draft.group.parent) return;
      resolveProperties(draft.group.varies, ctx.options.properties ?? {}).forEach((property, i) => {
        const attribute = draft.group.varies[i];
        if (!property) return report(attribute, `no Etsy property for ${attribute}: set options.properties.${attribute}`);
        // variations on the custom properties need no value ids; a third one is a taxonomy property and does
        if (property.custom || i < CUSTOM_PROPERTY_IDS.length) return;
        const values = (draft.variants ?? [])
          .map((v) => v.product[attribute])
          .filter((value) => value !== undefined && property.value_ids?.[value] === undefined);
        const missing = [...new Set(values)];
        if (missing.length > 0)
          report(attribute, `no value id for ${missing.map((m) => `'${m}'`).join(', ')} in options.properties.${attribute}.value_ids`);
      });
    },
  ),
  check(
    'variation-values-too-many',
    `at most ${LIMITS.variationValues} values of one variation property (Etsy help)`,
    (draft, _ctx, report) => {
      if (!draft.group.parent) return;
      for (const name of draft.group.varies) {
        const values = new Set((draft.variants ?? []).map((v) => v.product[name]).filter((value) => value !== undefined));
        if (values.size > LIMITS.variationValues)
          report(name, `${values.size} values of ${name}; Etsy takes at most ${LIMITS.variationValues}`);
      }
    },
  ),
  check('variation-value-parentheses', 'variation values may not contain ( or )', (draft, _ctx, report) => {
    for (const v of draft.variants ?? [])
      for (const name of draft.group.varies) {
        const value = v.product[name];
        if (value && VALUE_NOT_ALLOWED.test(value)) report(name, `'${value}' has a parenthesis`, v.product.sku);
      }
  }),
];

export const rules: readonly Rule<EtsyLine, EtsyContext>[] = [
  fieldInvalid,
  ...whoMadeRules,
  ...whenMadeRules,
  requiredField<EtsyLine>('title', { attribute: 'title', present: (line) => !!line.listing.title?.trim() }),
  ...titleFixes,
  ...titleChecks,
  requiredField<EtsyLine>('description', { attribute: 'description', present: (line) => line.listing.description !== undefined }),
  htmlRemoved<EtsyLine>(
    { field: 'description', get: (line) => line.listing.description, set: (line, text) => (line.listing.description = text) },
    'Etsy descriptions are plain text: HTML was turned into text',
  ),
  ...tagFixes,
  ...tagChecks,
  ...materialRules,
  ...listingRules,
  ...offerRules,
  imagesDropped(images, LIMITS.images),
  requiredField<EtsyLine>('image_url', {
    attribute: 'images',
    present: (line) => line.images.length > 0,
    severity: 'warning',
    description: 'a draft without an image cannot be made active',
  }),
  ...variationRules,
  variantMissingAttribute(),
  variantNotDistinct(),
];
