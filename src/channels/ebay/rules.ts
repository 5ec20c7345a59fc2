/** eBay's rules: the kit's shared ones with eBay's parameters, and eBay's own (conditions, item specifics, variations, the template). */
import { categoryInvalid, categoryUnmapped } from '../kit/category.js';
import { gtinRules, readGtin } from '../kit/gtin.js';
import { imagesDropped, imageUrlInvalid, imageUrlsEncoded, type ImageSlot } from '../kit/images.js';
import { currencyMismatch, priceMissing, saleRules } from '../kit/offer.js';
import { requiredField } from '../kit/required.js';
import { formulaEscaped, tooLong, truncated, type Slot } from '../kit/text.js';
import { variantMissingAttribute, variantNotDistinct, variantsNoneValid, type AxesOf } from '../kit/variants.js';
import { charCount, looksLikeHtml } from '../text.js';
import type { CheckRule, Draft, FixStep, Report, Rule } from '../types.js';
import { withoutActiveContent } from './html.js';
import { conditionId, identifier, listedPrice, variationValues } from './map.js';
import {
  CATEGORY_CONDITIONS,
  EPS_HOST,
  isTextKey,
  LIMITS,
  LONG_SPECIFICS,
  RELATIONSHIP_SEPARATORS,
  VARIATION_KEYS,
  VARIATION_NAMES,
} from './spec.js';
import type { EbayContext, EbayItem, Row } from './types.js';

type EbayCheck = CheckRule<EbayItem, EbayContext>;

/** the listing row of an item: undefined for a variation row (its listing is checked on its own) */
const head = (draft: Draft<EbayItem>): Row | undefined => (draft.listing ? draft.item.rows[0] : undefined);

const column = (name: string): Slot<EbayItem> => ({
  field: name,
  get: (item) => item.rows[0]?.[name] || undefined,
  set: (item, value) => (item.rows[0][name] = value),
});

const pictures: ImageSlot<EbayItem> = {
  field: 'PicURL',
  get: (item) =>
    (item.rows[0]?.PicURL ?? '')
      .split('|')
      .map((s) => s.trim())
      .filter(Boolean),
  set: (item, urls) => (item.rows[0].PicURL = urls.join('|')),
};

/** rules on the listing row only (a standalone product's row, or a variant group's listing row) */
const onListing = <R extends EbayCheck | FixStep<EbayItem, EbayContext>>(rule: R): R => {
  const run = 'fix' in rule ? rule.fix : rule.check;
  const guarded = (draft: Draft<EbayItem>, ...rest: unknown[]) =>
    head(draft) ? (run as (...a: unknown[]) => void)(draft, ...rest) : undefined;
  return 'fix' in rule ? { ...rule, fix: guarded } : { ...rule, check: guarded };
};

const skuTooLong: EbayCheck = {
  id: 'sku-too-long',
  severity: 'error',
  description: `CustomLabel (the SKU) has at most ${LIMITS.sku} characters`,
  check(draft, _ctx, report: Report) {
    for (const { product } of draft.offers)
      if (charCount(product.sku) > LIMITS.sku) report('CustomLabel', `${charCount(product.sku)} characters`);
  },
};

const conditionUnknown: EbayCheck = {
  id: 'condition-unknown',
  severity: 'error',
  description: 'the product condition is not an eBay condition word or ConditionID',
  check(draft, _ctx, report: Report) {
    if (draft.listing && !head(draft)?.ConditionID && !conditionId(draft.listing.product.condition))
      report('ConditionID', `'${draft.listing.product.condition}' is not an eBay condition`);
  },
};

const gtinNotSent: EbayCheck = {
  id: 'gtin-not-sent',
  severity: 'warning',
  description: 'a GTIN-14 with a packaging indicator has no eBay identifier column (UPC, EAN, ISBN): it is left out',
  check(draft, _ctx, report: Report) {
    for (const { product } of draft.offers) {
      const read = product.gtin ? readGtin(product.gtin) : undefined;
      if (read?.gtin && !read.problem && !identifier(read.gtin)) report('gtin', `'${product.gtin}' is a GTIN-14`);
    }
  },
};

const variationValueInvalid: EbayCheck = {
  id: 'variation-value-invalid',
  severity: 'error',
  description: 'a variation value cannot hold = ; or | (they separate RelationshipDetails)',
  check(draft, _ctx, report: Report) {
    if (draft.listing || !draft.variants) return;
    for (const { name, value } of variationValues(draft.variants[0], draft.group))
      if (value && RELATIONSHIP_SEPARATORS.test(value)) report(`C:${name}`, `'${value}' holds = ; or |`);
  },
};

const variationValueTooLong: EbayCheck = {
  id: 'variation-value-too-long',
  severity: 'error',
  description: `a variation value has at most ${LIMITS.specificValue} characters`,
  check(draft, _ctx, report: Report) {
    if (draft.listing || !draft.variants) return;
    for (const { name, value } of variationValues(draft.variants[0], draft.group))
      if (value && !RELATIONSHIP_SEPARATORS.test(value) && charCount(value) > LIMITS.specificValue)
        report(`C:${name}`, `'${value}' has ${charCount(value)} characters`);
  },
};

const conditionNotAllowed: EbayCheck = {
  id: 'condition-not-allowed',
  severity: 'error',
  description: "the condition is not one the category allows (the map's conditions column, or eBay's documented category rules)",
  check(draft, _ctx, report: Report) {
    const row = head(draft);
    if (!row?.Category || !row.ConditionID) return;
    // the map line's optional `conditions` column (`1000|3000`), else eBay's documented category rules
    const mapped = draft.listing!.category?.columns?.conditions;
    const allowed = mapped ? mapped.split(/[|;\s]+/).filter(Boolean) : CATEGORY_CONDITIONS[row.Category];
    if (allowed && !allowed.includes(row.ConditionID))
      report('ConditionID', `category ${row.Category} takes ConditionID ${allowed.join(', ')}, not ${row.ConditionID}`);
  },
};

const activeContentRemoved: FixStep<EbayItem, EbayContext> = {
  id: 'description-active-content-removed',
  severity: 'warning',
  description:
    "what eBay's active content policy does not allow was removed from the description: scripts, frames, plug-ins, forms, event handlers, javascript: links, meta refreshes, <base> (an allow-list of tags, attributes and URL schemes)",
  fix(draft, _ctx, report: Report) {
    const row = head(draft);
    if (!row?.Description || !looksLikeHtml(row.Description)) return;
    const clean = withoutActiveContent(row.Description);
    if (clean === undefined) return;
    row.Description = clean;
    report('Description', 'active content was removed');
  },
};

const picturesMixedHosting: EbayCheck = {
  id: 'pictures-mixed-hosting',
  severity: 'error',
  description: 'pictures are all on eBay Picture Services or all self-hosted, not a mix',
  check(draft, _ctx, report: Report) {
    if (!head(draft)) return;
    const urls = pictures.get(draft.item);
    const eps = urls.filter((url) => EPS_HOST.test(url)).length;
    if (eps > 0 && eps < urls.length) report('PicURL', `${eps} of ${urls.length} pictures are on eBay Picture Services`);
  },
};

/** the variation names of a listing row of a variant group (none for a standalone product) */
const variationNames = (draft: Draft<EbayItem>): string[] => (draft.assembled ? draft.group.varies.map((a) => VARIATION_NAMES[a]) : []);

const itemSpecificMissing: EbayCheck = {
  id: 'item-specific-missing',
  severity: 'error',
  description: 'an item specific the feed definition requires (required_specifics, category_specifics) has no value',
  check(draft, { options }, report: Report) {
    const row = head(draft);
    if (!row) return;
    const names = variationNames(draft);
    const wanted = [...(options.required_specifics ?? []), ...((row.Category && options.category_specifics?.[row.Category]) || [])];
    for (const name of new Set(wanted))
      if (!row[`C:${name}`] && !names.includes(name)) report(`C:${name}`, `the feed requires the item specific ${name}`);
  },
};

const itemSpecificTooLong: EbayCheck = {
  id: 'item-specific-too-long',
  severity: 'error',
  description: `an item specific value has more than ${LIMITS.specificValue} characters (${LIMITS.specificValueLong} for Brand and MPN)`,
  check(draft, _ctx, report: Report) {
    for (const [k, value] of Object.entries(head(draft) ?? {})) {
      if (!k.startsWith('C:')) continue;
      const limit = LONG_SPECIFICS.has(k.slice(2)) ? LIMITS.specificValueLong : LIMITS.specificValue;
      if (charCount(value) > limit) report(k, `${charCount(value)} characters (at most ${limit})`);
    }
  },
};

/** eBay's variation limits on a listing row of a variant group */
const variationLimit = (id: string, description: string, over: (draft: Draft<EbayItem>, report: Report) => void): EbayCheck => ({
  id,
  severity: 'error',
  description,
  check: (draft, _ctx, report) => draft.assembled && over(draft, report),
});

const variationLimits = [
  variationLimit('variation-too-many-names', `a listing varies in at most ${LIMITS.variationNames} names`, (draft, report) => {
    const names = variationNames(draft);
    if (names.length > LIMITS.variationNames) report('RelationshipDetails', `${names.length} variation names`);
  }),
  variationLimit('variation-too-many-values', `a variation name has at most ${LIMITS.valuesPerName} values`, (draft, report) => {
    variationNames(draft).forEach((name, i) => {
      const values = new Set((draft.variants ?? []).map((v) => variationValues(v, draft.group)[i].value));
      if (values.size > LIMITS.valuesPerName) report(`C:${name}`, `${values.size} values of ${name}`);
    });
  }),
  variationLimit('variation-too-many', `a listing has at most ${LIMITS.variations} variations`, (draft, report) => {
    const n = draft.variants?.length ?? 0;
    if (n > LIMITS.variations) report('Relationship', `${n} variations`);
  }),
];

const quantityZero: EbayCheck = {
  id: 'quantity-zero',
  severity: 'error',
  description: 'a listing with no stock is refused unless the account has out-of-stock control (options.out_of_stock_control)',
  when: (ctx) => !ctx.options.out_of_stock_control,
  check(draft, _ctx, report: Report) {
    if (!head(draft)) return;
    const sold = draft.variants ?? draft.offers;
    if (sold.reduce((n, v) => n + v.stock.quantity, 0) === 0)
      report('Quantity', draft.assembled ? 'no variation has stock' : 'no stock to offer');
  },
};

const templateNoVariations: EbayCheck = {
  id: 'template-no-variations',
  severity: 'error',
  description: 'the template has no Relationship and RelationshipDetails columns, so a variation listing cannot be written',
  check(draft, { columns }, report: Report) {
    if (draft.assembled && (!columns.has('Relationship') || !columns.has('RelationshipDetails')))
      report('RelationshipDetails', 'the template has no variation columns');
  },
};

/** columns a required source field fills: its own rule reports it empty */
const COLUMN_SOURCES: Readonly<Record<string, string>> = {
  Title: 'title',
  Description: 'description',
  PicURL: 'image_url',
  StartPrice: 'price',
};

const requiredColumnEmpty: EbayCheck = {
  id: 'required-column-empty',
  severity: 'error',
  description: 'a column the template marks required (*) has no value: map it with fields:',
  check(draft, { layout }, report: Report, found) {
    const rows = draft.item.rows;
    if (!head(draft)) return;
    const names = variationNames(draft);
    for (const required of layout.required) {
      if (required === 'Action') continue;
      if (required.startsWith('C:') && names.includes(required.slice(2))) continue;
      // already reported by its own rule
      if (found.some((i) => (i.field === required || i.field === COLUMN_SOURCES[required]) && i.severity === 'error')) continue;
      const onVariations =
        rows.length > 1 && (VARIATION_KEYS.has(required) || required === 'Relationship' || required === 'RelationshipDetails');
      for (const row of onVariations ? rows.slice(1) : rows.slice(0, 1))
        if (!row[required])
          report(required, `the template requires ${required}`, row.CustomLabel === draft.sku ? undefined : row.CustomLabel);
    }
  },
};

/** the text cells of an item the file holds, with the SKU of their row */
function* textCells(draft: Draft<EbayItem>, { columns }: EbayContext): Iterable<[string, string, string?]> {
  if (!head(draft)) return;
  for (const row of draft.item.rows)
    for (const [k, value] of Object.entries(row))
      if (columns.has(k) && isTextKey(k) && value) yield [k, value, row.CustomLabel === draft.sku ? undefined : row.CustomLabel];
}

/** a variation's values as its row carries them */
const axes: AxesOf<EbayItem, EbayContext> = (draft, v) =>
  variationValues(v, draft.group).map(({ name, value }) => ({ name, field: `C:${name}`, value: value || undefined }));

export const rules: readonly Rule<EbayItem, EbayContext>[] = [
  conditionUnknown,
  skuTooLong,
  currencyMismatch('StartPrice', "the product's currency differs from the site's currency"),
  priceMissing({ positive: true, amount: listedPrice, description: 'a listing or variation needs a price above zero' }),
  ...saleRules(),
  ...gtinRules('gtin'),
  gtinNotSent,
  variationValueInvalid,
  variationValueTooLong,
  categoryUnmapped({ field: 'Category' }),
  categoryInvalid({ field: 'Category', expected: 'a numeric eBay category id', valid: (id) => /^\d+$/.test(id) }),
  conditionNotAllowed,
  requiredField<EbayItem>('title', { attribute: 'Title', present: (item) => !!item.rows[0]?.Title }),
  onListing(
    truncated<EbayItem, EbayContext>('title-truncated', column('Title'), LIMITS.title, {
      trailing: /[\s,;:–—-]+$/u,
      when: (ctx) => ctx.options.long_titles === 'truncate',
      description: `the title had more than ${LIMITS.title} characters and was cut at a word boundary (long_titles: truncate)`,
    }),
  ),
  onListing(
    tooLong('title-too-long', column('Title'), LIMITS.title, `the title has more than ${LIMITS.title} characters (long_titles: reject)`),
  ),
  requiredField<EbayItem>('description', { attribute: 'Description', present: (item) => !!item.rows[0]?.Description }),
  activeContentRemoved,
  onListing(
    tooLong(
      'description-too-long',
      column('Description'),
      LIMITS.description,
      `the description has more than ${LIMITS.description} characters including markup`,
    ),
  ),
  requiredField<EbayItem>('image_url', { attribute: 'PicURL', present: (item) => pictures.get(item).length > 0 }),
  onListing(imagesDropped(pictures, LIMITS.pictures, 'pictures')),
  onListing(imageUrlsEncoded([pictures])),
  onListing(imageUrlInvalid(pictures, { https: true })),
  picturesMixedHosting,
  itemSpecificMissing,
  itemSpecificTooLong,
  ...variationLimits,
  quantityZero,
  templateNoVariations,
  requiredColumnEmpty,
  formulaEscaped(textCells),
  variantMissingAttribute(axes),
  variantNotDistinct(axes, 'RelationshipDetails'),
  variantsNoneValid('Relationship'),
];
