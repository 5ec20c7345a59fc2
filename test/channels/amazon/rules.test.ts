import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { amazon, amazonRules, deleteMessage } from '../../../src/channels/amazon/index.js';
import { OmnifeedError } from '../../../src/errors.js';
import type { FeedDefinition } from '../../../src/config/types.js';
import type { ListingGroup, Prepared } from '../../../src/model.js';
import { NOW } from '../../helpers/workspace.js';
import { family, feed, itemsOf, prepared, productFacts, productSchema, single } from './helpers.js';

const ruleIds = async (group: ListingGroup, definition = feed()) =>
  (await itemsOf(group, definition)).flatMap((item) => item.issues.map((i) => `${i.rule}@${i.sku}:${i.field}`));
const schemaWarning = (sku = 'SKU-1') => `product-type-schema-missing@${sku}:productType`;

describe('amazon rules on one product (no product type definition)', () => {
  const cases: [string, Prepared, string[]][] = [
    ['a complete product', prepared(), []],
    ['no title', prepared({ title: undefined }), ['title-missing@SKU-1:title']],
    ['a title of 201 characters', prepared({ title: 't'.repeat(201) }), ['item-name-too-long@SKU-1:item_name']],
    // a character, not a UTF-16 unit: 200 emoji are 400 units
    ['a title of 200 emoji', prepared({ title: '😀'.repeat(200) }), []],
    ['a title of 201 emoji', prepared({ title: '😀'.repeat(201) }), ['item-name-too-long@SKU-1:item_name']],
    ['a brand of 101 characters', prepared({ brand: 'b'.repeat(101) }), ['brand-too-long@SKU-1:brand']],
    // the product title requirements (Seller Central G201941500)
    ['promotional text in the title', prepared({ title: 'Steel Bottle - 100% Quality Guaranteed' }), ['title-promotional@SKU-1:item_name']],
    ['a character Amazon bans in the title', prepared({ title: 'Steel Bottle {Blue} $' }), ['title-characters-removed@SKU-1:item_name']],
    ['a banned character in the brand name', prepared({ brand: 'Yahoo!', title: 'Yahoo! Steel Bottle' }), []],
    ['a control character in the title', prepared({ title: 'Steel\u0007 Bottle' }), ['text-invalid-characters@SKU-1:item_name']],
    // Amazon suppresses a listing without a main image
    ['no image', prepared({ image_url: undefined }), ['image-missing@SKU-1:image_url']],
    [
      'an image URL with a space',
      prepared({ image_url: 'https://cdn.example.com/a b.jpg' }),
      ['image-url-encoded@SKU-1:main_product_image_locator'],
    ],
    [
      'an image URL that is not http',
      prepared({ image_url: 'ftp://cdn.example.com/a.jpg' }),
      ['image-url-invalid@SKU-1:main_product_image_locator'],
    ],
    // capitals are a style advice on Amazon, not a reason to suppress
    ['a title in capitals', prepared({ title: 'STEEL WATER BOTTLE' }), []],
    // 4,000 characters of 3-byte text: within any character limit, over 10,000 bytes
    [
      'a description over 10,000 UTF-8 bytes',
      prepared({ description: '抹'.repeat(3334) }),
      ['product-description-too-many-bytes@SKU-1:product_description'],
    ],
    ['a description of 9,999 ASCII bytes', prepared({ description: 'a'.repeat(9999) }), []],
    ['a SKU of 41 characters', prepared({ sku: 'S'.repeat(41) }), [`sku-too-long@${'S'.repeat(41)}:sku`, schemaWarning('S'.repeat(41))]],
    [
      'no price',
      { ...prepared(), price: { sale_active: false, currency: 'USD', steps: [] } },
      ['price-missing@SKU-1:price', 'purchasable-offer-missing@SKU-1:purchasable_offer'],
    ],
    ['a product priced in another currency', prepared({ currency: 'EUR' }), ['currency-mismatch@SKU-1:purchasable_offer']],
    [
      'an unknown condition',
      prepared({ condition: 'mint' }),
      ['condition-unknown@SKU-1:condition_type', 'condition-type-missing@SKU-1:condition_type'],
    ],
    [
      'a GTIN with a wrong check digit',
      prepared({ gtin: '4006381333932' }),
      ['gtin-check-digit@SKU-1:externally_assigned_product_identifier'],
    ],
    ['a GTIN of 11 digits', prepared({ gtin: '40063813339' }), ['gtin-invalid-length@SKU-1:externally_assigned_product_identifier']],
    ['a restricted in-store GTIN', prepared({ gtin: '2001234567893' }), ['gtin-restricted@SKU-1:externally_assigned_product_identifier']],
    ['an all-zero GTIN', prepared({ gtin: '000000000000' }), ['gtin-placeholder@SKU-1:externally_assigned_product_identifier']],
    ['a UPC-E', prepared({ gtin: '04252614' }), []],
    ['no GTIN and no exemption', prepared({ gtin: undefined }), ['identifier-missing@SKU-1:externally_assigned_product_identifier']],
    ['no category map line', prepared({}, { category: undefined }), ['category-unmapped@SKU-1:productType']],
    [
      'a map id that is not a product type',
      prepared({}, { category: { id: 'Kitchen > Mugs', matched: 'Home' } }),
      ['category-invalid@SKU-1:productType'],
    ],
    [
      'HTML in the description',
      prepared({ description: '<p>Keeps <b>cold</b></p>' }),
      ['description-html-removed@SKU-1:product_description'],
    ],
    [
      'nine additional images',
      prepared({ additional_image_urls: Array.from({ length: 9 }, (_, i) => `https://cdn.example.com/${i}.jpg`) }),
      ['images-dropped@SKU-1:other_product_image_locator_1'],
    ],
    [
      'a sale without an end date',
      {
        ...prepared({ sale_price: 15, sale_start: '2026-11-01' }),
        price: { price: 20, sale_price: 15, sale_active: true, currency: 'USD', steps: [] },
      },
      ['sale-end-missing@SKU-1:purchasable_offer'],
    ],
    [
      'a country of origin that is not a code',
      prepared({}, { fields: { country_of_origin: 'Germany' } }),
      ['country-of-origin-invalid@SKU-1:country_of_origin'],
    ],
    [
      'eleven bullet points',
      prepared({}, { fields: { bullet_point: Array.from({ length: 11 }, (_, i) => `point ${i}`).join('|') } }),
      ['bullet-point-too-many@SKU-1:bullet_point'],
    ],
    [
      'generic keywords of 200 characters and 400 bytes',
      prepared({}, { fields: { generic_keyword: 'ü'.repeat(200) } }),
      ['generic-keyword-too-many-bytes@SKU-1:generic_keyword'],
    ],
  ];
  it.each(cases)('%s', async (_name, product, expected) => {
    const ids = await ruleIds(single(product));
    const expectedIds = expected.some((id) => id.startsWith('category-') || id.startsWith('product-type-'))
      ? expected
      : [...expected, schemaWarning(product.product.sku)];
    expect(ids.sort()).toEqual(expectedIds.sort());
  });

  it("takes the item type keyword from the category map line's column", async () => {
    const [item] = await itemsOf(
      single(prepared({}, { category: { id: 'PRODUCT', matched: 'Sports', columns: { item_type_keyword: 'water-bottles' } } })),
    );
    expect(item.item.attributes!.item_type_keyword).toEqual([
      expect.objectContaining({ value: 'water-bottles', marketplace_id: 'ATVPDKIKX0DER' }),
    ]);
  });

  it('asks a shipping group of merchant-fulfilled offers only', async () => {
    const merchant = await ruleIds(single(prepared()), feed({ merchant_shipping_group: undefined }));
    expect(merchant).toContain('merchant-shipping-group-missing@SKU-1:merchant_shipping_group');
    const amazonFulfilled = await ruleIds(
      single(prepared()),
      feed({ merchant_shipping_group: undefined, fulfillment_channel: 'AMAZON_NA' }),
    );
    expect(amazonFulfilled).not.toContain('merchant-shipping-group-missing@SKU-1:merchant_shipping_group');
  });

  it('claims the GTIN exemption when the feed has one', async () => {
    const [item] = await itemsOf(single(prepared({ gtin: undefined })), feed({ gtin_exemption: true }));
    expect(item.issues.map((i) => i.rule)).toEqual(['product-type-schema-missing']);
    expect(item.item.attributes!.supplier_declared_has_product_identifier_exemption).toEqual([
      { value: true, marketplace_id: 'ATVPDKIKX0DER' },
    ]);
    expect(item.item.attributes!.externally_assigned_product_identifier).toBeUndefined();
  });

  it('makes a missing definition an error when the feed requires definitions', async () => {
    const [item] = await itemsOf(single(prepared()), feed({ require_product_type_schemas: true }));
    expect(item.issues.map((i) => [i.rule, i.severity])).toEqual([['product-type-schema-required', 'error']]);
  });

  it('describes every rule it can report', () => {
    for (const [id, rule] of Object.entries(amazonRules)) {
      expect(id).toMatch(/^[a-z0-9_]+(-[a-z0-9_]+)*$/);
      expect(rule.description.length).toBeGreaterThan(10);
    }
  });
});

describe('amazon variations', () => {
  const tees = (children: Record<string, string | undefined>[], varies: ('color' | 'size')[], parentTitle = 'Tee') => {
    const group = family({ title: 'Tee', color: undefined, size: undefined }, children, varies, {
      category: { id: 'SHIRT', matched: 'Apparel' },
    });
    group.parent!.product.title = parentTitle;
    return group;
  };

  it('sends the parent first, without an offer, then children with the theme filled and a full offer', async () => {
    const items = await itemsOf(
      tees(
        [
          { color: 'Red', size: 'S', gtin: '4006381333931' },
          { color: 'Red', size: 'M', gtin: '4006381333948' },
        ],
        ['size'],
      ),
    );
    expect(items.map((i) => i.sku)).toEqual(['P-1', 'P-1-1', 'P-1-2']);
    // said once per product type, on its first message
    expect(items.map((i) => i.issues.map((x) => x.rule))).toEqual([['product-type-schema-missing'], [], []]);
    const [parent, child] = items.map((i) => i.item);
    expect(parent.requirements).toBe('LISTING_PRODUCT_ONLY');
    expect(parent.attributes!.parentage_level[0].value).toBe('parent');
    expect(parent.attributes!.child_parent_sku_relationship).toEqual([
      { child_relationship_type: 'variation', marketplace_id: 'ATVPDKIKX0DER' },
    ]);
    expect(parent.attributes!.variation_theme).toEqual([{ name: 'SIZE_NAME' }]);
    for (const offer of [
      'purchasable_offer',
      'fulfillment_availability',
      'condition_type',
      'list_price',
      'externally_assigned_product_identifier',
    ])
      expect(parent.attributes![offer]).toBeUndefined();
    expect(child.requirements).toBe('LISTING');
    expect(child.attributes!.parentage_level[0].value).toBe('child');
    expect(child.attributes!.child_parent_sku_relationship[0]).toMatchObject({ child_relationship_type: 'variation', parent_sku: 'P-1' });
    expect(child.attributes!.variation_theme).toEqual([{ name: 'SIZE_NAME' }]);
    expect(child.attributes!.size[0].value).toBe('S');
    expect(child.attributes!.purchasable_offer[0]).toMatchObject({ currency: 'USD', our_price: [{ schedule: [{ value_with_tax: 20 }] }] });
    expect(child.attributes!.fulfillment_availability).toEqual([
      { fulfillment_channel_code: 'DEFAULT', quantity: 3, lead_time_to_ship_max_days: 2 },
    ]);
  });

  it('names a two-attribute theme SIZE_NAME/COLOR_NAME', async () => {
    const items = await itemsOf(
      tees(
        [
          { color: 'Red', size: 'S', gtin: '4006381333931' },
          { color: 'Blue', size: 'M', gtin: '4006381333948' },
        ],
        ['color', 'size'],
      ),
    );
    expect(items[0].item.attributes!.variation_theme).toEqual([{ name: 'SIZE_NAME/COLOR_NAME' }]);
  });

  const cases: [string, ListingGroup, string[]][] = [
    [
      'a child without the theme attribute',
      tees(
        [
          { size: 'S', gtin: '4006381333931' },
          { size: undefined, gtin: '4006381333948' },
        ],
        ['size'],
      ),
      ['variant-missing-attribute@P-1-2:size'],
    ],
    [
      'two children with the same size',
      tees(
        [
          { size: 'S', color: 'Red', gtin: '4006381333931' },
          { size: 'S', color: 'Red', gtin: '4006381333948' },
        ],
        ['size'],
      ),
      ['variant-not-distinct@P-1-2:size'],
    ],
    [
      'a group varying in gender',
      family(
        {},
        [
          { gender: 'male', gtin: '4006381333931' },
          { gender: 'female', gtin: '4006381333948' },
        ],
        ['gender'],
      ),
      [
        'variation-theme-unsupported@P-1:variation_theme',
        'variant-parent-invalid@P-1-1:child_parent_sku_relationship',
        'variant-parent-invalid@P-1-2:child_parent_sku_relationship',
      ],
    ],
    [
      'a parent whose title is too long: its children are left out with it',
      tees(
        [
          { size: 'S', gtin: '4006381333931' },
          { size: 'M', gtin: '4006381333948' },
        ],
        ['size'],
        'x'.repeat(201),
      ),
      [
        'item-name-too-long@P-1:item_name',
        'variant-parent-invalid@P-1-1:child_parent_sku_relationship',
        'variant-parent-invalid@P-1-2:child_parent_sku_relationship',
      ],
    ],
    [
      'every child invalid: the parent is left out too',
      tees(
        [
          { size: 'S', gtin: '4006381333932' },
          { size: 'M', gtin: '123' },
        ],
        ['size'],
      ),
      [
        'gtin-check-digit@P-1-1:externally_assigned_product_identifier',
        'gtin-invalid-length@P-1-2:externally_assigned_product_identifier',
        'variants-none-valid@P-1:parentage_level',
      ],
    ],
  ];
  it.each(cases)('%s', async (_name, group, expected) => {
    const ids = (await ruleIds(group)).filter((id) => !id.startsWith('product-type-schema-missing'));
    expect(ids.sort()).toEqual([...expected].sort());
  });
});

describe('amazon feed options', () => {
  /** the sellerId a feed of this channel writes in its header */
  async function headerSeller(definition: FeedDefinition, env: NodeJS.ProcessEnv): Promise<string> {
    let text = '';
    const channel = await amazon.prepare(definition, { root: '/x', now: NOW, env });
    const writer = channel.open({ create: () => ({ write: (t) => void (text += t), end: async () => undefined }) });
    await writer.write(deleteMessage('GONE-1'));
    await writer.close();
    return JSON.parse(text).header.sellerId;
  }

  it('reads the seller id from the environment variable the feed names', async () => {
    expect(await headerSeller(feed({ seller_id: undefined, seller_id_env: 'SHOP_SELLER' }), { SHOP_SELLER: 'A9FROMENV' })).toBe(
      'A9FROMENV',
    );
  });

  it('lets the environment beat a seller id in the file (a copied workspace must not send another shop id)', async () => {
    expect(await headerSeller(feed({ seller_id: 'A1FILE' }), { AMAZON_SELLER_ID: 'A9ENV' })).toBe('A9ENV');
    expect(await headerSeller(feed({ seller_id: 'A1FILE' }), {})).toBe('A1FILE');
  });

  it('refuses a feed without a seller id, naming the feed file and the option', async () => {
    const run = () => amazon.prepare(feed({ seller_id: undefined }), { root: '/x', now: NOW, env: {} });
    expect(run).toThrow(OmnifeedError);
    expect(run).toThrow(/feeds\/amazon-us\.yaml: \/options\/seller_id.*AMAZON_SELLER_ID/);
  });

  it('refuses a market without a known marketplace id unless the feed gives one', async () => {
    const zz = feed({}, { market: { country: 'ZZ', language: 'en', currency: 'USD' } });
    expect(() => amazon.prepare(zz, { root: '/x', now: NOW, env: {} })).toThrow(/\/options\/marketplace_id/);
    const [item] = await itemsOf(
      single(prepared()),
      feed({ marketplace_id: 'A1TESTMARKET' }, { market: { country: 'ZZ', language: 'fr', currency: 'USD' } }),
    );
    expect(item.item.attributes!.item_name).toEqual([
      { value: 'Steel Water Bottle', language_tag: 'fr_ZZ', marketplace_id: 'A1TESTMARKET' },
    ]);
  });

  it('refuses a product type definition file that does not exist', () => {
    expect(() => amazon.prepare(feed({ product_type_schemas: { PRODUCT: 'nope.json' } }), { root: '/x', now: NOW, env: {} })).toThrow(
      /\/options\/product_type_schemas\/PRODUCT/,
    );
  });
});

describe.skipIf(!existsSync(productSchema))('amazon rules with the PRODUCT definition', () => {
  if (!existsSync(productSchema))
    console.log(`skipped: ${productSchema} is not present (Amazon's product type definition lives in ../shared/specs)`);
  const withSchema = (options: Record<string, unknown> = {}) => feed({ product_type_schemas: { PRODUCT: productSchema }, ...options });
  const complete = (fields: Record<string, string> = {}) => prepared({}, { fields: { ...productFacts, ...fields } });

  it('accepts a product with every fact PRODUCT requires', async () => {
    expect(await ruleIds(single(complete()), withSchema())).toEqual([]);
  });

  const cases: [string, Prepared, string[]][] = [
    ['no item type keyword', complete({ item_type_keyword: '' }), ['ptd-required@SKU-1:item_type_keyword']],
    [
      'a dangerous-goods value outside the enum',
      complete({ supplier_declared_dg_hz_regulation: 'explosive' }),
      ['ptd-invalid@SKU-1:supplier_declared_dg_hz_regulation'],
    ],
    ['an attribute PRODUCT does not have, from a template', complete({ flavor: 'mint' }), ['ptd-unknown-attribute@SKU-1:flavor']],
    // 500 characters are allowed, but 250 bytes only: 126 two-byte characters are 252 bytes
    [
      'generic keywords within 500 characters but over 250 bytes',
      complete({ generic_keyword: 'é'.repeat(126) }),
      ['generic-keyword-too-many-bytes@SKU-1:generic_keyword', 'ptd-too-many-bytes@SKU-1:generic_keyword'],
    ],
  ];
  it.each(cases)('%s', async (_name, product, expected) => {
    expect((await ruleIds(single(product), withSchema())).sort()).toEqual(expected.sort());
  });

  it('drops a catalog value PRODUCT has no attribute for, with a warning', async () => {
    const [item] = await itemsOf(single(prepared({ material: 'Steel' }, { fields: productFacts })), withSchema());
    expect(item.issues.map((i) => `${i.rule}:${i.field}:${i.severity}`)).toEqual(['attribute-not-in-product-type:material:warning']);
    expect(item.item.attributes!.material).toBeUndefined();
  });

  it('checks maxUniqueItems per selector combination (bullet points: 10 per marketplace and language)', async () => {
    const bullets = Array.from({ length: 11 }, (_, i) => `point ${i}`).join('|');
    const ids = await ruleIds(single(complete({ bullet_point: bullets })), withSchema());
    expect(ids.sort()).toEqual(['bullet-point-too-many@SKU-1:bullet_point', 'ptd-value-count@SKU-1:bullet_point']);
  });

  it('reports a theme whose attribute the product type lacks, and leaves the children out with their parent', async () => {
    const group = family(
      { color: undefined },
      [
        { size: 'S', color: 'Red', gtin: '4006381333931' },
        { size: 'M', color: 'Red', gtin: '4006381333948' },
      ],
      ['size'],
      { fields: productFacts },
    );
    const items = await itemsOf(group, withSchema());
    const errors = items.map((i) => [i.sku, [...new Set(i.issues.filter((x) => x.severity === 'error').map((x) => x.rule))]]);
    expect(errors[0]).toEqual(['P-1', ['variation-theme-unsupported', 'ptd-required']]);
    expect(errors.slice(1).every(([, rules]) => (rules as string[]).includes('variant-parent-invalid'))).toBe(true);
  });

  it('accepts a color family under PRODUCT: parent and children pass the definition', async () => {
    const facts = { ...productFacts, color: '' };
    const group = family(
      {},
      [
        { color: 'Red', gtin: '4006381333931' },
        { color: 'Blue', gtin: '4006381333948' },
      ],
      ['color'],
      { fields: facts },
    );
    group.parent!.fields = { ...facts, color: 'Multicolor' };
    for (const v of group.variants) v.fields = { ...facts, color: v.product.color! };
    const items = await itemsOf(group, withSchema());
    expect(items.flatMap((i) => i.issues.map((x) => `${x.rule}@${x.sku}:${x.field}`))).toEqual([]);
    expect(items[0].item.attributes!.variation_theme).toEqual([{ name: 'COLOR_NAME' }]);
  });
});
