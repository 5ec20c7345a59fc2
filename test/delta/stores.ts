/**
 * Each marketplace's store simulated as a map of listing -> fields, by what its feed files say
 * (CHANNELS.md §1.4): a full feed and then the deltas applied in order must leave the store as a
 * full feed of the last catalog alone would.
 */
import { XMLParser } from 'fast-xml-parser';
import type { EtsyLine } from '../../src/channels/etsy/index.js';
import type { EtsyDeltaLine } from '../../src/channels/etsy/delta.js';
import { ebayRows, ndjson, tsvRows, type AmazonDoc } from './helpers.js';

type Row = Record<string, string>;

/** Amazon: SKU -> product type, requirements and attributes. UPDATE replaces, PATCH changes attributes, DELETE removes. */
export class AmazonStore {
  readonly listings = new Map<string, { productType?: string; requirements?: string; attributes: Record<string, unknown[]> }>();

  apply(doc: AmazonDoc): this {
    for (const m of doc.messages) {
      if (m.operationType === 'UPDATE')
        this.listings.set(m.sku, { productType: m.productType, requirements: m.requirements, attributes: m.attributes! });
      else if (m.operationType === 'DELETE') this.listings.delete(m.sku);
      else if (m.operationType === 'PATCH') {
        const listing = this.listings.get(m.sku);
        if (!listing) throw new Error(`PATCH of ${m.sku}, which the store does not have`);
        const attributes = { ...listing.attributes };
        for (const p of m.patches!) {
          const name = p.path.replace('/attributes/', '');
          if (p.op === 'delete') delete attributes[name];
          else attributes[name] = p.value!;
        }
        this.listings.set(m.sku, { ...listing, attributes });
      } else throw new Error(`unexpected operation ${m.operationType}`);
    }
    return this;
  }
}

interface EbayListing {
  sku: string;
  head: Row;
  variations: Map<string, Row>;
}

const filled = (row: Row, leave: string[]) => Object.fromEntries(Object.entries(row).filter(([k, v]) => v !== '' && !leave.includes(k)));
const HEAD_LEAVE = ['Action', 'ItemID', 'EndCode', 'Relationship'];

/** eBay: ItemID -> listing row and variation rows. Add creates (eBay assigns the ItemID), Revise merges the cells given, End ends. */
export class EbayStore {
  readonly listings = new Map<string, EbayListing>();

  /** `assign`: the ItemID eBay gives a new listing, by its SKU */
  apply(text: string, assign: (sku: string) => string): this {
    let current: EbayListing | undefined;
    for (const row of ebayRows(text).rows) {
      if (row.Action === '' && row.Relationship === 'Variation') {
        if (!current) throw new Error('a variation row without its listing');
        const old = current.variations.get(row.RelationshipDetails) ?? {};
        current.variations.set(row.RelationshipDetails, { ...old, ...filled(row, [...HEAD_LEAVE, 'RelationshipDetails']) });
      } else if (row.Action === 'Add') {
        current = { sku: row.CustomLabel, head: filled(row, HEAD_LEAVE), variations: new Map() };
        this.listings.set(assign(row.CustomLabel), current);
      } else if (row.Action === 'Revise') {
        current = this.listings.get(row.ItemID);
        if (!current) throw new Error(`Revise of ItemID ${row.ItemID}, which the store does not have`);
        current.head = { ...current.head, ...filled(row, HEAD_LEAVE) };
      } else if (row.Action === 'End') {
        if (row.EndCode !== 'NotAvailable') throw new Error(`EndCode ${row.EndCode}`);
        if (!this.listings.delete(row.ItemID)) throw new Error(`End of ItemID ${row.ItemID}, which the store does not have`);
        current = undefined;
      } else throw new Error(`unexpected Action '${row.Action}'`);
    }
    return this;
  }

  /** SKU -> listing columns and variations (sorted), what a comparison looks at */
  bySku(): Record<string, { head: Row; variations: [string, Row][] }> {
    return Object.fromEntries(
      [...this.listings.values()].map((l) => [
        l.sku,
        { head: l.head, variations: [...l.variations].sort(([a], [b]) => a.localeCompare(b)) },
      ]),
    );
  }
}

interface EtsyListingState {
  fields: Record<string, unknown>;
  offers: unknown;
  images: string[];
  state: 'active' | 'inactive';
}

/** The offerings of a full line: its inventory, or the single product's price and quantity. */
const offersOf = (line: EtsyLine) =>
  (
    line.inventory?.products ?? [
      { sku: line.sku, property_values: [], offerings: [{ price: line.listing.price, quantity: line.listing.quantity }] },
    ]
  ).map((p) => ({ sku: p.sku, values: p.property_values.map((v) => v.values), offers: p.offerings.map((o) => [o.price, o.quantity]) }));

const withoutOffer = ({ price: _price, quantity: _quantity, ...rest }: Record<string, unknown>) => rest;

/** Etsy: SKU -> listing fields, inventory, images, state. create adds, update merges fields and replaces the inventory, deactivate sets inactive. */
export class EtsyStore {
  readonly listings = new Map<string, EtsyListingState>();

  apply(text: string): this {
    for (const line of ndjson<EtsyDeltaLine>(text)) {
      const existing = this.listings.get(line.sku);
      if (line.op === 'create') {
        if (existing) throw new Error(`a second listing for ${line.sku}`);
        const full = line as unknown as EtsyLine;
        this.listings.set(line.sku, {
          fields: withoutOffer({ ...full.listing }),
          offers: offersOf(full),
          images: full.images,
          state: 'active',
        });
        continue;
      }
      if (!existing) throw new Error(`${line.op} of ${line.sku}, which the store does not have`);
      const { state, ...fields } = line.listing ?? {};
      Object.assign(existing.fields, fields);
      if (state) existing.state = state;
      if (line.inventory) existing.offers = offersOf({ sku: line.sku, inventory: line.inventory } as EtsyLine);
      if (line.images) existing.images = line.images;
    }
    return this;
  }

  /** the active listings */
  active(): Record<string, Omit<EtsyListingState, 'state'>> {
    return Object.fromEntries(
      [...this.listings]
        .filter(([, l]) => l.state === 'active')
        .map(([sku, { fields, offers, images }]) => [sku, { fields, offers, images }]),
    );
  }

  static ofFull(text: string): Record<string, Omit<EtsyListingState, 'state'>> {
    return Object.fromEntries(
      ndjson<EtsyLine>(text).map((line) => [
        line.sku,
        { fields: withoutOffer({ ...line.listing }), offers: offersOf(line), images: line.images },
      ]),
    );
  }
}

/** Google: id -> the offer attributes of a primary RSS feed; a supplemental feed's rows replace them. */
export function googleOffers(rss: string): Map<string, Row> {
  const doc = new XMLParser({ parseTagValue: false }).parse(rss) as { rss: { channel: { item: Record<string, string>[] } } };
  const items = [doc.rss.channel.item].flat();
  return new Map(
    items.map((item) => [
      item['g:id'],
      { price: item['g:price'] ?? '', sale_price: item['g:sale_price'] ?? '', availability: item['g:availability'] ?? '' },
    ]),
  );
}

export function applySupplemental(offers: Map<string, Row>, tsv: string): Map<string, Row> {
  const next = new Map(offers);
  for (const { id, ...row } of tsvRows(tsv)) {
    if (!next.has(id)) throw new Error(`supplemental row for ${id}, which the primary feed does not have`);
    next.set(id, row);
  }
  return next;
}
