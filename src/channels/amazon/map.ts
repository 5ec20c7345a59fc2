/** A product or variant group -> JSON_LISTINGS_FEED messages: a parent before its children (pure: the rules check them). */
import { rfc3339, toRfc3339 } from '../../dates.js';
import type { ListingGroup, Prepared, VariantAttribute } from '../../model.js';
import { mapCondition } from '../kit/condition.js';
import { readGtin } from '../kit/gtin.js';
import type { Draft } from '../types.js';
import { offerValue, type AmazonMessage, type Attributes } from './messages.js';
import type { ProductTypeSchema } from './ptd.js';
import {
  CONDITION_TYPES,
  CONDITIONS,
  LENGTH_WORDS,
  LOCALIZED,
  NO_MARKETPLACE,
  PRODUCT_TYPE,
  THEME_ATTRIBUTES,
  WEIGHT_WORDS,
} from './spec.js';
import type { AmazonContext, Theme } from './types.js';

/** the attributes a variation theme can use, in the order their words appear in a theme name */
const THEMED = Object.keys(THEME_ATTRIBUTES) as VariantAttribute[];

/** Bullet text: `|` or line breaks separate the points. */
const splitBullets = (text: string) =>
  text
    .split(/\s*(?:\||\r?\n)\s*/)
    .map((s) => s.trim())
    .filter(Boolean);

/** The group's product type: the category map's, else the feed's default; undefined when neither is a product type name. */
function productType(group: ListingGroup, ctx: AmazonContext): string | undefined {
  const id = (group.parent ?? group.variants[0]).category?.id ?? ctx.options.default_product_type;
  return id && PRODUCT_TYPE.test(id) ? id : undefined;
}

const schemaOf = (group: ListingGroup, ctx: AmazonContext) => {
  const type = productType(group, ctx);
  return type ? ctx.schemas.get(type) : undefined;
};

function permutations<T>(items: T[]): T[][] {
  if (items.length <= 1) return [items];
  return items.flatMap((item, i) => permutations([...items.slice(0, i), ...items.slice(i + 1)]).map((rest) => [item, ...rest]));
}

const themes = new WeakMap<ListingGroup, Theme>();

/** The variation theme of a group (once per group): its name and attributes, or why there is none. */
export function themeOf(group: ListingGroup, ctx: AmazonContext): Theme {
  let theme = themes.get(group);
  if (!theme) themes.set(group, (theme = findTheme(group, schemaOf(group, ctx))));
  return theme;
}

function findTheme(group: ListingGroup, schema: ProductTypeSchema | undefined): Theme {
  let varies: readonly VariantAttribute[] = group.varies;
  if (varies.length === 0) varies = THEMED.filter((a) => group.variants.every((v) => v.product[a]));
  const unsupported = varies.filter((a) => !(a in THEME_ATTRIBUTES));
  if (unsupported.length > 0) return { unsupported: `Amazon variation themes cannot vary in ${unsupported.join(', ')}` };
  if (varies.length === 0) return { unsupported: 'the children differ in no attribute a variation theme can use' };
  const picked = THEMED.filter((a) => varies.includes(a)).map((a) => THEME_ATTRIBUTES[a]!);
  const words = picked.map((t) => t.theme);
  const attributes = picked.map((t) => t.attribute);
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

/** Builds the attributes of one message, for one product type definition (or none). */
class MessageBuilder {
  readonly attributes: Attributes = {};

  constructor(
    private readonly ctx: AmazonContext,
    private readonly schema: ProductTypeSchema | undefined,
  ) {}

  /** `[{value, language_tag?, marketplace_id}]` as the definition (or the LOCALIZED table) shapes it */
  text(name: string, value: unknown): Record<string, unknown> {
    const entry: Record<string, unknown> = { value };
    if (this.schema ? this.schema.localized(name) : LOCALIZED.has(name)) entry.language_tag = this.ctx.languageTag;
    if (!NO_MARKETPLACE.has(name)) entry.marketplace_id = this.ctx.marketplaceId;
    return entry;
  }

  put(name: string, value: unknown): void {
    this.attributes[name] = [this.text(name, value)];
  }

  /** a `fields:` value typed as the definition says (booleans and numbers), text otherwise */
  typed(name: string, raw: string): unknown {
    const type = this.schema?.valueType(name);
    if (type === 'boolean' || (!this.schema && /^(true|false)$/.test(raw))) return raw === 'true' ? true : raw === 'false' ? false : raw;
    if ((type === 'number' || type === 'integer') && /^-?\d+(\.\d+)?$/.test(raw)) return Number(raw);
    return raw;
  }

  /** The facts of a product, shared by parents and children. */
  productFacts(v: Prepared): void {
    const p = v.product;
    const { options, marketplaceId } = this.ctx;
    if (p.title) this.put('item_name', p.title);
    if (p.brand) this.put('brand', p.brand);
    // a category map line may name the item type keyword (Amazon's browse classification) for its categories
    const keyword = v.category?.columns?.item_type_keyword;
    if (keyword) this.put('item_type_keyword', keyword);
    const bullets = options.bullets_column ? p.attributes[options.bullets_column] : undefined;
    if (bullets) this.attributes.bullet_point = splitBullets(bullets).map((b) => this.text('bullet_point', b));
    if (p.description) this.put('product_description', p.description);
    if (p.image_url) this.attributes.main_product_image_locator = [{ media_location: p.image_url, marketplace_id: marketplaceId }];
    (p.additional_image_urls ?? []).forEach(
      (url, i) => (this.attributes[`other_product_image_locator_${i + 1}`] = [{ media_location: url, marketplace_id: marketplaceId }]),
    );
    for (const name of ['color', 'size', 'material', 'pattern'] as const) if (p[name]) this.put(THEME_ATTRIBUTES[name]!.attribute, p[name]);
    this.measures(v);
  }

  private measures({ product: p }: Prepared): void {
    const { dimensions, marketplaceId } = this.ctx;
    if (p.weight !== undefined && p.weight_unit) {
      const weight = { value: p.weight, unit: WEIGHT_WORDS[p.weight_unit], marketplace_id: marketplaceId };
      if (dimensions !== 'package') this.attributes.item_weight = [weight];
      if (dimensions !== 'item') this.attributes.item_package_weight = [{ ...weight }];
    }
    if (p.length !== undefined && p.width !== undefined && p.height !== undefined && p.dimension_unit) {
      const unit = LENGTH_WORDS[p.dimension_unit];
      const box = {
        length: { value: p.length, unit },
        width: { value: p.width, unit },
        height: { value: p.height, unit },
        marketplace_id: marketplaceId,
      };
      if (dimensions !== 'package') this.attributes.item_dimensions = [box];
      if (dimensions !== 'item') this.attributes.item_package_dimensions = [structuredClone(box)];
    }
  }

  /** Product identifier (GTIN, or the exemption) and the offer of a buyable SKU. */
  offerFacts(v: Prepared): void {
    const p = v.product;
    const { options, marketplaceId, currency, fulfillment, now } = this.ctx;
    const gtin = p.gtin ? readGtin(p.gtin, { restricted: true }) : undefined;
    if (gtin?.gtin && !gtin.problem)
      this.attributes.externally_assigned_product_identifier = [
        { type: this.identifierType(gtin.gtin), value: gtin.gtin, marketplace_id: marketplaceId },
      ];
    else if (!p.gtin && options.gtin_exemption)
      this.attributes.supplier_declared_has_product_identifier_exemption = [{ value: true, marketplace_id: marketplaceId }];
    // a condition with no condition type is left out: condition-unknown reports it
    const condition = p.condition ? mapCondition(CONDITIONS, CONDITION_TYPES, p.condition) : 'new_new';
    if (condition) this.attributes.condition_type = [{ value: condition, marketplace_id: marketplaceId }];
    if (v.price.price !== undefined) {
      this.attributes.list_price = [{ value: v.price.price, currency, marketplace_id: marketplaceId }];
      // Amazon schedules a sale only with both dates: one without an end is left out (sale-end-missing)
      const sale =
        v.price.sale_price !== undefined && p.sale_end
          ? {
              price: v.price.sale_price,
              start: p.sale_start ? toRfc3339(p.sale_start) : rfc3339(now),
              end: toRfc3339(p.sale_end, 'UTC', true),
            }
          : undefined;
      this.attributes.purchasable_offer = [offerValue({ marketplaceId, currency, price: v.price.price, sale })];
    }
    const availability: Record<string, unknown> = { fulfillment_channel_code: fulfillment };
    if (fulfillment === 'DEFAULT') {
      availability.quantity = v.stock.quantity;
      if (options.handling_days) availability.lead_time_to_ship_max_days = options.handling_days;
    }
    this.attributes.fulfillment_availability = [availability];
    if (options.merchant_shipping_group && fulfillment === 'DEFAULT') this.put('merchant_shipping_group', options.merchant_shipping_group);
  }

  private identifierType(gtin: string): string {
    const types = this.schema?.enumOf('externally_assigned_product_identifier', 'type');
    if (gtin.length === 13 && /^97[89]/.test(gtin) && types?.includes('isbn')) return 'isbn';
    if (gtin.length === 12) return 'upc';
    if (gtin.length === 14) return 'gtin';
    return 'ean';
  }

  /** `fields:` templates override or add attributes; an empty result removes one. */
  fields(v: Prepared, offer: boolean): void {
    for (const [name, value] of Object.entries(v.fields)) {
      if (value === '') delete this.attributes[name];
      else if (name === 'bullet_point') this.attributes.bullet_point = splitBullets(value).map((b) => this.text(name, b));
      else if (!offer && ['merchant_shipping_group', 'condition_type', 'list_price'].includes(name)) continue;
      else this.put(name, this.typed(name, value));
    }
  }
}

type Role = { parent: true; theme?: string } | { parent: false; parentSku?: string; theme?: string };

function message(v: Prepared, type: string | undefined, role: Role, ctx: AmazonContext): AmazonMessage {
  const { marketplaceId } = ctx;
  const build = new MessageBuilder(ctx, type ? ctx.schemas.get(type) : undefined);
  const attributes = build.attributes;
  build.productFacts(v);
  if (!role.parent) build.offerFacts(v);
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
  build.fields(v, !role.parent);
  return {
    sku: v.product.sku,
    operationType: 'UPDATE',
    ...(type ? { productType: type } : {}),
    requirements: role.parent ? 'LISTING_PRODUCT_ONLY' : 'LISTING',
    attributes,
  };
}

export function mapGroup(group: ListingGroup, ctx: AmazonContext): Draft<AmazonMessage>[] {
  const type = productType(group, ctx);
  if (!group.parent) {
    const v = group.variants[0];
    return [{ sku: v.product.sku, item: message(v, type, { parent: false }, ctx), group, listing: v, offers: [v] }];
  }
  const head = group.parent;
  const found = themeOf(group, ctx);
  const theme = 'name' in found ? found.name : undefined;
  const parent: Draft<AmazonMessage> = {
    sku: head.product.sku,
    item: message(head, type, { parent: true, theme }, ctx),
    group,
    listing: head,
    offers: [],
  };
  const children = group.variants.map((v): Draft<AmazonMessage> => ({
    sku: v.product.sku,
    item: message(v, type, { parent: false, parentSku: head.product.sku, theme }, ctx),
    group,
    listing: v,
    offers: [v],
    variants: [v],
    parent,
  }));
  return [parent, ...children];
}
