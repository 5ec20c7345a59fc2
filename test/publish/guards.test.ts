import { copyFileSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { XMLParser } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import { readStateMeta } from '../../src/publish/state.js';
import { omnifeed, snapshot, type Run } from '../helpers/cli.js';
import { demoWorkspace, repoRoot, tempWorkspace } from '../helpers/workspace.js';

const SLOW = 240_000;
const CATALOG = 'examples/catalog.csv';

const cell = (v: string) => (/[",\n\r]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);
const csv = (rows: string[][]) => rows.map((r) => r.map(cell).join(',')).join('\n') + '\n';

/** The demo, published once; `after` runs a command and checks that the published files and the state did not change. */
async function published() {
  const ws = demoWorkspace();
  const first = await omnifeed(ws.dir, ['build', '--fail-on', 'none', '--publish']);
  expect(first.code, first.stderr).toBe(0);
  const rows = parse(ws.read(CATALOG)) as string[][];
  const kept = () => ({ published: snapshot(path.join(ws.dir, 'published')), state: snapshot(path.join(ws.dir, '.omnifeed')) });
  const before = kept();
  expect(Object.keys(before.published).sort()).toEqual(['amazon-us.json', 'ebay-us.csv', 'etsy.ndjson', 'google-us.xml', 'meta-us.csv']);
  return {
    ...ws,
    rows,
    catalog: (next: string[][]) => ws.write(CATALOG, csv(next)),
    unchanged: () => expect(kept()).toEqual(before),
    report: () => JSON.parse(ws.read('out/omnifeed-report.json')),
  };
}

/** A refusal: exit 3, one line naming each feed, guard and figure. */
function refused(result: Run, ...messages: string[]) {
  expect(result.code, result.stderr).toBe(3);
  const line = result.stderr.trim().split('\n').pop()!;
  expect(line).toMatch(/^omnifeed: GUARD_REFUSED: .*; nothing was published \(--force "<reason>" overrides\)$/);
  for (const message of messages) expect(line).toContain(message);
}

describe('safety guards', () => {
  it(
    'refuse an emptied catalog (min_listed, max_drop): exit 3, recorded in the run report, published files and state untouched',
    async () => {
      const ws = await published();
      try {
        ws.catalog(ws.rows.slice(0, 1));
        const result = await omnifeed(ws.dir, ['build', '--fail-on', 'none', '--publish']);
        refused(
          result,
          'google-us: listed 0, min_listed 1',
          'google-us: listed 0 of 53 last published (-100%), max_drop 20%',
          'amazon-us: listed 0 of 56 last published (-100%), max_drop 20%',
        );
        ws.unchanged();
        const entry = ws.report().publish.find((e: { feed: string }) => e.feed === 'google-us');
        expect(entry).toMatchObject({ status: 'refused', first: false });
        expect(entry.guards.filter((g: { passed: boolean }) => !g.passed).map((g: { guard: string }) => g.guard)).toEqual([
          'min_listed',
          'max_drop',
        ]);
        // the refused build stays in out/, so that diff shows it and publish alone refuses it too
        expect((await omnifeed(ws.dir, ['diff', 'google-us'])).stdout).toContain(
          'a publish would be refused: google-us: listed 0, min_listed 1',
        );
        refused(await omnifeed(ws.dir, ['publish']), 'google-us: listed 0 of 53 last published (-100%), max_drop 20%');
        ws.unchanged();
      } finally {
        ws.dispose();
      }
    },
    SLOW,
  );

  it(
    'refuse a catalog with half the products missing (max_drop), unless the feed allows the drop',
    async () => {
      const ws = await published();
      try {
        ws.catalog(ws.rows.slice(0, Math.ceil(ws.rows.length / 2)));
        const result = await omnifeed(ws.dir, ['build', '--fail-on', 'none', '--publish']);
        refused(result);
        expect(result.stderr).toMatch(/google-us: listed (\d+) of 53 last published \(-(\d+)%\), max_drop 20%/);
        const [, listed, drop] = /google-us: listed (\d+) of 53 last published \(-(\d+)%\)/.exec(result.stderr)!;
        expect(Number(drop)).toBe(Math.round(((53 - Number(listed)) / 53) * 100));
        expect(Number(drop)).toBeGreaterThan(20);
        ws.unchanged();
        ws.write('feeds/google-us.yaml', `${ws.read('feeds/google-us.yaml')}guards: { max_drop: 90% }\n`);
        const allowed = await omnifeed(ws.dir, ['publish', 'google-us']);
        expect(allowed.code, allowed.stderr).toBe(0);
        expect(ws.read('published/google-us.xml')).toBe(ws.read('out/google-us.xml'));
      } finally {
        ws.dispose();
      }
    },
    SLOW,
  );

  it(
    'refuse prices multiplied by 100 (max_price_change); --force "reason" publishes and records the reason in the state and the report',
    async () => {
      const ws = await published();
      try {
        const price = ws.rows[0].indexOf('Price');
        ws.catalog(ws.rows.map((r, i) => (i === 0 || !r[price] ? r : r.map((v, j) => (j === price ? (Number(v) * 100).toFixed(2) : v)))));
        const result = await omnifeed(ws.dir, ['build', '--fail-on', 'none', '--publish']);
        refused(result, 'google-us: 53 of 53 prices (100%) changed by more than 3x, max_price_change share 10%');
        ws.unchanged();
        const forced = await omnifeed(ws.dir, ['publish', '--force', 'prices are in cents now']);
        expect(forced.code, forced.stderr).toBe(0);
        expect(forced.stdout).toContain('  forced (prices are in cents now): overrode max_price_change');
        const meta = await readStateMeta(path.join(ws.dir, '.omnifeed/google-us.tsv.gz'), 'state');
        expect(meta).toMatchObject({ feed: 'google-us', forced: 'prices are in cents now', listed: 54 });
        const entry = ws.report().publish.find((e: { feed: string }) => e.feed === 'google-us');
        expect(entry).toMatchObject({ status: 'published', forced: { reason: 'prices are in cents now', overrode: ['max_price_change'] } });
        expect(readFileSync(path.join(ws.dir, 'published/google-us.xml'), 'utf8')).toBe(ws.read('out/google-us.xml'));
        expect((await omnifeed(ws.dir, ['publish', '--force', ' '])).stderr).toBe(
          'omnifeed: USAGE: --force needs a reason: --force "prices doubled on purpose"\n',
        );
      } finally {
        ws.dispose();
      }
    },
    SLOW,
  );

  it(
    'stop a catalog whose explicitly mapped column was renamed with CATALOG_COLUMNS (exit 2), before anything is written',
    async () => {
      const ws = await published();
      try {
        const out = snapshot(path.join(ws.dir, 'out'));
        ws.catalog([ws.rows[0].map((h) => (h === 'GTIN' ? 'EAN' : h)), ...ws.rows.slice(1)]);
        const result = await omnifeed(ws.dir, ['build', '--fail-on', 'none', '--publish']);
        expect(result.code).toBe(2);
        expect(result.stderr).toMatch(/^omnifeed: CATALOG_COLUMNS: examples\/catalog.csv: missing column 'GTIN' \(for gtin\)/);
        ws.unchanged();
        expect(snapshot(path.join(ws.dir, 'out'))).toEqual(out);
      } finally {
        ws.dispose();
      }
    },
    SLOW,
  );
});

describe('a refusal in CI', () => {
  it(
    'is a workflow annotation with --format github, and a failed guard test case in the JUnit report',
    async () => {
      const ws = await published();
      try {
        ws.catalog(ws.rows.slice(0, 1));
        const result = await omnifeed(ws.dir, ['build', '--fail-on', 'none', '--publish', '--format', 'github', '--junit', 'junit.xml']);
        expect(result.code).toBe(3);
        // workflow command data escapes % as %25
        expect(result.stdout).toContain(
          '::error title=omnifeed max_drop::google-us: listed 0 of 53 last published (-100%25), max_drop 20%25\n',
        );
        const junit = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '' }).parse(ws.read('junit.xml'));
        const google = junit.testsuites.testsuite.find((s: { name: string }) => s.name === 'google-us');
        const guard = google.testcase.find((c: { name: string }) => c.name === 'guard max_drop');
        expect(guard.failure.message).toBe('google-us: listed 0 of 53 last published (-100%), max_drop 20%');
        expect(google.testcase.find((c: { name: string }) => c.name === 'guard max_price_change').failure).toBeUndefined();
        ws.unchanged();
      } finally {
        ws.dispose();
      }
    },
    SLOW,
  );
});

describe('the lost_columns guard', () => {
  it(
    'refuses a catalog that lost a column mapped by its own name (gtin -> ean), which a build alone does not notice',
    async () => {
      const ws = tempWorkspace({
        'omnifeed.yaml': 'catalog: { path: catalog.csv, currency: USD }\n',
        'feeds/google-us.yaml': 'channel: google\nmarket: { country: US, language: en, currency: USD }\noutput: { path: google.xml }\n',
      });
      try {
        copyFileSync(path.join(repoRoot, 'test/fixtures/publish/night-1.csv'), path.join(ws.dir, 'catalog.csv'));
        expect((await omnifeed(ws.dir, ['build', '--publish'])).code).toBe(0);
        const before = { published: snapshot(path.join(ws.dir, 'published')), state: snapshot(path.join(ws.dir, '.omnifeed')) };
        const text = readFileSync(path.join(ws.dir, 'catalog.csv'), 'utf8');
        writeFileSync(path.join(ws.dir, 'catalog.csv'), text.replace(',gtin,', ',ean,'));
        const build = await omnifeed(ws.dir, ['build']);
        expect(build.code, build.stderr).toBe(0);
        refused(await omnifeed(ws.dir, ['publish']), "google-us: the catalog lost 'gtin', which the last publish had, lost_columns");
        expect({ published: snapshot(path.join(ws.dir, 'published')), state: snapshot(path.join(ws.dir, '.omnifeed')) }).toEqual(before);
      } finally {
        ws.dispose();
      }
    },
    SLOW,
  );

  it('does not guard a first publish by drop or price, but by min_listed', async () => {
    const ws = tempWorkspace({
      'omnifeed.yaml': 'catalog: { path: catalog.csv, currency: USD }\n',
      'feeds/google-us.yaml': 'channel: google\nmarket: { country: US, language: en, currency: USD }\noutput: { path: google.xml }\n',
      'catalog.csv': 'sku,title,price\n',
    });
    try {
      refused(await omnifeed(ws.dir, ['build', '--publish']), 'google-us: listed 0, min_listed 1');
      expect(snapshot(path.join(ws.dir, 'published'))).toEqual({});
      expect(Object.keys(snapshot(path.join(ws.dir, '.omnifeed')))).toEqual([]);
    } finally {
      ws.dispose();
    }
  });
});
