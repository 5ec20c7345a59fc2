/**
 * The fidelity edge cases (issue 12): a catalog of products that marketplaces would refuse,
 * disapprove or wrongly leave out (test/fixtures/fidelity), built into all four channels (the
 * Amazon conformance suite validates the same feed against Amazon's schemas). For
 * every product and feed, the rules it trips; the feeds are then read back with independent
 * parsers: a product with an error is not in the file, every other one is, as the marketplace
 * needs it.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { XMLParser } from 'fast-xml-parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { build } from '../../src/commands/build.js';
import type { RunReport } from '../../src/report.js';
import { fixtureWorkspace, NOW, repoRoot } from '../helpers/workspace.js';

type Feed = 'google' | 'amazon' | 'ebay' | 'etsy';
const FEEDS: Feed[] = ['google', 'amazon', 'ebay', 'etsy'];

/** the 71 sizes of one Etsy listing: Etsy takes at most 70 values of a property, eBay 60 */
const MANY = Array.from({ length: 71 }, (_, i) => `MANY-${String(i + 1).padStart(2, '0')}`);

/** SKU -> feed -> the rule ids of its issues (sorted); a feed not named: no issues there. */
const EXPECTED: Record<string, Partial<Record<Feed, string[]>>> = {
  'OK-1': { amazon: ['product-type-schema-missing'] },
  'GTIN-ZERO': { google: ['gtin-placeholder'], amazon: ['gtin-placeholder'], ebay: ['gtin-placeholder'] },
  'GTIN-UPCE': {},
  // a free product is never priced by fees or rounding (0.00 became 0.99)
  'PRICE-ZERO': { google: ['price-missing'], amazon: ['price-missing', 'purchasable-offer-missing'], ebay: ['price-missing'] },
  'SALE-ZERO': { google: ['sale-price-zero'], amazon: ['sale-price-zero'], ebay: ['sale-price-zero'] },
  'SALE-ABOVE': {
    google: ['sale-price-not-below-price'],
    amazon: ['sale-price-not-below-price'],
    ebay: ['sale-price-not-below-price'],
  },
  'SALE-BACKWARDS': { google: ['sale-window-invalid'], amazon: ['sale-window-invalid'], ebay: ['sale-window-invalid'] },
  // `2026-11-20 08:00` made Google drop the item: sent as RFC 3339 in the catalog's time zone
  'SALE-TIME': {},
  // Google's editorial requirements and Amazon's title policy: promotions refused, `!` removed, shouting refused on Google
  'TITLE-PROMO': { google: ['title-capitals', 'title-promotional'], amazon: ['title-promotional'] },
  'TITLE-BANG': { google: ['title-characters-removed'], amazon: ['title-characters-removed'] },
  'TITLE-CAPS': { google: ['title-capitals'] },
  // `open box` is `used` on Google, as on Amazon and eBay
  'OPEN-BOX': {},
  'BRAND-MISSING': { google: ['brand-missing'], amazon: ['brand-missing'] },
  'DESC-LONG': { google: ['description-truncated'] },
  'IMG-SPACE': { google: ['image-url-encoded'], amazon: ['image-url-encoded'], ebay: ['image-url-encoded'] },
  'IMG-NONE': { google: ['image-missing'], amazon: ['image-missing'], ebay: ['image-missing'] },
  'EBAY-ACTIVE': {
    google: ['description-html-removed'],
    amazon: ['description-html-removed'],
    ebay: ['description-active-content-removed'],
  },
  'TEXT-ENTITIES': { google: ['description-html-removed'], amazon: ['description-html-removed'] },
  'TEXT-CONTROL': { google: ['text-invalid-characters'], amazon: ['text-invalid-characters'] },
  // Amazon without a product type definition still checks what every type requires
  'AMZ-NO-BULLETS': { amazon: ['bullet-point-missing', 'country-of-origin-missing'] },
  // a group whose variants are the same in every attribute, and one whose colours differ only in case
  SAME: {},
  'SAME-1': {},
  'SAME-2': { google: ['variant-not-distinct'], amazon: ['variant-not-distinct'], ebay: ['variant-not-distinct'] },
  NAVY: {},
  'NAVY-1': {},
  'NAVY-2': { google: ['variant-not-distinct'], amazon: ['variant-not-distinct'], ebay: ['variant-not-distinct'] },
  'ETSY-OK': {},
  // marked handmade without a maker: reported as missing, not left out as ineligible
  'HANDMADE-NOWHO': { etsy: ['when-made-missing', 'who-made-missing'] },
  'ETSY-PRICEY': { etsy: ['price-above-maximum'] },
  // a combining accent is outside Etsy's title characters
  'ETSY-MARK': { etsy: ['title-invalid-characters'] },
  MANY: { ebay: ['variation-too-many-values'], etsy: ['variation-values-too-many'] },
  ...Object.fromEntries(MANY.map((sku) => [sku, {}])),
};

/** products a feed leaves out before any check, and why (the report counts them by reason) */
const HANDMADE = ['ETSY-OK', 'HANDMADE-NOWHO', 'ETSY-PRICEY', 'ETSY-MARK', 'MANY', ...MANY];
const EXCLUDED: Record<Feed, Record<string, string>> = {
  google: {},
  amazon: {},
  ebay: {},
  etsy: Object.fromEntries(
    Object.keys(EXPECTED)
      .filter((sku) => !HANDMADE.includes(sku) && !['SAME', 'NAVY'].includes(sku))
      .map((sku) => [sku, 'not-etsy-eligible']),
  ),
};

/** products without errors that are not in a file of their own: where they are instead */
const ELSEWHERE: Record<Feed, string[]> = {
  // Google lists the variants of a group, not their parent
  google: ['SAME', 'NAVY', 'MANY'],
  amazon: [],
  // a group that varies in nothing is listed item by item; MANY's variations go with their listing's error
  ebay: ['SAME', ...MANY],
  etsy: ['SAME', 'NAVY', ...MANY],
};

let ws: ReturnType<typeof fixtureWorkspace>;
let report: RunReport;
const read = (file: string) => ws.read(`out/${file}`);

/** the SKUs each feed file holds, read back with a parser of its format */
const listed: Record<Feed, () => Map<string, unknown>> = {
  google: () => {
    const doc = new XMLParser({ isArray: (name) => name === 'item', parseTagValue: false }).parse(read('google.xml'));
    return new Map(doc.rss.channel.item.map((i: Record<string, unknown>) => [i['g:id'], i]));
  },
  amazon: () => new Map(JSON.parse(read('amazon.json')).messages.map((m: { sku: string }) => [m.sku, m])),
  ebay: () => {
    const [, header, ...rows] = parse(read('ebay.csv'), { bom: true }) as string[][];
    const sku = header.indexOf('CustomLabel');
    return new Map(rows.map((r) => [r[sku], Object.fromEntries(header.map((h, i) => [h.replace(/^\*/, ''), r[i]]))]));
  },
  etsy: () =>
    new Map(
      read('etsy.ndjson')
        .split('\n')
        .filter(Boolean)
        .map((line) => JSON.parse(line))
        .flatMap((line) => [[line.sku, line], ...(line.inventory?.products ?? []).map((p: { sku: string }) => [p.sku, line])]),
    ),
};

beforeAll(async () => {
  ws = fixtureWorkspace('fidelity');
  report = await build({ cwd: ws.dir, now: NOW, env: {} });
});
afterAll(() => ws.dispose());

describe('the fidelity edge cases', () => {
  it('has an expectation for every product of the catalog', () => {
    const skus = readFileSync(path.join(repoRoot, 'test/fixtures/fidelity/catalog.csv'), 'utf8')
      .split('\n')
      .slice(1)
      .filter(Boolean)
      .map((line) => line.split(',')[0]);
    expect(skus.sort()).toEqual(Object.keys(EXPECTED).sort());
    expect(report.catalog.errors).toBe(0);
  });

  describe.each(FEEDS)('%s', (feed) => {
    const issuesOf = (sku: string) => report.feeds.find((f) => f.feed === feed)!.issues.filter((i) => i.sku === sku);

    it.each(Object.keys(EXPECTED))('%s trips exactly the expected rules', (sku) => {
      expect([...new Set(issuesOf(sku).map((i) => i.rule))].sort()).toEqual((EXPECTED[sku][feed] ?? []).sort());
    });

    it('writes the products without errors that it does not leave out, and only those', () => {
      const skus = listed[feed]();
      for (const sku of Object.keys(EXPECTED)) {
        const failed = issuesOf(sku).some((i) => i.severity === 'error');
        const absent = failed || EXCLUDED[feed][sku] !== undefined || ELSEWHERE[feed].includes(sku);
        expect(skus.has(sku), `${sku}: ${failed ? 'errors' : (EXCLUDED[feed][sku] ?? 'listed')}`).toBe(!absent);
      }
      const reasons: Record<string, number> = {};
      for (const reason of Object.values(EXCLUDED[feed])) reasons[reason] = (reasons[reason] ?? 0) + 1;
      expect(report.feeds.find((f) => f.feed === feed)!.excluded).toEqual(reasons);
    });
  });

  it('sends only sales below the price, with RFC 3339 dates in the catalog time zone', () => {
    const google = listed.google() as Map<string, Record<string, string>>;
    expect(google.get('SALE-TIME')).toMatchObject({
      'g:price': '50.00 USD',
      'g:sale_price': '40.00 USD',
      'g:sale_price_effective_date': '2026-11-20T08:00:00-05:00/2026-11-30T20:00:00-05:00',
    });
    for (const sku of ['SALE-ABOVE', 'SALE-BACKWARDS']) expect(google.get(sku)!['g:sale_price'], sku).toBeUndefined();
    const offer = (sku: string) =>
      (listed.amazon().get(sku) as { attributes: { purchasable_offer: Record<string, unknown>[] } }).attributes.purchasable_offer[0];
    expect(offer('SALE-TIME').discounted_price).toEqual([
      { schedule: [{ value_with_tax: 40, start_at: '2026-11-20T08:00:00-05:00', end_at: '2026-11-30T20:00:00-05:00' }] },
    ]);
    expect(offer('SALE-ABOVE').discounted_price).toBeUndefined();
    // eBay lists the sale price while the sale runs, else the price
    const ebay = listed.ebay() as Map<string, Record<string, string>>;
    expect([ebay.get('SALE-TIME')!.StartPrice, ebay.get('SALE-ABOVE')!.StartPrice]).toEqual(['40.00', '20.00']);
  });

  it('sends a UPC-E as its 12-digit UPC-A', () => {
    expect((listed.google().get('GTIN-UPCE') as Record<string, string>)['g:gtin']).toBe('042100005264');
    const amazon = listed.amazon().get('GTIN-UPCE') as { attributes: Record<string, { type: string; value: string }[]> };
    expect(amazon.attributes.externally_assigned_product_identifier[0]).toMatchObject({ type: 'upc', value: '042100005264' });
    expect((listed.ebay().get('GTIN-UPCE') as Record<string, string>)['P:UPC']).toBe('042100005264');
  });

  it('sends titles, conditions, descriptions and image URLs as the marketplaces take them', () => {
    const google = listed.google() as Map<string, Record<string, string>>;
    expect(google.get('TITLE-BANG')!.title).toBe('Stoneware Bowl');
    expect(google.get('OPEN-BOX')!['g:condition']).toBe('used');
    expect(google.get('TEXT-ENTITIES')!.description).toBe('Glazed \u2013 caf\u00e9 style\u2026\nImpedance 32');
    expect(google.get('TEXT-CONTROL')!.title).toBe('Stoneware Soap Dish');
    const long = google.get('DESC-LONG')!.description;
    expect(long.length).toBeLessThanOrEqual(5000);
    expect(long.length).toBeGreaterThan(4900);
    expect(long).toMatch(/ word\d$/);
    expect(google.get('IMG-SPACE')!['g:image_link']).toBe('https://cdn.example.com/blue%20vase.jpg');

    type Message = { attributes: Record<string, Record<string, string>[]> };
    const amazon = (sku: string) => (listed.amazon().get(sku) as Message).attributes;
    expect(amazon('TEXT-CONTROL').item_name[0].value).toBe('Stoneware Soap Dish');
    expect(amazon('TEXT-CONTROL').product_description[0].value).toBe('A soap dish.');
    expect(amazon('IMG-SPACE').main_product_image_locator[0].media_location).toBe('https://cdn.example.com/blue%20vase.jpg');
    expect(amazon('TITLE-BANG').item_name[0].value).toBe('Stoneware Bowl');

    const ebay = listed.ebay() as Map<string, Record<string, string>>;
    expect(ebay.get('EBAY-ACTIVE')!.Description).toBe('<p>A salad bowl. <a>See more</a></p>');
    expect(ebay.get('IMG-SPACE')!.PicURL).toBe('https://cdn.example.com/blue%20vase.jpg');
    expect(ebay.get('NAVY')!.RelationshipDetails).toBe('Color=Navy');
  });
});
