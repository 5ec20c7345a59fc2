/**
 * The Meta feeds against Meta's published field list (./reference.ts, read from Meta's pages
 * apart from the channel's spec.ts): every item of the demo feed, in both formats, read back by
 * independent parsers, has the required fields, Meta's values, the lengths Meta allows and the
 * formats it documents.
 */
import { parse as parseCsv } from 'csv-parse/sync';
import { XMLParser } from 'fast-xml-parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { build } from '../../../src/commands/build.js';
import { demoWorkspace, NOW } from '../../helpers/workspace.js';
import { feed, itemsOf, prepared, render, single } from './helpers.js';
import { FIELD_NAMES, MAX_ADDITIONAL_IMAGES, MAX_CHARACTERS, ONE_OF, REQUIRED, VALUES, WEIGHT_UNITS } from './reference.js';

/** An item as Meta reads it: field -> values (a repeated field has several). */
type Read = Record<string, string[]>;

/** GS1 mod 10 over the digits before the check digit, weights 3, 1, 3, … from the right */
const gs1Valid = (digits: string) =>
  [...digits.slice(0, -1)].reverse().reduce((sum, d, i) => sum + Number(d) * (i % 2 === 0 ? 3 : 1), 0) % 10 ===
  (10 - Number(digits.at(-1))) % 10;

const isUrl = (text: string) => /^https?:$/.test(new URL(text, 'invalid:/').protocol);
const isInstant = (text: string) =>
  /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2})?(Z|[+-]\d{2}:?\d{2})$/.test(text) && !Number.isNaN(Date.parse(text));

/** What is wrong with an item by the reference: [] when nothing is. */
function problems(item: Read): string[] {
  const found: string[] = [];
  const one = (name: string) => item[name]?.[0];
  for (const name of Object.keys(item)) if (!FIELD_NAMES.has(name)) found.push(`${name}: not a Meta field`);
  for (const name of REQUIRED) if (!one(name)) found.push(`${name}: missing`);
  if (!ONE_OF.some((name) => one(name))) found.push(`none of ${ONE_OF.join(', ')}`);
  for (const [name, max] of Object.entries(MAX_CHARACTERS))
    for (const value of item[name] ?? []) if ([...value].length > max) found.push(`${name}: ${[...value].length} characters`);
  for (const [name, allowed] of Object.entries(VALUES))
    if (one(name) && !allowed.includes(one(name)!)) found.push(`${name}: '${one(name)}'`);
  for (const name of ['price', 'sale_price'])
    if (one(name) && !/^\d+(\.\d+)? [A-Z]{3}$/.test(one(name)!)) found.push(`${name}: '${one(name)}' is not a number and a currency code`);
  for (const name of ['link', 'image_link', 'additional_image_link'])
    for (const value of item[name] ?? []) if (!isUrl(value)) found.push(`${name}: '${value}' is not a URL`);
  if ((item.additional_image_link?.length ?? 0) > MAX_ADDITIONAL_IMAGES) found.push('more than 20 additional images');
  const gtin = one('gtin');
  if (gtin && !(/^(\d{8}|\d{12,14})$/.test(gtin) && gs1Valid(gtin))) found.push(`gtin: '${gtin}'`);
  const weight = one('shipping_weight')?.split(' ');
  if (weight && !(weight.length === 2 && Number(weight[0]) > 0 && WEIGHT_UNITS.includes(weight[1]))) found.push('shipping_weight');
  const dates = one('sale_price_effective_date')?.split('/');
  if (dates && !(dates.length === 2 && dates.every(isInstant) && Date.parse(dates[0]) < Date.parse(dates[1])))
    found.push(`sale_price_effective_date: '${dates.join('/')}'`);
  const quantity = one('quantity_to_sell_on_facebook');
  if (quantity && !/^\d+$/.test(quantity)) found.push(`quantity_to_sell_on_facebook: '${quantity}'`);
  return found;
}

/** CSV rows as Meta reads them: empty cells are no value; a list cell is comma-separated. */
const fromCsv = (text: string): Read[] =>
  (parseCsv(text, { columns: true }) as Record<string, string>[]).map((row) =>
    Object.fromEntries(
      Object.entries(row)
        .filter(([, v]) => v !== '')
        .map(([k, v]) => [k, k === 'additional_image_link' ? v.split(',') : [v]]),
    ),
  );

const xml = new XMLParser({ parseTagValue: false, isArray: (name) => name === 'item' });

/** RSS items as Meta reads them: g: elements and RSS title, link and description; repeated elements are several values. */
const fromRss = (text: string): Read[] =>
  (xml.parse(text).rss.channel.item as Record<string, unknown>[]).map((item) =>
    Object.fromEntries(
      Object.entries(item).map(([k, v]) => [
        k.replace(/^g:/, ''),
        [v].flat().map((x) => (typeof x === 'object' ? JSON.stringify(x) : String(x))),
      ]),
    ),
  );

describe("meta feeds against Meta's published field list", () => {
  const ws = demoWorkspace();
  let csvItems: Read[];
  let rssItems: Read[];

  beforeAll(async () => {
    ws.write(
      'feeds/meta-us-rss.yaml',
      ws.read('feeds/meta-us.yaml').replace('{ path: meta-us.csv, format: csv }', '{ path: meta-us.xml, format: rss }'),
    );
    await build({ cwd: ws.dir, feeds: ['meta-us', 'meta-us-rss'], now: NOW });
    csvItems = fromCsv(ws.read('out/meta-us.csv'));
    rssItems = fromRss(ws.read('out/meta-us.xml'));
  });
  afterAll(() => ws.dispose());

  it('validates every item of the demo CSV feed', () => {
    expect(csvItems.length).toBeGreaterThan(40);
    for (const item of csvItems) expect({ id: item.id[0], problems: problems(item) }).toEqual({ id: item.id[0], problems: [] });
  });

  it('validates every item of the demo RSS feed', () => {
    expect(rssItems.map((i) => i.id[0])).toEqual(csvItems.map((i) => i.id[0]));
    for (const item of rssItems) expect({ id: item.id[0], problems: problems(item) }).toEqual({ id: item.id[0], problems: [] });
  });

  it('validates an item with every field the channel writes, at the limits', async () => {
    const full = prepared(
      {
        sku: 'S'.repeat(100),
        title: 'T'.repeat(200),
        description: 'D'.repeat(9999),
        brand: 'B'.repeat(100),
        mpn: 'TR-750',
        condition: 'like new',
        gender: 'women',
        age_group: 'all ages',
        color: 'Blue',
        size: 'L',
        material: 'Steel',
        pattern: 'Plain',
        weight: 0.75,
        weight_unit: 'kg',
        category: 'Sports > Hydration',
        sale_start: '2026-11-20T08:00:00-05:00',
        sale_end: '2026-11-30',
        additional_image_urls: Array.from({ length: 25 }, (_, i) => `https://cdn.example.com/${i}.jpg`),
      },
      {
        price: { price: 20, sale_price: 15, sale_active: true, currency: 'USD', steps: [] },
        category: { id: '1', matched: 'Sports' },
        fields: { status: 'active', custom_label_0: 'high', rich_text_description: '<p>Cold drinks</p>' },
      },
    );
    const definition = feed({ options: { shipping: [{ country: 'US', region: 'CA', service: 'Ground', price: 4.95 }] } });
    const [{ item, issues }] = await itemsOf(single(full), definition);
    expect(issues.filter((i) => i.severity === 'error')).toEqual([]);
    const [csv] = fromCsv(await render([item], definition));
    expect(csv.additional_image_link).toHaveLength(20);
    expect(problems(csv)).toEqual([]);
    const [rss] = fromRss(await render([item], feed({ options: definition.options }, 'rss')));
    expect(problems(rss)).toEqual([]);
  });

  it('would catch an item Meta refuses (the reference is not empty)', () => {
    const good = csvItems[0];
    expect(problems(good)).toEqual([]);
    expect(problems({ ...good, availability: ['in_stock'] })).toEqual(["availability: 'in_stock'"]);
    expect(problems({ ...good, condition: ['mint'] })).toEqual(["condition: 'mint'"]);
    expect(problems({ ...good, title: ['t'.repeat(201)] })).toEqual(['title: 201 characters']);
    expect(problems({ ...good, price: ['$25.99'] })).toHaveLength(1);
    expect(problems({ ...good, gtin: ['0614141001018'] })).toEqual(["gtin: '0614141001018'"]);
    expect(problems({ ...good, link: [] })).toEqual(['link: missing']);
    expect(problems({ ...good, colour: ['Red'] })).toEqual(['colour: not a Meta field']);
    const { brand: _b, gtin: _g, mpn: _m, ...anonymous } = good;
    expect(problems(anonymous)).toEqual(['none of brand, gtin, mpn']);
  });
});
