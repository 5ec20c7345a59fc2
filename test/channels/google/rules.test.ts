import { describe, expect, it } from 'vitest';
import type { ListingGroup, Prepared, Product } from '../../../src/model.js';
import { googleRules } from '../../../src/channels/google/index.js';
import { feed, itemsOf, prepared, single } from './helpers.js';

const ruleIds = async (group: ListingGroup) =>
  (await itemsOf(group)).flatMap((item) => item.issues.map((i) => `${i.rule}@${i.sku}:${i.field}`));

const apparel = (fields: Partial<Product>) =>
  prepared(
    { color: 'Red', size: 'M', gender: 'male', age_group: 'adult', ...fields },
    { category: { id: 'Apparel & Accessories > Clothing > Shirts & Tops', matched: 'Apparel' } },
  );

const cases: [string, Prepared, string[]][] = [
  ['a complete product', prepared(), []],
  ['a title of 151 characters', prepared({ title: 'x'.repeat(151) }), ['title-too-long@SKU-1:title']],
  ['no title', prepared({ title: undefined }), ['title-missing@SKU-1:title']],
  ['no description', prepared({ description: undefined }), ['description-missing@SKU-1:description']],
  ['no link', prepared({ url: undefined }), ['url-missing@SKU-1:url']],
  ['a link that is not http', prepared({ url: 'ftp://x/y' }), ['link-invalid@SKU-1:link']],
  ['no image', prepared({ image_url: undefined }), ['image-missing@SKU-1:image_url']],
  ['no price', { ...prepared(), price: { sale_active: false, currency: 'USD', steps: [] } }, ['price-missing@SKU-1:price']],
  ['a brand of 71 characters', prepared({ brand: 'b'.repeat(71) }), ['brand-too-long@SKU-1:brand']],
  // brand: required of new products but media (answer 6324351)
  ['a new product without a brand', prepared({ brand: undefined }), ['brand-missing@SKU-1:brand']],
  ['a used product without a brand', prepared({ brand: undefined, condition: 'used' }), []],
  ['a book without a brand', prepared({ brand: undefined }, { category: { id: 'Media > Books', matched: 'Books' } }), []],
  ['a book by its media category id', prepared({ brand: undefined }, { category: { id: '783', matched: 'Books' } }), []],
  ['an unknown condition', prepared({ condition: 'mint' }), ['condition-invalid@SKU-1:condition']],
  // Google's conditions are new, refurbished and used (answer 6324469): an opened box is used
  ['an open-box product', prepared({ condition: 'Open Box' }), []],
  ['a product for parts, which Google has no condition for', prepared({ condition: 'for parts' }), ['condition-invalid@SKU-1:condition']],
  // editorial requirements (answers 6324415, 6150244)
  ['promotional text in the title', prepared({ title: 'Steel Water Bottle, free shipping' }), ['title-promotional@SKU-1:title']],
  ['a discount in the title', prepared({ title: 'Steel Water Bottle 20% off' }), ['title-promotional@SKU-1:title']],
  ['"sale" inside a word is no promotion', prepared({ title: 'Wholesale Steel Water Bottle' }), []],
  ['capitals for emphasis', prepared({ title: 'STEEL WATER Bottle' }), ['title-capitals@SKU-1:title']],
  ['an abbreviation in capitals', prepared({ title: 'Steel Water Bottle with LED' }), []],
  ['an exclamation mark in the title', prepared({ title: 'Steel Water Bottle!' }), ['title-characters-removed@SKU-1:title']],
  ['an exclamation mark in the brand', prepared({ brand: 'Yahoo!', title: 'Yahoo! Steel Water Bottle' }), []],
  ['an unknown gender', prepared({ gender: 'robot' }), ['gender-invalid@SKU-1:gender']],
  ['an unknown age group', prepared({ age_group: 'teen' }), ['age-group-invalid@SKU-1:age_group']],
  ['a GTIN with a wrong check digit', prepared({ gtin: '4006381333932' }), ['gtin-check-digit@SKU-1:gtin']],
  ['a GTIN of 11 digits', prepared({ gtin: '40063813339' }), ['gtin-invalid-length@SKU-1:gtin']],
  ['a restricted GTIN', prepared({ gtin: '2001234567893' }), ['gtin-restricted@SKU-1:gtin']],
  ['a coupon GTIN', prepared({ gtin: '9812345678902' }), ['gtin-coupon@SKU-1:gtin']],
  ['an all-zero GTIN', prepared({ gtin: '0000000000000' }), ['gtin-placeholder@SKU-1:gtin']],
  ['a GTIN of one repeated digit', prepared({ gtin: '1111111111116' }), ['gtin-placeholder@SKU-1:gtin']],
  ['a UPC-E', prepared({ gtin: '04252614' }), []],
  ['a product priced in another currency', prepared({ currency: 'EUR' }), ['currency-mismatch@SKU-1:price']],
  ['apparel with everything', apparel({}), []],
  ['apparel without gender', apparel({ gender: undefined }), ['apparel-missing-attribute@SKU-1:gender']],
  ['apparel without a size', apparel({ size: undefined }), ['apparel-missing-attribute@SKU-1:size']],
  ['an unmapped category', prepared({ category: 'Misc > Things' }), ['category-unmapped@SKU-1:google_product_category']],
  ['HTML in the description', prepared({ description: '<p>Cold <b>drinks</b></p>' }), ['description-html-removed@SKU-1:description']],
  ['a control character in the title', prepared({ title: 'Bottle\u0007' }), ['text-invalid-characters@SKU-1:title']],
  [
    'eleven additional images',
    prepared({ additional_image_urls: Array.from({ length: 11 }, (_, i) => `https://cdn.example.com/${i}.jpg`) }),
    ['images-dropped@SKU-1:additional_image_link'],
  ],
  [
    'an upcoming sale without an end',
    {
      ...prepared({ sale_price: 15, sale_start: '2026-12-01' }),
      price: { price: 20, sale_price: 15, sale_active: false, currency: 'USD', steps: [] },
    },
    ['sale-end-missing@SKU-1:sale_price_effective_date'],
  ],
];

describe('google rules', () => {
  it.each(cases)('%s', async (_, item, expected) => {
    expect(await ruleIds(single(item))).toEqual(expected);
  });

  it('sends a title without the characters Google does not allow, and an open box as used', async () => {
    const [item] = await itemsOf(single(prepared({ title: 'Steel Water Bottle!!', condition: 'open box' })));
    expect(item.item.title).toBe('Steel Water Bottle');
    expect(item.item.condition).toBe('used');
  });

  it('cuts a description over 5,000 characters at a word boundary, or refuses it with long_descriptions: reject', async () => {
    const long = `${'word '.repeat(1000)}end, of it`;
    const [cut] = await itemsOf(single(prepared({ description: long })));
    expect(cut.issues.map((i) => `${i.rule}:${i.severity}`)).toEqual(['description-truncated:warning']);
    const text = cut.item.description as string;
    expect(text.length).toBeLessThanOrEqual(5000);
    expect(long.startsWith(text)).toBe(true);
    expect(text.endsWith('word')).toBe(true);
    const [refused] = await itemsOf(single(prepared({ description: long })), feed({ options: { long_descriptions: 'reject' } }));
    expect(refused.issues.map((i) => `${i.rule}:${i.severity}`)).toEqual(['description-too-long:error']);
    const [fits] = await itemsOf(single(prepared({ description: 'x'.repeat(5000) })));
    expect(fits.issues).toEqual([]);
  });

  it('sends a UPC-E expanded to its UPC-A (Google answer 6324461)', async () => {
    const [item] = await itemsOf(single(prepared({ gtin: '04252614' })));
    expect(item.item.gtin).toBe('042100005264');
  });

  it('checks the variants of a group', async () => {
    const parent = prepared({ sku: 'TEE' });
    const variant = (sku: string, fields: Partial<Product>) => prepared({ sku, parent_sku: 'TEE', ...fields });
    const group: ListingGroup = {
      parent,
      variants: [
        variant('TEE-S', { size: 'S', color: 'Red' }),
        variant('TEE-M', { color: 'Red' }),
        variant('TEE-S2', { size: 'S', color: 'Red' }),
      ],
      varies: ['size'],
    };
    expect(await ruleIds(group)).toEqual(['variant-missing-attribute@TEE-M:size', 'variant-not-distinct@TEE-S2:size']);
  });

  it('refuses variants sharing an item_group_id that differ in no attribute, and values that differ only in case', async () => {
    const variant = (sku: string, fields: Partial<Product> = {}) => prepared({ sku, parent_sku: 'TEE', ...fields });
    const alike: ListingGroup = { parent: prepared({ sku: 'TEE' }), variants: [variant('TEE-A'), variant('TEE-B')], varies: [] };
    expect(await ruleIds(alike)).toEqual(['variant-not-distinct@TEE-B:parent_sku']);
    const cased: ListingGroup = {
      parent: prepared({ sku: 'TEE' }),
      variants: [variant('TEE-N', { color: 'Navy' }), variant('TEE-n', { color: 'navy' })],
      varies: ['color'],
    };
    expect(await ruleIds(cased)).toEqual(['variant-not-distinct@TEE-n:color']);
  });

  it('checks mapped categories against the taxonomy file', async () => {
    const { tempWorkspace } = await import('../../helpers/workspace.js');
    const { google } = await import('../../../src/channels/google/index.js');
    const ws = tempWorkspace({
      'taxonomy.txt': '# Google_Product_Taxonomy_Version: 2021-09-21\n1 - Animals & Pet Supplies\n166 - Apparel & Accessories\n',
    });
    try {
      const { prepareChannel } = await import('../../../src/pipeline/validate.js');
      const channel = await prepareChannel(
        google,
        { ...(await import('./helpers.js')).feed(), options: { taxonomy: 'taxonomy.txt' } },
        { root: ws.dir, now: new Date(), env: {} },
      );
      const at = (id: string) => channel.items(single(prepared({}, { category: { id, matched: 'X' } })))[0].issues.map((i) => i.rule);
      expect(at('1')).toEqual([]);
      expect(at('Animals & Pet Supplies')).toEqual([]);
      expect(at('999999')).toEqual(['category-unknown']);
    } finally {
      ws.dispose();
    }
  });

  it('says why a taxonomy file cannot be used: missing, or not readable', async () => {
    const { tempWorkspace } = await import('../../helpers/workspace.js');
    const { google } = await import('../../../src/channels/google/index.js');
    const { feed } = await import('./helpers.js');
    const ws = tempWorkspace({ 'taxonomy/readme.txt': 'a folder, not a taxonomy file\n' });
    try {
      const prepare = async (taxonomy: string) =>
        google.prepare({ ...feed(), options: { taxonomy } }, { root: ws.dir, now: new Date(), env: {} });
      await expect(prepare('missing.txt')).rejects.toMatchObject({
        code: 'CONFIG_NOT_FOUND',
        message: expect.stringMatching(/missing\.txt not found$/),
      });
      await expect(prepare('taxonomy')).rejects.toMatchObject({
        code: 'CONFIG_NOT_FOUND',
        message: expect.stringMatching(/taxonomy cannot be read \(EISDIR\)$/),
      });
    } finally {
      ws.dispose();
    }
  });

  it('has a description for every rule the cases above reach', () => {
    const reached = new Set(cases.flatMap(([, , ids]) => ids.map((id) => id.split('@')[0])));
    for (const id of reached) expect(googleRules).toHaveProperty([id]);
  });
});

describe('google lengths', () => {
  it('counts characters, not UTF-16 code units', async () => {
    expect(await ruleIds(single(prepared({ title: '😀'.repeat(150) })))).toEqual([]);
    expect(await ruleIds(single(prepared({ title: '😀'.repeat(151) })))).toEqual(['title-too-long@SKU-1:title']);
  });
});
