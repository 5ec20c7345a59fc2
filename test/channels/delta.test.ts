/** The channels' delta writers, case by case: what one listing's change becomes. */
import { describe, expect, it } from 'vitest';
import { amazonDelta } from '../../src/channels/amazon/delta.js';
import type { AmazonMessage } from '../../src/channels/amazon/index.js';
import type { AmazonContext } from '../../src/channels/amazon/types.js';
import { ebayDelta } from '../../src/channels/ebay/delta.js';
import type { EbayContext, EbayItem } from '../../src/channels/ebay/types.js';
import { defaultLayout } from '../../src/channels/ebay/columns.js';
import { etsyDelta } from '../../src/channels/etsy/delta.js';
import type { EtsyContext, EtsyLine } from '../../src/channels/etsy/types.js';
import type { ChannelDelta } from '../../src/channels/types.js';
import { memoryFiles, readCsv } from './ebay/helpers.js';

async function run<Item>(
  delta: ChannelDelta<Item>,
  steps: (w: ReturnType<ChannelDelta<Item>['open']>) => unknown,
  ids: Record<string, string> = {},
) {
  const files = memoryFiles();
  const writer = delta.open(files, { remoteId: (key) => ids[key] });
  await steps(writer);
  const counts = await writer.close();
  return { counts, text: [...files.text.values()].join('') };
}

describe('Amazon delta messages', () => {
  const ctx = { feed: { output: { path: 'amazon.json' } }, header: { sellerId: 'S', version: '2.0' } } as unknown as AmazonContext;
  const offer = (price: number) => [{ currency: 'USD', marketplace_id: 'M', our_price: [{ schedule: [{ value_with_tax: price }] }] }];
  const message = (attributes: Record<string, unknown[]>, extra: Partial<AmazonMessage> = {}): AmazonMessage => ({
    sku: 'A-1',
    operationType: 'UPDATE',
    productType: 'PRODUCT',
    requirements: 'LISTING',
    attributes: {
      item_name: [{ value: 'Bottle' }],
      purchasable_offer: offer(20),
      fulfillment_availability: [{ quantity: 3 }],
      ...attributes,
    },
    ...extra,
  });
  const sent = async (now: AmazonMessage, before: AmazonMessage | null | undefined) => {
    const { text } = await run(amazonDelta(ctx), (w) => w.change(now, before));
    return (JSON.parse(text) as { messages: Record<string, unknown>[] }).messages.map(({ messageId: _, ...m }) => m);
  };

  it.each([
    ['a price', message({ purchasable_offer: offer(18) }), [{ op: 'replace', path: '/attributes/purchasable_offer', value: offer(18) }]],
    [
      'a quantity',
      message({ fulfillment_availability: [{ quantity: 0 }] }),
      [{ op: 'replace', path: '/attributes/fulfillment_availability', value: [{ quantity: 0 }] }],
    ],
    [
      'a list price gone with the sale',
      message({ purchasable_offer: offer(18) }),
      [
        { op: 'replace', path: '/attributes/purchasable_offer', value: offer(18) },
        { op: 'delete', path: '/attributes/list_price' },
      ],
      message({ list_price: [{ value: 20 }] }),
    ],
  ])('%s alone is a PATCH', async (_, now, patches, before = message({})) => {
    expect(await sent(now, before)).toEqual([{ sku: 'A-1', operationType: 'PATCH', productType: 'PRODUCT', patches }]);
  });

  it.each([
    ['a title', message({ item_name: [{ value: 'Steel bottle' }], purchasable_offer: offer(18) }), message({})],
    ['the product type', message({}, { productType: 'BOTTLE' }), message({})],
    ['a price, when the last item is not known', message({ purchasable_offer: offer(18) }), null],
    ['a new SKU', message({}), undefined],
  ])('%s is the full UPDATE', async (_, now, before) => {
    expect(await sent(now, before)).toEqual([now]);
  });

  it('a SKU that left is a DELETE; nothing to send is no file', async () => {
    const { text, counts } = await run(amazonDelta(ctx), (w) => w.remove(message({}), 'A-1'));
    expect(JSON.parse(text).messages).toEqual([{ messageId: 1, sku: 'A-1', operationType: 'DELETE' }]);
    expect(counts).toEqual({ UPDATE: 0, PATCH: 0, DELETE: 1 });
    expect(await run(amazonDelta(ctx), () => undefined)).toEqual({ counts: { UPDATE: 0, PATCH: 0, DELETE: 0 }, text: '' });
  });
});

describe('eBay delta rows', () => {
  const layout = defaultLayout('US', 'US', 'USD');
  const ctx = {
    feed: { name: 'ebay-us', output: { path: 'ebay.csv' }, market: { country: 'US' } },
    options: {},
    site: 'US',
    currency: 'USD',
    layout,
  } as unknown as EbayContext;
  const delta = ebayDelta(ctx, { root: '/nonexistent', now: new Date(), env: {} });
  const listing = (head: Record<string, string>, variations: Record<string, string>[] = []): EbayItem => ({
    rows: [
      { Action: 'Add', CustomLabel: 'TEE', Title: 'Tee', StartPrice: '20.00', Quantity: '3', ...head },
      ...variations.map((v) => ({ Relationship: 'Variation', ...v })),
    ],
  });
  const rows = async (now: EbayItem, before: EbayItem | null) =>
    readCsv((await run(delta, (w) => w.change(now, before), { TEE: '110000000001' })).text).rows.map((r) =>
      Object.fromEntries(Object.entries(r).filter(([, v]) => v !== '')),
    );

  it('revises only the columns that changed', async () => {
    expect(await rows(listing({ StartPrice: '18.00' }), listing({}))).toEqual([
      { Action: 'Revise', ItemID: '110000000001', StartPrice: '18.00' },
    ]);
  });

  it('revises a variation that changed, adds one that came, and sets one that went to quantity 0', async () => {
    const red = { CustomLabel: 'TEE-R', RelationshipDetails: 'Color=Red', StartPrice: '20.00', Quantity: '3' };
    const blue = { CustomLabel: 'TEE-B', RelationshipDetails: 'Color=Blue', StartPrice: '20.00', Quantity: '2' };
    const green = { CustomLabel: 'TEE-G', RelationshipDetails: 'Color=Green', StartPrice: '21.00', Quantity: '1' };
    const now = listing({ RelationshipDetails: 'Color=Red;Green', StartPrice: '', Quantity: '' }, [{ ...red, Quantity: '5' }, green]);
    const before = listing({ RelationshipDetails: 'Color=Red;Blue', StartPrice: '', Quantity: '' }, [red, blue]);
    expect(await rows(now, before)).toEqual([
      { Action: 'Revise', ItemID: '110000000001', RelationshipDetails: 'Color=Red;Green' },
      { Relationship: 'Variation', RelationshipDetails: 'Color=Red', Quantity: '5' },
      { Relationship: 'Variation', RelationshipDetails: 'Color=Green', CustomLabel: 'TEE-G', StartPrice: '21.00', Quantity: '1' },
      { Relationship: 'Variation', RelationshipDetails: 'Color=Blue', Quantity: '0' },
    ]);
  });

  it('adds a new listing, ends one that left, and refuses a revision without an ItemID', async () => {
    const { text, counts } = await run(
      delta,
      async (w) => {
        await w.change(listing({ CustomLabel: 'NEW' }), undefined);
        await w.remove(listing({}), 'TEE');
      },
      { TEE: '110000000001' },
    );
    expect(readCsv(text).rows.map((r) => [r.Action, r.CustomLabel, r.ItemID, r.EndCode])).toEqual([
      ['Add', 'NEW', '', ''],
      ['End', '', '110000000001', 'NotAvailable'],
    ]);
    expect(counts).toEqual({ Add: 1, Revise: 0, End: 1 });
    await expect(run(delta, (w) => w.change(listing({ Title: 'Tee 2' }), listing({})))).rejects.toThrow(
      /ITEM_IDS_MISSING|no ItemID \(TEE\)/,
    );
  });
});

describe('Etsy delta lines', () => {
  const ctx = { feed: { output: { path: 'etsy.ndjson' } } } as unknown as EtsyContext;
  const line = (listing: Partial<EtsyLine['listing']> = {}, images = ['https://cdn.example.com/a.jpg']): EtsyLine => ({
    sku: 'MUG',
    listing: {
      title: 'Mug',
      description: 'A mug.',
      price: 20,
      quantity: 3,
      who_made: 'i_did',
      when_made: 'made_to_order',
      taxonomy_id: 1,
      is_supply: false,
      type: 'physical',
      ...listing,
    },
    inventory: null,
    images,
  });
  const lines = async (now: EtsyLine, before: EtsyLine | null | undefined, inactive?: boolean) =>
    (await run(etsyDelta(ctx), (w) => w.change(now, before, inactive))).text
      .split('\n')
      .filter(Boolean)
      .map((l) => JSON.parse(l));
  const inventory = (price: number, quantity: number) => ({
    products: [{ sku: 'MUG', property_values: [], offerings: [{ price, quantity, is_enabled: quantity > 0 }] }],
    price_on_property: [],
    quantity_on_property: [],
    sku_on_property: [],
  });

  it.each([
    ['a title: the field only', line({ title: 'Big mug' }), line(), [{ op: 'update', sku: 'MUG', listing: { title: 'Big mug' } }]],
    ['a price: the inventory only', line({ price: 22 }), line(), [{ op: 'update', sku: 'MUG', inventory: inventory(22, 3) }]],
    [
      'images: the images only',
      line({}, ['https://cdn.example.com/b.jpg']),
      line(),
      [{ op: 'update', sku: 'MUG', images: ['https://cdn.example.com/b.jpg'] }],
    ],
    ['nothing Etsy stores', line(), line(), []],
  ])('%s', async (_, now, before, expected) => {
    expect(await lines(now, before)).toEqual(expected);
  });

  it('a listing that comes back is activated with its inventory; a new one is created; one that left is deactivated', async () => {
    expect(await lines(line(), line({ quantity: 0 }), true)).toEqual([
      { op: 'update', sku: 'MUG', listing: { state: 'active' }, inventory: inventory(20, 3) },
    ]);
    expect(await lines(line(), undefined)).toEqual(
      [{ op: 'create', ...line(), inventory: undefined }].map((l) => JSON.parse(JSON.stringify(l))),
    );
    const { text } = await run(etsyDelta(ctx), (w) => w.remove(line(), 'MUG'));
    expect(JSON.parse(text)).toEqual({ op: 'deactivate', sku: 'MUG', listing: { state: 'inactive' } });
  });
});
