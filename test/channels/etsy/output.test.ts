import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EtsyLine } from '../../../src/channels/etsy/index.js';
import { build } from '../../../src/commands/build.js';
import type { FeedReport } from '../../../src/report.js';
import { demoWorkspace, NOW, repoRoot } from '../../helpers/workspace.js';

/** Each line read back on its own with JSON.parse; the file ends with a newline. */
function readLines(text: string): EtsyLine[] {
  expect(text.endsWith('\n')).toBe(true);
  return text
    .slice(0, -1)
    .split('\n')
    .map((line) => JSON.parse(line) as EtsyLine);
}

describe('etsy feed of the demo catalog', () => {
  const ws = demoWorkspace();
  let text: string;
  let lines: EtsyLine[];
  let report: FeedReport;

  beforeAll(async () => {
    const run = await build({ cwd: ws.dir, feeds: ['etsy'], now: NOW });
    report = run.feeds[0];
    text = ws.read('out/etsy.ndjson');
    lines = readLines(text);
  });
  afterAll(() => ws.dispose());

  it('matches the golden file', async () => {
    await expect(text).toMatchFileSnapshot('__golden__/etsy.ndjson');
  });

  it('lists the handmade and vintage products, one line each, and leaves out the rest with a reason', () => {
    expect(lines.map((l) => l.sku)).toEqual(['MUG-HM-1', 'SCARF-HM-2', 'CANDLE-HM-3', 'EARR-HM-4', 'VINT-LAMP-2', 'ONLY-ETSY-1']);
    expect(report.listed).toBe(lines.length);
    // the feed's own rules come first: the out-of-stock kettle is not-etsy-eligible too, but its reason is out-of-stock
    expect(report.excluded).toEqual({ 'not-etsy-eligible': 53, 'out-of-stock': 2, 'not-included': 1 });
    expect(report.invalid).toEqual({});
  });

  it('writes createDraftListing bodies with real values', () => {
    const bySku = new Map(lines.map((l) => [l.sku, l]));
    expect(bySku.get('MUG-HM-1')).toEqual({
      sku: 'MUG-HM-1',
      listing: expect.objectContaining({
        quantity: 6,
        price: 33.99,
        who_made: 'i_did',
        when_made: 'made_to_order',
        taxonomy_id: 891,
        is_supply: false,
        type: 'physical',
        item_weight: 450,
        item_weight_unit: 'g',
        materials: ['Stoneware'],
      }),
      inventory: null,
      images: ['https://cdn.example.com/img/mug-hm-1.jpg'],
    });
    expect(bySku.get('VINT-LAMP-2')!.listing).toMatchObject({ who_made: 'someone_else', when_made: '1960s', quantity: 1 });
    // a when_made of 2025's buckets goes into 2026's, with a warning; an over-long tag is split
    expect(bySku.get('SCARF-HM-2')!.listing.when_made).toBe('2020_2026');
    expect(bySku.get('SCARF-HM-2')!.listing.tags!.slice(0, 5)).toEqual([
      'scarf',
      'alpaca',
      'hand knitted',
      'winter accessories',
      'for cold days',
    ]);
    expect(report.warned).toEqual({ 'when-made-rebucketed': 1, 'tag-split': 1 });
    for (const { listing } of lines) {
      expect(listing).toMatchObject({ shipping_profile_id: 186012345, readiness_state_id: 1402345678, return_policy_id: 1003456789 });
      expect(listing.tags!.length).toBeLessThanOrEqual(13);
    }
  });

  it('maps every category to an id of its map', () => {
    const map = readFileSync(path.join(repoRoot, 'feeds/maps/etsy.csv'), 'utf8');
    for (const { listing } of lines) expect(map).toContain(`,${listing.taxonomy_id},`);
  });
});

describe('etsy feed of the demo catalog with the bad-input rows', () => {
  const ws = demoWorkspace();
  let lines: EtsyLine[];
  let fixed: FeedReport;
  let strict: FeedReport;

  beforeAll(async () => {
    ws.write(
      'examples/catalog.csv',
      ws.read('examples/catalog.csv') + readFileSync(path.join(repoRoot, 'test/fixtures/etsy/catalog-rows.csv'), 'utf8'),
    );
    ws.write(
      'feeds/etsy-strict.yaml',
      ws
        .read('feeds/etsy.yaml')
        .replace('path: etsy.ndjson', 'path: etsy-strict.ndjson')
        .replace('fix: { titles: true, tags: true }', 'fix: { titles: false, tags: false }'),
    );
    const run = await build({ cwd: ws.dir, feeds: ['etsy', 'etsy-strict'], now: NOW });
    [fixed, strict] = run.feeds;
    lines = readLines(ws.read('out/etsy.ndjson'));
  });
  afterAll(() => ws.dispose());

  it('matches the golden file', async () => {
    await expect(ws.read('out/etsy.ndjson')).toMatchFileSnapshot('__golden__/etsy-bad-input.ndjson');
  });

  it('leaves out a factory-made product routed to Etsy, with its reason', () => {
    // FACTORY-1 names no maker; RESOLD-1 says someone else made it this decade: neither is handmade, vintage or a supply
    expect(fixed.excluded['not-etsy-eligible']).toBe(55);
    expect(lines.some((l) => l.sku === 'FACTORY-1' || l.sku === 'RESOLD-1')).toBe(false);
    expect(fixed.invalid).not.toHaveProperty(['not-etsy-eligible']);
  });

  it('leaves out a group with a parenthesis in a variation value', () => {
    expect(fixed.invalid['variation-value-parentheses']).toBe(1);
    expect(fixed.issues.filter((i) => i.rule === 'variation-value-parentheses').map((i) => i.sku)).toEqual(['RING-HM-6-7', 'RING-HM-6-8']);
    expect(lines.some((l) => l.sku.startsWith('RING-HM-6'))).toBe(false);
  });

  it('fixes 30 tags and a title with three & when the feed allows it, as warnings', () => {
    const bySku = new Map(lines.map((l) => [l.sku, l]));
    expect(bySku.get('TAGS-30')!.listing.tags).toEqual(Array.from({ length: 13 }, (_, i) => `scent ${i + 1}`));
    expect(bySku.get('AMP-3')!.listing.title).toBe('Salt & Pepper and Oil and Vinegar Cruet Set');
    expect(bySku.get('AMP-3')!.listing.tags).toContain('salt pepper');
    expect(fixed.warned).toMatchObject({ 'tags-dropped': 1, 'title-repeated-character-replaced': 1, 'tag-characters-removed': 1 });
  });

  it('refuses the same problems as errors when the feed does not allow fixes', () => {
    expect(strict.invalid).toMatchObject({ 'tags-too-many': 1, 'title-repeated-character': 1, 'tag-too-long': 1 });
    expect(strict.listed).toBe(fixed.listed - 3);
  });

  it('writes a variant group as one listing with every variant in its inventory', () => {
    const hat = lines.find((l) => l.sku === 'HAT-HM-5')!;
    expect(hat.listing).toMatchObject({ title: 'Hand-knitted Merino Beanie', quantity: 11, price: 39.99 });
    const inv = hat.inventory!;
    expect(
      inv.products.map((p) => [p.sku, p.property_values.map((v) => v.values[0]), p.offerings[0].quantity, p.offerings[0].is_enabled]),
    ).toEqual([
      ['HAT-HM-5-OAT-S', ['Oatmeal', 'S'], 4, true],
      ['HAT-HM-5-OAT-L', ['Oatmeal', 'L'], 0, false],
      ['HAT-HM-5-RUS-S', ['Rust', 'S'], 2, true],
      ['HAT-HM-5-RUS-L', ['Rust', 'L'], 5, true],
    ]);
    expect(inv.products.map((p) => p.offerings[0].price)).toEqual([39.99, 44.99, 39.99, 44.99]);
    expect(inv).toMatchObject({
      price_on_property: [514],
      quantity_on_property: [513, 514],
      sku_on_property: [513, 514],
      readiness_state_on_property: [],
    });
  });
});
