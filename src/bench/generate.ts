import { createWriteStream, existsSync, mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { once } from 'node:events';
import path from 'node:path';
import { stringify } from 'yaml';

/** Deterministic pseudo-random numbers (mulberry32), so every run benchmarks the same catalog. */
function random(seed: number): () => number {
  return () => {
    seed |= 0;
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const WORDS =
  'organic cotton steel bottle lamp "classic" walnut ceramic handmade, durable light travel kitchen garden linen wool soft premium compact waterproof modern vintage café naïve 抹茶 δοκιμή'.split(
    ' ',
  );
const CATEGORIES = [
  'Home & Garden > Kitchen > Cookware',
  'Home & Garden > Lighting > Lamps',
  'Apparel > Men > T-Shirts',
  'Electronics > Audio > Speakers',
  'Sports > Camping > Tents',
  'Toys > Puzzles',
  'Media > Books',
  'Misc > Other',
];
const COLORS = ['Red', 'Navy', 'Black', 'Sand', 'Forest'];
const SIZES = ['XS', 'S', 'M', 'L', 'XL'];
export const HEADER = [
  'sku',
  'parent_sku',
  'title',
  'description',
  'brand',
  'gtin',
  'mpn',
  'price',
  'sale_price',
  'cost',
  'quantity',
  'status',
  'condition',
  'category',
  'url',
  'image_url',
  'additional_image_urls',
  'weight',
  'color',
  'size',
  'material',
  'gender',
  'age_group',
  'tags',
  'country_of_origin',
];

function gtin(n: number): string {
  const body = `40${String(n).padStart(10, '0')}`;
  let sum = 0;
  for (let i = body.length - 1, w = 3; i >= 0; i--, w = 4 - w) sum += Number(body[i]) * w;
  return body + ((10 - (sum % 10)) % 10);
}

const csvCell = (value: string) => (/[",\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value);

type Row = Partial<Record<(typeof HEADER)[number], string>>;
const base = (extra: Row) => HEADER.map((h) => extra[h] ?? '');

/** A product's price and the listing columns its variants share, drawn from the generator's sequence. */
function listing(sku: string, next: () => number, pick: <T>(list: readonly T[]) => T): { price: string; shared: Row } {
  let description = '';
  const length = 200 + Math.floor(next() * 1800);
  while (description.length < length) description += `${pick(WORDS)} `;
  const price = (5 + next() * 200).toFixed(2);
  const category = pick(CATEGORIES);
  const shared = {
    title: `${pick(WORDS)} ${pick(WORDS)} ${pick(WORDS)}`.replace(/"/g, ''),
    description: description.trim(),
    brand: pick(['Northwind', 'Trailhead', 'Voltix', 'Calla']),
    category,
    material: pick(['cotton', 'steel', 'oak', '']),
    gender: category.startsWith('Apparel') ? 'unisex' : '',
    age_group: category.startsWith('Apparel') ? 'adult' : '',
    tags: `${pick(WORDS)}|${pick(WORDS)}`,
    country_of_origin: pick(['PT', 'DE', 'CN', 'US']),
    status: next() < 0.97 ? 'active' : 'draft',
    condition: 'new',
    url: `https://shop.example.com/p/${sku}`,
    image_url: `https://cdn.example.com/${sku}.jpg`,
    additional_image_urls: `https://cdn.example.com/${sku}-2.jpg|https://cdn.example.com/${sku}-3.jpg`,
    weight: (0.1 + next() * 40).toFixed(2),
  };
  return { price, shared };
}

/**
 * Write a synthetic catalog of `count` products: 25 columns, descriptions of 200 to 2,000
 * characters, 10% of the products in variant groups (a parent row followed by its variants).
 */
export async function generateCatalog(file: string, count: number): Promise<void> {
  if (existsSync(file)) return;
  mkdirSync(path.dirname(file), { recursive: true });
  const next = random(count);
  const pick = <T>(list: readonly T[]) => list[Math.floor(next() * list.length)];
  const out = createWriteStream(`${file}.part`);
  let buffer = `${HEADER.join(',')}\n`;
  const row = (values: string[]) => {
    buffer += `${values.map(csvCell).join(',')}\n`;
  };
  let written = 0;
  let n = 0;
  while (written < count) {
    const grouped = next() < 0.1 && count - written > 6;
    const sku = `P${String(++n).padStart(8, '0')}`;
    const { price, shared } = listing(sku, next, pick);
    if (!grouped) {
      row(
        base({
          ...shared,
          sku,
          gtin: gtin(n),
          mpn: `M-${n}`,
          price,
          sale_price: next() < 0.1 ? (Number(price) * 0.8).toFixed(2) : '',
          cost: (Number(price) * (0.3 + next() * 0.6)).toFixed(2),
          quantity: String(Math.floor(next() * 60)),
        }),
      );
      written++;
    } else {
      row(base({ ...shared, sku }));
      const variants = 3 + Math.floor(next() * 3);
      for (let v = 0; v < variants; v++) {
        n++;
        row(
          base({
            sku: `${sku}-${v}`,
            parent_sku: sku,
            gtin: gtin(n),
            price,
            cost: (Number(price) * 0.4).toFixed(2),
            quantity: String(Math.floor(next() * 30)),
            color: COLORS[v % COLORS.length],
            size: SIZES[v % SIZES.length],
          }),
        );
      }
      written += variants + 1;
    }
    if (buffer.length > 1 << 20) {
      if (!out.write(buffer)) await once(out, 'drain');
      buffer = '';
    }
  }
  out.end(buffer);
  await once(out, 'finish');
  renameSync(`${file}.part`, file);
}

/** The generated catalog as a database table: money and weights numeric, quantities integer. */
export const BENCH_TABLE = {
  name: 'products',
  types: { price: 'NUMERIC(10,2)', sale_price: 'NUMERIC(10,2)', cost: 'NUMERIC(10,2)', quantity: 'INTEGER', weight: 'NUMERIC(10,2)' },
};

/** Where the benchmark workspace reads its catalog: the generated file, or a database copy of it. */
export type BenchCatalog = { path: string } | { source: string; table?: string; query?: string };

/** The benchmark's feeds: one per channel, with the demo feeds' kinds of options. */
export const BENCH_FEEDS = ['google-us', 'amazon-us', 'ebay-us', 'etsy'] as const;
export type BenchFeed = (typeof BENCH_FEEDS)[number];

const CATEGORY_MAPS: Record<string, string> = {
  google:
    'category,id\nHome & Garden > Kitchen,638\nHome & Garden > Lighting > Lamps,4636\nApparel,Apparel & Accessories > Clothing\nElectronics,222\nSports,988\nToys,1239\nMedia > Books,784\n',
  amazon:
    'category,id,item_type_keyword\nHome & Garden,PRODUCT,home-products\nHome & Garden > Kitchen,PRODUCT,kitchen-products\nApparel,PRODUCT,apparel\nApparel > Men > T-Shirts,SHIRT,t-shirts\nElectronics,PRODUCT,speakers\nSports,PRODUCT,tents\nToys,PRODUCT,puzzles\nMedia,PRODUCT,books\nMisc,PRODUCT,home-products\n',
  ebay: 'category,id\nHome & Garden > Kitchen,20625\nHome & Garden > Lighting,20697\nApparel > Men > T-Shirts,15687\nElectronics > Audio,14969\nSports > Camping,36119\nToys > Puzzles,2613\nMedia > Books,261186\nMisc,88433\n',
  etsy: 'category,id\nHome & Garden,891\nApparel,69150437\nToys,1250\nMedia,323\nSports,891\nElectronics,891\nMisc,891\n',
};

/** The feed definitions, as a user writes them: selection, pricing, stock policy, a category map and templates. */
const FEED_DEFINITIONS: Record<BenchFeed, string[]> = {
  'google-us': [
    'channel: google',
    'market: { country: US, language: en, currency: USD }',
    'output: { path: google-us.xml, format: rss }',
    'select:',
    `  include: "status == 'active'"`,
    '  exclude:',
    '    - { when: "weight_kg > 30", reason: too-heavy-to-ship }',
    'pricing: { markup_percent: 5, fee_percent: 2, round_to: "0.99", min_margin: 0.1 }',
    'inventory: { buffer: 1, max: 50, out_of_stock: keep }',
    'categories: maps/google.csv',
    'fields:',
    '  title: "{{ brand }} {{ title }} {{ color }} {{ size }}"',
    '  custom_label_0: "{{ margin_band }}"',
  ],
  'amazon-us': [
    'channel: amazon',
    'market: { country: US, language: en, currency: USD }',
    'output: { path: amazon-us.json, format: json }',
    'select:',
    `  include: "status == 'active'"`,
    '  exclude:',
    '    - { when: "weight_kg > 30", reason: too-heavy-to-ship }',
    'variants: all',
    'pricing: { markup_percent: 8, fee_percent: 15, fee_fixed: 0, round_to: "0.99", min_margin: 0.10 }',
    'inventory: { buffer: 1, max: 50, out_of_stock: keep }',
    'categories: maps/amazon.csv',
    'fields:',
    '  item_name: "{{ brand }} {{ title }} {{ color }} {{ size }}"',
    '  country_of_origin: "{{ country_of_origin }}"',
    '  supplier_declared_dg_hz_regulation: not_applicable',
    '  bullet_point: "{{ material }} | {{ brand }} quality | ships in 2 days"',
    `  color: "{{ default color 'Multicolor' }}"`,
    'options:',
    '  seller_id: A1BENCHSELLER0',
    '  handling_days: 2',
    '  merchant_shipping_group: Migrated Template',
    '  gtin_exemption: true',
  ],
  'ebay-us': [
    'channel: ebay',
    'market: { country: US, language: en, currency: USD }',
    'output: { path: ebay-us.csv, format: csv }',
    'select:',
    `  include: "status == 'active'"`,
    '  exclude:',
    '    - { when: "weight_kg > 30", reason: too-heavy-to-ship }',
    'variants: all',
    'pricing: { markup_percent: 8, fee_percent: 13.25, fee_fixed: 0.30, round_to: "0.99", min_margin: 0.10 }',
    'inventory: { buffer: 1, max: 20, out_of_stock: keep }',
    'categories: maps/ebay.csv',
    'fields:',
    '  Title: "{{ brand }} {{ title }}"',
    `  C:Brand: "{{ default brand 'Unbranded' }}"`,
    `  C:MPN: "{{ default mpn 'Does not apply' }}"`,
    'options:',
    '  site: US',
    '  long_titles: truncate',
    '  location: Portland, OR',
    '  postal_code: "97201"',
    '  policies: { shipping: Standard shipping, return: 30 days returns, payment: eBay managed payments }',
    '  dispatch_days: 2',
    '  required_specifics: [Brand]',
    '  category_specifics:',
    '    "15687": [Size, Color]',
  ],
  etsy: [
    'channel: etsy',
    'market: { country: US, language: en, currency: USD }',
    'output: { path: etsy.ndjson, format: ndjson }',
    'select:',
    `  include: "status == 'active'"`,
    '  exclude:',
    '    - { when: "stock == 0 and not is_variant", reason: out-of-stock }',
    'variants: all',
    'pricing: { markup_percent: 5, fee_percent: 0, fee_fixed: 0, round_to: "0.99" }',
    'inventory: { buffer: 0, max: 999, out_of_stock: keep }',
    'categories: maps/etsy.csv',
    'fields:',
    '  who_made: i_did',
    '  when_made: made_to_order',
    'options:',
    '  shipping_profile_id: 186012345',
    '  readiness_state_id: 1402345678',
    '  return_policy_id: 1003456789',
    '  should_auto_renew: true',
    '  tags_from_category: true',
    '  fix: { titles: true, tags: true }',
  ],
};

/**
 * The benchmark workspace: the generated catalog and one feed definition per channel, of which
 * `feeds` (by default the Google feed alone) are the workspace's feeds to build. `catalog` is the
 * catalog's source keys: `path: "…csv"`, `source: "sqlite:…", table: products`.
 */
export function writeWorkspace(dir: string, catalog: BenchCatalog, feeds: readonly BenchFeed[] = ['google-us']): void {
  mkdirSync(path.join(dir, 'feeds/maps'), { recursive: true });
  const config = { catalog: { ...catalog, currency: 'USD', units: { weight: 'kg' } }, output: 'out', feeds: [...feeds] };
  writeFileSync(path.join(dir, 'omnifeed.yaml'), stringify(config));
  for (const [name, lines] of Object.entries(FEED_DEFINITIONS))
    writeFileSync(path.join(dir, `feeds/${name}.yaml`), `${lines.join('\n')}\n`);
  for (const [channel, map] of Object.entries(CATEGORY_MAPS)) writeFileSync(path.join(dir, `feeds/maps/${channel}.csv`), map);
}
