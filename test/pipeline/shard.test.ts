import { readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { XMLParser } from 'fast-xml-parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseShard, shardOf } from '../../src/pipeline/shard.js';
import { shardPath, shardPathPattern } from '../../src/output/shards.js';
import type { FeedReport, RunReport } from '../../src/report.js';
import { ebayRows, ndjson } from '../delta/helpers.js';
import { omnifeed, snapshot } from '../helpers/cli.js';
import { demoWorkspace, generatedWorkspace } from '../helpers/workspace.js';

/** What a feed file lists, one entry per item (row, message, line), read back by an independent parser; its SKU first. */
function items(file: string, text: string): { sku: string; item: string }[] {
  if (file.endsWith('.xml')) {
    const doc = new XMLParser({ ignoreAttributes: false, parseTagValue: false }).parse(text);
    const list = doc.rss.channel.item === undefined ? [] : [doc.rss.channel.item].flat();
    return list.map((i: Record<string, unknown>) => ({ sku: String(i['g:id']), item: JSON.stringify(i) }));
  }
  if (file.endsWith('.json')) {
    // message ids count the messages of each file: the same message has another id in a shard's file
    const messages = (JSON.parse(text) as { messages: { sku: string; messageId?: number }[] }).messages;
    return messages.map(({ messageId: _id, ...m }) => ({ sku: m.sku, item: JSON.stringify(m) }));
  }
  if (file.endsWith('.ndjson')) return ndjson<{ sku?: string }>(text).map((l) => ({ sku: String(l.sku), item: JSON.stringify(l) }));
  if (file.startsWith('ebay')) return ebayRows(text).rows.map((r) => ({ sku: r.CustomLabel, item: JSON.stringify(r) }));
  const rows = parse(text, { columns: true, bom: true }) as Record<string, string>[];
  return rows.map((r) => ({ sku: r.id, item: JSON.stringify(r) }));
}

/** The feed files of a build, by feed name (`google-us.xml`, `amazon-us-2.json`, `google-us.shard-1-of-3.xml` → google-us). */
function feedFiles(report: RunReport): Map<string, string[]> {
  return new Map(report.feeds.map((f) => [f.feed, f.files.map((p) => path.relative('out', p))]));
}

const sorted = (list: string[]) => [...list].sort();

async function buildShards(dir: string, count: number, threads: number): Promise<Record<string, string>> {
  rmSync(path.join(dir, 'out'), { recursive: true, force: true });
  for (let i = 1; i <= count; i++) {
    const run = await omnifeed(dir, ['build', '--fail-on', 'none', '--quiet', '--threads', String(threads), '--shard', `${i}/${count}`]);
    expect(run.code, run.stderr).toBe(0);
  }
  return snapshot(path.join(dir, 'out'));
}

describe('--shard i/N', () => {
  const demo = demoWorkspace();
  let generated: Awaited<ReturnType<typeof generatedWorkspace>>;
  beforeAll(async () => {
    generated = await generatedWorkspace(6_000);
  }, 120_000);
  afterAll(() => {
    demo.dispose();
    generated.dispose();
  });

  it('hashes a parent SKU with 32-bit FNV-1a over its UTF-8 bytes (the published test vectors), into 1 … N', () => {
    // FNV-1a 32: '' 0x811c9dc5, 'a' 0xe40c292c, 'foobar' 0xbf9cf968 (draft-eastlake-fnv); modulo 2^32, plus one
    expect(shardOf('', 2 ** 32)).toBe(0x811c9dc5 + 1);
    expect(shardOf('a', 2 ** 32)).toBe(0xe40c292c + 1);
    expect(shardOf('foobar', 2 ** 32)).toBe(0xbf9cf968 + 1);
    expect(shardOf('foobar', 7)).toBe((0xbf9cf968 % 7) + 1);
    // UTF-8 bytes, not UTF-16 units: 'é' is C3 A9
    const twoBytes = Math.imul(Math.imul(0x811c9dc5 ^ 0xc3, 0x01000193) ^ 0xa9, 0x01000193) >>> 0;
    expect(shardOf('é', 2 ** 32)).toBe(twoBytes + 1);
    const counts = [0, 0, 0, 0];
    for (let i = 0; i < 40_000; i++) counts[shardOf(`SKU-${i}`, 4) - 1]++;
    for (const n of counts) expect(Math.abs(n - 10_000)).toBeLessThan(500);
  });

  it('takes i/N with 1 ≤ i ≤ N and names files and reports for the shard', () => {
    expect(parseShard('2/4')).toEqual({ index: 2, count: 4 });
    expect(parseShard(' 1 / 1 ')).toEqual({ index: 1, count: 1 });
    for (const bad of ['0/4', '5/4', '1/0', '2', 'a/b', '-1/4', '1/4/2', ''])
      expect(() => parseShard(bad), bad).toThrow(/--shard: '.*' is not i\/N/);
    const shard = { index: 2, count: 4 };
    expect(shardPath('google-us.xml', shard)).toBe('google-us.shard-2-of-4.xml');
    expect(shardPath('feeds/v1.2/amazon', shard)).toBe('feeds/v1.2/amazon.shard-2-of-4');
    expect(shardPath('omnifeed-report.json', shard)).toBe('omnifeed-report.shard-2-of-4.json');
    const reports = shardPathPattern('omnifeed-report.json');
    for (const name of ['omnifeed-report.shard-2-of-4.json', 'omnifeed-report.shard-12-of-16.json']) expect(name).toMatch(reports);
    for (const name of [
      'omnifeed-report.json',
      'omnifeed-report.shard-x-of-4.json',
      'omnifeedxreport.shard-1-of-2.json',
      'a/omnifeed-report.shard-1-of-2.json',
    ])
      expect(name).not.toMatch(reports);
  });

  it.each([
    ['the demo workspace, 3 shards, on the main thread', () => demo.dir, 3, 0],
    ['a generated catalog of 6,000 rows with variant groups, 4 shards, 2 feed threads', () => generated.dir, 4, 2],
  ])(
    'writes shards whose union holds exactly the items of the unsharded build, each group whole in one shard: %s',
    async (_name, dir, count, threads) => {
      const whole = await omnifeed(dir(), ['build', '--fail-on', 'none', '--quiet', '--threads', String(threads)]);
      expect(whole.code, whole.stderr).toBe(0);
      const full = snapshot(path.join(dir(), 'out'));
      const fullReport = JSON.parse(full['omnifeed-report.json']) as RunReport;
      const shards = await buildShards(dir(), count, threads);
      expect(
        Object.keys(shards).filter((f) => /^[^.].*\.shard-\d-of-\d/.test(f) && !f.startsWith('omnifeed-')).length,
      ).toBeGreaterThanOrEqual(5 * count - 5);
      const reports = Array.from(
        { length: count },
        (_, i) => JSON.parse(shards[`omnifeed-report.shard-${i + 1}-of-${count}.json`]) as RunReport,
      );
      for (const [feed, files] of feedFiles(fullReport)) {
        const wanted = files.flatMap((f) => items(f, full[f]));
        expect(wanted.length, feed).toBeGreaterThan(0);
        const inShard = reports.map((r) => {
          const entry = r.feeds.find((f) => f.feed === feed)!;
          const shardFiles = entry.files.map((p) => path.relative('out', p));
          for (const f of shardFiles) expect(f).toMatch(new RegExp(`\\.shard-${r.shard!.index}-of-${count}(-\\d+)?\\.`));
          return shardFiles.flatMap((f) => items(f, shards[f]));
        });
        // the union, item for item (a row, a message, a line): nothing lost, nothing twice, nothing changed
        expect(sorted(inShard.flat().map((i) => i.item)), feed).toEqual(sorted(wanted.map((i) => i.item)));
        // and in each shard, in the whole feed's order
        for (const list of inShard) {
          const order = wanted.map((i) => i.item).filter((i) => list.some((s) => s.item === i));
          expect(
            list.map((i) => i.item),
            feed,
          ).toEqual(order);
        }
      }
      // a variant group is never split: every SKU of a group (its parent SKU's) is in one shard's files
      const catalog = parse(readFileSync(catalogOf(dir()), 'utf8'), { columns: true, bom: true }) as Record<string, string>[];
      const parentOf = new Map(catalog.map((r) => [sku(r), parent(r) || sku(r)]));
      const shardOfGroup = new Map<string, number>();
      reports.forEach((r, i) => {
        for (const entry of r.feeds)
          for (const f of entry.files.map((p) => path.relative('out', p)))
            for (const { sku: s } of items(f, shards[f])) {
              const group = parentOf.get(s) ?? s;
              expect(shardOfGroup.get(group) ?? i, `${s} of ${group}`).toBe(i);
              shardOfGroup.set(group, i);
            }
      });
      expect(new Set(shardOfGroup.values()).size).toBe(count);
      // the shards' reports add up to the whole build's
      const merged = await omnifeed(dir(), ['merge-reports', '--json', '--fail-on', 'none']);
      expect(merged.code, merged.stderr).toBe(0);
      expectSameCounts(JSON.parse(merged.stdout) as RunReport, fullReport, count);
    },
    300_000,
  );
});

const catalogOf = (dir: string) => {
  const config = readFileSync(path.join(dir, 'omnifeed.yaml'), 'utf8');
  return path.resolve(dir, /path:\s*(\S+)/.exec(config)![1]);
};
const sku = (r: Record<string, string>) => r.SKU ?? r.sku;
const parent = (r: Record<string, string>) => r['Parent SKU'] ?? r.parent_sku;

/** Every count of the merged report is the whole build's; warnings given once per feed (not per item) come once per shard. */
function expectSameCounts(merged: RunReport, whole: RunReport, count: number): void {
  expect(merged.shards).toBe(count);
  expect(merged.shard).toBeUndefined();
  const { products, groups, errors, warnings } = whole.catalog;
  expect(merged.catalog).toMatchObject({ products, groups, errors, warnings });
  expect(merged.feeds.map((f) => f.feed)).toEqual(whole.feeds.map((f) => f.feed));
  const counts = (f: FeedReport) => ({ read: f.read, listed: f.listed, errors: f.errors, excluded: f.excluded, invalid: f.invalid });
  const byKey = (r: Record<string, number>) => Object.fromEntries(Object.entries(r).sort());
  for (const [i, feed] of merged.feeds.entries()) {
    const w = whole.feeds[i];
    expect({ ...counts(feed), excluded: byKey(feed.excluded), invalid: byKey(feed.invalid) }).toEqual({
      ...counts(w),
      excluded: byKey(w.excluded),
      invalid: byKey(w.invalid),
    });
    const onceAFeed = (f: FeedReport) => (f.warned['product-type-schema-missing'] ?? 0) > 0;
    if (onceAFeed(w)) expect(feed.warnings).toBeGreaterThanOrEqual(w.warnings);
    else expect(feed.warnings).toBe(w.warnings);
  }
  expect(merged.errors).toBe(whole.errors);
}
