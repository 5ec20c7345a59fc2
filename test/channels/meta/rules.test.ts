import { describe, expect, it } from 'vitest';
import { meta } from '../../../src/channels/meta/index.js';
import type { Prepared } from '../../../src/model.js';
import { feed, group, itemsOf, prepared, ruleIds, single } from './helpers.js';

const urls = (n: number) => Array.from({ length: n }, (_, i) => `https://cdn.example.com/${i}.jpg`);
const unpriced = (fields = {}): Prepared => ({ ...prepared(fields), price: { sale_active: false, currency: 'USD', steps: [] } });

/** [case, product, expected `rule@sku:field/severity`] */
const cases: [string, Prepared, string[]][] = [
  ['a complete product', prepared(), []],
  ['an id of 101 characters', prepared({ sku: 'S'.repeat(101) }), [`id-too-long@${'S'.repeat(101)}:id/error`]],
  ['no title', prepared({ title: undefined }), ['title-missing@SKU-1:title/error']],
  ['a title of 66 characters', prepared({ title: 't'.repeat(66) }), ['title-cut-off@SKU-1:title/warning']],
  ['a title of 200 characters', prepared({ title: 't'.repeat(200) }), ['title-cut-off@SKU-1:title/warning']],
  [
    'a title of 201 characters',
    prepared({ title: 't'.repeat(201) }),
    ['title-too-long@SKU-1:title/error', 'title-cut-off@SKU-1:title/warning'],
  ],
  ['a title of 65 emoji (130 UTF-16 units)', prepared({ title: '😀'.repeat(65) }), []],
  ['no description', prepared({ description: undefined }), ['description-missing@SKU-1:description/error']],
  ['a description of 9999 characters', prepared({ description: 'd'.repeat(9999) }), []],
  ['a description of 10000 characters', prepared({ description: 'd'.repeat(10000) }), ['description-too-long@SKU-1:description/error']],
  [
    'HTML in the description',
    prepared({ description: '<p>Cold <b>drinks</b></p>' }),
    ['description-html-removed@SKU-1:description/warning'],
  ],
  ['no link', prepared({ url: undefined }), ['url-missing@SKU-1:url/error']],
  ['a link that is not http', prepared({ url: 'ftp://shop.example.com/p' }), ['link-invalid@SKU-1:link/error']],
  ['no image', prepared({ image_url: undefined }), ['image-missing@SKU-1:image_url/error']],
  ['an image that is not http', prepared({ image_url: 'file:///x.jpg' }), ['image-url-invalid@SKU-1:image_link/error']],
  ['an additional image that is not http', prepared({ additional_image_urls: ['x.jpg'] }), ['image-url-invalid@SKU-1:image_link/error']],
  ['20 additional images', prepared({ additional_image_urls: urls(20) }), []],
  ['21 additional images', prepared({ additional_image_urls: urls(21) }), ['images-dropped@SKU-1:additional_image_link/warning']],
  [
    'an additional image URL of 2001 characters',
    prepared({ additional_image_urls: [`https://cdn.example.com/${'a'.repeat(1977)}`] }),
    ['additional-image-link-too-long@SKU-1:additional_image_link/error'],
  ],
  ['no price', unpriced(), ['price-missing@SKU-1:price/error']],
  ['a catalog price of 0', unpriced({ price: 0 }), ['price-missing@SKU-1:price/error']],
  ['a product priced in another currency', prepared({ currency: 'EUR' }), ['currency-mismatch@SKU-1:price/error']],
  ['a brand of 100 characters', prepared({ brand: 'b'.repeat(100) }), []],
  ['a brand of 101 characters', prepared({ brand: 'b'.repeat(101) }), ['brand-too-long@SKU-1:brand/error']],
  ['neither brand, GTIN nor MPN', prepared({ brand: undefined, gtin: undefined }), ['brand-missing@SKU-1:brand/error']],
  ['a GTIN and no brand', prepared({ brand: undefined }), []],
  ['an MPN and no brand', prepared({ brand: undefined, gtin: undefined, mpn: 'TR-750' }), []],
  ['a GTIN with a wrong check digit', prepared({ gtin: '4006381333932' }), ['gtin-check-digit@SKU-1:gtin/error']],
  ['a GTIN of 11 digits', prepared({ gtin: '40063813339' }), ['gtin-invalid-length@SKU-1:gtin/error']],
  ['an all-zero GTIN', prepared({ gtin: '0000000000000' }), ['gtin-placeholder@SKU-1:gtin/error']],
  // Meta states no rule on store-internal prefixes (Google's gtin-restricted)
  ['a GTIN with the store prefix 2', prepared({ gtin: '2001234567893' }), []],
  ['a UPC-E', prepared({ gtin: '04252614' }), []],
  ['an unknown condition', prepared({ condition: 'mint' }), ['condition-invalid@SKU-1:condition/error']],
  ['a collectible, which Meta has no condition for', prepared({ condition: 'collectible' }), ['condition-invalid@SKU-1:condition/error']],
  ['a product like new', prepared({ condition: 'Like New' }), []],
  ['an unknown gender', prepared({ gender: 'robot' }), ['gender-invalid@SKU-1:gender/error']],
  ["gender in words (women's)", prepared({ gender: "Women's" }), []],
  ['a teen product (Meta has teen, Google does not)', prepared({ age_group: 'Teen' }), []],
  ['an unknown age group', prepared({ age_group: 'senior' }), ['age-group-invalid@SKU-1:age_group/error']],
  ['an unmapped category', prepared({ category: 'Misc > Things' }), ['category-unmapped@SKU-1:category/warning']],
  ['no category at all', prepared({ category: undefined }), []],
  ['a control character in the title', prepared({ title: 'Bottle\u0007' }), ['text-invalid-characters@SKU-1:title/warning']],
  [
    'a control character in an image URL',
    prepared({ additional_image_urls: ['https://cdn.example.com/\u0001.jpg'] }),
    ['text-invalid-characters@SKU-1:additional_image_link/warning'],
  ],
  ['a weight in pounds', prepared({ weight: 1.5, weight_unit: 'lb' }), []],
  ['a title a spreadsheet would run as a formula', prepared({ title: '=HYPERLINK("x")' }), ['formula-escaped@SKU-1:title/warning']],
  [
    'an upcoming sale without an end',
    {
      ...prepared({ sale_price: 15, sale_start: '2026-12-01' }),
      price: { price: 20, sale_price: 15, sale_active: false, currency: 'USD', steps: [] },
    },
    ['sale-end-missing@SKU-1:sale_price_effective_date/warning'],
  ],
  [
    'a sale price of 0',
    {
      ...prepared({ sale_price: 0 }),
      price: { price: 20, sale_active: false, sale_problem: 'sale-price-zero', currency: 'USD', steps: [] },
    },
    ['sale-price-zero@SKU-1:sale_price/error'],
  ],
  ['a status the fields: template makes up', prepared({}, { fields: { status: 'deleted' } }), ['status-invalid@SKU-1:status/error']],
  [
    "Google's spelling of availability",
    prepared({}, { fields: { availability: 'in_stock' } }),
    ['availability-invalid@SKU-1:availability/error'],
  ],
  ['availability preorder from a template', prepared({}, { fields: { availability: 'preorder' } }), []],
  [
    'a title template around a missing title',
    prepared({ title: undefined }, { fields: { title: 'Trailhead' }, gaps: { title: ['title'] } }),
    ['title-missing@SKU-1:title/error'],
  ],
];

describe('meta rules', () => {
  it.each(cases)('%s', async (_, product, expected) => {
    expect(await ruleIds(single(product))).toEqual(expected);
  });

  it('escapes formulas only in the CSV format', async () => {
    expect(await ruleIds(single(prepared({ title: '=HYPERLINK("x")' })), feed({}, 'rss'))).toEqual([]);
  });

  it('checks the variants of a group: every variant has its values, no two alike', async () => {
    const g = group(['size'], [{ size: 'S' }, { size: undefined }, { size: 'S' }]);
    expect(await ruleIds(g)).toEqual(['variant-missing-attribute@TEE-2:size/error', 'variant-not-distinct@TEE-3:size/error']);
  });

  it('describes every rule the cases reach, with the severity they are reported at', () => {
    const byId = new Map(meta.rules.map((r) => [r.id, r.severity]));
    const reached = cases.flatMap(([, , ids]) => ids).map((id) => /^([a-z0-9-]+)@.*\/(error|warning)$/.exec(id)!);
    for (const [, id, severity] of reached) expect(byId.get(id), id).toBe(severity);
  });
});

describe('meta items', () => {
  const itemOf = async (product: Prepared, definition = feed()) => (await itemsOf(single(product), definition))[0].item;

  it('writes availability with a space and the stock offered as quantity_to_sell_on_facebook', async () => {
    expect(await itemOf(prepared())).toMatchObject({ availability: 'in stock', quantity_to_sell_on_facebook: '3' });
    const sold = prepared({}, { stock: { quantity: 0, in_stock: false, steps: [] } });
    expect(await itemOf(sold)).toMatchObject({ availability: 'out of stock', quantity_to_sell_on_facebook: '0' });
  });

  it.each([
    [undefined, 'new'],
    ['New', 'new'],
    ['like new', 'used_like_new'],
    ['pre-owned', 'used'],
    ['very good', 'used_good'],
    ['acceptable', 'used_fair'],
    ['open box', 'open_box_new'],
    ['renewed', 'refurbished'],
    ['cpo', 'cpo'],
  ])('writes the condition %s as %s', async (condition, sent) => {
    expect((await itemOf(prepared({ condition }))).condition).toBe(sent);
  });

  it.each([
    ['men', 'male'],
    ["Women's", 'female'],
    ['Unisex', 'unisex'],
  ])('writes the gender %s as %s', async (gender, sent) => {
    expect((await itemOf(prepared({ gender }))).gender).toBe(sent);
  });

  it('gives variants their group id and prices in the feed currency, with the sale in RFC 3339', async () => {
    const sale = { price: 20, sale_price: 15, sale_active: true, currency: 'USD', steps: [] };
    const g = group(['size'], [{ size: 'S', sale_start: '2026-11-20', sale_end: '2026-11-30' }]);
    g.variants[0].price = sale;
    const [{ item, issues }] = await itemsOf(g);
    expect(issues).toEqual([]);
    expect(item).toMatchObject({
      id: 'TEE-1',
      item_group_id: 'TEE',
      price: '20.00 USD',
      sale_price: '15.00 USD',
      sale_price_effective_date: '2026-11-20T00:00:00Z/2026-11-30T23:59:59Z',
    });
  });

  it('sends a UPC-E as its UPC-A and the weight with its unit', async () => {
    expect(await itemOf(prepared({ gtin: '04252614', weight: 0.2, weight_unit: 'kg' }))).toMatchObject({
      gtin: '042100005264',
      shipping_weight: '0.2 kg',
    });
  });

  it('fills google_product_category from the category map, or fb_product_category with category_field', async () => {
    const mapped = prepared({ category: 'Home > Kitchen' }, { category: { id: '638', matched: 'Home > Kitchen' } });
    expect(await itemOf(mapped)).toMatchObject({ google_product_category: '638', product_type: 'Home > Kitchen' });
    const fb = await itemOf(mapped, feed({ options: { category_field: 'fb_product_category' } }));
    expect(fb).toMatchObject({ fb_product_category: '638' });
    expect(fb).not.toHaveProperty('google_product_category');
  });

  it("prices the feed's shipping in its currency, and a fields: template sets or removes a field", async () => {
    const definition = feed({ options: { shipping: [{ country: 'US', region: 'CA', service: 'Ground', price: 4.5 }] } });
    const item = await itemOf(
      prepared({}, { fields: { custom_label_0: 'high', brand: '', additional_image_link: 'a.jpg, b.jpg' } }),
      definition,
    );
    expect(item.shipping).toEqual([{ country: 'US', region: 'CA', service: 'Ground', price: '4.50 USD' }]);
    expect(item).toMatchObject({ custom_label_0: 'high', additional_image_link: ['a.jpg', 'b.jpg'] });
    expect(item).not.toHaveProperty('brand');
  });
});
