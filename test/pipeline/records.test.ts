import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import type { VariantPolicy } from '../../src/config/types.js';
import { parseRecord, readSkuFile, type SkuRecord } from '../../src/output/skus.js';
import { groupRecords } from '../../src/pipeline/records.js';
import { firstFeed } from '../helpers/runner.js';
import { tempWorkspace } from '../helpers/workspace.js';

const CATALOG = [
  'sku,parent_sku,title,description,brand,gtin,price,cost,quantity,status,weight,color,size,channels,category,url,image_url',
  'OK,,Bottle,Steel,Trailhead,4006381333931,20.00,5.00,3,active,1 kg,,,,Home > Kitchen,https://x.example/ok,https://x.example/ok.jpg',
  'DRAFT,,Tent,Tent,Trailhead,,99.00,40.00,3,draft,2 kg,,,,Home,https://x.example/d,https://x.example/d.jpg',
  'THIN,,Cable,Cable,Voltix,,7.00,6.50,3,active,0.1 kg,,,,Home,https://x.example/t,https://x.example/t.jpg',
  'NOGTIN,,Mug,Mug,Trailhead,4006381333932,9.00,,4,active,0.3 kg,,,,Home,https://x.example/m,https://x.example/m.jpg',
  'TEE,,Tee,Tee,Northwind,,24.00,8.00,,active,0.2 kg,,,,Home,https://x.example/tee,https://x.example/tee.jpg',
  'TEE-S,TEE,,,,,22.00,,0,,,Red,S,,,,',
  'TEE-M,TEE,,,,,21.00,,5,,,Red,M,,,,',
  'TEE-L,TEE,,,,,26.00,,7,,,Blue,L,,,,',
  '',
].join('\n');

const FEED = `channel: google
market: { country: US, language: en, currency: USD }
output: { path: shop.xml }
select: { include: "status == 'active'" }
pricing: { min_margin: 0.15, fee_percent: 10 }
inventory: { out_of_stock: exclude, buffer: 1 }
categories: maps/google.csv
options: { title: Shop, link: https://x.example/ }
`;

/** The records a build of the feed writes, by SKU. */
async function records(variants: VariantPolicy): Promise<Map<string, SkuRecord>> {
  const ws = tempWorkspace({
    'omnifeed.yaml': 'catalog: { path: catalog.csv }\ninventory: { path: stock.csv, mode: add, reserved: { shop: 1 } }\n',
    'stock.csv': 'sku,location,quantity\nTEE-L,shop,2\n',
    'feeds/shop.yaml': `${FEED}variants: ${variants}\n`,
    'feeds/maps/google.csv': 'category,id\nHome,536\n',
    'catalog.csv': CATALOG,
  });
  try {
    const { catalog, runner } = await firstFeed(ws.dir);
    let text = '';
    for await (const event of catalog.groups()) {
      if (!('group' in event)) continue;
      const { decisions, items } = runner.process(event.group);
      text += groupRecords(decisions, items, runner.channel.offerKeys);
    }
    const out = new Map<string, SkuRecord>();
    for (const line of text.trimEnd().split('\n')) out.set(line.split('\t')[0], parseRecord(line)!);
    return out;
  } finally {
    ws.dispose();
  }
}

const outcomes = (r: Map<string, SkuRecord>) =>
  Object.fromEntries([...r].filter(([, x]) => x.outcome).map(([sku, x]) => [sku, [x.outcome, x.reason, x.item]]));

describe("a build's per-SKU records", () => {
  it("say every product's outcome, reason or error rules, margin and stock available online", async () => {
    const r = await records('all');
    expect(outcomes(r)).toEqual({
      OK: ['listed', undefined, undefined],
      DRAFT: ['excluded', 'not-included', undefined],
      THIN: ['excluded', 'margin-below-floor', undefined],
      NOGTIN: ['invalid', 'gtin-check-digit', undefined],
      'TEE-S': ['excluded', 'out-of-stock', undefined],
      'TEE-M': ['listed', undefined, undefined],
      'TEE-L': ['listed', undefined, undefined],
    });
    // 20.00 with 10 % fees passed on: 22.22, of which 2.22 fees and 5.00 cost
    expect(r.get('OK')).toMatchObject({ price: 22.22, margin: 0.675, quantity: 2, available: 3 });
    expect(r.get('NOGTIN')!.margin).toBeUndefined();
    // TEE-L: 7 in the warehouse and 2 at the shop, one of them on the counter
    expect(r.get('TEE-L')).toMatchObject({ available: 8, quantity: 7 });
    expect(r.has('TEE')).toBe(false);
  });

  it('under variants: cheapest, say the other variants were left out by the policy', async () => {
    const r = await records('cheapest');
    expect(outcomes(r)).toMatchObject({
      'TEE-S': ['excluded', 'out-of-stock', undefined],
      'TEE-M': ['listed', undefined, undefined],
      'TEE-L': ['excluded', 'variant-policy', undefined],
    });
  });

  it("under variants: parent-only, list the variants through their parent's item", async () => {
    const r = await records('parent-only');
    expect(outcomes(r)).toMatchObject({
      'TEE-M': ['listed', undefined, 'TEE'],
      'TEE-L': ['listed', undefined, 'TEE'],
      'TEE-S': ['excluded', 'out-of-stock', undefined],
    });
    expect(r.get('TEE')).toMatchObject({ listed: true, quantity: 11 });
    expect(r.get('TEE')!.outcome).toBeUndefined();
  });

  it('are read from files an older omnifeed wrote (nine columns, no outcomes)', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'omnifeed-records-'));
    try {
      const file = path.join(dir, 'old.tsv.gz');
      const old =
        '# omnifeed {"omnifeed":1}\nsku\titem\thash\tprice\tsale_price\tquantity\tlisted\treason\tremote_id\nA\t\tabc\t9.99\t\t3\t1\t\t\nB\t\t\t5\t\t0\t0\tnot-included\t\n';
      writeFileSync(file, gzipSync(old));
      const read: SkuRecord[] = [];
      for await (const record of readSkuFile(file)) read.push(record);
      expect(read).toEqual([
        { sku: 'A', hash: 'abc', price: 9.99, quantity: 3, listed: true },
        { sku: 'B', price: 5, quantity: 0, listed: false, reason: 'not-included' },
      ]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
