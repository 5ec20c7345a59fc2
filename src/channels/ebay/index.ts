import path from 'node:path';
import { OmnifeedError } from '../../errors.js';
import { gtinRules, readGtin } from '../../gtin.js';
import type { Issue, ListingGroup, Prepared, VariantAttribute } from '../../model.js';
import { imageUrls } from '../product.js';
import { charCount, cutAtWord, escapeXml, looksLikeHtml } from '../text.js';
import type { ChannelAdapter, ChannelItem, RuleInfo } from '../types.js';
import { columnKey, defaultLayout, readTemplate, type Layout } from './columns.js';
import { FORMULA_START, relationshipDetails, writeEbayCsv, type EbayItem, type Row } from './csv.js';
import {
  CATEGORY_CONDITIONS,
  CONDITION_IDS,
  CONDITION_WORDS,
  EPS_HOST,
  LIMITS,
  LONG_SPECIFICS,
  RELATIONSHIP_SEPARATORS,
  VARIATION_NAMES,
} from './limits.js';
import { optionsSchema, type EbayOptions } from './options.js';
import { SITES, siteFor } from './sites.js';

export type { EbayOptions } from './options.js';

export { endItem, reviseItem, writeEbayCsv, type EbayItem, type Row, type VariationChange } from './csv.js';
export { revisionLayout, type Layout } from './columns.js';

export const ebayRules = {
  'title-missing': { severity: 'error', description: 'a listing needs a title' },
  'title-too-long': { severity: 'error', description: `the title has more than ${LIMITS.title} characters (long_titles: reject)` },
  'title-truncated': {
    severity: 'warning',
    description: `the title had more than ${LIMITS.title} characters and was cut at a word boundary (long_titles: truncate)`,
  },
  'category-missing': { severity: 'error', description: "no line of the category map matches the product's category" },
  'category-invalid': { severity: 'error', description: 'the mapped eBay category is not a numeric category id' },
  'condition-unknown': { severity: 'error', description: 'the product condition is not an eBay condition word or ConditionID' },
  'condition-not-allowed': {
    severity: 'error',
    description: "the condition is not one the category allows (the map's conditions column, or eBay's documented category rules)",
  },
  'description-missing': { severity: 'error', description: 'a listing needs a description' },
  'description-too-long': {
    severity: 'error',
    description: `the description has more than ${LIMITS.description} characters including markup`,
  },
  'description-active-content-removed': {
    severity: 'warning',
    description:
      'scripts, frames, embedded objects or event handlers were removed from the description: eBay does not allow active content',
  },
  'picture-missing': { severity: 'error', description: 'a listing needs at least one picture' },
  'picture-not-https': { severity: 'error', description: 'picture URLs must be HTTPS' },
  'pictures-too-many': { severity: 'warning', description: `more than ${LIMITS.pictures} pictures: the first ${LIMITS.pictures} are sent` },
  'pictures-mixed-hosting': { severity: 'error', description: 'pictures are all on eBay Picture Services or all self-hosted, not a mix' },
  'price-missing': { severity: 'error', description: 'a listing or variation needs a price above zero' },
  'currency-mismatch': { severity: 'error', description: "the product's currency differs from the site's currency" },
  'quantity-zero': {
    severity: 'error',
    description: 'a listing with no stock is refused unless the account has out-of-stock control (options.out_of_stock_control)',
  },
  'sku-too-long': { severity: 'error', description: `CustomLabel (the SKU) has at most ${LIMITS.sku} characters` },
  'gtin-invalid-length': gtinRules['gtin-invalid-length'],
  'gtin-check-digit': gtinRules['gtin-check-digit'],
  'gtin-not-sent': {
    severity: 'warning',
    description: 'a GTIN-14 with a packaging indicator has no eBay identifier column (UPC, EAN, ISBN): it is left out',
  },
  'item-specific-missing': {
    severity: 'error',
    description: 'an item specific the feed definition requires (required_specifics, category_specifics) has no value',
  },
  'item-specific-too-long': {
    severity: 'error',
    description: `an item specific value has more than ${LIMITS.specificValue} characters (${LIMITS.specificValueLong} for Brand and MPN)`,
  },
  'required-column-empty': { severity: 'error', description: 'a column the template marks required (*) has no value: map it with fields:' },
  'template-no-variations': {
    severity: 'error',
    description: 'the template has no Relationship and RelationshipDetails columns, so a variation listing cannot be written',
  },
  'variation-too-many-names': { severity: 'error', description: `a listing varies in at most ${LIMITS.variationNames} names` },
  'variation-too-many-values': { severity: 'error', description: `a variation name has at most ${LIMITS.valuesPerName} values` },
  'variation-too-many': { severity: 'error', description: `a listing has at most ${LIMITS.variations} variations` },
  'variation-missing-attribute': { severity: 'error', description: 'every variation carries a value for each name the listing varies in' },
  'variation-duplicate': { severity: 'error', description: 'two variations of a listing have the same values' },
  'variation-value-invalid': {
    severity: 'error',
    description: 'a variation value cannot hold = ; or | (they separate RelationshipDetails)',
  },
  'variation-value-too-long': { severity: 'error', description: `a variation value has at most ${LIMITS.specificValue} characters` },
  'variations-none-valid': { severity: 'error', description: 'every variation of the listing has errors: there is nothing to list' },
  'formula-escaped': {
    severity: 'warning',
    description: 'a value starting with = + - @ got a leading space so that spreadsheets do not run it as a formula',
  },
} as const satisfies Record<string, RuleInfo>;

type EbayRule = keyof typeof ebayRules;
type Report = (rule: EbayRule, field: string, message: string, sku?: string) => void;

/** Columns a variation row carries; everything else belongs to the listing row. */
const VARIATION_KEYS = new Set(['CustomLabel', 'StartPrice', 'Quantity', 'P:UPC', 'P:EAN', 'P:ISBN', 'P:EPID']);
/** Plain-text columns where a neutralized formula prefix changes what buyers see. */
const isTextKey = (key: string) => key === 'Title' || key === 'Subtitle' || key === 'CustomLabel' || key.startsWith('C:');

const ACTIVE_CONTENT = [
  /<(script|iframe|object|embed|form)\b[^>]*>[\s\S]*?<\/\1\s*>/gi,
  /<(script|iframe|object|embed|form)\b[^>]*\/?>/gi,
  /\s+on[a-z]+\s*=\s*("[^"]*"|'[^']*'|[^\s>]+)/gi,
];

/** eBay renders the description as HTML: plain text is escaped and its line breaks kept as <br>. */
function descriptionHtml(text: string): { html: string; removed: boolean } {
  // split before escaping: escapeXml turns a carriage return into &#13;
  if (!looksLikeHtml(text)) return { html: text.split(/\r?\n/).map(escapeXml).join('<br>\n'), removed: false };
  let html = text;
  for (const pattern of ACTIVE_CONTENT) html = html.replace(pattern, '');
  return { html, removed: html !== text };
}

/** Cut a title to the limit at the last word boundary (at a character boundary when there is none). */
export const truncateTitle = (title: string, limit: number = LIMITS.title) => cutAtWord(title, limit, /[\s,;:–—-]+$/u);

/** The eBay identifier column of a GTIN: UPC for 12 digits (or 13 with a leading 0), ISBN for 978/979, EAN otherwise. */
function identifier(gtin: string): [string, string] | undefined {
  let digits = gtin;
  if (digits.length === 14) {
    if (digits[0] !== '0') return undefined;
    digits = digits.slice(1);
  }
  if (digits.length === 13 && digits[0] === '0') digits = digits.slice(1);
  if (digits.length === 12) return ['P:UPC', digits];
  if (digits.length === 13 && /^97[89]/.test(digits)) return ['P:ISBN', digits];
  return ['P:EAN', digits];
}

export const ebay = {
  name: 'ebay',
  title: 'eBay (Seller Hub Reports / File Exchange CSV)',
  formats: ['csv'],
  variants: 'one listing row with RelationshipDetails (Color=Red;Blue|Size=S;M), then one Relationship=Variation row per combination',
  rules: ebayRules,
  optionsSchema,

  prepare(feed, ctx) {
    const options = (feed.options ?? {}) as EbayOptions;
    const { country, currency } = feed.market;
    const site = siteFor(options.site, country);
    if (!site)
      throw new OmnifeedError(
        'CONFIG_INVALID',
        `${feed.file}: /market/country: eBay has no site for ${country} here (set options.site: ${Object.keys(SITES).join(', ')})`,
      );
    if (SITES[site].currency !== currency) {
      throw new OmnifeedError(
        'CONFIG_INVALID',
        `${feed.file}: /market/currency: eBay ${site} lists in ${SITES[site].currency}, not ${currency}`,
      );
    }
    const fieldKeys = Object.keys(feed.fields ?? {}).map(columnKey);
    let layout: Layout;
    if (options.template) {
      layout = readTemplate(path.resolve(ctx.root, options.template), options.template, site, currency);
      const absent = fieldKeys.filter((k) => !layout.keys.includes(k));
      if (absent.length > 0)
        throw new OmnifeedError(
          'CONFIG_INVALID',
          `${feed.file}: /fields: the template ${options.template} has no column ${absent.join(', ')}`,
        );
    } else {
      layout = defaultLayout(site, country, currency, fieldKeys);
    }
    const columns = new Set(layout.keys);
    const longTitles = options.long_titles ?? 'reject';

    /** item specifics of one product: the canonical fields, then `C:` fields from the feed's templates */
    function specifics(v: Prepared): Row {
      const p = v.product;
      const row: Row = {};
      if (p.brand) row['C:Brand'] = p.brand;
      if (p.color) row['C:Color'] = p.color;
      if (p.size) row['C:Size'] = p.size;
      if (p.material) row['C:Material'] = p.material;
      if (p.pattern) row['C:Pattern'] = p.pattern;
      if (p.mpn) row['C:MPN'] = p.mpn;
      for (const [name, value] of Object.entries(v.fields)) {
        const k = columnKey(name);
        if (k.startsWith('C:')) row[k] = value;
      }
      return row;
    }

    /** the columns of one sellable product: price, stock, identifiers */
    function offer(v: Prepared, report: Report): Row {
      const p = v.product;
      const row: Row = { CustomLabel: p.sku };
      if (charCount(p.sku) > LIMITS.sku) report('sku-too-long', 'CustomLabel', `${charCount(p.sku)} characters`);
      if (p.currency && p.currency !== currency)
        report('currency-mismatch', 'StartPrice', `the product is priced in ${p.currency}, the site in ${currency}`);
      const price = v.price.sale_active && v.price.sale_price !== undefined ? v.price.sale_price : v.price.price;
      if (price === undefined || !(price > 0)) report('price-missing', 'StartPrice', 'no price after the pricing policy');
      else row.StartPrice = price.toFixed(2);
      row.Quantity = String(v.stock.quantity);
      if (p.gtin) {
        const { gtin, problem } = readGtin(p.gtin);
        if (problem) report(problem as EbayRule, 'gtin', `'${p.gtin}': ${ebayRules[problem as EbayRule].description}`);
        else if (gtin) {
          const id = identifier(gtin);
          if (id) row[id[0]] = id[1];
          else report('gtin-not-sent', 'gtin', `'${p.gtin}' is a GTIN-14`);
        }
      }
      for (const [name, value] of Object.entries(v.fields)) {
        const k = columnKey(name);
        if (VARIATION_KEYS.has(k)) {
          if (value === '') delete row[k];
          else row[k] = value;
        }
      }
      return row;
    }

    /** the listing columns: category, title, condition, description, pictures, policies */
    function listing(v: Prepared, images: string[], report: Report): Row {
      const p = v.product;
      const row: Row = { Action: options.action ?? 'Add', Format: 'FixedPrice', Duration: 'GTC' };
      if (v.category) row.Category = v.category.id;
      if (p.title) row.Title = p.title;
      const condition = p.condition ? p.condition.trim().toLowerCase() : 'new';
      const conditionId = CONDITION_WORDS[condition] ?? (condition in CONDITION_IDS ? condition : undefined);
      if (conditionId) row.ConditionID = conditionId;
      else report('condition-unknown', 'ConditionID', `'${p.condition}' is not an eBay condition`);
      if (p.description) row.Description = p.description;
      if (images.length > 0) row.PicURL = images.join('|');
      if (options.location) row.Location = options.location;
      if (options.postal_code) row.PostalCode = options.postal_code;
      if (options.policies?.shipping) row.ShippingProfileName = options.policies.shipping;
      if (options.policies?.return) row.ReturnProfileName = options.policies.return;
      if (options.policies?.payment) row.PaymentProfileName = options.policies.payment;
      if (options.dispatch_days !== undefined) row.DispatchTimeMax = String(options.dispatch_days);
      for (const [name, value] of Object.entries(v.fields)) {
        const k = columnKey(name);
        if (k.startsWith('C:') || VARIATION_KEYS.has(k)) continue;
        if (value === '') delete row[k];
        else row[k] = value;
      }
      return row;
    }

    /** checks and clean-up of a listing row, after the feed's fields were applied */
    function checkListing(row: Row, v: Prepared, report: Report): void {
      if (!row.Category)
        report(
          'category-missing',
          'Category',
          v.product.category ? `no category map line matches '${v.product.category}'` : 'the product has no category',
        );
      else if (!/^\d+$/.test(row.Category)) report('category-invalid', 'Category', `'${row.Category}' is not an eBay category id`);
      if (row.Category && row.ConditionID) {
        // the map line's optional `conditions` column (`1000|3000`), else eBay's documented category rules
        const mapped = v.category?.columns?.conditions;
        const allowed = mapped
          ? new Set(mapped.split(/[|;\s]+/).filter(Boolean))
          : CATEGORY_CONDITIONS[row.Category]
            ? new Set(CATEGORY_CONDITIONS[row.Category])
            : undefined;
        if (allowed && !allowed.has(row.ConditionID))
          report(
            'condition-not-allowed',
            'ConditionID',
            `category ${row.Category} takes ConditionID ${[...allowed].join(', ')}, not ${row.ConditionID}`,
          );
      }
      if (!row.Title) report('title-missing', 'Title', 'no title');
      else if (charCount(row.Title) > LIMITS.title) {
        if (longTitles === 'truncate') {
          const cut = truncateTitle(row.Title);
          report('title-truncated', 'Title', `${charCount(row.Title)} characters cut to ${charCount(cut)}: '${cut}'`);
          row.Title = cut;
        } else report('title-too-long', 'Title', `${charCount(row.Title)} characters`);
      }
      if (!row.Description) report('description-missing', 'Description', 'no description');
      else {
        const { html, removed } = descriptionHtml(row.Description);
        if (removed) report('description-active-content-removed', 'Description', 'active content was removed');
        row.Description = html;
        if (html.length > LIMITS.description) report('description-too-long', 'Description', `${html.length} characters`);
      }
      let pictures = row.PicURL
        ? row.PicURL.split('|')
            .map((s) => s.trim())
            .filter(Boolean)
        : [];
      if (pictures.length === 0) report('picture-missing', 'PicURL', 'no picture');
      if (pictures.length > LIMITS.pictures) {
        report('pictures-too-many', 'PicURL', `${pictures.length} pictures; the first ${LIMITS.pictures} are sent`);
        pictures = pictures.slice(0, LIMITS.pictures);
      }
      for (const url of pictures) if (!/^https:\/\/[^\s|]+$/i.test(url)) report('picture-not-https', 'PicURL', `'${url}'`);
      const eps = pictures.filter((url) => EPS_HOST.test(url)).length;
      if (eps > 0 && eps < pictures.length)
        report('pictures-mixed-hosting', 'PicURL', `${eps} of ${pictures.length} pictures are on eBay Picture Services`);
      if (pictures.length > 0) row.PicURL = pictures.join('|');
    }

    function checkSpecifics(row: Row, names: string[], category: string | undefined, report: Report, sku?: string): void {
      const wanted = [...(options.required_specifics ?? []), ...((category && options.category_specifics?.[category]) || [])];
      for (const name of new Set(wanted)) {
        if (!row[`C:${name}`] && !names.includes(name))
          report('item-specific-missing', `C:${name}`, `the feed requires the item specific ${name}`, sku);
      }
      for (const [k, value] of Object.entries(row)) {
        if (!k.startsWith('C:')) continue;
        const limit = LONG_SPECIFICS.has(k.slice(2)) ? LIMITS.specificValueLong : LIMITS.specificValue;
        if (charCount(value) > limit) report('item-specific-too-long', k, `${charCount(value)} characters (at most ${limit})`, sku);
      }
    }

    /** what the file will hold: only the template's columns; required ones must have a value */
    function fit(rows: Row[], issues: Issue[], report: Report, variationNames: string[], skus: string[]): Row[] {
      const fitted = rows.map((row) =>
        Object.fromEntries(Object.entries(row).filter(([k, v]) => columns.has(k) && v !== undefined && v !== '')),
      );
      for (const required of layout.required) {
        if (required === 'Action') continue;
        if (required.startsWith('C:') && variationNames.includes(required.slice(2))) continue;
        if (issues.some((i) => i.field === required && i.severity === 'error')) continue; // already reported by its own rule
        const onVariations =
          rows.length > 1 && (VARIATION_KEYS.has(required) || required === 'Relationship' || required === 'RelationshipDetails');
        const targets = onVariations ? fitted.slice(1) : fitted.slice(0, 1);
        targets.forEach((row, i) => {
          if (!row[required])
            report('required-column-empty', required, `the template requires ${required}`, onVariations ? skus[i + 1] : skus[0]);
        });
      }
      for (const row of fitted) {
        for (const [k, value] of Object.entries(row)) {
          if (isTextKey(k) && FORMULA_START.test(value))
            report('formula-escaped', k, `${k} starts with '${value[0]}': written with a leading space`, row.CustomLabel);
        }
      }
      return fitted;
    }

    function issuesFor(defaultSku: string): { issues: Issue[]; report: Report } {
      const issues: Issue[] = [];
      const report: Report = (rule, field, message, sku) =>
        issues.push({ severity: ebayRules[rule]?.severity ?? 'error', rule, field, message, sku: sku ?? defaultSku, feed: feed.name });
      return { issues, report };
    }

    function standalone(v: Prepared): ChannelItem<EbayItem> {
      const sku = v.product.sku;
      const { issues, report } = issuesFor(sku);
      const images = imageUrls(v.product);
      const row = { ...listing(v, images, report), ...specifics(v), ...offer(v, report) };
      checkListing(row, v, report);
      checkSpecifics(row, [], row.Category, report);
      if (v.stock.quantity === 0 && !options.out_of_stock_control) report('quantity-zero', 'Quantity', 'no stock to offer');
      return { sku, item: { rows: fit([row], issues, report, [], [sku]) }, issues };
    }

    function variationListing(group: ListingGroup): ChannelItem<EbayItem>[] {
      const parent = group.parent!;
      const sku = parent.product.sku;
      const { issues, report } = issuesFor(sku);
      const varies = group.varies as VariantAttribute[];
      const names = varies.map((a) => VARIATION_NAMES[a]);
      const results: ChannelItem<EbayItem>[] = [];
      const good: { v: Prepared; row: Row; values: string[] }[] = [];
      const seen = new Set<string>();
      if (!columns.has('Relationship') || !columns.has('RelationshipDetails'))
        report('template-no-variations', 'RelationshipDetails', 'the template has no variation columns');
      for (const v of group.variants) {
        const own = issuesFor(v.product.sku);
        const row = offer(v, own.report);
        const values = varies.map((a) => (v.product[a] ?? '').trim());
        varies.forEach((a, i) => {
          const value = values[i];
          if (!value)
            own.report(
              'variation-missing-attribute',
              `C:${names[i]}`,
              `the listing varies in ${names.join(', ')}; this variation has no ${names[i]}`,
            );
          else if (RELATIONSHIP_SEPARATORS.test(value)) own.report('variation-value-invalid', `C:${names[i]}`, `'${value}' holds = ; or |`);
          else if (charCount(value) > LIMITS.specificValue)
            own.report('variation-value-too-long', `C:${names[i]}`, `'${value}' has ${charCount(value)} characters`);
        });
        const combination = values.join('\u0000');
        if (seen.has(combination))
          own.report('variation-duplicate', 'RelationshipDetails', `another variation of ${sku} is ${values.join(' / ')}`);
        if (own.issues.some((i) => i.severity === 'error')) {
          results.push({ sku: v.product.sku, item: { rows: [] }, issues: own.issues });
          continue;
        }
        seen.add(combination);
        issues.push(...own.issues);
        row.Relationship = 'Variation';
        row.RelationshipDetails = relationshipDetails(Object.fromEntries(names.map((n, i) => [n, values[i]])));
        good.push({ v, row, values });
      }
      if (good.length === 0) {
        report('variations-none-valid', 'Relationship', `none of the ${group.variants.length} variations can be listed`);
        return [{ sku, item: { rows: [] }, issues }, ...results];
      }
      // the pictures of the listing, then the variations' own pictures while there is room
      const images = imageUrls(parent.product);
      for (const { v } of good) {
        const image = v.product.image_url;
        if (image && !images.includes(image) && images.length < LIMITS.pictures) images.push(image);
      }
      const head: Row = { ...listing(parent, images, report), CustomLabel: sku };
      // item specifics all variations share go on the listing row; those that differ go on the variation rows
      const specs = good.map(({ v }) => specifics(v));
      const variationKeys = new Set(names.map((n) => `C:${n}`));
      for (const k of new Set(specs.flatMap((s) => Object.keys(s)))) {
        if (variationKeys.has(k)) continue;
        const values = new Set(specs.map((s) => s[k] ?? ''));
        if (values.size === 1) head[k] = specs[0][k] ?? '';
        else good.forEach(({ row }, i) => specs[i][k] && (row[k] = specs[i][k]));
      }
      const distinct = names.map((_, i) => [...new Set(good.map((g) => g.values[i]))]);
      head.RelationshipDetails = relationshipDetails(Object.fromEntries(names.map((n, i) => [n, distinct[i]])));
      checkListing(head, parent, report);
      checkSpecifics(head, names, head.Category, report);
      if (names.length > LIMITS.variationNames)
        report('variation-too-many-names', 'RelationshipDetails', `${names.length} variation names`);
      distinct.forEach((values, i) => {
        if (values.length > LIMITS.valuesPerName)
          report('variation-too-many-values', `C:${names[i]}`, `${values.length} values of ${names[i]}`);
      });
      if (good.length > LIMITS.variations) report('variation-too-many', 'Relationship', `${good.length} variations`);
      const total = good.reduce((n, g) => n + g.v.stock.quantity, 0);
      if (total === 0 && !options.out_of_stock_control) report('quantity-zero', 'Quantity', 'no variation has stock');
      const rows = fit([head, ...good.map((g) => g.row)], issues, report, names, [sku, ...good.map((g) => g.v.product.sku)]);
      return [{ sku, item: { rows }, issues }, ...results];
    }

    return {
      items(group: ListingGroup): ChannelItem<EbayItem>[] {
        if (group.parent && group.varies.length > 0) return variationListing(group);
        return group.variants.map(standalone);
      },
      open(files) {
        return writeEbayCsv(files.create(feed.output.path), layout);
      },
    };
  },
} satisfies ChannelAdapter<EbayItem>;
