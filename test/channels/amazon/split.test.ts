import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { Ajv } from 'ajv';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { build } from '../../../src/commands/build.js';
import type { RunReport } from '../../../src/report.js';
import { NOW } from '../../helpers/workspace.js';
import { amazonSpecs } from './helpers.js';

const PRODUCTS = 60_000;
const feedSchemaFile = path.join(amazonSpecs, 'listings-feed-schema-v2.json');

/** A workspace with a generated catalog of PRODUCTS standalone products. */
function generatedWorkspace(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'omnifeed-amazon-'));
  mkdirSync(path.join(dir, 'feeds/maps'), { recursive: true });
  writeFileSync(path.join(dir, 'omnifeed.yaml'), 'catalog: { path: catalog.csv, currency: USD, units: { weight: kg } }\noutput: out\n');
  writeFileSync(path.join(dir, 'feeds/maps/amazon.csv'), 'category,id,item_type_keyword\nHome,PRODUCT,kitchen-products\n');
  writeFileSync(
    path.join(dir, 'feeds/amazon-us.yaml'),
    'channel: amazon\nmarket: { country: US, language: en, currency: USD }\noutput: { path: amazon-us.json }\ncategories: maps/amazon.csv\n' +
      'fields: { bullet_point: "{{ title }}", color: Silver, country_of_origin: DE, supplier_declared_dg_hz_regulation: not_applicable }\n' +
      'options: { merchant_shipping_group: Standard, gtin_exemption: true }\n',
  );
  const rows = ['sku,title,description,brand,price,quantity,category,image_url,weight'];
  for (let i = 1; i <= PRODUCTS; i++)
    rows.push(
      `GEN-${i},Generated product ${i},"Product number ${i}, for the split test.",Northwind,${(10 + (i % 90)).toFixed(2)},${i % 7},Home > Kitchen,https://cdn.example.com/${i}.jpg,0.5`,
    );
  writeFileSync(path.join(dir, 'catalog.csv'), `${rows.join('\n')}\n`);
  return dir;
}

/** Heap in use after a full collection (gc exposed at run time: no timing involved). */
function heapAfterGc(): number {
  setFlagsFromString('--expose-gc');
  (runInNewContext('gc') as () => void)();
  return process.memoryUsage().heapUsed;
}

describe(`amazon feed of ${PRODUCTS} products`, () => {
  let dir: string;
  let report: RunReport;
  const heap: Record<number, number> = {};

  beforeAll(async () => {
    dir = generatedWorkspace();
    report = await build({
      cwd: dir,
      feeds: ['amazon-us'],
      now: NOW,
      env: { AMAZON_SELLER_ID: 'A1SPLITTEST' },
      onProgress: (n) => (heap[n] = heapAfterGc()),
    });
  }, 120_000);
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('splits at 25,000 messages into numbered files the run report lists', () => {
    const feed = report.feeds[0];
    expect(feed.listed).toBe(PRODUCTS);
    expect(feed.files).toEqual(['out/amazon-us.json', 'out/amazon-us-2.json', 'out/amazon-us-3.json']);
    const counts = feed.files.map((file) => {
      const doc = JSON.parse(readFileSync(path.join(dir, file), 'utf8'));
      expect(doc.header.sellerId).toBe('A1SPLITTEST');
      expect(doc.messages[0].messageId).toBe(1);
      expect(doc.messages.at(-1).messageId).toBe(doc.messages.length);
      return doc.messages.length;
    });
    expect(counts).toEqual([25_000, 25_000, 10_000]);
    const last = JSON.parse(readFileSync(path.join(dir, 'out/amazon-us-3.json'), 'utf8'));
    expect(last.messages.at(-1).sku).toBe(`GEN-${PRODUCTS}`);
  });

  it.skipIf(!existsSync(feedSchemaFile))('writes files that each validate against listings-feed-schema-v2.json', () => {
    const validate = new Ajv({ strict: false }).compile(JSON.parse(readFileSync(feedSchemaFile, 'utf8')));
    for (const file of report.feeds[0].files)
      expect(validate(JSON.parse(readFileSync(path.join(dir, file), 'utf8'))), `${file}: ${JSON.stringify(validate.errors)}`).toBe(true);
  });

  it('removes the parts a later, smaller build no longer writes, so that out/amazon-us*.json is one feed', async () => {
    const catalog = readFileSync(path.join(dir, 'catalog.csv'), 'utf8').split('\n');
    writeFileSync(path.join(dir, 'catalog.csv'), `${catalog.slice(0, 101).join('\n')}\n`);
    const small = await build({ cwd: dir, feeds: ['amazon-us'], now: NOW, env: { AMAZON_SELLER_ID: 'A1SPLITTEST' } });
    expect(small.feeds[0].files).toEqual(['out/amazon-us.json']);
    expect(readdirSync(path.join(dir, 'out')).sort()).toEqual([
      '.omnifeed',
      'amazon-us.json',
      'omnifeed-manifest.json',
      'omnifeed-report.json',
    ]);
    const manifest = JSON.parse(readFileSync(path.join(dir, 'out/omnifeed-manifest.json'), 'utf8'));
    expect(manifest.files.map((f: { path: string }) => f.path)).toEqual([
      '.omnifeed/amazon-us.tsv.gz',
      'amazon-us.json',
      'omnifeed-report.json',
    ]);
  });

  it('does not grow its heap with the catalog', () => {
    // heap after a full gc at 20,000 and at 60,000 products read; holding the messages would add well over 40 MB
    expect(heap[20_000]).toBeDefined();
    expect(heap[60_000]).toBeDefined();
    const growth = heap[60_000] - heap[20_000];
    expect(growth, `grew ${(growth / 1e6).toFixed(1)} MB`).toBeLessThan(15e6);
  });
});
