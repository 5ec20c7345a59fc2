/** Amazon's rules: the kit's shared ones with Amazon's parameters, and Amazon's own (message rules, Product Type Definitions). */
import { attributeRules, kebab } from '../kit/attributes.js';
import { categoryInvalid, categoryUnmapped } from '../kit/category.js';
import { gtinRules } from '../kit/gtin.js';
import { imagesDropped, imageUrlInvalid, imageUrlsEncoded, type ImageSlot } from '../kit/images.js';
import { currencyMismatch, priceMissing, saleEndMissing, saleRules } from '../kit/offer.js';
import { htmlRemoved, tooLong, xmlInvalidRemoved, type Slot } from '../kit/text.js';
import { titlePolicy } from '../kit/title.js';
import { variantMissingAttribute, variantNotDistinct, variantParentInvalid, variantsNoneValid, type AxesOf } from '../kit/variants.js';
import type { CheckRule, Draft, FixStep, Report, Rule } from '../types.js';
import { themeOf } from './map.js';
import { checkMessage } from './messages.js';
import { checkAgainstDefinition, type PtdProblem, type PtdRule } from './ptd.js';
import {
  CONDITION_TYPES,
  LIMITS,
  NOT_REQUIRED_OF_PARENTS,
  OFFER_REQUIRED,
  OTHER_IMAGES,
  PRODUCT_TYPE,
  REQUIRED_WITHOUT_DEFINITION,
  SKU_MAX_LENGTH,
  THEME_ATTRIBUTES,
  TITLE_POLICY,
} from './spec.js';
import type { AmazonContext, AmazonMessage } from './types.js';

type AmazonRule = Rule<AmazonMessage, AmazonContext>;

const valuesOf = (message: AmazonMessage, name: string) => message.attributes?.[name]?.map((entry) => entry.value);

const description: Slot<AmazonMessage> = {
  field: 'product_description',
  get: (m) => m.attributes?.product_description?.[0]?.value as string | undefined,
  set: (m, text) => (m.attributes!.product_description[0].value = text),
};

const title: Slot<AmazonMessage> = {
  field: 'item_name',
  get: (m) => m.attributes?.item_name?.[0]?.value as string | undefined,
  set: (m, text) => (m.attributes!.item_name[0].value = text),
};

const OTHER = /^other_product_image_locator_(\d+)$/;
const otherImages: ImageSlot<AmazonMessage> = {
  field: 'other_product_image_locator_1',
  get: (m) =>
    Object.keys(m.attributes ?? {})
      .filter((name) => OTHER.test(name))
      .map((name) => m.attributes![name][0].media_location as string),
  set: (m, urls) => {
    for (const name of Object.keys(m.attributes ?? {})) if (Number(OTHER.exec(name)?.[1]) > urls.length) delete m.attributes![name];
  },
};

/** every text value of a message's attributes (item_name, bullet_point, product_description, …) */
function* texts(message: AmazonMessage): Iterable<Slot<AmazonMessage>> {
  for (const [name, entries] of Object.entries(message.attributes ?? {}))
    for (let i = 0; i < entries.length; i++)
      if (typeof entries[i].value === 'string')
        yield { field: name, get: (m) => m.attributes![name][i].value as string, set: (m, text) => (m.attributes![name][i].value = text) };
}

/** every image locator of a message (main, other, swatch): their media_location */
const IMAGE = /_image_locator(_\d+)?$/;
const imageLocators: ImageSlot<AmazonMessage> = {
  field: 'main_product_image_locator',
  get: (m) =>
    Object.keys(m.attributes ?? {})
      .filter((name) => IMAGE.test(name))
      .map((name) => m.attributes![name][0].media_location as string),
  set: (m, urls) =>
    Object.keys(m.attributes ?? {})
      .filter((name) => IMAGE.test(name))
      .forEach((name, i) => (m.attributes![name][0].media_location = urls[i])),
};

const sku: Slot<AmazonMessage> = { field: 'sku', get: (m) => m.sku, set: (m, text) => (m.sku = text) };

const isParent = (draft: Draft<AmazonMessage>) => draft.group.parent !== null && draft.listing === draft.group.parent;

const variationThemeUnsupported: CheckRule<AmazonMessage, AmazonContext> = {
  id: 'variation-theme-unsupported',
  severity: 'error',
  description:
    'the group varies in attributes no variation theme of the product type covers (gender, age group, or a theme the definition lacks)',
  check(draft, ctx, report: Report) {
    if (!isParent(draft)) return;
    const theme = themeOf(draft.group, ctx);
    if ('unsupported' in theme) report('variation_theme', theme.unsupported);
  },
};

const identifierMissing: CheckRule<AmazonMessage, AmazonContext> = {
  id: 'identifier-missing',
  severity: 'error',
  description: 'no GTIN and no GTIN exemption (options.gtin_exemption) for the product',
  check(draft, ctx, report: Report) {
    for (const offer of draft.offers)
      if (!offer.product.gtin && !ctx.options.gtin_exemption)
        report('externally_assigned_product_identifier', 'the product has no GTIN and the feed claims no GTIN exemption');
  },
};

const conditionUnknown: CheckRule<AmazonMessage, AmazonContext> = {
  id: 'condition-unknown',
  severity: 'error',
  description: `the condition maps onto none of ${CONDITION_TYPES.join(', ')}`,
  check(draft, _ctx, report: Report) {
    for (const offer of draft.offers)
      if (offer.product.condition && !draft.item.attributes?.condition_type && !('condition_type' in offer.fields))
        report('condition_type', `condition '${offer.product.condition}' is none of Amazon's condition types`);
  },
};

/** an attribute a message with an offer needs */
const offerRequired = (name: string, merchant: boolean): CheckRule<AmazonMessage, AmazonContext> => ({
  id: `${kebab(name)}-missing`,
  severity: 'error',
  description: `${name} is required on a message with ${merchant ? 'a merchant-fulfilled' : 'an'} offer`,
  check(draft, ctx, report: Report) {
    if (draft.offers.length === 0 || (merchant && ctx.fulfillment !== 'DEFAULT') || draft.item.attributes?.[name]) return;
    report(name, `${name} is required`);
  },
});

const messageInvalid: CheckRule<AmazonMessage, AmazonContext> = {
  id: 'message-invalid',
  severity: 'error',
  description: 'the message breaks the listings feed message rules (required and forbidden keys per operation type)',
  check({ item }, _ctx, report: Report) {
    for (const problem of checkMessage(item)) {
      // a missing product type is reported once, as category-unmapped or category-invalid
      if (problem.field === 'productType' && item.productType === undefined) continue;
      report(problem.field, problem.message);
    }
  },
};

const schemaMissingMessage = (type: string) =>
  `no product type definition for ${type} (options.product_type_schemas): attributes of this type were not checked against it`;

const productTypeSchemaMissing: CheckRule<AmazonMessage, AmazonContext> = {
  id: 'product-type-schema-missing',
  severity: 'warning',
  description:
    'no Product Type Definition for the product type: attribute-level validation was skipped (said on the first message of the type)',
  when: (ctx) => !ctx.requireSchemas,
  check({ item }, ctx, report: Report) {
    const type = item.productType;
    // as a warning it would repeat on every message of the type: it is said once, on the first
    if (!type || !item.attributes || ctx.schemas.has(type) || ctx.unchecked.has(type)) return;
    ctx.unchecked.add(type);
    report('productType', schemaMissingMessage(type));
  },
};

const productTypeSchemaRequired: CheckRule<AmazonMessage, AmazonContext> = {
  id: 'product-type-schema-required',
  severity: 'error',
  description: 'the feed requires Product Type Definitions (require_product_type_schemas) and the product type has none',
  when: (ctx) => ctx.requireSchemas,
  check({ item }, ctx, report: Report) {
    const type = item.productType;
    if (type && item.attributes && !ctx.schemas.has(type)) report('productType', schemaMissingMessage(type));
  },
};

/** ids of the attributes that have a kit id for the same meaning (and the canonical field they are reported on) */
const KIT_IDS: Record<string, [id: string, field: string]> = {
  brand: ['brand-missing', 'brand'],
  product_description: ['description-missing', 'description'],
};

/** An attribute Amazon requires, checked from the spec's list while the product type's definition is not in the workspace. */
const requiredWithoutDefinition = (name: string, only?: string): CheckRule<AmazonMessage, AmazonContext> => {
  const [id, field] = KIT_IDS[name] ?? [`${kebab(name)}-missing`, name];
  return {
    id,
    severity: 'error',
    description: `${name} is required by ${only ? `the ${only} product type` : 'every product type'} (checked from omnifeed's list while the type's definition is not in options.product_type_schemas)`,
    check(draft, ctx, report: Report) {
      const { item } = draft;
      const type = item.productType;
      if (!type || !item.attributes || ctx.schemas.has(type) || (only && type !== only)) return;
      // a parent carries no value of the attributes its children vary in
      if (isParent(draft) && draft.group.varies.some((attribute) => THEME_ATTRIBUTES[attribute]?.attribute === name)) return;
      if (!item.attributes[name]?.length) report(field, `${type} requires ${name}`);
    },
  };
};

const attributeNotInProductType: FixStep<AmazonMessage, AmazonContext> = {
  id: 'attribute-not-in-product-type',
  severity: 'warning',
  description: "a catalog value has no attribute in the product type's definition: it is left out",
  fix(draft, ctx, report: Report) {
    const { item } = draft;
    const schema = item.productType ? ctx.schemas.get(item.productType) : undefined;
    if (!schema || !item.attributes) return;
    // an attribute a fields: template names is the feed's explicit choice: the definition's own rules judge it
    const explicit = draft.listing?.fields ?? {};
    for (const name of Object.keys(item.attributes)) {
      if (schema.attributes.has(name) || name in explicit) continue;
      delete item.attributes[name];
      report(name, `${item.productType} has no attribute ${name}: left out`);
    }
  },
};

/** the definition's problems of a message, computed once for all the ptd rules */
const problems = new WeakMap<Draft, PtdProblem[]>();
function definitionProblems(draft: Draft<AmazonMessage>, ctx: AmazonContext): PtdProblem[] {
  let found = problems.get(draft);
  if (found) return found;
  const schema = draft.item.productType ? ctx.schemas.get(draft.item.productType) : undefined;
  found = schema && draft.item.attributes ? checkAgainstDefinition(schema, draft.item.attributes) : [];
  // a parent is sent LISTING_PRODUCT_ONLY: what only a buyable listing needs is not asked of it, nor
  // the values its children vary in (the definition's top-level `required` names color for every listing)
  if (isParent(draft)) {
    const varied = new Set(draft.group.varies.map((attribute) => THEME_ATTRIBUTES[attribute]?.attribute));
    found = found.filter((p) => !(p.rule === 'ptd-required' && (NOT_REQUIRED_OF_PARENTS.has(p.attribute) || varied.has(p.attribute))));
  }
  problems.set(draft, found);
  return found;
}

const PTD: Record<PtdRule, string> = {
  'ptd-required': 'the product type definition requires an attribute (or a property of one) the message lacks',
  'ptd-unknown-attribute': 'the product type definition has no such attribute (or property)',
  'ptd-too-long': 'a value is longer, in characters, than the product type definition allows',
  'ptd-too-many-bytes': 'a value is longer, in UTF-8 bytes, than the product type definition allows (maxUtf8ByteLength)',
  'ptd-value-count': 'too many or too few values of an attribute per selector combination (maxUniqueItems, minItems, …)',
  'ptd-invalid': 'a value breaks the product type definition: type, enum, format, range or a conditional rule',
};
const ptdRules = (Object.entries(PTD) as [PtdRule, string][]).map(([id, text]): CheckRule<AmazonMessage, AmazonContext> => ({
  id,
  severity: 'error',
  description: text,
  check(draft, ctx, report: Report) {
    for (const problem of definitionProblems(draft, ctx)) if (problem.rule === id) report(problem.attribute, problem.message);
  },
}));

/** a child's variation theme values, as its message carries them */
const themeAxes: AxesOf<AmazonMessage, AmazonContext> = (draft, _v, ctx) => {
  const theme = themeOf(draft.group, ctx);
  if (!('name' in theme)) return [];
  return theme.attributes.map((name) => {
    const value = draft.item.attributes?.[name]?.[0]?.value;
    return { name, field: name, value: value === undefined || value === '' ? undefined : String(value) };
  });
};

export const rules: readonly AmazonRule[] = [
  categoryUnmapped<AmazonContext>({ field: 'productType', fallback: (ctx) => ctx.options.default_product_type }),
  categoryInvalid<AmazonContext>({
    field: 'productType',
    expected: 'an upper-case Amazon product type name such as PRODUCT or SHIRT',
    valid: (id) => PRODUCT_TYPE.test(id),
    mapped: (draft, ctx) => draft.listing?.category?.id ?? ctx.options.default_product_type,
  }),
  variationThemeUnsupported,
  htmlRemoved<AmazonMessage>(description),
  xmlInvalidRemoved(texts, 'control characters or lone surrogates were removed from a text attribute: Amazon refuses them'),
  imagesDropped(otherImages, OTHER_IMAGES, 'additional images'),
  imageUrlsEncoded([imageLocators]),
  imageUrlInvalid(imageLocators),
  ...gtinRules('externally_assigned_product_identifier', { restricted: true }),
  identifierMissing,
  conditionUnknown,
  currencyMismatch('purchasable_offer'),
  priceMissing(),
  saleEndMissing('purchasable_offer', {
    description: 'Amazon schedules a sale price only with start and end dates: a sale without an end date is left out',
  }),
  ...saleRules(),
  ...titlePolicy(title, TITLE_POLICY),
  tooLong('sku-too-long', sku, SKU_MAX_LENGTH, `a seller SKU has at most ${SKU_MAX_LENGTH} characters`),
  ...Object.entries(LIMITS).flatMap(([name, spec]) => attributeRules(name, spec, valuesOf)),
  ...Object.entries(OFFER_REQUIRED).map(([name, { merchant }]) => offerRequired(name, merchant)),
  messageInvalid,
  productTypeSchemaMissing,
  productTypeSchemaRequired,
  ...REQUIRED_WITHOUT_DEFINITION.every.map((name) => requiredWithoutDefinition(name)),
  ...REQUIRED_WITHOUT_DEFINITION.PRODUCT.map((name) => requiredWithoutDefinition(name, 'PRODUCT')),
  attributeNotInProductType,
  ...ptdRules,
  variantMissingAttribute(themeAxes),
  variantNotDistinct(themeAxes),
  variantParentInvalid('child_parent_sku_relationship'),
  variantsNoneValid('parentage_level'),
];
