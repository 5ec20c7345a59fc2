/** A product or variant group -> one Etsy line: the listing body, the inventory of a group, the images (pure: the rules check them). */
import type { ListingGroup, Prepared } from '../../model.js';
import { imageUrls, sourceOrderOf } from '../product.js';
import type { Draft } from '../types.js';
import { checkTags, tagList, withExtra } from './content.js';
import { buildInventory, resolveProperties } from './inventory.js';
import { DIMENSION_UNITS, LISTING_FIELDS, WEIGHT_UNITS, type FieldType } from './spec.js';
import type { EtsyContext, EtsyLine, EtsyListing } from './types.js';
import { readWhenMade } from './when-made.js';

const TRUE = new Set(['true', 'yes', 'y', '1']);
const FALSE = new Set(['false', 'no', 'n', '0', '']);
const list = (text: string) =>
  text
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
const round2 = (n: number) => Math.round(n * 100) / 100;

/** `I did`, `i-did` -> `i_did` */
export const whoMade = (text: string) =>
  text
    .trim()
    .toLowerCase()
    .replace(/[\s-]+/g, '_');

/** Read a rendered template into a field's type; undefined when the text is not of that type. */
export function coerce(type: FieldType, text: string): unknown {
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

type DraftListing = Partial<Record<keyof EtsyListing, unknown>>;

const OPTION_FIELDS = [
  'shipping_profile_id',
  'readiness_state_id',
  'return_policy_id',
  'shop_section_id',
  'should_auto_renew',
  'is_taxable',
  'is_customizable',
] as const;

/** What the product and the feed's options say, before the `fields:` templates. */
function productFields(group: ListingGroup, base: Prepared, ctx: EtsyContext): DraftListing {
  const p = base.product;
  const draft: DraftListing = {};
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
  draft.type = ctx.options.type ?? 'physical';
  for (const key of OPTION_FIELDS) if (ctx.options[key] !== undefined) draft[key] = ctx.options[key];
  if (p.tags && tagList(p.tags).length > 0) draft.tags = tagList(p.tags);
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
  return draft;
}

/**
 * Etsy's character classes for titles, tags, materials and styles have no combining marks: a text
 * goes in its composed form (NFC: `é`, not `e` and a combining accent), which reads the same.
 */
function composeTexts(draft: DraftListing): void {
  if (typeof draft.title === 'string') draft.title = draft.title.normalize('NFC');
  for (const key of ['tags', 'materials', 'styles'] as const) {
    const list = draft[key];
    if (Array.isArray(list)) draft[key] = list.map((text) => String(text).normalize('NFC'));
  }
}

const LISTING_KEYS = Object.keys(LISTING_FIELDS) as (keyof EtsyListing)[];

/** The createDraftListing body: the product's fields, the templates read into each field's type, in Etsy's order. */
function listingOf(group: ListingGroup, base: Prepared, ctx: EtsyContext): EtsyListing {
  const draft = productFields(group, base, ctx);
  for (const [name, text] of Object.entries(base.fields)) {
    const key = name as keyof EtsyListing;
    if (text.trim() === '') delete draft[key];
    else {
      // a value that is not of the field's type is left out: field-invalid reports it
      const value = coerce(LISTING_FIELDS[key], text);
      if (value !== undefined) draft[key] = value;
    }
  }
  if (
    draft.is_personalizable === undefined &&
    (draft.personalization_instructions !== undefined || draft.personalization_is_required === true)
  )
    draft.is_personalizable = true;
  if (draft.when_made !== undefined) {
    const bucket = readWhenMade(String(draft.when_made), ctx.buckets).bucket;
    if (bucket) draft.when_made = bucket.value;
  }
  // category tags fill the places the product's own tags leave free, once those are fixed as the feed allows
  const extra = ctx.options.tags_from_category && base.product.category ? ctx.tagsOf(base.product.category) : [];
  if (extra.length > 0) {
    const own = (draft.tags as string[] | undefined) ?? [];
    const planned = checkTags(own, ctx.fixTags).tags;
    const tags = [...own, ...withExtra(planned, extra).slice(planned.length)];
    if (tags.length > 0) draft.tags = tags;
  }
  composeTexts(draft);
  const listing: Record<string, unknown> = {};
  for (const key of LISTING_KEYS) if (draft[key] !== undefined) listing[key] = draft[key];
  return listing as unknown as EtsyListing;
}

/** Every variant is sent, in catalog order: the inventory call replaces the listing's whole inventory, so those the feed left out go disabled. */
const sentVariants = (group: ListingGroup) =>
  [...group.variants, ...(group.excluded ?? [])].sort((a, b) => sourceOrderOf(a) - sourceOrderOf(b));

export function mapGroup(group: ListingGroup, ctx: EtsyContext): Draft<EtsyLine>[] {
  const base = group.parent ?? group.variants[0];
  const sent = group.parent ? sentVariants(group) : undefined;
  const inventory = sent
    ? buildInventory(
        sent,
        resolveProperties(group.varies, ctx.options.properties ?? {}).filter((p) => p !== undefined),
        ctx.options.readiness_state_id,
        new Set(group.excluded ?? []),
      )
    : null;
  const line: EtsyLine = { sku: base.product.sku, listing: listingOf(group, base, ctx), inventory, images: imageUrls(base.product) };
  return [{ sku: base.product.sku, item: line, group, listing: base, offers: group.variants, variants: sent }];
}
