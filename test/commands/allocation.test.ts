import { readFileSync } from 'node:fs';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { build } from '../../src/commands/build.js';
import { explain } from '../../src/commands/explain.js';
import { report } from '../../src/commands/report.js';
import { availableStock, readDemoCatalog } from '../helpers/reference.js';
import { demoWorkspace, NOW } from '../helpers/workspace.js';

const ENV = { AMAZON_SELLER_ID: 'A1TEST' };

/**
 * The units each feed offers per SKU, read back from what the build wrote: Amazon's JSON, the eBay
 * and Meta CSV files, Etsy's NDJSON, and for Google (whose feed says in stock or not, without a
 * count) the quantity the build recorded for its local inventory.
 */
function offered(dir: string): Map<string, Record<string, number>> {
  const out = new Map<string, Record<string, number>>();
  const add = (sku: string, feed: string, n: number) => out.set(sku, { ...out.get(sku), [feed]: n });
  const file = (name: string) => readFileSync(path.join(dir, 'out', name));
  for (const m of JSON.parse(file('amazon-us.json').toString()).messages)
    for (const a of m.attributes.fulfillment_availability ?? []) add(m.sku, 'amazon-us', a.quantity);
  const ebay = parse(file('ebay-us.csv'), { bom: true, from_line: 2, columns: true, relax_column_count: true }) as Record<string, string>[];
  for (const row of ebay) if (row['*Quantity'] !== '') add(row.CustomLabel, 'ebay-us', Number(row['*Quantity']));
  for (const row of parse(file('meta-us.csv'), { columns: true, bom: true }) as Record<string, string>[])
    add(row.id, 'meta-us', Number(row.quantity_to_sell_on_facebook));
  for (const line of file('etsy.ndjson').toString().trimEnd().split('\n')) {
    const { sku, listing, inventory } = JSON.parse(line);
    if (!inventory) add(sku, 'etsy', listing.quantity);
    else for (const p of inventory.products) add(p.sku, 'etsy', p.offerings[0]?.is_enabled === false ? 0 : (p.offerings[0]?.quantity ?? 0));
  }
  const records = gunzipSync(file('.omnifeed/google-us.tsv.gz')).toString().trimEnd().split('\n').slice(1);
  for (const line of records) {
    const [sku, , , , , quantity, listed] = line.split('\t');
    if (listed === '1' && quantity !== '') add(sku, 'google-us', Number(quantity));
  }
  return out;
}

/** For every SKU: the units the feeds offer together, against its stock that may be sold online. */
function overSold(dir: string): { sku: string; total: number; available: number }[] {
  const byFeed = offered(dir);
  return readDemoCatalog(dir)
    .map((p) => ({
      sku: p.sku,
      total: Object.values(byFeed.get(p.sku) ?? {}).reduce((a, b) => a + b, 0),
      available: availableStock(p, { shop: 1 }),
    }))
    .filter((s) => s.total > s.available);
}

describe('allocation: one stock across feeds', () => {
  it('without one, the demo offers the same units on every feed', async () => {
    const ws = demoWorkspace();
    try {
      await build({ cwd: ws.dir, now: NOW, env: ENV });
      expect(overSold(ws.dir).length).toBeGreaterThan(20);
    } finally {
      ws.dispose();
    }
  });

  for (const [policy, yaml] of [
    ['pooled', 'allocation:\n  pooled: { google-us: 30%, amazon-us: 30%, meta-us: 20% }\n'],
    ['reserve', 'allocation:\n  reserve: { amazon-us: 5, etsy: 1 }\n'],
  ]) {
    it(`${policy}: for every SKU the quantities across all feeds add up to at most its stock; explain shows the step`, async () => {
      const ws = demoWorkspace();
      try {
        ws.write('omnifeed.yaml', `${ws.read('omnifeed.yaml')}\n${yaml}`);
        await build({ cwd: ws.dir, now: NOW, env: ENV });
        const byFeed = offered(ws.dir);
        expect(byFeed.size).toBeGreaterThan(40);
        expect(overSold(ws.dir)).toEqual([]);
        // the report agrees: nothing is exposed, and it names the policy
        const overview = await report({ cwd: ws.dir, env: ENV });
        expect(overview.stock).toMatchObject({ allocation: policy, exposed: 0, exposure: 0 });
        // a build of one feed keeps the guarantee with the others' last builds
        await build({ cwd: ws.dir, now: NOW, env: ENV, feeds: ['google-us'] });
        expect(overSold(ws.dir)).toEqual([]);
        const [amazon] = (await explain({ cwd: ws.dir, sku: 'SOAP-AR-1', feeds: ['amazon-us'], now: NOW, env: ENV })).feeds;
        const step = amazon.stock.steps.at(-1)!;
        expect(step.step).toMatch(
          policy === 'pooled' ? /^allocation: pooled share 30% of 60 available → 18$/ : /^allocation: reserve 5 of 60 available → 5$/,
        );
        expect(amazon.stock.quantity).toBe(step.value);
      } finally {
        ws.dispose();
      }
    });
  }

  it('a share for a feed that is not defined is a config error, found before anything is written', async () => {
    const ws = demoWorkspace();
    try {
      ws.write('omnifeed.yaml', `${ws.read('omnifeed.yaml')}\nallocation:\n  pooled: { google-de: 50% }\n`);
      await expect(build({ cwd: ws.dir, now: NOW, env: ENV })).rejects.toMatchObject({
        code: 'CONFIG_INVALID',
        message: "omnifeed.yaml: /allocation/pooled: no feed definition 'google-de' in feeds/",
      });
      ws.write('omnifeed.yaml', `${ws.read('omnifeed.yaml').replace(/allocation:[\s\S]*$/, '')}allocation: { pooled: {}, reserve: {} }\n`);
      await expect(build({ cwd: ws.dir, now: NOW, env: ENV })).rejects.toMatchObject({ code: 'CONFIG_INVALID' });
    } finally {
      ws.dispose();
    }
  });
});
