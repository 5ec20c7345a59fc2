import { OmnifeedError } from '../../errors.js';
import { gtinRules, readGtin } from '../../gtin.js';
import type { Issue, ListingGroup, Prepared, VariantAttribute } from '../../model.js';
import { charCount, htmlToText, looksLikeHtml, utf8Length } from '../text.js';
import type { ChannelAdapter, ChannelItem, RuleInfo } from '../types.js';
import {
  CONDITION_TYPES,
  CONDITIONS,
  FEED_VERSION,
  LENGTH_WORDS,
  LIMITS,
  LOCALIZED,
  MARKETPLACES,
  NOT_REQUIRED_OF_PARENTS,
  NO_MARKETPLACE,
  OTHER_IMAGES,
  REPORT_API_VERSION,
  SKU_MAX_LENGTH,
  THEME_ATTRIBUTES,
  WEIGHT_WORDS,
  type AttributeLimit,
} from './data.js';
import { checkMessage, offerValue, type AmazonMessage, type Attributes, type FeedHeader } from './messages.js';
import { optionsSchema, type AmazonOptions } from './options.js';
import { checkAgainstDefinition, loadProductTypeSchemas, type ProductTypeSchema } from './ptd.js';
import { writeListingsFeed } from './writer.js';

/** the LIMITS patterns, compiled once */
const PATTERNS = new Map(
  Object.entries(LIMITS as Record<string, AttributeLimit>).flatMap(([name, spec]): [string, RegExp][] =>
    spec.pattern ? [[name, new RegExp(spec.pattern)]] : [],
  ),
);

const limitRules: Record<string, RuleInfo> = {};
for (const [name, spec] of Object.entries(LIMITS) as [string, AttributeLimit][]) {
  if (spec.required)
    limitRules[`${name}-missing`] = {
      severity: 'error',
      description: `${name} is required${spec.required === 'offer' ? ' on a message with an offer' : ''}`,
    };
  if (spec.maxLength)
    limitRules[`${name}-too-long`] = { severity: 'error', description: `${name} has at most ${spec.maxLength} characters` };
  if (spec.maxUtf8ByteLength)
    limitRules[`${name}-too-many-bytes`] = {
      severity: 'error',
      description: `${name} has at most ${spec.maxUtf8ByteLength} bytes in UTF-8`,
    };
  if (spec.maxItems) limitRules[`${name}-too-many`] = { severity: 'error', description: `at most ${spec.maxItems} values of ${name}` };
  if (spec.pattern) limitRules[`${name}-invalid`] = { severity: 'error', description: `${name} matches ${spec.pattern}` };
}

export const amazonRules = {
  ...limitRules,
  'sku-too-long': { severity: 'error', description: `a seller SKU has at most ${SKU_MAX_LENGTH} characters` },
  'message-invalid': {
    severity: 'error',
    description: 'the message breaks the listings feed message rules (required and forbidden keys per operation type)',
  },
  'product-type-unmapped': {
    severity: 'error',
    description: 'no line of the category map matches the product and the feed has no default_product_type',
  },
  'product-type-invalid': { severity: 'error', description: 'a product type is an upper-case Amazon name such as PRODUCT or SHIRT' },
  'product-type-schema-missing': {
    severity: 'warning',
    description:
      'no Product Type Definition for the product type: attribute-level validation was skipped (a warning on its first message; an error on every message with require_product_type_schemas)',
  },
  'ptd-required': {
    severity: 'error',
    description: 'the product type definition requires an attribute (or a property of one) the message lacks',
  },
  'ptd-unknown-attribute': { severity: 'error', description: 'the product type definition has no such attribute (or property)' },
  'ptd-too-long': { severity: 'error', description: 'a value is longer, in characters, than the product type definition allows' },
  'ptd-too-many-bytes': {
    severity: 'error',
    description: 'a value is longer, in UTF-8 bytes, than the product type definition allows (maxUtf8ByteLength)',
  },
  'ptd-value-count': {
    severity: 'error',
    description: 'too many or too few values of an attribute per selector combination (maxUniqueItems, minItems, …)',
  },
  'ptd-invalid': {
    severity: 'error',
    description: 'a value breaks the product type definition: type, enum, format, range or a conditional rule',
  },
  'attribute-not-in-product-type': {
    severity: 'warning',
    description: "a catalog value has no attribute in the product type's definition: it is left out",
  },
  'price-missing': { severity: 'error', description: 'an offer needs a price' },
  'currency-mismatch': { severity: 'error', description: "the product's currency differs from the feed market's currency" },
  'condition-unknown': { severity: 'error', description: `the condition maps onto none of ${CONDITION_TYPES.join(', ')}` },
  'identifier-missing': { severity: 'error', description: 'no GTIN and no GTIN exemption (options.gtin_exemption) for the product' },
  ...gtinRules,
  'variation-theme-unsupported': {
    severity: 'error',
    description:
      'the group varies in attributes no variation theme of the product type covers (gender, age group, or a theme the definition lacks)',
  },
  'variation-missing-attribute': { severity: 'error', description: "a child lacks a value of its variation theme's attributes" },
  'variation-not-distinct': { severity: 'error', description: 'two children of a parent have the same theme values' },
  'variation-parent-invalid': {
    severity: 'error',
    description: 'the parent message was left out by an error, so its children are too (never orphaned)',
  },
  'variation-no-children': { severity: 'error', description: 'every child of the parent was left out, so the parent is too' },
  'description-html-removed': { severity: 'warning', description: 'HTML in the description was turned into plain text' },
  'images-dropped': { severity: 'warning', description: `more than ${OTHER_IMAGES} additional images: the first ${OTHER_IMAGES} are sent` },
  'sale-end-missing': {
    severity: 'warning',
    description: 'Amazon schedules a sale price only with start and end dates: a sale without an end date is left out',
  },
} as const satisfies Record<string, RuleInfo>;

export type AmazonRule = keyof typeof amazonRules;

type Report = (rule: AmazonRule, field: string, message: string) => void;

const PRODUCT_TYPE = /^[A-Z][A-Z0-9_]*$/;
/** the attributes a variation theme can use, in the order their words appear in a theme name */
const THEMED = Object.keys(THEME_ATTRIBUTES) as VariantAttribute[];

/** Bullet text: `|` or line breaks separate the points. */
const splitBullets = (text: string) =>
  text
    .split(/\s*(?:\||\r?\n)\s*/)
    .map((s) => s.trim())
    .filter(Boolean);

export const amazon = {
  name: 'amazon',
  title: 'Amazon (SP-API JSON_LISTINGS_FEED)',
  formats: ['json'],
  variants: 'a parent SKU (parentage_level parent, variation_theme, no offer) before its child SKUs (child_parent_sku_relationship)',
  rules: amazonRules,
  optionsSchema,

  prepare(feed, ctx) {
    const options = (feed.options ?? {}) as AmazonOptions;
    const envName = options.seller_id_env ?? 'AMAZON_SELLER_ID';
    // the environment beats the file: a workspace copied from another shop must not send its seller id
    const sellerId = ctx.env[envName] || options.seller_id;
    if (!sellerId) {
      throw new OmnifeedError(
        'CONFIG_INVALID',
        `${feed.file}: /options/seller_id: no seller id: set options.seller_id, or the environment variable ${envName} (options.seller_id_env)`,
      );
    }
    const marketplaceId = options.marketplace_id ?? MARKETPLACES[feed.market.country];
    if (!marketplaceId) {
      throw new OmnifeedError(
        'CONFIG_INVALID',
        `${feed.file}: /options/marketplace_id: no known Amazon marketplace for country ${feed.market.country}: set options.marketplace_id`,
      );
    }
    const languageTag = options.language_tag ?? `${feed.market.language}_${feed.market.country === 'UK' ? 'GB' : feed.market.country}`;
    const currency = feed.market.currency;
    const schemas = loadProductTypeSchemas(options.product_type_schemas ?? {}, ctx.root, feed.file);
    const header: FeedHeader = { sellerId, version: FEED_VERSION, issueLocale: options.issue_locale ?? languageTag };
    if (options.report) header.report = { includedData: options.report, apiVersion: REPORT_API_VERSION };
    const fulfillment = options.fulfillment_channel ?? 'DEFAULT';
    const dimensions = options.dimensions ?? 'both';

    /** `[{value, language_tag?, marketplace_id}]` as the definition (or the LOCALIZED table) shapes it */
    function text(name: string, value: unknown, schema: ProductTypeSchema | undefined): Record<string, unknown> {
      const entry: Record<string, unknown> = { value };
      if (schema ? schema.localized(name) : LOCALIZED.has(name)) entry.language_tag = languageTag;
      if (!NO_MARKETPLACE.has(name)) entry.marketplace_id = marketplaceId;
      return entry;
    }

    /** a `fields:` value typed as the definition says (booleans and numbers), text otherwise */
    function typed(name: string, raw: string, schema: ProductTypeSchema | undefined): unknown {
      const type = schema?.valueType(name);
      if (type === 'boolean' || (!schema && /^(true|false)$/.test(raw))) return raw === 'true' ? true : raw === 'false' ? false : raw;
      if ((type === 'number' || type === 'integer') && /^-?\d+(\.\d+)?$/.test(raw)) return Number(raw);
      return raw;
    }

    function productType(group: ListingGroup, issue: Report): string | undefined {
      const head = group.parent ?? group.variants[0];
      const id = head.category?.id ?? options.default_product_type;
      if (!id) {
        issue('product-type-unmapped', 'productType', `no category map line matches '${head.product.category ?? ''}'`);
        return undefined;
      }
      if (!PRODUCT_TYPE.test(id)) {
        issue(
          'product-type-invalid',
          'productType',
          `'${id}' (mapped from '${head.category?.matched}') is not an Amazon product type name`,
        );
        return undefined;
      }
      return id;
    }

    /** The facts of a product, shared by parents and children. */
    function productFacts(v: Prepared, schema: ProductTypeSchema | undefined, issue: Report, attributes: Attributes): void {
      const p = v.product;
      const put = (name: string, value: unknown) => (attributes[name] = [text(name, value, schema)]);
      if (p.title) put('item_name', p.title);
      if (p.brand) put('brand', p.brand);
      // a category map line may name the item type keyword (Amazon's browse classification) for its categories
      const keyword = v.category?.columns?.item_type_keyword;
      if (keyword) put('item_type_keyword', keyword);
      const bullets = options.bullets_column ? p.attributes[options.bullets_column] : undefined;
      if (bullets) attributes.bullet_point = splitBullets(bullets).map((b) => text('bullet_point', b, schema));
      if (p.description) {
        let description = p.description;
        if (looksLikeHtml(description)) {
          description = htmlToText(description);
          issue('description-html-removed', 'product_description', 'HTML tags were removed from the description');
        }
        put('product_description', description);
      }
      if (p.image_url) attributes.main_product_image_locator = [{ media_location: p.image_url, marketplace_id: marketplaceId }];
      const others = p.additional_image_urls ?? [];
      others
        .slice(0, OTHER_IMAGES)
        .forEach(
          (url, i) => (attributes[`other_product_image_locator_${i + 1}`] = [{ media_location: url, marketplace_id: marketplaceId }]),
        );
      if (others.length > OTHER_IMAGES)
        issue('images-dropped', 'other_product_image_locator_1', `${others.length} additional images; the first ${OTHER_IMAGES} are sent`);
      for (const name of ['color', 'size', 'material', 'pattern'] as const) if (p[name]) put(THEME_ATTRIBUTES[name]!.attribute, p[name]);
      if (p.weight !== undefined && p.weight_unit) {
        const weight = { value: p.weight, unit: WEIGHT_WORDS[p.weight_unit], marketplace_id: marketplaceId };
        if (dimensions !== 'package') attributes.item_weight = [weight];
        if (dimensions !== 'item') attributes.item_package_weight = [{ ...weight }];
      }
      if (p.length !== undefined && p.width !== undefined && p.height !== undefined && p.dimension_unit) {
        const unit = LENGTH_WORDS[p.dimension_unit];
        const box = {
          length: { value: p.length, unit },
          width: { value: p.width, unit },
          height: { value: p.height, unit },
          marketplace_id: marketplaceId,
        };
        if (dimensions !== 'package') attributes.item_dimensions = [box];
        if (dimensions !== 'item') attributes.item_package_dimensions = [structuredClone(box)];
      }
    }

    /** Product identifier (GTIN, or the exemption) and the offer of a buyable SKU. */
    function offerFacts(v: Prepared, schema: ProductTypeSchema | undefined, issue: Report, attributes: Attributes): void {
      const p = v.product;
      if (p.gtin) {
        const { gtin, problem } = readGtin(p.gtin, { restricted: true });
        if (problem) issue(problem, 'externally_assigned_product_identifier', `'${p.gtin}': ${amazonRules[problem].description}`);
        else if (gtin)
          attributes.externally_assigned_product_identifier = [
            { type: identifierType(gtin, schema), value: gtin, marketplace_id: marketplaceId },
          ];
      } else if (options.gtin_exemption) {
        attributes.supplier_declared_has_product_identifier_exemption = [{ value: true, marketplace_id: marketplaceId }];
      } else {
        issue(
          'identifier-missing',
          'externally_assigned_product_identifier',
          'the product has no GTIN and the feed claims no GTIN exemption',
        );
      }
      const condition = p.condition ? (CONDITIONS[p.condition.toLowerCase()] ?? p.condition.toLowerCase()) : 'new_new';
      if ((CONDITION_TYPES as readonly string[]).includes(condition))
        attributes.condition_type = [{ value: condition, marketplace_id: marketplaceId }];
      else issue('condition-unknown', 'condition_type', `condition '${p.condition}' is none of Amazon's condition types`);
      if (p.currency && p.currency !== currency)
        issue('currency-mismatch', 'purchasable_offer', `the product is priced in ${p.currency}, the feed in ${currency}`);
      if (v.price.price === undefined) issue('price-missing', 'purchasable_offer', 'the product has no price');
      else {
        attributes.list_price = [{ value: v.price.price, currency, marketplace_id: marketplaceId }];
        let sale: { price: number; start: string; end: string } | undefined;
        if (v.price.sale_price !== undefined) {
          if (!p.sale_end)
            issue('sale-end-missing', 'purchasable_offer', `the sale${p.sale_start ? ` from ${p.sale_start}` : ''} has no end date`);
          else sale = { price: v.price.sale_price, start: p.sale_start ?? ctx.now.toISOString().slice(0, 10), end: p.sale_end };
        }
        attributes.purchasable_offer = [offerValue({ marketplaceId, currency, price: v.price.price, sale })];
      }
      const availability: Record<string, unknown> = { fulfillment_channel_code: fulfillment };
      if (fulfillment === 'DEFAULT') {
        availability.quantity = v.stock.quantity;
        if (options.handling_days) availability.lead_time_to_ship_max_days = options.handling_days;
      }
      attributes.fulfillment_availability = [availability];
      if (options.merchant_shipping_group && fulfillment === 'DEFAULT')
        attributes.merchant_shipping_group = [{ value: options.merchant_shipping_group, marketplace_id: marketplaceId }];
    }

    function identifierType(gtin: string, schema: ProductTypeSchema | undefined): string {
      const types = schema?.enumOf('externally_assigned_product_identifier', 'type');
      if (gtin.length === 13 && /^97[89]/.test(gtin) && types?.includes('isbn')) return 'isbn';
      if (gtin.length === 12) return 'upc';
      if (gtin.length === 14) return 'gtin';
      return 'ean';
    }

    /** `fields:` templates override or add attributes; an empty result removes one. */
    function applyFields(v: Prepared, schema: ProductTypeSchema | undefined, attributes: Attributes, offer: boolean): void {
      for (const [name, value] of Object.entries(v.fields)) {
        if (value === '') delete attributes[name];
        else if (name === 'bullet_point') attributes.bullet_point = splitBullets(value).map((b) => text(name, b, schema));
        else if (!offer && ['merchant_shipping_group', 'condition_type', 'list_price'].includes(name)) continue;
        else attributes[name] = [text(name, typed(name, value, schema), schema)];
      }
    }

    /** Channel limits (characters and bytes), required attributes, and the message rules. */
    function check(message: AmazonMessage, offer: boolean, issue: Report): void {
      if (charCount(message.sku) > SKU_MAX_LENGTH)
        issue('sku-too-long', 'sku', `'${message.sku}' has ${charCount(message.sku)} characters`);
      const attributes = message.attributes ?? {};
      for (const [name, spec] of Object.entries(LIMITS) as [keyof typeof LIMITS, AttributeLimit][]) {
        const values = attributes[name];
        if (!values) {
          const required =
            spec.required === 'all' ||
            (offer && (spec.required === 'offer' || (spec.required === 'merchant-offer' && fulfillment === 'DEFAULT')));
          if (required) issue(`${name}-missing` as AmazonRule, name, `${name} is required`);
          continue;
        }
        const byLanguage = new Map<string, number>();
        for (const entry of values) {
          const key = `${entry.marketplace_id}\u0000${entry.language_tag}`;
          byLanguage.set(key, (byLanguage.get(key) ?? 0) + 1);
          if (typeof entry.value !== 'string') continue;
          // characters, not UTF-16 units; `.length` first, since it is never below the character count
          if (spec.maxLength && entry.value.length > spec.maxLength && charCount(entry.value) > spec.maxLength) {
            issue(`${name}-too-long` as AmazonRule, name, `${charCount(entry.value)} characters, at most ${spec.maxLength}`);
          }
          if (spec.maxUtf8ByteLength && utf8Length(entry.value) > spec.maxUtf8ByteLength)
            issue(
              `${name}-too-many-bytes` as AmazonRule,
              name,
              `${utf8Length(entry.value)} UTF-8 bytes, at most ${spec.maxUtf8ByteLength}`,
            );
          if (spec.pattern && !PATTERNS.get(name)!.test(entry.value))
            issue(`${name}-invalid` as AmazonRule, name, `'${entry.value}' does not match ${spec.pattern}`);
        }
        if (spec.maxItems && Math.max(...byLanguage.values()) > spec.maxItems)
          issue(`${name}-too-many` as AmazonRule, name, `${values.length} values, at most ${spec.maxItems}`);
      }
      for (const problem of checkMessage(message)) {
        // a missing product type is reported once, as product-type-unmapped or -invalid
        if (problem.field === 'productType' && message.productType === undefined) continue;
        issue('message-invalid', problem.field, problem.message);
      }
    }

    /** product types whose messages went out without a definition to check them against */
    const unchecked = new Set<string>();

    /** Product type definition checks, when the workspace has the definition; unknown defaulted attributes are dropped with a warning. */
    function checkDefinition(message: AmazonMessage, explicit: Set<string>, parent: boolean, issue: Report): void {
      const schema = message.productType ? schemas.get(message.productType) : undefined;
      if (!message.productType || !message.attributes) return;
      if (!schema) {
        // as a warning it would repeat on every message of the type: it is said once, on the first
        if (requireSchemas || !unchecked.has(message.productType)) {
          issue(
            'product-type-schema-missing',
            'productType',
            `no product type definition for ${message.productType} (options.product_type_schemas): attributes of this type were not checked against it`,
          );
        }
        unchecked.add(message.productType);
        return;
      }
      for (const name of Object.keys(message.attributes)) {
        if (schema.attributes.has(name) || explicit.has(name)) continue;
        delete message.attributes[name];
        issue('attribute-not-in-product-type', name, `${message.productType} has no attribute ${name}: left out`);
      }
      for (const problem of checkAgainstDefinition(schema, message.attributes)) {
        if (parent && problem.rule === 'ptd-required' && NOT_REQUIRED_OF_PARENTS.has(problem.attribute)) continue;
        issue(problem.rule, problem.attribute, problem.message);
      }
    }

    /** The variation theme of a group: its name and attributes, or why there is none. */
    function variationTheme(
      group: ListingGroup,
      schema: ProductTypeSchema | undefined,
    ): { name: string; attributes: string[] } | { unsupported: string } {
      let varies: readonly VariantAttribute[] = group.varies;
      if (varies.length === 0) varies = THEMED.filter((a) => group.variants.every((v) => v.product[a]));
      const unsupported = varies.filter((a) => !(a in THEME_ATTRIBUTES));
      if (unsupported.length > 0) return { unsupported: `Amazon variation themes cannot vary in ${unsupported.join(', ')}` };
      if (varies.length === 0) return { unsupported: 'the children differ in no attribute a variation theme can use' };
      const themes = THEMED.filter((a) => varies.includes(a)).map((a) => THEME_ATTRIBUTES[a]!);
      const words = themes.map((t) => t.theme);
      const attributes = themes.map((t) => t.attribute);
      const absent = schema ? attributes.filter((a) => !schema.attributes.has(a)) : [];
      if (absent.length > 0) return { unsupported: `${schema!.productType} has no attribute ${absent.join(', ')} for a variation theme` };
      const allowed = schema?.enumOf('variation_theme', 'name');
      let name = words.join('/');
      if (allowed && !allowed.includes(name)) {
        const alternative = permutations(words)
          .map((w) => w.join('/'))
          .find((n) => allowed.includes(n));
        if (!alternative) return { unsupported: `${schema!.productType} has no variation theme ${name}` };
        name = alternative;
      }
      return { name, attributes };
    }

    const requireSchemas = options.require_product_type_schemas === true;

    function makeItem(sku: string, build: (issue: Report) => AmazonMessage): ChannelItem<AmazonMessage> {
      const issues: Issue[] = [];
      const issue: Report = (rule, field, message) => {
        const severity = rule === 'product-type-schema-missing' && requireSchemas ? 'error' : amazonRules[rule].severity;
        issues.push({ severity, rule, field, message, sku, feed: feed.name });
      };
      return { sku, item: build(issue), issues };
    }
    const failed = (item: ChannelItem) => item.issues.some((i) => i.severity === 'error');

    function message(
      v: Prepared,
      type: string | undefined,
      role: { parent: true; theme?: string } | { parent: false; parentSku?: string; theme?: string },
      issue: Report,
    ): AmazonMessage {
      const schema = type ? schemas.get(type) : undefined;
      const attributes: Attributes = {};
      productFacts(v, schema, issue, attributes);
      if (!role.parent) offerFacts(v, schema, issue, attributes);
      if (role.parent) {
        attributes.parentage_level = [{ value: 'parent', marketplace_id: marketplaceId }];
        attributes.child_parent_sku_relationship = [{ child_relationship_type: 'variation', marketplace_id: marketplaceId }];
        if (role.theme) attributes.variation_theme = [{ name: role.theme }];
        attributes.skip_offer = [{ value: true, marketplace_id: marketplaceId }];
      } else if (role.parentSku) {
        attributes.parentage_level = [{ value: 'child', marketplace_id: marketplaceId }];
        attributes.child_parent_sku_relationship = [
          { child_relationship_type: 'variation', parent_sku: role.parentSku, marketplace_id: marketplaceId },
        ];
        if (role.theme) attributes.variation_theme = [{ name: role.theme }];
      }
      applyFields(v, schema, attributes, !role.parent);
      const msg: AmazonMessage = {
        sku: v.product.sku,
        operationType: 'UPDATE',
        ...(type ? { productType: type } : {}),
        requirements: role.parent ? 'LISTING_PRODUCT_ONLY' : 'LISTING',
        attributes,
      };
      check(msg, !role.parent, issue);
      checkDefinition(msg, new Set(Object.keys(v.fields)), role.parent, issue);
      return msg;
    }

    return {
      items(group: ListingGroup): ChannelItem<AmazonMessage>[] {
        if (!group.parent) {
          const v = group.variants[0];
          return [makeItem(v.product.sku, (issue) => message(v, productType(group, issue), { parent: false }, issue))];
        }
        const parentPrepared = group.parent;
        let type: string | undefined;
        let theme: { name: string; attributes: string[] } | undefined;
        const parent = makeItem(parentPrepared.product.sku, (issue) => {
          type = productType(group, issue);
          const schema = type ? schemas.get(type) : undefined;
          const found = variationTheme(group, schema);
          if ('unsupported' in found) issue('variation-theme-unsupported', 'variation_theme', found.unsupported);
          else theme = found;
          return message(parentPrepared, type, { parent: true, theme: theme?.name }, issue);
        });
        const seen = new Set<string>();
        const children = group.variants.map((v) =>
          makeItem(v.product.sku, (issue) => {
            const msg = message(v, type, { parent: false, parentSku: parentPrepared.product.sku, theme: theme?.name }, issue);
            if (theme) {
              const missing = theme.attributes.filter((a) => !msg.attributes?.[a]?.[0]?.value);
              if (missing.length > 0)
                issue('variation-missing-attribute', missing[0], `the theme ${theme.name} needs ${missing.join(', ')}`);
              else {
                const key = theme.attributes.map((a) => String(msg.attributes![a][0].value)).join('\u0000');
                if (seen.has(key))
                  issue(
                    'variation-not-distinct',
                    theme.attributes[0],
                    `another child of ${parentPrepared.product.sku} has the same ${theme.attributes.join(', ')}`,
                  );
                seen.add(key);
              }
            }
            return msg;
          }),
        );
        if (failed(parent)) {
          const rules = [...new Set(parent.issues.filter((i) => i.severity === 'error').map((i) => i.rule))].join(', ');
          for (const child of children) {
            child.issues.push({
              severity: 'error',
              rule: 'variation-parent-invalid',
              field: 'child_parent_sku_relationship',
              message: `parent ${parent.sku} was left out (${rules})`,
              sku: child.sku,
              feed: feed.name,
            });
          }
        } else if (children.every(failed)) {
          parent.issues.push({
            severity: 'error',
            rule: 'variation-no-children',
            field: 'parentage_level',
            message: `all ${children.length} children were left out`,
            sku: parent.sku,
            feed: feed.name,
          });
        }
        return [parent, ...children];
      },
      open(files) {
        return writeListingsFeed(files, feed.output.path, header);
      },
    };
  },
} satisfies ChannelAdapter<AmazonMessage>;

function permutations<T>(items: T[]): T[][] {
  if (items.length <= 1) return [items];
  return items.flatMap((item, i) => permutations([...items.slice(0, i), ...items.slice(i + 1)]).map((rest) => [item, ...rest]));
}

export type { AmazonMessage } from './messages.js';
export { deleteMessage, patchMessage, partialUpdateMessage, pricePatch, stockPatch } from './messages.js';
