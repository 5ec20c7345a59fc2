import { readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { build } from '../../src/commands/build.js';
import { demoWorkspace, NOW } from '../helpers/workspace.js';

describe('a build of some feeds', () => {
  it("keeps the other feeds' files, manifest entries and run-report entries, marked with their build date", async () => {
    const ws = demoWorkspace();
    try {
      const env = { AMAZON_SELLER_ID: 'A1TEST' };
      await build({ cwd: ws.dir, now: NOW, env });
      const amazon = ws.read('out/amazon-us.json');
      const later = new Date('2026-11-24T00:00:00Z');
      const report = await build({ cwd: ws.dir, feeds: ['google-us'], now: later, env });
      expect(report.feeds.map((f) => [f.feed, f.built, f.kept ?? false])).toEqual([
        ['amazon-us', NOW.toISOString(), true],
        ['ebay-us', NOW.toISOString(), true],
        ['etsy', NOW.toISOString(), true],
        ['google-us', later.toISOString(), false],
        ['meta-us', NOW.toISOString(), true],
      ]);
      expect(JSON.parse(ws.read('out/omnifeed-report.json'))).toEqual(report);
      expect(ws.read('out/amazon-us.json')).toBe(amazon);
      expect(readdirSync(path.join(ws.dir, 'out')).sort()).toEqual([
        '.omnifeed',
        'amazon-us.json',
        'ebay-us.csv',
        'etsy.ndjson',
        'google-us.xml',
        'meta-us.csv',
        'omnifeed-manifest.json',
        'omnifeed-report.json',
      ]);
      const manifest = JSON.parse(ws.read('out/omnifeed-manifest.json'));
      expect(manifest.files.map((f: { path: string; built: string }) => [f.path, f.built])).toEqual([
        // the per-SKU records of each feed's build go with its files
        ['.omnifeed/amazon-us.tsv.gz', NOW.toISOString()],
        ['.omnifeed/ebay-us.tsv.gz', NOW.toISOString()],
        ['.omnifeed/etsy.tsv.gz', NOW.toISOString()],
        ['.omnifeed/google-us.tsv.gz', later.toISOString()],
        ['.omnifeed/meta-us.tsv.gz', NOW.toISOString()],
        ['amazon-us.json', NOW.toISOString()],
        ['ebay-us.csv', NOW.toISOString()],
        ['etsy.ndjson', NOW.toISOString()],
        ['google-us.xml', later.toISOString()],
        ['meta-us.csv', NOW.toISOString()],
        ['omnifeed-report.json', later.toISOString()],
      ]);
    } finally {
      ws.dispose();
    }
  });
});
