/**
 * A product or variant group -> eBay CSV rows (pure: the rules check them). A variant group is
 * one listing row and one `Relationship=Variation` row per variant; the listing is assembled
 * from the variations that passed their checks.
 */
import type { ListingGroup, Prepared } from '../../model.js';
import { mapCondition } from '../kit/condition.js';
import { readGtin } from '../kit/gtin.js';
import { imageUrls } from '../product.js';
import { cutAtWord, escapeXml, looksLikeHtml } from '../text.js';
import type { Draft } from '../types.js';
import { columnKey } from './columns.js';
import { relationshipDetails } from './csv.js';
import { CONDITION_IDS, CONDITIONS, LIMITS, VARIATION_KEYS, VARIATION_NAMES } from './spec.js';
import type { EbayContext, EbayItem, Row } from './types.js';

/** The eBay identifier column of a GTIN: UPC for 12 digits (or 13 with a leading 0), ISBN for 978/979, EAN otherwise. */
export function identifier(gtin: string): [string, string] | undefined {
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

/** The price eBay lists: the sale price while the sale runs. */
export const listedPrice = (v: Prepared) => (v.price.sale_active && v.price.sale_price !== undefined ? v.price.sale_price : v.price.price);

const CONDITION_CODES = Object.keys(CONDITION_IDS);

/** The ConditionID of a product's condition word (or id); undefined when eBay has none. */
export function conditionId(condition: string | undefined): string | undefined {
  return mapCondition(CONDITIONS, CONDITION_CODES, condition ?? 'new');
}

/** The variation values of a variant, by eBay variation name (trimmed). */
export const variationValues = (v: Prepared, group: ListingGroup) =>
  group.varies.map((a) => ({ name: VARIATION_NAMES[a], value: (v.product[a] ?? '').trim() }));

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
function offer(v: Prepared): Row {
  const p = v.product;
  const row: Row = { CustomLabel: p.sku };
  const price = listedPrice(v);
  if (price !== undefined && price > 0) row.StartPrice = price.toFixed(2);
  row.Quantity = String(v.stock.quantity);
  const gtin = p.gtin ? readGtin(p.gtin) : undefined;
  const id = gtin?.gtin && !gtin.problem ? identifier(gtin.gtin) : undefined;
  if (id) row[id[0]] = id[1];
  for (const [name, value] of Object.entries(v.fields)) {
    const k = columnKey(name);
    if (!VARIATION_KEYS.has(k)) continue;
    if (value === '') delete row[k];
    else row[k] = value;
  }
  return row;
}

/** eBay renders the description as HTML: plain text is escaped and its line breaks kept as <br>. */
const descriptionHtml = (text: string) =>
  // split before escaping: escapeXml turns a carriage return into &#13;
  looksLikeHtml(text) ? text : text.split(/\r?\n/).map(escapeXml).join('<br>\n');

/** the listing columns: category, title, condition, description, pictures, policies */
function listing(v: Prepared, images: string[], { options }: EbayContext): Row {
  const p = v.product;
  const row: Row = { Action: options.action ?? 'Add', Format: 'FixedPrice', Duration: 'GTC' };
  if (v.category) row.Category = v.category.id;
  if (p.title) row.Title = p.title;
  const condition = conditionId(p.condition);
  if (condition) row.ConditionID = condition;
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
  if (row.Description) row.Description = descriptionHtml(row.Description);
  return row;
}

function variation(v: Prepared, group: ListingGroup, parent: Draft<EbayItem>): Draft<EbayItem> {
  const values = variationValues(v, group);
  const row: Row = {
    ...offer(v),
    Relationship: 'Variation',
    RelationshipDetails: relationshipDetails(Object.fromEntries(values.map((x) => [x.name, x.value]))),
  };
  return { sku: v.product.sku, item: { rows: [row] }, group, offers: [v], variants: [v], parent };
}

export function mapGroup(group: ListingGroup, ctx: EbayContext): Draft<EbayItem>[] {
  if (group.parent && group.varies.length > 0) {
    const head: Draft<EbayItem> = {
      sku: group.parent.product.sku,
      item: { rows: [] },
      group,
      listing: group.parent,
      offers: [],
      assembled: true,
    };
    return [head, ...group.variants.map((v) => variation(v, group, head))];
  }
  return group.variants.map((v) => ({
    sku: v.product.sku,
    item: { rows: [{ ...listing(v, imageUrls(v.product), ctx), ...specifics(v), ...offer(v) }] },
    group,
    listing: v,
    offers: [v],
    // a group that varies in nothing is listed item by item: identical listings all the same (variant-not-distinct)
    ...(group.parent ? { variants: [v] } : {}),
  }));
}

/**
 * The listing row of a variant group, from the variations that passed their checks: the
 * parent's pictures then theirs while there is room, the item specifics they share (those that
 * differ go on the variation rows), and every value of each variation name.
 */
export function assemble(draft: Draft<EbayItem>, children: Draft<EbayItem>[], ctx: EbayContext): void {
  const parent = draft.listing!;
  const good = children.map((c) => ({ v: c.offers[0], row: c.item.rows[0] }));
  const images = imageUrls(parent.product);
  for (const { v } of good) {
    const image = v.product.image_url;
    if (image && !images.includes(image) && images.length < LIMITS.pictures) images.push(image);
  }
  const head: Row = { ...listing(parent, images, ctx), CustomLabel: draft.sku };
  const names = draft.group.varies.map((a) => VARIATION_NAMES[a]);
  const specs = good.map(({ v }) => specifics(v));
  const variationKeys = new Set(names.map((n) => `C:${n}`));
  for (const k of new Set(specs.flatMap((s) => Object.keys(s)))) {
    if (variationKeys.has(k)) continue;
    const values = new Set(specs.map((s) => s[k] ?? ''));
    if (values.size === 1) head[k] = specs[0][k] ?? '';
    else good.forEach(({ row }, i) => specs[i][k] && (row[k] = specs[i][k]));
  }
  const distinct = names.map((_, i) => [...new Set(good.map(({ v }) => variationValues(v, draft.group)[i].value))]);
  head.RelationshipDetails = relationshipDetails(Object.fromEntries(names.map((n, i) => [n, distinct[i]])));
  draft.item.rows = [head, ...good.map((g) => g.row)];
  draft.variants = good.map((g) => g.v);
}

/** What the file holds of an item: only the layout's columns, and no empty cells. */
export function fit(item: EbayItem, ctx: EbayContext): void {
  item.rows = item.rows.map((row) =>
    Object.fromEntries(Object.entries(row).filter(([k, v]) => ctx.columns.has(k) && v !== undefined && v !== '')),
  );
}

/** Cut a title to the limit at the last word boundary (at a character boundary when there is none). */
export const truncateTitle = (title: string, limit: number = LIMITS.title) => cutAtWord(title, limit, /[\s,;:–—-]+$/u);
