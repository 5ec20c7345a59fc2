import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { build } from '../../../src/commands/build.js';
import type { FeedReport } from '../../../src/report.js';
import { demoWorkspace, NOW } from '../../helpers/workspace.js';

interface Message {
  messageId: number;
  sku: string;
  operationType: string;
  productType?: string;
  requirements?: string;
  attributes?: Record<string, Record<string, unknown>[]>;
}

describe('amazon feed of the demo catalog', () => {
  const ws = demoWorkspace();
  let report: FeedReport;
  let text: string;
  let doc: { header: Record<string, unknown>; messages: Message[] };

  beforeAll(async () => {
    const run = await build({ cwd: ws.dir, feeds: ['amazon-us'], now: NOW, env: {} });
    report = run.feeds[0];
    text = ws.read('out/amazon-us.json');
    doc = JSON.parse(text);
  });
  afterAll(() => ws.dispose());

  it('matches the golden file', async () => {
    await expect(text).toMatchFileSnapshot('__golden__/amazon-us.json');
  });

  it('is one JSON envelope with the header and one message per listed SKU, numbered from 1', () => {
    expect(report.files).toEqual(['out/amazon-us.json']);
    expect(doc.header).toEqual({
      sellerId: 'A1DEMOSELLER00',
      version: '2.0',
      issueLocale: 'en_US',
      report: { includedData: ['issues'], apiVersion: '2021-08-01' },
    });
    expect(doc.messages).toHaveLength(report.listed);
    expect(doc.messages.map((m) => m.messageId)).toEqual(doc.messages.map((_, i) => i + 1));
    expect(new Set(doc.messages.map((m) => m.sku)).size).toBe(doc.messages.length);
  });

  it('puts every parent before its children, and every child after a listed parent', () => {
    const seen = new Set<string>();
    for (const m of doc.messages) {
      const parentSku = m.attributes?.child_parent_sku_relationship?.[0]?.parent_sku as string | undefined;
      if (parentSku) expect(seen.has(parentSku), `${m.sku} comes after ${parentSku}`).toBe(true);
      seen.add(m.sku);
    }
    const tee = doc.messages.find((m) => m.sku === 'TEE-100')!;
    expect(tee).toMatchObject({ productType: 'SHIRT', requirements: 'LISTING_PRODUCT_ONLY' });
    expect(tee.attributes!.variation_theme).toEqual([{ name: 'SIZE_NAME/COLOR_NAME' }]);
    expect(tee.attributes!.purchasable_offer).toBeUndefined();
    const child = doc.messages.find((m) => m.sku === 'TEE-100-RED-M')!;
    expect(child.attributes!.color[0].value).toBe('Red');
    expect(child.attributes!.size[0].value).toBe('M');
    expect(child.attributes!.externally_assigned_product_identifier).toEqual([
      { type: 'ean', value: '0614141001026', marketplace_id: 'ATVPDKIKX0DER' },
    ]);
  });

  it('maps prices, sale schedules, stock, images, weights and origin with their selectors', () => {
    const hoodie = doc.messages.find((m) => m.sku === 'HOOD-200-BLA-M')!;
    const offer = hoodie.attributes!.purchasable_offer[0] as {
      currency: string;
      marketplace_id: string;
      our_price: unknown;
      discounted_price: unknown;
    };
    expect(offer.currency).toBe('USD');
    expect(offer.marketplace_id).toBe('ATVPDKIKX0DER');
    // 59.00 + 8% markup, 15% fee passed on, rounded up to .99; the sale 49.00 the same way
    expect(offer.our_price).toEqual([{ schedule: [{ value_with_tax: 74.99 }] }]);
    expect(offer.discounted_price).toEqual([
      { schedule: [{ value_with_tax: 62.99, start_at: '2026-11-20T00:00:00Z', end_at: '2026-11-30T23:59:59Z' }] },
    ]);
    expect(hoodie.attributes!.fulfillment_availability).toEqual([
      { fulfillment_channel_code: 'DEFAULT', quantity: 4, lead_time_to_ship_max_days: 2 },
    ]);
    expect(hoodie.attributes!.merchant_shipping_group).toEqual([{ value: 'Migrated Template', marketplace_id: 'ATVPDKIKX0DER' }]);
    expect(hoodie.attributes!.country_of_origin).toEqual([{ value: 'PT', marketplace_id: 'ATVPDKIKX0DER' }]);
    const mug = doc.messages.find((m) => m.sku === 'MUG-HM-1')!;
    expect(mug.attributes!.item_package_weight).toEqual([{ value: 450, unit: 'grams', marketplace_id: 'ATVPDKIKX0DER' }]);
    expect(mug.attributes!.supplier_declared_has_product_identifier_exemption).toEqual([{ value: true, marketplace_id: 'ATVPDKIKX0DER' }]);
    expect(mug.attributes!.bullet_point.map((b) => b.value)).toEqual(['Food safe glaze', 'Dishwasher safe']);
    expect(mug.attributes!.main_product_image_locator).toEqual([
      { media_location: 'https://cdn.example.com/img/mug-hm-1.jpg', marketplace_id: 'ATVPDKIKX0DER' },
    ]);
    const camera = doc.messages.find((m) => m.sku === 'VINT-CAM-1')!;
    expect(camera.attributes!.condition_type).toEqual([{ value: 'used_good', marketplace_id: 'ATVPDKIKX0DER' }]);
    const tea = doc.messages.find((m) => m.sku === 'TEA-JP-1')!;
    expect(tea.attributes!.item_name[0]).toEqual({
      value: 'Kyoto Leaf 抹茶 Matcha Tea Set Green',
      language_tag: 'en_US',
      marketplace_id: 'ATVPDKIKX0DER',
    });
  });

  it('leaves out and reports what Amazon would refuse', () => {
    expect(report.invalid).toMatchObject({
      'gtin-check-digit': 1,
      'gtin-restricted': 1,
      'category-unmapped': 1,
      'variant-missing-attribute': 1,
    });
    const skus = new Set(doc.messages.map((m) => m.sku));
    for (const sku of ['GRINDER-1', 'BEANS-STORE-1', 'MISC-1', 'DRESS-300-NOSIZE', 'DRAFT-TENT-1', 'STOVE-CI-1', 'ONLY-ETSY-1'])
      expect(skus.has(sku), sku).toBe(false);
    expect(report.issues.find((i) => i.sku === 'DRESS-300-NOSIZE' && i.severity === 'error')).toMatchObject({
      rule: 'variant-missing-attribute',
      field: 'size',
    });
  });
});
