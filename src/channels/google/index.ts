import { readFileSync } from 'node:fs';
import path from 'node:path';
import { compileSchema } from '../../ajv.js';
import { OmnifeedError } from '../../errors.js';
import { gtinRules, readGtin } from '../../gtin.js';
import type { Issue, ListingGroup, Prepared } from '../../model.js';
import { missingAttributes, variantKey } from '../product.js';
import { charCount, FORMULA_START, formatPrice, htmlToText, looksLikeHtml, withoutXmlInvalid } from '../text.js';
import type { ChannelAdapter, ChannelItem, RuleInfo } from '../types.js';
import { ATTRIBUTES, itemSchema, type AttributeSpec } from './attributes.js';
import { optionsSchema, type GoogleOptions } from './options.js';
import { writeRss } from './rss.js';
import { writeTsv } from './tsv.js';

export interface GoogleShipping {
  country: string;
  service?: string;
  price: string;
}

/** One Merchant Center item: attribute name -> value, in feed order. */
export type GoogleItem = Record<string, string | string[] | GoogleShipping[]>;

const APPAREL = 'Apparel & Accessories';
const APPAREL_ID = '166';
const SIZED = ['Apparel & Accessories > Clothing', 'Apparel & Accessories > Shoes'];
const under = (path: string | undefined, root: string) => path === root || path?.startsWith(`${root} > `);
const MAX_ADDITIONAL_IMAGES = ATTRIBUTES.additional_image_link.maxItems;

const schemaRules: Record<string, RuleInfo> = {};
for (const [name, spec] of Object.entries(ATTRIBUTES) as [string, AttributeSpec][]) {
  if (spec.required) schemaRules[`${name}-missing`] = { severity: 'error', description: `${name} is required` };
  if (spec.maxLength)
    schemaRules[`${name}-too-long`] = { severity: 'error', description: `${name} has at most ${spec.maxLength} characters` };
  if (spec.enum) schemaRules[`${name}-invalid`] = { severity: 'error', description: `${name} is one of ${spec.enum.join(', ')}` };
  else if (spec.pattern) schemaRules[`${name}-invalid`] = { severity: 'error', description: `${name} matches ${spec.pattern}` };
  if (spec.maxItems) schemaRules[`${name}-too-many`] = { severity: 'error', description: `at most ${spec.maxItems} values of ${name}` };
}

export const googleRules = {
  ...schemaRules,
  ...gtinRules,
  'currency-mismatch': { severity: 'error', description: "the product's currency differs from the feed market's currency" },
  'apparel-missing-attribute': {
    severity: 'error',
    description: 'apparel needs color, gender and age_group, and clothing and shoes a size',
  },
  'variant-missing-attribute': { severity: 'error', description: 'every variant carries each attribute its group varies in' },
  'variant-not-distinct': { severity: 'error', description: 'two variants of a group have the same variant attributes' },
  'category-unknown': { severity: 'error', description: "the mapped google_product_category is not in the feed's taxonomy file" },
  'category-unmapped': { severity: 'warning', description: "no line of the category map matches the product's category" },
  'description-html-removed': { severity: 'warning', description: 'HTML in the description was turned into plain text' },
  'formula-escaped': {
    severity: 'warning',
    description: 'TSV: a value starting with = + - @ got a leading space so that spreadsheets do not run it as a formula',
  },
  'text-invalid-characters': {
    severity: 'warning',
    description: 'control characters or lone surrogates that XML cannot carry were removed',
  },
  'additional-images-dropped': {
    severity: 'warning',
    description: `more than ${MAX_ADDITIONAL_IMAGES} additional images: the first ${MAX_ADDITIONAL_IMAGES} are sent`,
  },
  'sale-end-missing': {
    severity: 'warning',
    description: 'an upcoming sale without an end date cannot be scheduled: its sale price is left out',
  },
} as const satisfies Record<string, RuleInfo>;

type GoogleRule = keyof typeof googleRules;

const ITEM_SCHEMA = itemSchema();

const CONDITIONS: Record<string, string> = {
  new: 'new',
  used: 'used',
  refurbished: 'refurbished',
  'like new': 'used',
  'pre-owned': 'used',
  renewed: 'refurbished',
};
const GENDERS: Record<string, string> = {
  men: 'male',
  man: 'male',
  mens: 'male',
  male: 'male',
  women: 'female',
  woman: 'female',
  womens: 'female',
  female: 'female',
  unisex: 'unisex',
};

/** ISO 8601 instant for an interval end: a bare date starts at 00:00, or ends at 23:59 */
const instant = (date: string, end: boolean) => (date.length === 10 ? `${date}T${end ? '23:59' : '00:00'}Z` : date);

function loadTaxonomy(file: string, shown: string): Map<string, string> {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (!code) throw error;
    throw new OmnifeedError(
      'CONFIG_NOT_FOUND',
      `${shown}: /options/taxonomy: ${file} ${code === 'ENOENT' ? 'not found' : `cannot be read (${code})`}`,
    );
  }
  const byId = new Map<string, string>();
  for (const line of text.split('\n')) {
    const match = /^(\d+) - (.+)$/.exec(line.trim());
    if (match) byId.set(match[1], match[2]);
  }
  return byId;
}

export const google = {
  name: 'google',
  title: 'Google Shopping (Merchant Center)',
  formats: ['rss', 'tsv'],
  variants: 'one item per variant, sharing item_group_id; no parent item',
  rules: googleRules,
  optionsSchema,

  prepare(feed, ctx) {
    const options = (feed.options ?? {}) as GoogleOptions;
    // lengths in code units for speed; a maxLength error is confirmed by counting characters below
    const validate = compileSchema(ITEM_SCHEMA, { lengths: 'codeUnits' });
    const taxonomy = options.taxonomy ? loadTaxonomy(path.resolve(ctx.root, options.taxonomy), feed.file) : undefined;
    const taxonomyPaths = taxonomy ? new Set(taxonomy.values()) : undefined;
    const currency = feed.market.currency;
    const shipping: GoogleShipping[] | undefined = options.shipping?.map((s) => ({
      country: s.country,
      service: s.service,
      price: formatPrice(s.price, currency),
    }));

    /** the taxonomy path of a mapped category (ids resolve through the taxonomy file when there is one) */
    const categoryPath = (id: string) => (/^\d+$/.test(id) ? taxonomy?.get(id) : id);

    function toItem(v: Prepared, group: ListingGroup, issue: (rule: GoogleRule, field: string, message: string) => void): GoogleItem {
      const p = v.product;
      const item: GoogleItem = { id: p.sku };
      if (group.parent) item.item_group_id = group.parent.product.sku;
      if (p.title) item.title = p.title;
      if (p.description) {
        if (looksLikeHtml(p.description)) {
          item.description = htmlToText(p.description);
          issue('description-html-removed', 'description', 'HTML tags were removed from the description');
        } else item.description = p.description;
      }
      if (p.url) item.link = p.url;
      if (p.image_url) item.image_link = p.image_url;
      if (p.additional_image_urls) {
        item.additional_image_link = p.additional_image_urls.slice(0, MAX_ADDITIONAL_IMAGES);
        if (p.additional_image_urls.length > MAX_ADDITIONAL_IMAGES)
          issue(
            'additional-images-dropped',
            'additional_image_link',
            `${p.additional_image_urls.length} additional images; the first ${MAX_ADDITIONAL_IMAGES} are sent`,
          );
      }
      item.availability = v.stock.in_stock ? 'in_stock' : 'out_of_stock';
      if (p.currency && p.currency !== currency)
        issue('currency-mismatch', 'price', `the product is priced in ${p.currency}, the feed in ${currency}`);
      if (v.price.price !== undefined) item.price = formatPrice(v.price.price, currency);
      if (v.price.sale_price !== undefined) {
        if (!v.price.sale_active && !p.sale_end)
          issue('sale-end-missing', 'sale_price_effective_date', `the sale starts ${p.sale_start} and has no end date`);
        else {
          item.sale_price = formatPrice(v.price.sale_price, currency);
          if (p.sale_end) {
            const start = p.sale_start ? instant(p.sale_start, false) : `${ctx.now.toISOString().slice(0, 16)}Z`;
            item.sale_price_effective_date = `${start}/${instant(p.sale_end, true)}`;
          }
        }
      }
      if (v.category) {
        item.google_product_category = v.category.id;
        if (taxonomy && !(taxonomy.has(v.category.id) || taxonomyPaths!.has(v.category.id))) {
          issue(
            'category-unknown',
            'google_product_category',
            `'${v.category.id}' (mapped from '${v.category.matched}') is not in the taxonomy`,
          );
        }
      } else if (p.category) issue('category-unmapped', 'google_product_category', `no category map line matches '${p.category}'`);
      if (p.category) item.product_type = p.category;
      if (p.brand) item.brand = p.brand;
      if (p.gtin) {
        const { gtin, problem } = readGtin(p.gtin, { restricted: true });
        if (problem) issue(problem, 'gtin', `'${p.gtin}': ${googleRules[problem].description}`);
        if (gtin) item.gtin = gtin;
      }
      if (p.mpn) item.mpn = p.mpn;
      if (!p.gtin && !p.mpn) item.identifier_exists = 'no';
      item.condition = p.condition ? (CONDITIONS[p.condition.toLowerCase()] ?? p.condition) : 'new';
      if (p.color) item.color = p.color;
      if (p.size) item.size = p.size;
      if (p.gender) item.gender = GENDERS[p.gender.toLowerCase()] ?? p.gender;
      if (p.age_group) item.age_group = p.age_group.toLowerCase();
      if (p.material) item.material = p.material;
      if (p.pattern) item.pattern = p.pattern;
      if (p.weight !== undefined && p.weight_unit) item.shipping_weight = `${p.weight} ${p.weight_unit}`;
      if (shipping) item.shipping = shipping;
      for (const [name, value] of Object.entries(v.fields)) {
        if (value === '') delete item[name];
        else item[name] = name === 'additional_image_link' ? value.split(',').map((s) => s.trim()) : value;
      }
      return item;
    }

    function check(
      item: GoogleItem,
      v: Prepared,
      group: ListingGroup,
      issue: (rule: GoogleRule, field: string, message: string) => void,
    ): void {
      if (!validate(item)) {
        for (const error of validate.errors!) {
          const field =
            error.keyword === 'required' ? (error.params as { missingProperty: string }).missingProperty : error.instancePath.split('/')[1];
          if (error.keyword === 'maxLength') {
            const value = error.instancePath
              .split('/')
              .slice(1)
              .reduce<any>((node, key) => node?.[key], item);
            if (charCount(String(value)) <= (error.params as { limit: number }).limit) continue;
          }
          const kind =
            error.keyword === 'required'
              ? 'missing'
              : error.keyword === 'maxLength'
                ? 'too-long'
                : error.keyword === 'maxItems'
                  ? 'too-many'
                  : 'invalid';
          issue(`${field}-${kind}` as GoogleRule, field, `${field} ${error.message}`);
        }
      }
      const categoryText = item.google_product_category ? categoryPath(item.google_product_category as string) : undefined;
      const apparel = item.google_product_category === APPAREL_ID || under(categoryText, APPAREL);
      if (apparel) {
        const needed = ['color', 'gender', 'age_group'];
        if (SIZED.some((root) => under(categoryText, root))) needed.push('size');
        const missing = needed.filter((name) => !item[name]);
        if (missing.length > 0) issue('apparel-missing-attribute', missing[0], `apparel needs ${missing.join(', ')}`);
      }
      if (group.parent) {
        const missing = missingAttributes(v.product, group.varies);
        if (missing.length > 0)
          issue(
            'variant-missing-attribute',
            missing[0],
            `the group varies in ${group.varies.join(', ')}; this variant has no ${missing.join(', ')}`,
          );
      }
      for (const [name, value] of Object.entries(item)) {
        if (typeof value === 'string') {
          const clean = withoutXmlInvalid(value);
          if (clean !== undefined) {
            item[name] = clean;
            issue('text-invalid-characters', name, `characters XML cannot carry were removed from ${name}`);
          }
        } else if (Array.isArray(value) && typeof value[0] === 'string') {
          item[name] = (value as string[]).map((s) => withoutXmlInvalid(s) ?? s);
        }
      }
    }

    return {
      items(group: ListingGroup): ChannelItem<GoogleItem>[] {
        const seen = new Set<string>();
        return group.variants.map((v) => {
          const issues: Issue[] = [];
          const issue = (rule: GoogleRule, field: string, message: string) =>
            issues.push({ severity: googleRules[rule]?.severity ?? 'error', rule, field, message, sku: v.product.sku, feed: feed.name });
          const item = toItem(v, group, issue);
          check(item, v, group, issue);
          if (feed.output.format === 'tsv')
            for (const [name, value] of Object.entries(item))
              if (typeof value === 'string' && FORMULA_START.test(value))
                issue('formula-escaped', name, `${name} starts with '${value[0]}': written with a leading space`);
          if (group.parent && group.varies.length > 0) {
            const key = variantKey(v.product, group.varies);
            if (seen.has(key))
              issue(
                'variant-not-distinct',
                group.varies[0],
                `another variant of ${group.parent.product.sku} has the same ${group.varies.join(', ')}`,
              );
            seen.add(key);
          }
          return { sku: v.product.sku, item, issues };
        });
      },
      open(files) {
        const sink = files.create(feed.output.path);
        return feed.output.format === 'tsv' ? writeTsv(sink, Object.keys(feed.fields ?? {})) : writeRss(sink, options, feed.name);
      },
    };
  },
} satisfies ChannelAdapter<GoogleItem>;
