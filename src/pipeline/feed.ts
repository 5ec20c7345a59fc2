import path from 'node:path';
import type { CatalogGroup } from '../catalog/catalog.js';
import { CANONICAL_FIELDS } from '../catalog/normalize.js';
import { findChannel } from '../channels/index.js';
import type { ChannelContext, ChannelItem } from '../channels/types.js';
import type { FeedDefinition, Workspace } from '../config/types.js';
import { FEEDS_DIR } from '../config/load.js';
import { VARIANT_ATTRIBUTES, type ListingGroup, type Prepared, type Product, type VariantAttribute } from '../model.js';
import { CategoryMap } from './categories.js';
import { compileCondition, compileTemplate, type Condition, type Scope, type Template } from './expressions.js';
import { templateFields } from './template-fields.js';
import { prepareChannel, type ChannelRun } from './validate.js';
import { computePrice, computeStock, withSaleDates, type StockShare } from './policy.js';
import { allocationShare } from './allocation.js';
import { isTimeZone } from '../dates.js';
import { OmnifeedError } from '../errors.js';
import { Currencies } from './currency.js';
import type { KnownNames } from './names.js';
import { Profile } from './profile.js';

/** Names that expressions and templates see besides the product's fields and attributes. */
const DERIVED_FIELDS: Readonly<Record<string, string>> = {
  offer_price: 'price after the feed pricing policy',
  offer_sale_price: 'sale price after the feed pricing policy, while the sale runs or is upcoming',
  on_sale: 'the sale runs on the build date',
  margin: 'margin the seller keeps after channel fees and cost, as a fraction (null without cost)',
  margin_band: "'high' (≥ 40%), 'medium' (≥ 20%), 'low', or 'unknown' without cost",
  stock: 'quantity offered after the feed stock policy',
  in_stock: 'stock > 0',
  weight_kg: 'weight in kilograms',
  has_gtin: 'the product has a GTIN',
  is_variant: 'the product belongs to a variant group',
  feed: 'the feed name, e.g. google-us',
  channel: 'the channel name, e.g. google',
  country: 'the feed market country',
};

const FIELD_NAMES = Object.keys(CANONICAL_FIELDS);

/**
 * A scope's canonical fields from a product, by one object literal compiled once from their names
 * (names of our own, quoted as JSON): the scope has its final shape at once, where a loop of keyed
 * stores changed it once a field (1.0 µs against 3.7 µs a product and feed).
 */
const scopeFields = new Function(
  'product',
  `return { ${FIELD_NAMES.map((name) => `${JSON.stringify(name)}: product[${JSON.stringify(name)}]`).join(', ')} };`,
) as (product: Product) => Scope;

const KG: Record<string, number> = { g: 0.001, kg: 1, lb: 0.45359237, oz: 0.028349523125 };

/** What became of one product in one feed. */
export interface Decision {
  sku: string;
  /** reason code when left out by a rule; undefined when selected */
  excluded?: string;
  /** each rule evaluated, in order, for `explain` */
  rules: { rule: string; matched: boolean }[];
  prepared: Prepared;
}

export interface FeedOutcome {
  decisions: Decision[];
  items: ChannelItem[];
}

/** One feed definition compiled for a run: expressions, templates, category map, channel. */
export class FeedRunner {
  readonly include?: Condition;
  readonly exclude: { when: Condition; reason: string; text: string }[];
  /** attribute, compiled template, and the canonical fields the template names */
  readonly templates: [string, Template, string[]][];
  readonly categories?: CategoryMap;
  readonly reserved: Record<string, number>;
  readonly currency: string;
  /** the catalog's time zone: sale dates without an offset are its wall time */
  readonly timeZone: string;
  readonly currencies: Currencies;
  /** the feed's part of each product's stock under the workspace's `allocation:` */
  readonly share?: StockShare;

  private constructor(
    readonly feed: FeedDefinition,
    readonly channel: ChannelRun,
    readonly ctx: ChannelContext,
    workspace: Workspace,
    isKnown: KnownNames,
  ) {
    const where = feed.file;
    this.include = feed.select?.include ? compileCondition(feed.select.include, `${where}: /select/include`, isKnown) : undefined;
    this.exclude = (feed.select?.exclude ?? []).map((rule, i) => ({
      when: compileCondition(rule.when, `${where}: /select/exclude/${i}/when`, isKnown),
      reason: rule.reason,
      text: rule.when,
    }));
    this.templates = Object.entries(feed.fields ?? {}).map(([name, text]) => [
      name,
      compileTemplate(text, `${where}: /fields/${name}`, isKnown),
      templateFields(text).filter((field) => field in CANONICAL_FIELDS),
    ]);
    this.categories = feed.categories
      ? CategoryMap.load(path.resolve(workspace.root, FEEDS_DIR, feed.categories), `${FEEDS_DIR}/${feed.categories}`)
      : undefined;
    this.reserved = workspace.config.inventory?.reserved ?? {};
    this.currency = feed.market.currency;
    this.timeZone = workspace.config.catalog.timezone ?? 'UTC';
    if (!isTimeZone(this.timeZone))
      throw new OmnifeedError(
        'CONFIG_INVALID',
        `omnifeed.yaml: /catalog/timezone: '${this.timeZone}' is not an IANA time zone (America/New_York)`,
      );
    this.currencies = Currencies.compile(feed, workspace);
    this.share = allocationShare(workspace, feed.name);
  }

  static async create(feed: FeedDefinition, workspace: Workspace, ctx: ChannelContext, isKnown: KnownNames): Promise<FeedRunner> {
    const adapter = findChannel(feed.channel)!;
    return new FeedRunner(feed, await prepareChannel(adapter, feed, ctx), ctx, workspace, isKnown);
  }

  /** Per-product allow/deny list: `google-us` or `google` allows, `!etsy` denies; an allow list names every feed it lists in. */
  private channelListAllows(product: Product): boolean {
    const list = product.channels;
    if (!list || list.length === 0) return true;
    const names = [this.feed.name, this.feed.channel];
    if (list.some((entry) => entry.startsWith('!') && names.includes(entry.slice(1)))) return false;
    const allows = list.filter((entry) => !entry.startsWith('!'));
    return allows.length === 0 || allows.some((entry) => names.includes(entry));
  }

  /** Price, stock, category and the scope expressions see. */
  prepare(product: Product, isVariant: boolean, explain = false): { prepared: Prepared; scope: Scope } {
    // RFC 3339 in the catalog's time zone: what the marketplaces' schedules take, and what the sale state compares
    if (product.sale_start || product.sale_end) product = withSaleDates(product, this.timeZone);
    const conversion = this.currencies.convert(product);
    const rate = 'from' in conversion ? conversion : undefined;
    const price = computePrice(product, this.feed.pricing ?? {}, this.currency, this.ctx.now, explain, rate);
    // converted, the product is offered in the market's currency; one the feed cannot convert keeps its own,
    // which the channels' currency-mismatch rule reports
    if (rate) product = { ...product, currency: this.currency };
    const stock = computeStock(product, this.feed.inventory ?? {}, this.reserved, explain, this.share);
    const margin = price.margin;
    // fields in one fixed order, then attributes, then derived values: one object shape for every product
    // (a spread literal here was the slowest line of a build)
    const scope = scopeFields(product);
    const attributes = product.attributes;
    for (const name in attributes) if (!(name in scope)) scope[name] = attributes[name];
    scope.offer_price = price.price ?? null;
    scope.offer_sale_price = price.sale_price ?? null;
    scope.on_sale = price.sale_active;
    scope.margin = margin ?? null;
    scope.margin_band = margin === undefined ? 'unknown' : margin >= 0.4 ? 'high' : margin >= 0.2 ? 'medium' : 'low';
    scope.stock = stock.quantity;
    scope.in_stock = stock.in_stock;
    scope.weight_kg =
      product.weight !== undefined && product.weight_unit ? Math.round(product.weight * KG[product.weight_unit] * 1000) / 1000 : null;
    scope.has_gtin = product.gtin !== undefined;
    scope.is_variant = isVariant;
    scope.feed = this.feed.name;
    scope.channel = this.feed.channel;
    scope.country = this.feed.market.country;
    const prepared: Prepared = { product, price, stock, category: this.categories?.lookup(product.category), fields: {} };
    return { prepared, scope };
  }

  /**
   * Run the selection rules on one product; the first exclusion that matches is the reason.
   * With `explain`, the decision lists every rule evaluated (not built otherwise: this runs for
   * every product of every feed).
   */
  decide(product: Product, isVariant: boolean, explain = false): Decision {
    const { prepared, scope } = this.prepare(product, isVariant, explain);
    const rules: Decision['rules'] = [];
    const note = explain ? (rule: string, matched: boolean) => void rules.push({ rule, matched }) : undefined;
    const decision: Decision = { sku: product.sku, rules, prepared };
    const allowed = this.channelListAllows(product);
    note?.(`channels list ${product.channels ? `[${product.channels.join(', ')}]` : '(none)'} allows ${this.feed.name}`, allowed);
    if (!allowed) return { ...decision, excluded: 'channel-list' };
    if (this.include) {
      const matched = this.include(scope);
      note?.(`include: ${this.feed.select!.include}`, matched);
      if (!matched) return { ...decision, excluded: 'not-included' };
    }
    for (const rule of this.exclude) {
      const matched = rule.when(scope);
      note?.(`exclude ${rule.reason}: ${rule.text}`, matched);
      if (matched) return { ...decision, excluded: rule.reason };
    }
    const floor = this.feed.pricing?.min_margin;
    if (floor !== undefined && prepared.price.margin !== undefined) {
      const below = prepared.price.margin < floor;
      note?.(`pricing.min_margin ${floor}: margin ${prepared.price.margin}`, below);
      if (below) return { ...decision, excluded: 'margin-below-floor' };
    }
    if (this.feed.inventory?.out_of_stock === 'exclude') {
      note?.('inventory.out_of_stock exclude', !prepared.stock.in_stock);
      if (!prepared.stock.in_stock) return { ...decision, excluded: 'out-of-stock' };
    }
    this.render(prepared, scope);
    const reason = this.channel.exclude?.(prepared);
    if (this.channel.exclude) note?.(`${this.feed.channel} exclusions${reason ? `: ${reason}` : ''}`, reason !== undefined);
    if (reason) return { ...decision, excluded: reason };
    return decision;
  }

  /** Render the `fields:` templates; note the canonical fields a template names that the product has no value for. */
  private render(prepared: Prepared, scope: Scope): void {
    for (const [name, template, fields] of this.templates) {
      prepared.fields[name] = template(scope);
      for (const field of fields) {
        const value = scope[field];
        if (value !== undefined && value !== null && value !== '') continue;
        prepared.gaps ??= {};
        (prepared.gaps[name] ??= []).push(field);
      }
    }
  }

  /** Select, apply the variant policy, and let the channel make and check its items; timed into `profile` when given. */
  process(group: CatalogGroup, profile?: Profile): FeedOutcome {
    const started = profile ? Profile.now() : 0;
    const isGroup = group.parent !== null;
    const decisions = group.variants.map((variant) => this.decide(variant, isGroup));
    const chosen = this.applyVariantPolicy(
      group,
      decisions.filter((d) => !d.excluded).map((d) => d.prepared),
    );
    if (chosen?.parent && decisions.length > chosen.variants.length)
      chosen.excluded = decisions.filter((d) => d.excluded).map((d) => d.prepared);
    profile?.add(`select & price: ${this.feed.name}`, started);
    if (!chosen) return { decisions, items: [] };
    const mapped = profile ? Profile.now() : 0;
    const items = this.channel.items(chosen);
    profile?.add(`map & validate: ${this.feed.name}`, mapped);
    return { decisions, items };
  }

  private applyVariantPolicy(group: CatalogGroup, selected: Prepared[]): ListingGroup | null {
    if (selected.length === 0) return null;
    if (!group.parent) return { parent: null, variants: selected, varies: [] };
    const policy = this.feed.variants ?? 'all';
    const lowest = () => selected.reduce((a, b) => ((b.price.price ?? Infinity) < (a.price.price ?? Infinity) ? b : a));
    if (policy === 'cheapest') return { parent: null, variants: [lowest()], varies: [] };
    if (policy === 'first-in-stock') return { parent: null, variants: [selected.find((p) => p.stock.in_stock) ?? selected[0]], varies: [] };
    const { prepared: parent, scope } = this.prepare(group.parent, false);
    this.render(parent, scope);
    if (policy === 'parent-only') {
      // one listing: the parent row, at its cheapest selected variant's price, with their summed stock
      const quantity = selected.reduce((sum, p) => sum + p.stock.quantity, 0);
      parent.price = lowest().price;
      parent.stock = {
        quantity,
        in_stock: quantity > 0,
        available: selected.reduce((sum, p) => sum + (p.stock.available ?? 0), 0),
        steps: [{ step: `sum of ${selected.length} selected variants`, value: quantity }],
      };
      return { parent: null, variants: [parent], varies: [] };
    }
    return { parent, variants: selected, varies: varyingAttributes(group.variants) };
  }
}

/** The variant attributes whose values differ across a group, in canonical order. */
function varyingAttributes(variants: Product[]): VariantAttribute[] {
  return VARIANT_ATTRIBUTES.filter((name) => new Set(variants.map((v) => v[name])).size > 1);
}

/**
 * Names an expression may use on any product: fields, derived values, and the catalog's
 * columns (a JSON catalog has no header: any name may be an attribute).
 */
export function knownNames(columns: ReadonlySet<string> | undefined): KnownNames {
  const isKnown = (name: string) => name in CANONICAL_FIELDS || name in DERIVED_FIELDS || !columns?.size || columns.has(name);
  return Object.assign(isKnown, { candidates: () => [...FIELD_NAMES, ...Object.keys(DERIVED_FIELDS), ...(columns ?? [])] });
}
