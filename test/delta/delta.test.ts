import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { Ajv } from 'ajv';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { supplementalName } from '../../src/channels/google/delta.js';
import { build } from '../../src/commands/build.js';
import { publish } from '../../src/commands/publish.js';
import type { RunReport } from '../../src/report.js';
import { requestSchema, type Schema } from '../helpers/etsy-openapi.js';
import { demoWorkspace, NOW, specsDir } from '../helpers/workspace.js';
import { amazonOps, ebayRows, editCsv, ndjson, tsvRows, type AmazonDoc } from './helpers.js';
import { AmazonStore, applySupplemental, EbayStore, EtsyStore, googleOffers } from './stores.js';

const FEEDS = ['amazon-us', 'ebay-us', 'etsy', 'google-us'];
const amazonSchemaFile = path.join(specsDir, 'amazon/listings-feed-schema-v2.json');
const etsySpecFile = path.join(specsDir, 'etsy/etsy-openapi-v3.json');
for (const file of [amazonSchemaFile, etsySpecFile])
  if (!existsSync(file)) console.warn(`delta conformance skipped: ${file} is not present (CI checks the specs out beside the repository)`);
const IDS_FILE = 'feeds/ebay-item-ids.csv';

/** What one night's build wrote, read into memory. */
interface Night {
  report: RunReport;
  amazon: AmazonDoc;
  ebay: string;
  etsy: string;
  google: string;
  supplemental?: string;
}

type Workspace = ReturnType<typeof demoWorkspace>;

function readNight(ws: Workspace, report: RunReport): Night {
  const supplemental = path.join(ws.dir, 'out', supplementalName('google-us.xml'));
  return {
    report,
    amazon: JSON.parse(ws.read('out/amazon-us.json')) as AmazonDoc,
    ebay: ws.read('out/ebay-us.csv'),
    etsy: ws.read('out/etsy.ndjson'),
    google: ws.read('out/google-us.xml'),
    ...(existsSync(supplemental) ? { supplemental: readFileSync(supplemental, 'utf8') } : {}),
  };
}

/** Night 2: prices, stock, titles, a new variant, products gone or now excluded by a rule. */
const night2Catalog = (text: string) =>
  editCsv(
    text,
    (row) => {
      if (row.SKU === 'GEN-003') return null; // gone from the catalog
      if (row.SKU === 'GEN-001') return { ...row, Price: '31.00' };
      if (row.SKU === 'HTML-SPEAKER-1') return { ...row, Price: '85.00' };
      if (row.SKU === 'MUG-HM-1') return { ...row, Price: '34.00' };
      if (row.SKU === 'GEN-002') return { ...row, Title: `${row.Title} Pro` };
      if (row.SKU === 'SCARF-HM-2') return { ...row, Title: 'Hand-knitted Undyed Alpaca Scarf' };
      if (row.SKU === 'GEN-004') return { ...row, Cost: '45.00' }; // margin-below-floor now
      if (row.SKU === 'BOOK-EN-2') return { ...row, Status: 'inactive' }; // not-included now
      return row;
    },
    { 'TEE-100-NAV-L': (row) => ({ ...row, SKU: 'TEE-100-NAV-XL', Size: 'XL', GTIN: '' }) },
  );
const night2Stock = (text: string) =>
  editCsv(text, (row) => {
    if (row.sku === 'GEN-005' && row.location === 'warehouse') return { ...row, quantity: '4' };
    if (row.sku === 'CANDLE-HM-3' && row.location === 'warehouse') return { ...row, quantity: '0' }; // out of stock: Etsy leaves it out
    return row;
  });
/** Night 3: the candle is back in stock, the book active again. */
const night3Catalog = (text: string) => editCsv(text, (row) => (row.SKU === 'BOOK-EN-2' ? { ...row, Status: 'active' } : row));
const night3Stock = (text: string) =>
  editCsv(text, (row) => (row.sku === 'CANDLE-HM-3' && row.location === 'warehouse' ? { ...row, quantity: '14' } : row));

describe('delta feeds over three nights (the demo workspace)', () => {
  /** builds with --delta and publishes, night after night */
  const ws = demoWorkspace();
  /** the same catalog built in full, night after night: what the store must end up with */
  const full = demoWorkspace();
  const nights: Night[] = [];
  const fulls: Night[] = [];
  /** when each night's publish ran */
  const published: string[] = [];
  /** the ItemIDs eBay gave the listings added so far, as its upload results would */
  const itemIds = new Map<string, string>();
  let nextId = 310000000001;
  const assign = (sku: string) => {
    if (!itemIds.has(sku)) itemIds.set(sku, String(nextId++));
    return itemIds.get(sku)!;
  };

  const night = async (edit?: { catalog: (t: string) => string; stock: (t: string) => string }) => {
    for (const w of [ws, full]) {
      if (!edit) continue;
      w.write('examples/catalog.csv', edit.catalog(w.read('examples/catalog.csv')));
      w.write('examples/inventory.csv', edit.stock(w.read('examples/inventory.csv')));
    }
    const report = await build({ cwd: ws.dir, feeds: FEEDS, now: NOW, delta: true });
    const n = readNight(ws, report);
    nights.push(n);
    published.push((await publish({ cwd: ws.dir, feeds: FEEDS })).feeds[0].at);
    // eBay's results of the upload: an ItemID for each listing added
    for (const row of ebayRows(n.ebay).rows) if (row.Action === 'Add') assign(row.CustomLabel);
    ws.write(IDS_FILE, `sku,item_id\n${[...itemIds].map(([sku, id]) => `${sku},${id}`).join('\n')}\n`);
    fulls.push(readNight(full, await build({ cwd: full.dir, feeds: FEEDS, now: NOW })));
  };

  beforeAll(async () => {
    ws.write('feeds/ebay-us.yaml', ws.read('feeds/ebay-us.yaml').replace('options:\n', `options:\n  ebay_item_ids: ${IDS_FILE}\n`));
    await night();
    await night({ catalog: night2Catalog, stock: night2Stock });
    await night({ catalog: night3Catalog, stock: night3Stock });
  }, 120_000);
  afterAll(() => {
    ws.dispose();
    full.dispose();
  });

  const delta = (n: number, feed: string) => nights[n].report.feeds.find((f) => f.feed === feed)!.delta!;

  it('sends everything as new on the first publish', () => {
    expect(Object.values(amazonOps(nights[0].amazon)).every((op) => op === 'UPDATE')).toBe(true);
    expect(nights[0].amazon.messages).toEqual(fulls[0].amazon.messages);
    expect(
      ebayRows(nights[0].ebay)
        .rows.filter((r) => r.Action !== '')
        .map((r) => r.Action),
    ).toEqual(
      ebayRows(fulls[0].ebay)
        .rows.filter((r) => r.Action !== '')
        .map(() => 'Add'),
    );
    expect(ndjson<{ op: string }>(nights[0].etsy).map((l) => l.op)).toEqual(ndjson(fulls[0].etsy).map(() => 'create'));
    expect(nights[0].google).toBe(fulls[0].google);
    expect(tsvRows(nights[0].supplemental!)).toEqual([]);
    for (const feed of FEEDS) expect(delta(0, feed).base).toBeNull();
  });

  it('night 2: Amazon gets PATCH for offer-only changes, UPDATE for others and the new variant, DELETE for what left', () => {
    expect(amazonOps(nights[1].amazon)).toEqual({
      'GEN-001': 'PATCH replace:list_price,replace:purchasable_offer', // price
      'HTML-SPEAKER-1': 'PATCH replace:list_price,replace:purchasable_offer',
      'MUG-HM-1': 'PATCH replace:list_price,replace:purchasable_offer',
      'GEN-005': 'PATCH replace:fulfillment_availability', // stock 11 -> 4
      'CANDLE-HM-3': 'PATCH replace:fulfillment_availability', // stock 14 -> 0 (kept: out_of_stock keep)
      'GEN-002': 'UPDATE', // title
      'SCARF-HM-2': 'UPDATE', // title
      'TEE-100-NAV-XL': 'UPDATE', // a new child of TEE-100, which is unchanged
      'GEN-003': 'DELETE', // gone from the catalog
      'GEN-004': 'DELETE', // margin-below-floor now
    });
    const child = nights[1].amazon.messages.find((m) => m.sku === 'TEE-100-NAV-XL')!;
    expect(child.attributes!.child_parent_sku_relationship).toEqual([
      { child_relationship_type: 'variation', parent_sku: 'TEE-100', marketplace_id: 'ATVPDKIKX0DER' },
    ]);
    expect(child).toEqual(fulls[1].amazon.messages.find((m) => m.sku === 'TEE-100-NAV-XL'));
    const patch = nights[1].amazon.messages.find((m) => m.sku === 'GEN-005')!;
    const offer = fulls[1].amazon.messages.find((m) => m.sku === 'GEN-005')!;
    expect(patch.patches![0].value).toEqual(offer.attributes!.fulfillment_availability);
  });

  it('night 2: eBay gets Revise rows with only the changed columns, and End rows', () => {
    const { header, rows } = ebayRows(nights[1].ebay);
    // every record as wide as the header (read strictly), which has the full feed's columns, ItemID and EndCode
    expect([...header].sort()).toEqual([...ebayRows(fulls[1].ebay).header, 'ItemID', 'EndCode'].sort());
    expect(header[0]).toMatch(/^\*Action\(SiteID=US\|Country=US\|Currency=USD/);
    expect(rows.every((r) => ['Add', 'Revise', 'End', ''].includes(r.Action))).toBe(true);
    const filled = rows.map((row) => Object.fromEntries(Object.entries(row).filter(([, v]) => v !== '')));
    expect(filled).toEqual([
      // the new variant: the listing's values, and the variation's row
      { Action: 'Revise', ItemID: itemIds.get('TEE-100'), RelationshipDetails: 'Color=Red;Navy|Size=S;M;L;XL' },
      {
        Relationship: 'Variation',
        RelationshipDetails: 'Color=Navy|Size=XL',
        CustomLabel: 'TEE-100-NAV-XL',
        StartPrice: '30.99',
        Quantity: '2',
      },
      // a price: that column only
      { Action: 'Revise', ItemID: itemIds.get('HTML-SPEAKER-1'), StartPrice: '106.99' },
      // not-included now
      { Action: 'End', ItemID: itemIds.get('BOOK-EN-2'), EndCode: 'NotAvailable' },
    ]);
  });

  it('night 2: Etsy gets updates and a deactivation', () => {
    const lines = ndjson<Record<string, unknown>>(nights[1].etsy);
    expect(lines.map((l) => [l.op, l.sku, Object.keys(l).filter((k) => k !== 'op' && k !== 'sku')])).toEqual([
      ['update', 'MUG-HM-1', ['inventory']], // a price: the inventory only
      ['update', 'SCARF-HM-2', ['listing']], // a title: no inventory
      ['deactivate', 'CANDLE-HM-3', ['listing']], // out of stock: left out of the feed
    ]);
    expect(lines[0].inventory).toMatchObject({
      products: [{ sku: 'MUG-HM-1', offerings: [{ price: 35.99, quantity: 6, is_enabled: true }] }],
    });
    expect(lines[1].listing).toEqual({ title: 'Hand-knitted Undyed Alpaca Scarf' });
    expect(lines[2].listing).toEqual({ state: 'inactive' });
  });

  it('night 2: Google keeps a full primary feed and a supplemental feed of price and stock changes', () => {
    expect(nights[1].google).toBe(fulls[1].google);
    // GEN-005's stock changed but it stays in stock: Google's availability is unchanged, so it has no row
    expect(tsvRows(nights[1].supplemental!)).toEqual([
      { id: 'MUG-HM-1', price: '34.99 USD', sale_price: '', availability: 'in_stock' },
      { id: 'CANDLE-HM-3', price: '18.99 USD', sale_price: '', availability: 'out_of_stock' },
      { id: 'HTML-SPEAKER-1', price: '85.99 USD', sale_price: '', availability: 'in_stock' },
      { id: 'GEN-001', price: '31.99 USD', sale_price: '', availability: 'in_stock' },
    ]);
  });

  it('night 2: the run report names each removal with its reason', () => {
    expect(delta(1, 'amazon-us')).toEqual({
      base: published[0],
      operations: { UPDATE: 3, PATCH: 5, DELETE: 2 },
      removed: { 'not-in-catalog': 1, 'margin-below-floor': 1 },
      removed_samples: ['GEN-004 margin-below-floor', 'GEN-003 not-in-catalog'],
    });
    expect(delta(1, 'ebay-us')).toMatchObject({ operations: { Add: 0, Revise: 2, End: 1 }, removed: { 'not-included': 1 } });
    expect(delta(1, 'etsy')).toMatchObject({
      operations: { create: 0, update: 2, deactivate: 1 },
      removed_samples: ['CANDLE-HM-3 out-of-stock'],
    });
    expect(delta(1, 'google-us')).toMatchObject({
      operations: { added: 1, supplemental: 4, removed: 3 },
      removed: { 'not-in-catalog': 1, 'margin-below-floor': 1, 'not-included': 1 },
    });
  });

  it('night 3: a deactivated Etsy listing comes back as an update, an ended eBay listing as an Add', () => {
    expect(ndjson(nights[2].etsy)).toEqual([
      {
        op: 'update',
        sku: 'CANDLE-HM-3',
        listing: { state: 'active' },
        inventory: {
          products: [
            {
              sku: 'CANDLE-HM-3',
              property_values: [],
              offerings: [{ price: 18.99, quantity: 14, is_enabled: true, readiness_state_id: 1402345678 }],
            },
          ],
          price_on_property: [],
          quantity_on_property: [],
          sku_on_property: [],
          readiness_state_on_property: [],
        },
      },
    ]);
    const rows = ebayRows(nights[2].ebay).rows;
    expect(rows.map((r) => [r.Action, r.CustomLabel, r.ItemID])).toEqual([['Add', 'BOOK-EN-2', '']]);
    const cells = (row: Record<string, string>) => Object.fromEntries(Object.entries(row).filter(([, v]) => v !== ''));
    expect(cells(rows[0])).toEqual(cells(ebayRows(fulls[2].ebay).rows.find((r) => r.CustomLabel === 'BOOK-EN-2')!));
    expect(amazonOps(nights[2].amazon)).toEqual({ 'CANDLE-HM-3': 'PATCH replace:fulfillment_availability' });
  });

  it.skipIf(!existsSync(amazonSchemaFile))("validates every Amazon delta against Amazon's listings feed schema", () => {
    const validate = new Ajv({ allErrors: true, strict: false }).compile(JSON.parse(readFileSync(amazonSchemaFile, 'utf8')));
    for (const [i, n] of nights.entries())
      expect({ night: i + 1, errors: validate(n.amazon) ? null : validate.errors }).toEqual({ night: i + 1, errors: null });
    // the schema is not empty: a PATCH without patches is refused
    const bad = structuredClone(nights[1].amazon);
    delete bad.messages.find((m) => m.operationType === 'PATCH')!.patches;
    expect(validate(bad)).toBe(false);
  });

  it.skipIf(!existsSync(etsySpecFile))("validates every Etsy delta body against Etsy's OpenAPI document", () => {
    const doc = JSON.parse(readFileSync(etsySpecFile, 'utf8')) as Schema;
    const ajv = new Ajv({ allErrors: true, strict: false });
    const update = requestSchema(doc, 'updateListing', 'application/x-www-form-urlencoded');
    const inventory = ajv.compile(requestSchema(doc, 'updateListingInventory', 'application/json'));
    const updateListing = ajv.compile(update);
    const fields = Object.keys(update.properties as Schema);
    const lines = nights.slice(1).flatMap((n) => ndjson<{ op: string; sku: string; listing?: Schema; inventory?: unknown }>(n.etsy));
    expect(lines.length).toBeGreaterThan(3);
    for (const { op, sku, listing, inventory: body } of lines) {
      if (listing) {
        expect({ sku, errors: updateListing(listing) ? null : updateListing.errors }).toEqual({ sku, errors: null });
        expect({ sku, op, unknown: Object.keys(listing).filter((k) => !fields.includes(k)) }).toEqual({ sku, op, unknown: [] });
      }
      if (body) expect({ sku, errors: inventory(body) ? null : inventory.errors }).toEqual({ sku, errors: null });
    }
    expect(updateListing({ state: 'sold' })).toBe(false);
  });

  it('full feed + deltas leave each store as a full feed of the last catalog would', () => {
    // the nights changed what the stores hold: the first night's stores are not the last catalog's
    expect(new AmazonStore().apply(nights[0].amazon).listings).not.toEqual(new AmazonStore().apply(fulls[2].amazon).listings);
    expect(new EtsyStore().apply(nights[0].etsy).active()).not.toEqual(EtsyStore.ofFull(fulls[2].etsy));
    const amazon = new AmazonStore();
    for (const n of nights) amazon.apply(n.amazon);
    expect(Object.fromEntries(amazon.listings)).toEqual(Object.fromEntries(new AmazonStore().apply(fulls[2].amazon).listings));

    const ebay = new EbayStore();
    for (const n of nights) ebay.apply(n.ebay, assign);
    expect(ebay.bySku()).toEqual(new EbayStore().apply(fulls[2].ebay, (sku) => `full-${sku}`).bySku());

    const etsy = new EtsyStore();
    for (const n of nights) etsy.apply(n.etsy);
    expect(etsy.active()).toEqual(EtsyStore.ofFull(fulls[2].etsy));

    for (const i of [1, 2]) {
      const before = googleOffers(nights[i - 1].google);
      const after = applySupplemental(before, nights[i].supplemental!);
      const expected = googleOffers(fulls[i].google);
      for (const [id, offer] of after) if (expected.has(id)) expect({ id, offer }).toEqual({ id, offer: expected.get(id) });
    }
  });
});
