import { mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { build } from '../../src/commands/build.js';
import { report } from '../../src/commands/report.js';
import type { Overview } from '../../src/overview/types.js';
import type { RunReport } from '../../src/report.js';
import { availableStock, feedPricing, readDemoCatalog, referenceMargin } from '../helpers/reference.js';
import { demoWorkspace, NOW } from '../helpers/workspace.js';

const ENV = { AMAZON_SELLER_ID: 'A1TEST' };
const FEEDS = ['amazon-us', 'ebay-us', 'etsy', 'google-us', 'meta-us'];
const sum = (values: number[]) => values.reduce((a, b) => a + b, 0);
const countsOf = (tallies: Record<string, { count: number }>) => Object.fromEntries(Object.entries(tallies).map(([k, t]) => [k, t.count]));

describe('omnifeed report on the demo', () => {
  const ws = demoWorkspace();
  const out = mkdtempSync(path.join(tmpdir(), 'omnifeed-report-'));
  let run: RunReport;
  let overview: Overview;
  let rows: Record<string, string>[];
  beforeAll(async () => {
    run = await build({ cwd: ws.dir, now: NOW, env: ENV });
    overview = await report({ cwd: ws.dir, env: ENV, skus: path.join(out, 'skus.csv') });
    rows = parse(readFileSync(path.join(out, 'skus.csv')), { columns: true }) as Record<string, string>[];
  });
  afterAll(() => {
    ws.dispose();
    rmSync(out, { recursive: true, force: true });
  });

  it("gives each feed's products and items the build's run report has, and products that add up", () => {
    expect(overview.feeds.map((f) => f.feed)).toEqual(FEEDS);
    for (const f of overview.feeds) {
      const entry = run.feeds.find((e) => e.feed === f.feed)!;
      const p = f.products;
      expect(p.read).toBe(entry.read);
      expect(p.listed + p.excluded + p.invalid).toBe(p.read);
      // the run report counts the products its rules left out; the variant policy's are the report's own
      const { 'variant-policy': byPolicy, ...byRules } = countsOf(p.reasons);
      expect(byRules).toEqual(entry.excluded);
      expect(byPolicy ?? 0).toBe(p.excluded - sum(Object.values(entry.excluded)));
      expect(sum(Object.values(p.reasons).map((t) => t.count))).toBe(p.excluded);
      expect(f.items).toEqual({ listed: entry.listed, invalid: entry.invalid, warned: entry.warned });
      for (const t of [...Object.values(p.reasons), ...Object.values(p.rules), ...Object.values(p.warnings)])
        expect(t.samples.length).toBe(Math.min(5, t.count));
    }
    expect(overview.catalog).toMatchObject({ products: run.catalog.products, groups: run.catalog.groups, errors: run.catalog.errors });
  });

  it('counts products apart from items: Google lists one item per variant, Amazon adds its parents, eBay and Etsy list groups', () => {
    const feed = (name: string) => overview.feeds.find((f) => f.feed === name)!;
    const items = (name: string, pattern: RegExp) => (ws.read(`out/${name}`).match(pattern) ?? []).length;
    expect(feed('google-us').products.listed).toBe(items('google-us.xml', /<item>/g));
    expect(feed('google-us').items.listed).toBe(feed('google-us').products.listed);
    const amazon = JSON.parse(ws.read('out/amazon-us.json')).messages as { attributes: { parentage_level?: { value: string }[] } }[];
    const parents = amazon.filter((m) => m.attributes.parentage_level?.[0].value === 'parent').length;
    expect(feed('amazon-us').products.listed).toBe(amazon.length - parents);
    expect(feed('amazon-us').items.listed).toBe(amazon.length);
    expect(feed('ebay-us').items.listed).toBeLessThan(feed('ebay-us').products.listed);
    // the per-SKU rows say the same, one row per SKU and feed
    for (const f of overview.feeds) {
      const of = rows.filter((r) => r.feed === f.feed);
      expect(of.length).toBe(f.products.read);
      expect(of.filter((r) => r.outcome === 'listed').length).toBe(f.products.listed);
      expect(of.filter((r) => r.outcome === 'excluded').length).toBe(f.products.excluded);
      expect(of.filter((r) => r.outcome === 'invalid').length).toBe(f.products.invalid);
    }
  });

  it('writes the whole catalog to --skus: one row per product and feed, with reasons and rule ids', () => {
    const catalog = readDemoCatalog(ws.dir);
    expect(rows.length).toBe(catalog.length * FEEDS.length);
    expect(new Set(rows.map((r) => `${r.sku} ${r.feed}`)).size).toBe(rows.length);
    const row = (sku: string, feed: string) => rows.find((r) => r.sku === sku && r.feed === feed)!;
    expect(row('CABLE-USB-1', 'google-us')).toMatchObject({ outcome: 'excluded', reason: 'margin-below-floor', channel: 'google' });
    expect(row('DRESS-300-NOSIZE', 'google-us')).toMatchObject({ outcome: 'invalid' });
    expect(row('DRESS-300-NOSIZE', 'google-us').reason.split(' ').sort()).toEqual([
      'apparel-missing-attribute',
      'variant-missing-attribute',
    ]);
    expect(row('TEE-100-RED-S', 'ebay-us')).toMatchObject({ outcome: 'listed', item: 'TEE-100', reason: '' });
    expect(row('TEE-100-RED-S', 'amazon-us').warnings).toBe('description-html-removed');
  });

  it('writes the same rows as NDJSON', async () => {
    const file = path.join(out, 'skus.ndjson');
    await report({ cwd: ws.dir, env: ENV, skus: file });
    const lines = readFileSync(file, 'utf8')
      .trimEnd()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(lines.length).toBe(rows.length);
    expect(lines.map((l) => `${l.sku} ${l.feed} ${l.outcome} ${l.reason ?? ''}`)).toEqual(
      rows.map((r) => `${r.sku} ${r.feed} ${r.outcome} ${r.reason}`),
    );
    expect(typeof lines.find((l) => l.margin !== undefined).margin).toBe('number');
  });

  it("has every product's margin after each feed's fees as the catalog and the pricing policy give it", () => {
    const catalog = readDemoCatalog(ws.dir);
    for (const [i, feed] of FEEDS.entries()) {
      const pricing = feedPricing(ws.dir, feed);
      const margins = catalog.map((p) => ({ p, margin: referenceMargin(p, pricing, NOW) }));
      for (const { p, margin } of margins) {
        const row = rows.find((r) => r.sku === p.sku && r.feed === feed)!;
        expect([p.sku, feed, row.margin === '' ? undefined : Number(row.margin)]).toEqual([p.sku, feed, margin]);
      }
      const known = margins.filter((m) => m.margin !== undefined).map((m) => m.margin!);
      const stats = overview.margins.feeds[i];
      expect(stats).toMatchObject({
        feed,
        products: known.length,
        unknown: catalog.length - known.length,
        min: Math.min(...known),
        max: Math.max(...known),
      });
      expect(stats.mean).toBeCloseTo(sum(known) / known.length, 4);
      expect(stats.under_floor.count).toBe(pricing.min_margin === undefined ? 0 : known.filter((m) => m < pricing.min_margin!).length);
      expect(stats.negative.count).toBe(known.filter((m) => m < 0).length);
      // the distribution: buckets of 10 points from -20 % to 60 %
      const edges = [-Infinity, -0.2, -0.1, 0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, Infinity];
      expect(stats.buckets.map((b) => b.products)).toEqual(
        edges.slice(1).map((to, b) => known.filter((m) => m >= edges[b] && m < to).length),
      );
    }
  });

  it('names the feed each product earns most and least on, of those listed on several', () => {
    const byProduct = new Map<string, { feed: string; margin: number }[]>();
    for (const r of rows.filter((r) => r.outcome === 'listed' && r.margin !== ''))
      byProduct.set(r.sku, [...(byProduct.get(r.sku) ?? []), { feed: r.feed, margin: Number(r.margin) }]);
    const spread = [...byProduct].filter(
      ([, m]) => m.length > 1 && Math.max(...m.map((x) => x.margin)) > Math.min(...m.map((x) => x.margin)),
    );
    expect(overview.margins.compared).toBe(spread.length);
    for (const [sku, m] of spread) {
      const entry = overview.margins.spread.find((s) => s.sku === sku)!;
      expect(entry.best.margin).toBe(Math.max(...m.map((x) => x.margin)));
      expect(entry.worst.margin).toBe(Math.min(...m.map((x) => x.margin)));
    }
    expect(sum(Object.values(overview.margins.best))).toBe(spread.length);
  });

  it('counts the products on 0 to 5 feeds, and says why a product is on none', () => {
    const listed = new Map<string, number>();
    for (const r of rows) listed.set(r.sku, (listed.get(r.sku) ?? 0) + (r.outcome === 'listed' ? 1 : 0));
    expect(overview.coverage.on).toEqual([0, 1, 2, 3, 4, 5].map((n) => [...listed.values()].filter((v) => v === n).length));
    expect(overview.coverage.none.map((p) => p.sku)).toEqual([...listed].filter(([, n]) => n === 0).map(([sku]) => sku));
    expect(overview.coverage.none.find((p) => p.sku === 'DRAFT-TENT-1')!.reasons).toEqual(
      Object.fromEntries(FEEDS.map((f) => [f, 'not-included'])),
    );
    expect(overview.coverage.partial_total).toBe([...listed.values()].filter((n) => n > 0 && n < 5).length);
  });

  it('ranks the rules that keep the most products off the most feeds', () => {
    const pairs = new Map<string, number>();
    for (const r of rows.filter((r) => r.outcome === 'invalid'))
      for (const rule of r.reason.split(' ')) pairs.set(rule, (pairs.get(rule) ?? 0) + 1);
    const top = overview.issues.filter((i) => i.source === 'feed');
    expect(Object.fromEntries(top.map((i) => [i.rule, i.pairs]))).toEqual(Object.fromEntries(pairs));
    expect(top.map((i) => i.pairs)).toEqual([...top.map((i) => i.pairs)].sort((a, b) => b - a));
    expect(top[0]).toMatchObject({ rule: 'category-unmapped', feeds: { 'ebay-us': expect.any(Number) } });
    expect(overview.rules['category-unmapped'].description).toMatch(/category map/);
  });

  it("shows each SKU's units offered across feeds against its stock", () => {
    const catalog = readDemoCatalog(ws.dir);
    const reserved = { shop: 1 };
    let exposure = 0;
    for (const p of catalog) {
      const listed = rows.filter((r) => r.sku === p.sku && r.outcome === 'listed');
      if (listed.length === 0) continue;
      const offered = sum(listed.map((r) => Number(r.quantity)));
      const available = availableStock(p, reserved);
      for (const r of listed) expect([p.sku, Number(r.available), Number(r.offered)]).toEqual([p.sku, available, offered]);
      exposure += Math.max(0, offered - available);
    }
    expect(overview.stock).toMatchObject({ allocation: 'none', exposure });
    expect(overview.stock.exposure).toBeGreaterThan(0);
    expect(overview.stock.top.map((e) => e.exposure)).toEqual([...overview.stock.top.map((e) => e.exposure)].sort((a, b) => b - a));
  });

  it('reports on some feeds: the coverage is across them', async () => {
    const some = await report({ cwd: ws.dir, env: ENV, feeds: ['google-us', 'meta-us'] });
    expect(some.coverage.feeds).toEqual(['google-us', 'meta-us']);
    expect(some.coverage.on.length).toBe(3);
    expect(some.feeds.map((f) => f.products)).toEqual(
      overview.feeds.filter((f) => some.coverage.feeds.includes(f.feed)).map((f) => f.products),
    );
  });
});

describe('omnifeed report refuses', () => {
  it('a workspace never built (NOT_BUILT), and a --skus file neither .csv nor .ndjson (USAGE), writing nothing', async () => {
    const ws = demoWorkspace();
    try {
      await expect(report({ cwd: ws.dir, env: ENV })).rejects.toMatchObject({ code: 'NOT_BUILT' });
      await expect(report({ cwd: ws.dir, env: ENV, skus: 'rows.xlsx' })).rejects.toMatchObject({ code: 'USAGE' });
      expect(existsSync(path.join(ws.dir, 'rows.xlsx'))).toBe(false);
    } finally {
      ws.dispose();
    }
  });

  it('records written by an older omnifeed (no outcomes): build again', async () => {
    const ws = demoWorkspace();
    try {
      await build({ cwd: ws.dir, now: NOW, env: ENV, feeds: ['google-us'] });
      const old = 'sku\titem\thash\tprice\tsale_price\tquantity\tlisted\treason\tremote_id\nTEE-100-RED-S\t\tabc\t24.99\t\t4\t1\t\t\n';
      writeFileSync(path.join(ws.dir, 'out/.omnifeed/google-us.tsv.gz'), gzipSync(old));
      await expect(report({ cwd: ws.dir, env: ENV, feeds: ['google-us'], skus: 'rows.csv' })).rejects.toThrow(
        /older omnifeed.*build again/,
      );
      expect(existsSync(path.join(ws.dir, 'rows.csv'))).toBe(false);
      // --build makes the build it needs
      const fresh = await report({ cwd: ws.dir, env: ENV, feeds: ['google-us'], build: true, now: NOW });
      expect(fresh.feeds[0].products.read).toBe(62);
    } finally {
      ws.dispose();
    }
  });
});
