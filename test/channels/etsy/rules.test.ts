import { describe, expect, it } from 'vitest';
import { etsy, etsyRules } from '../../../src/channels/etsy/index.js';
import type { ListingGroup, Prepared } from '../../../src/model.js';
import { NOW } from '../../helpers/workspace.js';
import { feed, group, itemsOf, prepared, ruleIds, single } from './helpers.js';

const fix = feed({ shipping_profile_id: 11, fix: { titles: true, tags: true } });
const thirtyTags = Array.from({ length: 30 }, (_, i) => `tag ${i + 1}`);

/** [case, product, feed, expected `rule@sku:field/severity`] */
const cases: [string, Prepared, ReturnType<typeof feed>, string[]][] = [
  ['a complete handmade product', prepared(), feed(), []],
  ['a vintage product someone else made', prepared({ who_made: 'someone_else', when_made: '1970s' }), feed(), []],
  ['a year that is vintage', prepared({ who_made: 'someone_else', when_made: '1972' }), feed(), []],
  [
    'a craft supply someone else made this year',
    prepared({ who_made: 'someone_else', when_made: '2026' }, { fields: { is_supply: 'yes' } }),
    feed(),
    [],
  ],
  ['no who_made', prepared({ who_made: undefined }), feed(), ['who-made-missing@SKU-1:who_made/error']],
  ['an unknown who_made', prepared({ who_made: 'factory' }), feed(), ['who-made-invalid@SKU-1:who_made/error']],
  ['who_made in words', prepared({ who_made: 'I did' }), feed(), []],
  ['no when_made', prepared({ when_made: undefined }), feed(), ['when-made-missing@SKU-1:when_made/error']],
  ['an unknown when_made', prepared({ when_made: 'last week' }), feed(), ['when-made-invalid@SKU-1:when_made/error']],
  ["last year's bucket", prepared({ when_made: '2020_2025' }), feed(), ['when-made-rebucketed@SKU-1:when_made/warning']],
  [
    'a bucket pinned to 2025 by the feed',
    prepared({ when_made: '2020_2025' }),
    feed({ shipping_profile_id: 11, when_made_year: 2025 }),
    [],
  ],
  ['no title', prepared({ title: undefined }), feed(), ['title-missing@SKU-1:title/error']],
  [
    'a title with three &',
    prepared({ title: 'Salt & Pepper & Oil & Vinegar Set' }),
    feed(),
    ['title-repeated-character@SKU-1:title/error'],
  ],
  [
    'a title with three &, fixed',
    prepared({ title: 'Salt & Pepper & Oil & Vinegar Set' }),
    fix,
    ['title-repeated-character-replaced@SKU-1:title/warning'],
  ],
  ['a title with % : + once each', prepared({ title: 'Mug: 100% Clay + Glaze & Love' }), feed(), []],
  ['a title with an emoji', prepared({ title: 'Soap 🧼 Bar' }), feed(), ['title-invalid-characters@SKU-1:title/error']],
  ['a title of 141 characters', prepared({ title: 'a'.repeat(141) }), feed(), ['title-too-long@SKU-1:title/error']],
  ['a title of 141 characters, fixed', prepared({ title: 'a'.repeat(141) }), fix, ['title-truncated@SKU-1:title/warning']],
  ['a title in Japanese and Greek', prepared({ title: '抹茶 Matcha Ελαιόλαδο ™' }), feed(), []],
  ['no description', prepared({ description: undefined }), feed(), ['description-missing@SKU-1:description/error']],
  [
    'HTML in the description',
    prepared({ description: '<p>Thrown <b>by hand</b></p>' }),
    feed(),
    ['description-html-removed@SKU-1:description/warning'],
  ],
  ['30 tags', prepared({ tags: thirtyTags }), feed(), ['tags-too-many@SKU-1:tags/error']],
  ['30 tags, fixed', prepared({ tags: thirtyTags }), fix, ['tags-dropped@SKU-1:tags/warning']],
  ['a tag of 21 characters', prepared({ tags: ['twenty one characters'] }), feed(), ['tag-too-long@SKU-1:tags/error']],
  ['a tag with & in it', prepared({ tags: ['salt & pepper'] }), feed(), ['tag-invalid-characters@SKU-1:tags/error']],
  ["a tag with - and '", prepared({ tags: ["mother's day", 'hand-made'] }), feed(), []],
  ['a tag given twice', prepared({ tags: ['mug', 'Mug'] }), feed(), ['tag-duplicate@SKU-1:tags/warning']],
  [
    '14 materials',
    prepared({ material: Array.from({ length: 14 }, (_, i) => `m${i}`).join(', ') }),
    feed(),
    ['materials-too-many@SKU-1:materials/error'],
  ],
  ['a material of 46 characters', prepared({ material: 'm'.repeat(46) }), feed(), ['material-too-long@SKU-1:materials/error']],
  ['a material with %', prepared({ material: '100% cotton' }), feed(), ['material-invalid-characters@SKU-1:materials/error']],
  ['three styles', prepared({}, { fields: { styles: 'Boho, Rustic, Modern' } }), feed(), ['styles-too-many@SKU-1:styles/error']],
  ['a style with -', prepared({}, { fields: { styles: 'Mid-century' } }), feed(), ['style-invalid-characters@SKU-1:styles/error']],
  ['no price', { ...prepared(), price: { sale_active: false, currency: 'USD', steps: [] } }, feed(), ['price-missing@SKU-1:price/error']],
  [
    'a price of 0.19 USD',
    { ...prepared(), price: { price: 0.19, sale_active: false, currency: 'USD', steps: [] } },
    feed(),
    ['price-below-minimum@SKU-1:price/error'],
  ],
  [
    'a price above 50,000 USD (Etsy help)',
    { ...prepared(), price: { price: 50_000.01, sale_active: false, currency: 'USD', steps: [] } },
    feed(),
    ['price-above-maximum@SKU-1:price/error'],
  ],
  ['a price of 50,000 USD', { ...prepared(), price: { price: 50_000, sale_active: false, currency: 'USD', steps: [] } }, feed(), []],
  // Etsy's title class has no combining marks: a decomposed é is sent composed, a lone mark is refused
  ['a title with a decomposed accent', prepared({ title: 'Cafe\u0301 Mug' }), feed(), []],
  [
    'a title with a combining mark on its own',
    prepared({ title: 'Mug \u0301 Set' }),
    feed(),
    ['title-invalid-characters@SKU-1:title/error'],
  ],
  [
    'a handmade product without who_made',
    prepared({ who_made: undefined, handmade: true }),
    feed(),
    ['who-made-missing@SKU-1:who_made/error'],
  ],
  [
    'a price of 0.20 USD',
    { ...prepared(), price: { price: 0.2, sale_price: undefined, sale_active: false, currency: 'USD', steps: [] } },
    feed(),
    [],
  ],
  ['a product priced in another currency', prepared({ currency: 'EUR' }), feed(), ['currency-mismatch@SKU-1:price/error']],
  [
    'nothing in stock',
    prepared({}, { stock: { quantity: 0, in_stock: false, steps: [] } }),
    feed(),
    ['quantity-not-positive@SKU-1:quantity/error'],
  ],
  ['no category mapped', prepared({ category: 'Misc' }, { category: undefined }), feed(), ['category-unmapped@SKU-1:taxonomy_id/error']],
  [
    'a category mapped to a name',
    prepared({}, { category: { id: 'Home & Living', matched: 'Home' } }),
    feed(),
    ['category-invalid@SKU-1:taxonomy_id/error'],
  ],
  ['no shipping profile', prepared(), feed({}), ['shipping-profile-missing@SKU-1:shipping_profile_id/error']],
  ['a download needs no shipping profile', prepared(), feed({ type: 'download' }), []],
  [
    'a template that is not a number',
    prepared({}, { fields: { item_weight: 'heavy' } }),
    feed(),
    ['field-invalid@SKU-1:item_weight/error'],
  ],
  ['a template that is not a listing type', prepared({}, { fields: { type: 'digital' } }), feed(), ['field-invalid@SKU-1:type/error']],
  ['no image', prepared({ image_url: undefined }), feed(), ['image-missing@SKU-1:image_url/warning']],
  [
    'eleven images',
    prepared({ additional_image_urls: Array.from({ length: 10 }, (_, i) => `https://cdn.example.com/${i}.jpg`) }),
    feed(),
    ['images-dropped@SKU-1:images/warning'],
  ],
];

describe('etsy rules', () => {
  it.each(cases)('%s', async (_, item, definition, expected) => {
    expect(await ruleIds(single(item), definition)).toEqual(expected);
  });

  it('uses only rule ids of its rules table, at their severity unless fixed', async () => {
    for (const [, item, definition] of cases) {
      for (const { issues } of await itemsOf(single(item), definition)) {
        for (const issue of issues) {
          expect(etsyRules).toHaveProperty([issue.rule]);
          if (issue.severity === 'error') expect(etsyRules[issue.rule as keyof typeof etsyRules].severity).toBe('error');
        }
      }
    }
  });

  it.each([
    ['a handmade product', prepared(), undefined],
    ['a vintage product someone else made', prepared({ who_made: 'someone_else', when_made: '1970s' }), undefined],
    [
      'a craft supply someone else made this year',
      prepared({ who_made: 'someone_else', when_made: '2026' }, { fields: { is_supply: 'yes' } }),
      undefined,
    ],
    ['a factory-made product routed to Etsy', prepared({ who_made: 'someone_else', when_made: '2020_2026' }), 'not-etsy-eligible'],
    ['made 19 years ago by someone else', prepared({ who_made: 'someone_else', when_made: '2007' }), 'not-etsy-eligible'],
    ['a product that names no maker', prepared({ who_made: undefined, when_made: undefined }), 'not-etsy-eligible'],
    // reported as who-made-missing by the rules, not left out as ineligible
    ['a handmade product that names no maker', prepared({ who_made: undefined, handmade: true }), undefined],
    [
      'a handmade product made by someone else',
      prepared({ who_made: 'someone_else', when_made: '2026', handmade: true }),
      'not-etsy-eligible',
    ],
    ['a maker given by a template', prepared({ who_made: undefined }, { fields: { who_made: 'collective' } }), undefined],
    ['an unreadable maker, reported by the rules instead', prepared({ who_made: 'factory', when_made: '2026' }), undefined],
  ])('leaves out %s: %s', async (_, item, reason) => {
    const channel = await etsy.prepare(feed(), { root: '/', now: NOW, env: {} });
    expect(channel.exclude!(item)).toBe(reason);
    expect(etsy.exclusions).toHaveProperty(['not-etsy-eligible']);
  });

  it('rejects fields: templates that are not createDraftListing fields when the feed is prepared', async () => {
    let error: unknown;
    try {
      await etsy.prepare(feed(undefined, { fields: { google_product_category: 'x' } }), { root: '/', now: NOW, env: {} });
    } catch (e) {
      error = e;
    }
    expect(error).toMatchObject({ code: 'CONFIG_INVALID', message: expect.stringContaining('/fields/google_product_category') });
  });
});

describe('etsy variation rules', () => {
  const hats = (rows: Parameters<typeof group>[1], varies: Parameters<typeof group>[0] = ['color', 'size']) => group(varies, rows);

  const variationCases: [string, ListingGroup, ReturnType<typeof feed>, string[]][] = [
    [
      'two properties',
      hats([
        { color: 'Red', size: 'S' },
        { color: 'Red', size: 'M' },
        { color: 'Blue', size: 'S' },
        { color: 'Blue', size: 'M' },
      ]),
      feed(),
      [],
    ],
    [
      'a value with parentheses',
      hats(
        [
          { color: 'Red (dark)', size: 'S' },
          { color: 'Blue', size: 'S' },
        ],
        ['color'],
      ),
      feed(),
      ['variation-value-parentheses@HAT-1:color/error'],
    ],
    [
      '71 values of one property (Etsy help: up to 70)',
      hats(
        Array.from({ length: 71 }, (_, i) => ({ color: `Shade ${i + 1}` })),
        ['color'],
      ),
      feed(),
      ['variation-values-too-many@HAT:color/error'],
    ],
    [
      '70 values of one property',
      hats(
        Array.from({ length: 70 }, (_, i) => ({ color: `Shade ${i + 1}` })),
        ['color'],
      ),
      feed(),
      [],
    ],
    ['a variant without the attribute', hats([{ color: 'Red' }, {}], ['color']), feed(), ['variant-missing-attribute@HAT-2:color/error']],
    [
      'two variants alike',
      hats([{ color: 'Red' }, { color: 'Red' }, { color: 'Blue' }], ['color']),
      feed(),
      ['variant-not-distinct@HAT-2:color/error'],
    ],
    [
      'three properties without max_variations',
      hats(
        [
          { color: 'Red', size: 'S', material: 'Wool' },
          { color: 'Blue', size: 'M', material: 'Cotton' },
        ],
        ['color', 'size', 'material'],
      ),
      feed(),
      ['variations-too-many@HAT:material/error', 'variation-property-unmapped@HAT:material/error'],
    ],
    [
      'three properties, the third a taxonomy property with value ids',
      hats(
        [
          { color: 'Red', size: 'S', material: 'Wool' },
          { color: 'Blue', size: 'M', material: 'Cotton' },
        ],
        ['color', 'size', 'material'],
      ),
      feed({
        shipping_profile_id: 11,
        max_variations: 3,
        properties: { material: { property_id: 502, value_ids: { Wool: 71, Cotton: 72 } } },
      }),
      [],
    ],
    [
      'a third property value without a value id',
      hats(
        [
          { color: 'Red', size: 'S', material: 'Wool' },
          { color: 'Blue', size: 'M', material: 'Silk' },
        ],
        ['color', 'size', 'material'],
      ),
      feed({ shipping_profile_id: 11, max_variations: 3, properties: { material: { property_id: 502, value_ids: { Wool: 71 } } } }),
      ['variation-property-unmapped@HAT:material/error'],
    ],
    [
      'a variant below the price floor',
      {
        ...hats([{ color: 'Red' }, { color: 'Blue' }], ['color']),
        variants: [
          prepared({ sku: 'HAT-1', color: 'Red' }),
          { ...prepared({ sku: 'HAT-2', color: 'Blue' }), price: { price: 0.1, sale_active: false, currency: 'USD', steps: [] } },
        ],
      },
      feed(),
      ['price-below-minimum@HAT-2:price/error'],
    ],
  ];

  it.each(variationCases)('%s', async (_, g, definition, expected) => {
    expect(await ruleIds(g, definition)).toEqual(expected);
  });

  it('makes one listing of a group, under the parent SKU', async () => {
    const items = await itemsOf(hats([{ color: 'Red' }, { color: 'Blue' }], ['color']));
    expect(items).toHaveLength(1);
    expect(items[0].sku).toBe('HAT');
    expect(items[0].item.inventory!.products.map((p) => p.sku)).toEqual(['HAT-1', 'HAT-2']);
  });
});
