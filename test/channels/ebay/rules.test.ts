import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { truncateTitle } from '../../../src/channels/ebay/index.js';
import type { ListingGroup } from '../../../src/model.js';
import { channelFor, feed, itemsOf, prepared, rulesOf, single, variantGroup } from './helpers.js';

const long = `${'Stainless steel insulated water bottle '.repeat(5)}`.trim(); // 200 characters

describe('eBay listing rules', () => {
  const cases: [string, ListingGroup, ReturnType<typeof feed> | undefined, [string, string][]][] = [
    ['a valid product', single(prepared()), undefined, []],
    ['no title', single(prepared({ title: undefined })), undefined, [['title-missing', 'title']]],
    [
      'a 200-character title, long_titles: reject',
      single(prepared({ title: long })),
      feed({ long_titles: 'reject' }),
      [['title-too-long', 'Title']],
    ],
    [
      'a 200-character title, long_titles: truncate',
      single(prepared({ title: long })),
      feed({ long_titles: 'truncate' }),
      [['title-truncated', 'Title']],
    ],
    ['no category map line', single(prepared({}, { category: undefined })), undefined, [['category-unmapped', 'Category']]],
    [
      'a category that is not an id',
      single(prepared({}, { category: { id: 'Sports', matched: 'Sports' } })),
      undefined,
      [['category-invalid', 'Category']],
    ],
    ['an unknown condition', single(prepared({ condition: 'mint-ish' })), undefined, [['condition-unknown', 'ConditionID']]],
    [
      'a condition the category does not take (eBay rule for trading cards)',
      single(prepared({ condition: 'new' }, { category: { id: '183454', matched: 'Cards' } })),
      undefined,
      [['condition-not-allowed', 'ConditionID']],
    ],
    [
      'a condition the trading card category takes',
      single(prepared({ condition: 'like new' }, { category: { id: '183454', matched: 'Cards' } })),
      undefined,
      [],
    ],
    ['no description', single(prepared({ description: undefined })), undefined, [['description-missing', 'description']]],
    [
      'a script in the description',
      single(prepared({ description: '<p onclick="x()">Hi</p><script>alert(1)</script>' })),
      undefined,
      [['description-active-content-removed', 'Description']],
    ],
    // eBay's active content policy, by an allow-list: what a deny-list of tags let through
    ...(
      [
        ['a javascript: link', '<p><a href="javascript:alert(1)">Size chart</a></p>'],
        ['a meta refresh', '<meta http-equiv="refresh" content="0;url=https://evil.example.com/"><p>Hi</p>'],
        ['a base element', '<base href="https://evil.example.com/"><p><a href="/size">Size chart</a></p>'],
        ['an svg with a script', '<p>Hi</p><svg><script>alert(1)</script></svg>'],
        ['a data: image', '<img src="data:text/html;base64,PHNjcmlwdD4=">'],
      ] as const
    ).map(([name, html]): (typeof cases)[number] => [
      name,
      single(prepared({ description: html })),
      undefined,
      [['description-active-content-removed', 'Description']],
    ]),
    [
      'formatting, a table, an https image and link',
      single(
        prepared({
          description:
            '<h2 style="color:#333">Specs</h2><table border="1"><tr><td colspan="2"><b>Size</b></td></tr></table><img src="https://cdn.example.com/a.jpg" alt="A"><a href="https://shop.example.com/size" target="_blank">Size chart</a>',
        }),
      ),
      undefined,
      [],
    ],
    ['no picture', single(prepared({ image_url: undefined })), undefined, [['image-missing', 'image_url']]],
    ['an http picture', single(prepared({ image_url: 'http://cdn.example.com/a.jpg' })), undefined, [['image-url-invalid', 'PicURL']]],
    [
      'a picture URL with a space',
      single(prepared({ image_url: 'https://cdn.example.com/a b.jpg' })),
      undefined,
      [['image-url-encoded', 'PicURL']],
    ],
    [
      '25 pictures',
      single(prepared({ additional_image_urls: Array.from({ length: 24 }, (_, i) => `https://cdn.example.com/${i}.jpg`) })),
      undefined,
      [['images-dropped', 'PicURL']],
    ],
    [
      'eBay-hosted and self-hosted pictures',
      single(prepared({ additional_image_urls: ['https://i.ebayimg.com/images/g/abc/s-l1600.jpg'] })),
      undefined,
      [['pictures-mixed-hosting', 'PicURL']],
    ],
    ['no price', single(prepared({ price: undefined })), undefined, [['price-missing', 'price']]],
    ['a price in another currency', single(prepared({ currency: 'EUR' })), undefined, [['currency-mismatch', 'StartPrice']]],
    [
      'no stock without out-of-stock control',
      single(prepared({}, { stock: { quantity: 0, in_stock: false, steps: [] } })),
      undefined,
      [['quantity-zero', 'Quantity']],
    ],
    [
      'no stock with out-of-stock control',
      single(prepared({}, { stock: { quantity: 0, in_stock: false, steps: [] } })),
      feed({ out_of_stock_control: true }),
      [],
    ],
    ['a 51-character SKU', single(prepared({ sku: 'S'.repeat(51) })), undefined, [['sku-too-long', 'CustomLabel']]],
    ['a GTIN with a wrong check digit', single(prepared({ gtin: '4006381333932' })), undefined, [['gtin-check-digit', 'gtin']]],
    ['an all-zero GTIN', single(prepared({ gtin: '00000000' })), undefined, [['gtin-placeholder', 'gtin']]],
    ['a GTIN-14 with a packaging indicator', single(prepared({ gtin: '14006381333938' })), undefined, [['gtin-not-sent', 'gtin']]],
    [
      'a required item specific missing',
      single(prepared({ color: undefined })),
      feed({ required_specifics: ['Brand', 'Color'] }),
      [['item-specific-missing', 'C:Color']],
    ],
    [
      'a required item specific of the category missing',
      single(prepared()),
      feed({ category_specifics: { '20625': ['Capacity'] } }),
      [['item-specific-missing', 'C:Capacity']],
    ],
    ['a brand of 66 characters', single(prepared({ brand: 'B'.repeat(66) })), undefined, [['item-specific-too-long', 'C:Brand']]],
    ['a title starting with =', single(prepared({ title: '=HYPERLINK("x")' })), undefined, [['formula-escaped', 'Title']]],
  ];
  it.each(cases)('%s', async (_, group, definition, expected) => {
    const items = await itemsOf(group, definition);
    expect(items.flatMap((i) => i.issues.map((x) => [x.rule, x.field]))).toEqual(expected);
  });

  it('cuts a long title at a word boundary within 80 characters', async () => {
    const [item] = await itemsOf(single(prepared({ title: long })), feed({ long_titles: 'truncate' }));
    const title = item.item.rows[0].Title;
    expect([...title].length).toBeLessThanOrEqual(80);
    expect(long.startsWith(title)).toBe(true);
    expect(long[title.length]).toBe(' ');
    expect(truncateTitle('x'.repeat(100))).toBe('x'.repeat(80));
  });

  it('keeps a description with a formula prefix, quotes and line breaks as HTML', async () => {
    const description = '=1+1 "quoted", and\nsecond line';
    const [item] = await itemsOf(single(prepared({ description })));
    expect(item.item.rows[0].Description).toBe('=1+1 "quoted", and<br>\nsecond line');
    expect(rulesOf([item])).toEqual([]);
  });

  it('turns Windows line breaks of a plain-text description into <br>, not into &#13;', async () => {
    const [item] = await itemsOf(single(prepared({ description: 'one\r\ntwo & three\nfour' })));
    expect(item.item.rows[0].Description).toBe('one<br>\ntwo &amp; three<br>\nfour');
  });

  it('maps condition words and GTINs onto eBay columns', async () => {
    const [used] = await itemsOf(single(prepared({ condition: 'Used', gtin: '0614141001019' })));
    expect(used.item.rows[0]).toMatchObject({ ConditionID: '3000', 'P:UPC': '614141001019' });
    const [book] = await itemsOf(single(prepared({ gtin: '160358286X' })));
    expect(book.item.rows[0]['P:ISBN']).toBe('9781603582865');
    const [upcE] = await itemsOf(single(prepared({ gtin: '04252614' })));
    expect(upcE.item.rows[0]['P:UPC']).toBe('042100005264');
  });
});

describe('eBay variations', () => {
  const sizes = (n: number) => Array.from({ length: n }, (_, i) => ({ size: `S${i + 1}` }));

  it('writes a listing row with every value and one Variation row per combination', async () => {
    const items = await itemsOf(
      variantGroup([
        { color: 'Red', size: 'S' },
        { color: 'Red', size: 'M' },
        { color: 'Blue', size: 'S' },
      ]),
    );
    expect(items).toHaveLength(1);
    const [head, ...variations] = items[0].item.rows;
    expect(head).toMatchObject({ Action: 'Add', CustomLabel: 'P-1', RelationshipDetails: 'Color=Red;Blue|Size=S;M' });
    expect(head.StartPrice).toBeUndefined();
    expect(head.Quantity).toBeUndefined();
    expect(head['C:Color']).toBeUndefined();
    expect(variations.map((v) => [v.CustomLabel, v.Relationship, v.RelationshipDetails, v.StartPrice, v.Quantity])).toEqual([
      ['P-1-1', 'Variation', 'Color=Red|Size=S', '20.00', '3'],
      ['P-1-2', 'Variation', 'Color=Red|Size=M', '20.00', '3'],
      ['P-1-3', 'Variation', 'Color=Blue|Size=S', '20.00', '3'],
    ]);
  });

  it('leaves out a variation without the varying value or with a duplicate combination, and lists the rest', async () => {
    const items = await itemsOf(variantGroup([{ size: 'S' }, { size: 'M' }, { size: undefined }, { size: 'M' }]));
    expect(items.map((i) => [i.sku, i.issues.map((x) => x.rule)])).toEqual([
      ['P-1', []],
      ['P-1-3', ['variant-missing-attribute']],
      ['P-1-4', ['variant-not-distinct']],
    ]);
    expect(items[0].item.rows.map((r) => r.CustomLabel)).toEqual(['P-1', 'P-1-1', 'P-1-2']);
  });

  it('takes values that differ only in letter case for one value: Navy and navy are a duplicate combination', async () => {
    const items = await itemsOf(variantGroup([{ color: 'Navy' }, { color: 'navy ' }, { color: 'Red' }]));
    expect(items.map((i) => [i.sku, i.issues.map((x) => x.rule)])).toEqual([
      ['P-1', []],
      ['P-1-2', ['variant-not-distinct']],
    ]);
  });

  it('lists a group that varies in nothing item by item, and only one of its identical items', async () => {
    const items = await itemsOf(variantGroup([{ color: 'Red' }, { color: 'Red' }]));
    expect(items.map((i) => [i.sku, i.issues.map((x) => x.rule)])).toEqual([
      ['P-1-1', []],
      ['P-1-2', ['variant-not-distinct']],
    ]);
    expect(items[0].item.rows.map((r) => [r.CustomLabel, r.Relationship])).toEqual([['P-1-1', undefined]]);
  });

  const limits: [string, ListingGroup, string][] = [
    ['61 values of one name', variantGroup(sizes(61)), 'variation-too-many-values'],
    [
      '251 variations',
      variantGroup(Array.from({ length: 251 }, (_, i) => ({ color: `C${i % 50}`, size: `S${Math.floor(i / 50)}` }))),
      'variation-too-many',
    ],
    [
      'six variation names',
      variantGroup([
        { color: 'a', size: 'a', material: 'a', pattern: 'a', gender: 'a', age_group: 'a' },
        { color: 'b', size: 'b', material: 'b', pattern: 'b', gender: 'b', age_group: 'b' },
      ]),
      'variation-too-many-names',
    ],
    ['a value holding a separator', variantGroup([{ size: 'S;M' }, { size: 'L' }]), 'variation-value-invalid'],
    ['a value of 51 characters', variantGroup([{ size: 'x'.repeat(51) }, { size: 'L' }]), 'variation-value-too-long'],
  ];
  it.each(limits)('checks eBay limits: %s', async (_, group, rule) => {
    expect(rulesOf(await itemsOf(group))).toContain(rule);
  });

  it('stays within the limits at 60 values and 250 variations', async () => {
    expect(rulesOf(await itemsOf(variantGroup(sizes(60))))).toEqual([]);
    const group = variantGroup(Array.from({ length: 250 }, (_, i) => ({ color: `C${i % 50}`, size: `S${Math.floor(i / 50)}` })));
    expect(rulesOf(await itemsOf(group))).toEqual([]);
  });

  it('reports a listing whose every variation is invalid', async () => {
    const items = await itemsOf(
      variantGroup(
        [
          { size: 'S', color: 'Red' },
          { size: 'M', color: undefined },
        ],
        { price: undefined },
      ),
    );
    expect(rulesOf(items)).toEqual(['variants-none-valid', 'price-missing', 'price-missing', 'variant-missing-attribute']);
  });
});

describe('eBay feed configuration', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'omnifeed-ebay-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const template = (name: string, text: string) => {
    writeFileSync(path.join(dir, name), text);
    return name;
  };

  it('fills exactly the columns of a downloaded template and reports required ones it cannot fill', async () => {
    const name = template(
      'shirts.csv',
      '\uFEFFInfo,Version=1.0.0,Template=fx_category_template_EBAY_US\r\n*Action(SiteID=US|Country=US|Currency=USD|Version=1193|CC=UTF-8),Custom label (SKU),*Category,*Title,*C:Department,*StartPrice,*Quantity,PicURL\r\nInfo,>>> help row\r\n',
    );
    const channel = await channelFor(feed({ template: name }), dir);
    const [item] = channel.items(single(prepared()));
    expect(item.issues.map((i) => [i.rule, i.field])).toEqual([['required-column-empty', 'C:Department']]);
    expect(Object.keys(item.item.rows[0]).sort()).toEqual(
      ['Action', 'Category', 'CustomLabel', 'PicURL', 'StartPrice', 'Quantity', 'Title'].sort(),
    );
    const [filled] = (await channelFor(feed({ template: name }, { fields: { 'C:Department': 'Unisex Adults' } }), dir)).items(
      single(prepared({}, { fields: { 'C:Department': 'Unisex Adults' } })),
    );
    expect(filled.issues).toEqual([]);
  });

  it.each([
    [
      'a template missing a required column',
      'no-title.csv',
      '*Action(SiteID=US|Currency=USD),CustomLabel,*Category,*StartPrice,*Quantity\r\n',
      /no column \*Title/,
    ],
    [
      'a template for another site',
      'uk.csv',
      '*Action(SiteID=UK|Country=GB|Currency=GBP),*Category,*Title,*StartPrice,*Quantity\r\n',
      /SiteID=UK/,
    ],
    ['a file without a header row', 'empty.csv', 'Info,nothing\r\n', /no header row/],
  ])('refuses %s', async (_, name, text, message) => {
    await expect(channelFor(feed({ template: template(name, text) }), dir)).rejects.toMatchObject({ code: 'CONFIG_INVALID', message });
  });

  it('refuses a fields: column the template lacks', async () => {
    const name = template('small.csv', '*Action(SiteID=US),*Category,*Title,*StartPrice,*Quantity\r\n');
    await expect(channelFor(feed({ template: name }, { fields: { Subtitle: 'x' } }), dir)).rejects.toMatchObject({
      code: 'CONFIG_INVALID',
      message: /Subtitle/,
    });
  });

  it('takes the site from the market, and refuses a currency the site does not list in', async () => {
    await expect(channelFor(feed({}, { market: { country: 'GB', language: 'en', currency: 'GBP' } }))).resolves.toBeDefined();
    await expect(channelFor(feed({ site: 'DE' }, { market: { country: 'DE', language: 'de', currency: 'USD' } }))).rejects.toMatchObject({
      code: 'CONFIG_INVALID',
    });
    await expect(channelFor(feed({}, { market: { country: 'JP', language: 'ja', currency: 'JPY' } }))).rejects.toMatchObject({
      code: 'CONFIG_INVALID',
    });
  });
});
