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

/**
 * The benchmark workspace: the generated catalog and a Google feed with the demo's kinds of
 * rules. `source` is the catalog's source keys: `path: "…csv"`, `source: "sqlite:…", table: products`.
 */
export function writeWorkspace(dir: string, catalog: BenchCatalog): void {
  mkdirSync(path.join(dir, 'feeds/maps'), { recursive: true });
  const config = { catalog: { ...catalog, currency: 'USD', units: { weight: 'kg' } }, output: 'out' };
  writeFileSync(path.join(dir, 'omnifeed.yaml'), stringify(config));
  writeFileSync(
    path.join(dir, 'feeds/google-us.yaml'),
    [
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
      '',
    ].join('\n'),
  );
  writeFileSync(
    path.join(dir, 'feeds/maps/google.csv'),
    'category,id\nHome & Garden > Kitchen,638\nHome & Garden > Lighting > Lamps,4636\nApparel,Apparel & Accessories > Clothing\nElectronics,222\nSports,988\nToys,1239\nMedia > Books,784\n',
  );
}
