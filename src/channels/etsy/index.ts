import { OmnifeedError } from '../../errors.js';
import type { Issue, ListingGroup, Prepared } from '../../model.js';
import { imageUrls, missingAttributes, variantKey } from '../product.js';
import { charCount, htmlToText, looksLikeHtml } from '../text.js';
import type { ChannelAdapter, ChannelItem, RuleInfo } from '../types.js';
import { categoryTags, checkTags, checkTitle } from './content.js';
import { buildInventory, resolveProperties, type EtsyInventory } from './inventory.js';
import {
  CUSTOM_PROPERTY_IDS,
  DIMENSION_UNITS,
  HANDMADE_WHO_MADE,
  LIMITS,
  LISTING_FIELDS,
  LISTING_TYPES,
  NOT_ALLOWED,
  VALUE_NOT_ALLOWED,
  WEIGHT_UNITS,
  WHO_MADE,
  type EtsyListing,
  type FieldType,
} from './listing.js';
import { writeNdjson } from './ndjson.js';
import { optionsSchema, type EtsyOptions } from './options.js';

export type { EtsyOptions } from './options.js';
import { readWhenMade, whenMadeBuckets } from './when-made.js';

/**
 * One line of the Etsy feed: the createDraftListing body, the SKU, the updateListingInventory
 * body for a variant group (null for a single product), and the image URLs to upload.
 */
export interface EtsyLine {
  sku: string;
  listing: EtsyListing;
  inventory: EtsyInventory | null;
  images: string[];
}

const fixable = ' (a warning when options.fix lets omnifeed fix it)';

export const etsyRules = {
  'who-made-missing': { severity: 'error', description: 'who_made is required' },
  'who-made-invalid': { severity: 'error', description: `who_made is one of ${WHO_MADE.join(', ')}` },
  'when-made-missing': { severity: 'error', description: 'when_made is required' },
  'when-made-invalid': {
    severity: 'error',
    description: "when_made is one of this year's Etsy values, or a year, decade or range that fits one",
  },
  'when-made-rebucketed': { severity: 'warning', description: "an Etsy when_made value of another year was moved into this year's bucket" },
  'title-missing': { severity: 'error', description: 'title is required' },
  'title-too-long': { severity: 'error', description: `a title has at most ${LIMITS.titleLength} characters${fixable}` },
  'title-invalid-characters': {
    severity: 'error',
    description: `a title has letters, numbers, punctuation, math symbols, spaces, ™ © ® only${fixable}`,
  },
  'title-repeated-character': {
    severity: 'error',
    description: `${LIMITS.titleOnce.join(' ')} appear at most once each in a title${fixable}`,
  },
  'description-missing': { severity: 'error', description: 'description is required' },
  'description-html-removed': { severity: 'warning', description: 'Etsy descriptions are plain text: HTML was turned into text' },
  'tags-too-many': { severity: 'error', description: `at most ${LIMITS.tags} tags${fixable}` },
  'tag-too-long': { severity: 'error', description: `a tag has at most ${LIMITS.tagLength} characters${fixable}` },
  'tag-invalid-characters': { severity: 'error', description: `a tag has letters, numbers, spaces, - ' ™ © ® only${fixable}` },
  'tag-duplicate': { severity: 'warning', description: 'a tag given twice is sent once' },
  'materials-too-many': { severity: 'error', description: `at most ${LIMITS.materials} materials` },
  'material-too-long': { severity: 'error', description: `a material has at most ${LIMITS.materialLength} characters` },
  'material-invalid-characters': { severity: 'error', description: 'a material has letters, numbers and spaces only' },
  'styles-too-many': { severity: 'error', description: `at most ${LIMITS.styles} styles` },
  'style-invalid-characters': { severity: 'error', description: 'a style has letters, numbers and spaces only' },
  'price-missing': { severity: 'error', description: 'every variant needs a price' },
  'price-below-minimum': {
    severity: 'error',
    description: `Etsy's price floor (${LIMITS.minPriceUsd.toFixed(2)} USD; options.min_price in other currencies)`,
  },
  'currency-mismatch': { severity: 'error', description: "the product's currency differs from the feed market's currency" },
  'quantity-not-positive': { severity: 'error', description: 'a listing needs at least one unit in stock' },
  'taxonomy-missing': {
    severity: 'error',
    description: "taxonomy_id is required: no line of the category map matches the product's category",
  },
  'taxonomy-invalid': { severity: 'error', description: 'taxonomy_id is a positive whole number (a seller taxonomy node)' },
  'shipping-profile-missing': { severity: 'error', description: 'a physical listing needs a shipping_profile_id (options or fields)' },
  'field-invalid': {
    severity: 'error',
    description: "a fields: template gave text that is not the field's type (number, whole number, true/false) or not one of its values",
  },
  'variations-too-many': {
    severity: 'error',
    description: `at most ${LIMITS.variations} variation properties, ${LIMITS.variationsMax} with options.max_variations: 3`,
  },
  'variation-property-unmapped': {
    severity: 'error',
    description:
      'a variation beyond the two custom properties needs a taxonomy property and a value id for each value in options.properties',
  },
  'variation-value-parentheses': { severity: 'error', description: 'variation values may not contain ( or )' },
  'variant-missing-attribute': { severity: 'error', description: 'every variant carries each attribute its group varies in' },
  'variant-not-distinct': { severity: 'error', description: 'two variants of a group have the same variant attributes' },
  'images-dropped': { severity: 'warning', description: `more than ${LIMITS.images} images: the first ${LIMITS.images} are sent` },
  'image-missing': { severity: 'warning', description: 'a draft without an image cannot be made active' },
} as const satisfies Record<string, RuleInfo>;

type EtsyRule = keyof typeof etsyRules;

const TRUE = new Set(['true', 'yes', 'y', '1']);
const FALSE = new Set(['false', 'no', 'n', '0', '']);
const list = (text: string) =>
  text
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
const round2 = (n: number) => Math.round(n * 100) / 100;
/** `I did`, `i-did` -> `i_did` */
const whoMade = (text: string) =>
  text
    .trim()
    .toLowerCase()
    .replace(/[\s-]+/g, '_');

/** Read a rendered template into a field's type; undefined when the text is not of that type. */
function coerce(type: FieldType, text: string): unknown {
  const t = text.trim();
  switch (type) {
    case 'text':
      return text;
    case 'integer':
      return /^-?\d+$/.test(t) ? Number(t) : undefined;
    case 'number':
      return /^-?\d+(\.\d+)?$/.test(t) ? Number(t) : undefined;
    case 'boolean':
      return TRUE.has(t.toLowerCase()) ? true : FALSE.has(t.toLowerCase()) ? false : undefined;
    case 'text-list':
      return list(text);
    case 'integer-list': {
      const items = list(text);
      return items.every((s) => /^\d+$/.test(s)) ? items.map(Number) : undefined;
    }
  }
}

export const etsy = {
  name: 'etsy',
  title: 'Etsy (Open API v3 listing payloads)',
  formats: ['ndjson'],
  variants: 'one listing per group; variants are inventory products (property_values + offerings), all of them in every payload',
  rules: etsyRules,
  exclusions: {
    'not-etsy-eligible':
      'Etsy lists handmade items (who_made i_did or collective), vintage items (made at least 20 years ago) and craft supplies only',
  },
  optionsSchema,

  prepare(feed, ctx) {
    const options = (feed.options ?? {}) as EtsyOptions;
    for (const name of Object.keys(feed.fields ?? {})) {
      if (!(name in LISTING_FIELDS)) {
        throw new OmnifeedError(
          'CONFIG_INVALID',
          `${feed.file}: /fields/${name}: not a createDraftListing field (one of ${Object.keys(LISTING_FIELDS).join(', ')})`,
        );
      }
    }
    const buckets = whenMadeBuckets(options.when_made_year ?? ctx.now.getUTCFullYear());
    const currency = feed.market.currency;
    const minPrice = options.min_price ?? (currency === 'USD' ? LIMITS.minPriceUsd : undefined);
    const maxVariations = options.max_variations ?? LIMITS.variations;
    const fixTitles = options.fix?.titles === true;
    const fixTags = options.fix?.tags === true;
    const configured = options.properties ?? {};

    function toLine(
      group: ListingGroup,
      issue: (rule: EtsyRule, field: string, message: string, sku?: string, fixed?: boolean) => void,
    ): EtsyLine {
      const base: Prepared = group.parent ?? group.variants[0];
      const p = base.product;
      const draft: Partial<Record<keyof EtsyListing, unknown>> = {};

      // quantity and price are derived: the sum of the offerings and the lowest offering price
      draft.quantity = group.variants.reduce((sum, v) => sum + v.stock.quantity, 0);
      const prices = group.variants.map((v) => v.price.price).filter((n): n is number => n !== undefined);
      if (prices.length > 0) draft.price = round2(Math.min(...prices));
      if (p.title) draft.title = p.title;
      if (p.description) draft.description = p.description;
      if (p.who_made) draft.who_made = whoMade(p.who_made);
      if (p.when_made) draft.when_made = p.when_made;
      if (base.category) draft.taxonomy_id = /^\d+$/.test(base.category.id) ? Number(base.category.id) : base.category.id;
      draft.is_supply = false;
      draft.type = options.type ?? 'physical';
      for (const key of [
        'shipping_profile_id',
        'readiness_state_id',
        'return_policy_id',
        'shop_section_id',
        'should_auto_renew',
        'is_taxable',
        'is_customizable',
      ] as const) {
        if (options[key] !== undefined) draft[key] = options[key];
      }
      if (p.tags) draft.tags = p.tags;
      if (p.material) draft.materials = list(p.material);
      if (p.weight !== undefined && p.weight > 0 && p.weight_unit) {
        draft.item_weight = p.weight;
        draft.item_weight_unit = WEIGHT_UNITS[p.weight_unit];
      }
      if (p.dimension_unit && [p.length, p.width, p.height].some((n) => n !== undefined && n > 0)) {
        if (p.length) draft.item_length = p.length;
        if (p.width) draft.item_width = p.width;
        if (p.height) draft.item_height = p.height;
        draft.item_dimensions_unit = DIMENSION_UNITS[p.dimension_unit];
      }

      // the feed's fields: templates override, read into each field's type
      for (const [name, text] of Object.entries(base.fields)) {
        const key = name as keyof EtsyListing;
        if (text.trim() === '') {
          delete draft[key];
          continue;
        }
        const value = coerce(LISTING_FIELDS[key], text);
        if (value === undefined) issue('field-invalid', name, `'${text}' is not a ${LISTING_FIELDS[key]} for ${name}`);
        else draft[key] = value;
      }
      if (
        draft.is_personalizable === undefined &&
        (draft.personalization_instructions !== undefined || draft.personalization_is_required === true)
      ) {
        draft.is_personalizable = true;
      }

      // who made it, when, and whether Etsy takes it at all
      if (draft.who_made === undefined) issue('who-made-missing', 'who_made', 'who_made is required');
      else if (!(WHO_MADE as readonly string[]).includes(draft.who_made as string))
        issue('who-made-invalid', 'who_made', `'${draft.who_made}' is not one of ${WHO_MADE.join(', ')}`);
      if (draft.when_made === undefined) issue('when-made-missing', 'when_made', 'when_made is required');
      else {
        const read = readWhenMade(String(draft.when_made), buckets);
        if (!read.bucket)
          issue('when-made-invalid', 'when_made', `'${draft.when_made}' fits none of ${buckets.map((b) => b.value).join(', ')}`);
        else {
          if (read.rebucketed)
            issue('when-made-rebucketed', 'when_made', `'${draft.when_made}' is sent as '${read.bucket.value}'`, undefined, true);
          draft.when_made = read.bucket.value;
        }
      }

      // content rules
      if (draft.title === undefined || String(draft.title).trim() === '') issue('title-missing', 'title', 'title is required');
      else {
        const checked = checkTitle(String(draft.title), fixTitles);
        for (const problem of checked.problems) issue(problem.rule as EtsyRule, 'title', problem.message, undefined, fixTitles);
        draft.title = checked.title;
      }
      if (draft.description === undefined) issue('description-missing', 'description', 'description is required');
      else if (looksLikeHtml(String(draft.description))) {
        draft.description = htmlToText(String(draft.description));
        issue('description-html-removed', 'description', 'HTML tags were removed from the description', undefined, true);
      }
      const extra = options.tags_from_category && p.category ? categoryTags(p.category) : [];
      if (draft.tags !== undefined || extra.length > 0) {
        const checked = checkTags((draft.tags as string[] | undefined) ?? [], fixTags, extra);
        for (const problem of checked.problems)
          issue(problem.rule as EtsyRule, 'tags', problem.message, undefined, fixTags || problem.rule === 'tag-duplicate');
        if (checked.tags.length > 0) draft.tags = checked.tags;
        else delete draft.tags;
      }
      const materials = (draft.materials as string[] | undefined) ?? [];
      if (materials.length > LIMITS.materials)
        issue('materials-too-many', 'materials', `${materials.length} materials; Etsy allows ${LIMITS.materials}`);
      for (const material of materials) {
        if (charCount(material) > LIMITS.materialLength)
          issue('material-too-long', 'materials', `'${material}' has more than ${LIMITS.materialLength} characters`);
        if (material.match(NOT_ALLOWED.material))
          issue('material-invalid-characters', 'materials', `'${material}' has characters other than letters, numbers and spaces`);
      }
      const styles = (draft.styles as string[] | undefined) ?? [];
      if (styles.length > LIMITS.styles) issue('styles-too-many', 'styles', `${styles.length} styles; Etsy allows ${LIMITS.styles}`);
      for (const style of styles) {
        if (style.match(NOT_ALLOWED.style))
          issue('style-invalid-characters', 'styles', `'${style}' has characters other than letters, numbers and spaces`);
      }
      if (draft.type !== undefined && !(LISTING_TYPES as readonly string[]).includes(draft.type as string))
        issue('field-invalid', 'type', `'${draft.type}' is not one of ${LISTING_TYPES.join(', ')}`);
      for (const [field, units] of [
        ['item_weight_unit', WEIGHT_UNITS],
        ['item_dimensions_unit', DIMENSION_UNITS],
      ] as const) {
        if (draft[field] !== undefined && !Object.values(units).includes(draft[field] as string))
          issue('field-invalid', field, `'${draft[field]}' is not one of ${Object.values(units).join(', ')}`);
      }
      if (draft.type !== 'download' && draft.shipping_profile_id === undefined)
        issue('shipping-profile-missing', 'shipping_profile_id', 'set options.shipping_profile_id or a shipping_profile_id template');
      if (draft.taxonomy_id === undefined)
        issue(
          'taxonomy-missing',
          'taxonomy_id',
          p.category ? `no category map line matches '${p.category}'` : 'the product has no category',
        );
      else if (!Number.isInteger(draft.taxonomy_id) || (draft.taxonomy_id as number) < 1) {
        issue(
          'taxonomy-invalid',
          'taxonomy_id',
          `'${draft.taxonomy_id}'${base.category ? ` (mapped from '${base.category.matched}')` : ''} is not a seller taxonomy id`,
        );
      }
      if ((draft.quantity as number) < 1) issue('quantity-not-positive', 'quantity', `${draft.quantity} in stock`);
      for (const v of group.variants) {
        const sku = v.product.sku;
        if (v.product.currency && v.product.currency !== currency)
          issue('currency-mismatch', 'price', `the product is priced in ${v.product.currency}, the feed in ${currency}`, sku);
        if (v.price.price === undefined) issue('price-missing', 'price', 'no price', sku);
        else if (minPrice !== undefined && v.price.price < minPrice)
          issue('price-below-minimum', 'price', `${v.price.price} ${currency} is below ${minPrice} ${currency}`, sku);
      }

      const images = imageUrls(p);
      if (images.length > LIMITS.images)
        issue('images-dropped', 'images', `${images.length} images; the first ${LIMITS.images} are sent`, undefined, true);
      if (images.length === 0) issue('image-missing', 'images', 'no image URL', undefined, true);

      const listing = Object.fromEntries(
        Object.keys(LISTING_FIELDS)
          .filter((k) => draft[k as keyof EtsyListing] !== undefined)
          .map((k) => [k, draft[k as keyof EtsyListing]]),
      ) as unknown as EtsyListing;
      return { sku: p.sku, listing, inventory: group.parent ? inventoryOf(group, issue) : null, images: images.slice(0, LIMITS.images) };
    }

    function inventoryOf(
      group: ListingGroup,
      issue: (rule: EtsyRule, field: string, message: string, sku?: string) => void,
    ): EtsyInventory {
      if (group.varies.length > maxVariations) {
        issue(
          'variations-too-many',
          group.varies[maxVariations],
          `the group varies in ${group.varies.join(', ')}; at most ${maxVariations} variation properties`,
        );
      }
      const properties = resolveProperties(group.varies, configured);
      properties.forEach((property, i) => {
        const attribute = group.varies[i];
        if (!property)
          issue('variation-property-unmapped', attribute, `no Etsy property for ${attribute}: set options.properties.${attribute}`);
        else if (!property.custom) {
          // variations on the custom properties need no value ids; a third one is a taxonomy property and does
          const missing = [
            ...new Set(
              [...group.variants, ...(group.excluded ?? [])]
                .map((v) => v.product[attribute])
                .filter((value) => value !== undefined && property.value_ids?.[value] === undefined),
            ),
          ];
          if (missing.length > 0 && i >= CUSTOM_PROPERTY_IDS.length)
            issue(
              'variation-property-unmapped',
              attribute,
              `no value id for ${missing.map((m) => `'${m}'`).join(', ')} in options.properties.${attribute}.value_ids`,
            );
        }
      });
      // the inventory call replaces the listing's whole inventory: variants the feed left out go too, disabled
      const disabled = new Set(group.excluded ?? []);
      const sent = [...group.variants, ...disabled].sort((a, b) => a.product.source.line - b.product.source.line);
      const seen = new Set<string>();
      for (const v of sent) {
        const sku = v.product.sku;
        const missing = missingAttributes(v.product, group.varies);
        if (missing.length > 0)
          issue(
            'variant-missing-attribute',
            missing[0],
            `the group varies in ${group.varies.join(', ')}; this variant has no ${missing.join(', ')}`,
            sku,
          );
        for (const name of group.varies) {
          const value = v.product[name];
          if (value && VALUE_NOT_ALLOWED.test(value)) issue('variation-value-parentheses', name, `'${value}' has a parenthesis`, sku);
        }
        const key = variantKey(v.product, group.varies);
        if (seen.has(key)) issue('variant-not-distinct', group.varies[0], `another variant has the same ${group.varies.join(', ')}`, sku);
        seen.add(key);
      }
      return buildInventory(
        sent,
        properties.filter((p) => p !== undefined),
        options.readiness_state_id,
        disabled,
      );
    }

    return {
      /** Etsy takes handmade, vintage and supplies; what is none of them is left out. Unreadable values are left to items() to report. */
      exclude(v: Prepared): string | undefined {
        const text = (field: 'who_made' | 'when_made' | 'is_supply') =>
          v.fields[field] ?? (field === 'is_supply' ? undefined : v.product[field]);
        const who = text('who_made') ? whoMade(text('who_made')!) : undefined;
        if (who !== undefined && !(WHO_MADE as readonly string[]).includes(who)) return undefined;
        if (who !== undefined && HANDMADE_WHO_MADE.includes(who)) return undefined;
        if (text('is_supply') !== undefined && coerce('boolean', text('is_supply')!) === true) return undefined;
        const when = text('when_made');
        const bucket = when ? readWhenMade(when, buckets).bucket : undefined;
        if (when && !bucket) return undefined;
        return bucket?.vintage ? undefined : 'not-etsy-eligible';
      },

      items(group: ListingGroup): ChannelItem<EtsyLine>[] {
        const issues: Issue[] = [];
        const sku = (group.parent ?? group.variants[0]).product.sku;
        const issue = (rule: EtsyRule, field: string, message: string, itemSku = sku, fixed = false) =>
          issues.push({ severity: fixed ? 'warning' : etsyRules[rule].severity, rule, field, message, sku: itemSku, feed: feed.name });
        const line = toLine(group, issue);
        return [{ sku, item: line, issues }];
      },
      open(files) {
        return writeNdjson(files.create(feed.output.path));
      },
    };
  },
} satisfies ChannelAdapter<EtsyLine>;
