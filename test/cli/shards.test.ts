import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Manifest } from '../../src/output/manifest.js';
import type { RunReport } from '../../src/report.js';
import { shardOf } from '../../src/pipeline/shard.js';
import { editCsv } from '../delta/helpers.js';
import { inProcess, snapshot } from '../helpers/cli.js';
import { demoWorkspace } from '../helpers/workspace.js';

const build = (dir: string, ...args: string[]) => inProcess(dir, ['build', '--fail-on', 'none', '--quiet', ...args]);

describe('sharded builds in the output folder', () => {
  let ws: ReturnType<typeof demoWorkspace>;
  beforeEach(() => (ws = demoWorkspace()));
  afterEach(() => ws.dispose());
  const out = () => path.join(ws.dir, 'out');
  const manifest = () => JSON.parse(readFileSync(path.join(out(), 'omnifeed-manifest.json'), 'utf8')) as Manifest;

  it('keep the whole build and each shard side by side; a shard replaces only its own files, and those of another split', async () => {
    expect((await build(ws.dir, 'google-us')).code).toBe(0);
    const whole = snapshot(out());
    expect((await build(ws.dir, '--shard', '1/2', 'google-us')).code).toBe(0);
    expect((await build(ws.dir, '--shard', '2/2', 'google-us')).code).toBe(0);
    const files = snapshot(out());
    for (const [file, bytes] of Object.entries(whole)) if (file !== 'omnifeed-manifest.json') expect(files[file], file).toBe(bytes);
    for (const i of [1, 2]) {
      expect(files[`google-us.shard-${i}-of-2.xml`]).toContain('<rss');
      expect(files[`.omnifeed/google-us.shard-${i}-of-2.tsv.gz`]).toBeDefined();
      const report = JSON.parse(files[`omnifeed-report.shard-${i}-of-2.json`]) as RunReport;
      expect(report.shard).toEqual({ index: i, count: 2 });
      expect(report.feeds.map((f) => [f.feed, f.files])).toEqual([['google-us', [`out/google-us.shard-${i}-of-2.xml`]]]);
    }
    expect(
      manifest()
        .files.filter((f) => f.shard === '2/2')
        .map((f) => f.path),
    ).toEqual(['.omnifeed/google-us.shard-2-of-2.tsv.gz', 'google-us.shard-2-of-2.xml', 'omnifeed-report.shard-2-of-2.json']);
    // shard 1 again: shard 2's files are left as they were
    expect((await build(ws.dir, '--shard', '1/2', 'google-us')).code).toBe(0);
    expect(readFileSync(path.join(out(), 'google-us.shard-2-of-2.xml'), 'latin1')).toBe(files['google-us.shard-2-of-2.xml']);
    // a split into 3: the split into 2 is gone, the whole build stays
    expect((await build(ws.dir, '--shard', '1/3', 'google-us')).code).toBe(0);
    expect(existsSync(path.join(out(), 'google-us.shard-2-of-2.xml'))).toBe(false);
    expect(existsSync(path.join(out(), 'omnifeed-report.shard-2-of-2.json'))).toBe(false);
    expect(existsSync(path.join(out(), 'google-us.shard-1-of-3.xml'))).toBe(true);
    expect(readFileSync(path.join(out(), 'google-us.xml'), 'latin1')).toBe(whole['google-us.xml']);
    // a whole build leaves the shards alone
    expect((await build(ws.dir, 'google-us')).code).toBe(0);
    expect(existsSync(path.join(out(), 'google-us.shard-1-of-3.xml'))).toBe(true);
    expect(manifest().files.map((f) => f.path)).toContain('omnifeed-report.shard-1-of-3.json');
  });

  it('publish the whole build and each shard apart: its own files, state and guards', async () => {
    expect((await build(ws.dir, '--shard', '1/2', 'google-us')).code).toBe(0);
    const none = await inProcess(ws.dir, ['publish', 'google-us']);
    expect(none.code).toBe(2);
    expect(none.stderr).toMatch(/NOT_BUILT: google-us: no build in out\/ to publish \(run omnifeed build google-us first\)/);
    const other = await inProcess(ws.dir, ['publish', '--shard', '2/2', 'google-us']);
    expect(other.stderr).toMatch(
      /NOT_BUILT: google-us \(shard 2 of 2\): no build in out\/ to publish \(run omnifeed build --shard 2\/2 google-us first\)/,
    );
    expect((await build(ws.dir, '--shard', '2/2', '--publish', 'google-us')).code).toBe(0);
    expect((await inProcess(ws.dir, ['publish', '--shard', '1/2', 'google-us'])).code).toBe(0);
    expect((await build(ws.dir, '--publish', 'google-us')).code).toBe(0);
    const published = snapshot(path.join(ws.dir, 'published'));
    expect(Object.keys(published).sort()).toEqual(['google-us.shard-1-of-2.xml', 'google-us.shard-2-of-2.xml', 'google-us.xml']);
    for (const file of Object.keys(published)) expect(published[file]).toBe(snapshot(out())[file]);
    const state = snapshot(path.join(ws.dir, '.omnifeed'));
    expect(
      Object.keys(state)
        .filter((f) => f.endsWith('.tsv.gz'))
        .sort(),
    ).toEqual(['google-us.shard-1-of-2.tsv.gz', 'google-us.shard-2-of-2.tsv.gz', 'google-us.tsv.gz']);
    const report = JSON.parse(readFileSync(path.join(out(), 'omnifeed-report.shard-1-of-2.json'), 'utf8')) as RunReport;
    expect(report.publish!.map((p) => [p.feed, p.status, p.files])).toEqual([['google-us', 'published', ['google-us.shard-1-of-2.xml']]]);
    // the shard's guards compare it with its own last publish: a catalog that lost its shard-1 products is refused there
    const shard2 = readFileSync(path.join(out(), 'google-us.shard-2-of-2.xml'), 'utf8');
    ws.write(
      'examples/catalog.csv',
      editCsv(ws.read('examples/catalog.csv'), (row) => (shardOf(row['Parent SKU'] || row.SKU, 2) === 1 ? null : row)),
    );
    const refused = await build(ws.dir, '--shard', '1/2', '--publish', 'google-us');
    expect(refused.code).toBe(3);
    // min_listed 1 asks 0 of a shard of 2 (rounded down): max_drop is the guard that refuses
    expect(refused.stderr).toMatch(
      /GUARD_REFUSED: google-us \(shard 1 of 2\): listed 0 of 30 last published \(-100%\), max_drop 20%; nothing was published/,
    );
    expect(snapshot(path.join(ws.dir, 'published'))).toEqual(published);
    expect(snapshot(path.join(ws.dir, '.omnifeed'))).toEqual(state);
    const diff = await inProcess(ws.dir, ['diff', '--shard', '1/2', '--json', 'google-us']);
    expect(JSON.parse(diff.stdout).feeds[0].guards.find((g: { guard: string }) => g.guard === 'max_drop').passed).toBe(false);
    // shard 2 lost nothing: its publish goes through, with the same items
    expect((await build(ws.dir, '--shard', '2/2', '--publish', 'google-us')).code).toBe(0);
    expect(ws.read('published/google-us.shard-2-of-2.xml')).toBe(shard2);
  });

  it("ask a shard for its share of the feed's min_listed", async () => {
    ws.write('feeds/google-us.yaml', `${ws.read('feeds/google-us.yaml')}\nguards: { min_listed: 40 }\n`);
    expect((await build(ws.dir, '--shard', '1/2', 'google-us')).code).toBe(0);
    const diff = await inProcess(ws.dir, ['diff', '--shard', '1/2', '--json', 'google-us']);
    const listed = JSON.parse(diff.stdout).feeds[0].guards.find((g: { guard: string }) => g.guard === 'min_listed');
    expect(listed).toEqual({
      guard: 'min_listed',
      passed: true,
      // 30 listed: short of the feed's 40, enough for half of them
      message: 'google-us (shard 1 of 2): listed 30, min_listed 20',
    });
    expect((await inProcess(ws.dir, ['publish', '--shard', '1/2', 'google-us'])).code).toBe(0);
    expect((await build(ws.dir, '--shard', '1/4', 'google-us')).code).toBe(0);
    const quarter = await inProcess(ws.dir, ['diff', '--shard', '1/4', '--json', 'google-us']);
    const guard = JSON.parse(quarter.stdout).feeds[0].guards.find((g: { guard: string }) => g.guard === 'min_listed');
    expect(guard.message).toMatch(/^google-us \(shard 1 of 4\): listed \d+, min_listed 10$/);
  });

  it.each([
    [['--delta'], /USAGE: --delta and --shard: a delta is made against the whole feed's listings/],
    [['--shard', '0/2'], /USAGE: --shard: '0\/2' is not i\/N/],
    [['--shard', 'two'], /USAGE: --shard: 'two' is not i\/N/],
  ])('refuse %j with a shard (exit 2, nothing written)', async (args, message) => {
    const run = await build(ws.dir, ...(args[0] === '--shard' ? args : ['--shard', '1/2', ...args]));
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(message);
    expect(snapshot(out())).toEqual({});
  });

  it('refuse a delta feed in a shard', async () => {
    ws.write('feeds/etsy.yaml', `${ws.read('feeds/etsy.yaml')}\ndelta: true\n`);
    const run = await build(ws.dir, '--shard', '1/2');
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/USAGE: --shard: etsy is a delta feed \(delta: true in feeds\/etsy.yaml\)/);
    expect(snapshot(out())).toEqual({});
  });
});

describe('omnifeed merge-reports', () => {
  let ws: ReturnType<typeof demoWorkspace>;
  beforeEach(() => (ws = demoWorkspace()));
  afterEach(() => ws.dispose());
  const report = (i: number, n = 3) => path.join(ws.dir, 'out', `omnifeed-report.shard-${i}-of-${n}.json`);
  const shards = async (n = 3, ...args: string[]) => {
    for (let i = 1; i <= n; i++) expect((await build(ws.dir, '--shard', `${i}/${n}`, ...args)).code).toBe(0);
  };

  it('adds up the shard reports of the output folder, prints the whole build, and exits 1 on errors as build does', async () => {
    await shards(3, 'google-us', 'etsy');
    const run = await inProcess(ws.dir, ['merge-reports', '--output', 'merged.json']);
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/^catalog examples\/catalog.csv \(the 3 shards added up\): 62 products in 49 listings/);
    expect(run.stdout).toMatch(/google-us \(google, rss\): 53 listed of 62 read/);
    expect(run.stdout).toContain('wrote out/google-us.shard-3-of-3.xml');
    expect(run.stderr).toMatch(/^error google-us /m);
    const merged = JSON.parse(readFileSync(path.join(ws.dir, 'merged.json'), 'utf8')) as RunReport;
    expect(merged.feeds.map((f) => f.files.length)).toEqual([3, 3]);
    expect((await inProcess(ws.dir, ['merge-reports', '--fail-on', 'none', '--quiet'])).code).toBe(0);
    const github = await inProcess(ws.dir, ['merge-reports', '--format', 'github', '--fail-on', 'none']);
    expect(github.stdout).toMatch(/^::error file=examples\/catalog.csv,line=\d+/m);
  });

  it('takes the reports as files, in any order', async () => {
    await shards(2, 'etsy');
    const run = await inProcess(ws.dir, ['merge-reports', '--json', report(2, 2), report(1, 2)]);
    expect(run.code, run.stderr).toBe(0);
    const merged = JSON.parse(run.stdout) as RunReport;
    expect(merged.feeds[0].files).toEqual(['out/etsy.shard-1-of-2.ndjson', 'out/etsy.shard-2-of-2.ndjson']);
  });

  it('notes shards built on different dates', async () => {
    expect((await build(ws.dir, '--shard', '1/2', '--now', '2026-12-01', 'etsy')).code).toBe(0);
    expect((await build(ws.dir, '--shard', '2/2', '--now', '2026-12-02', 'etsy')).code).toBe(0);
    const run = await inProcess(ws.dir, ['merge-reports', '--json']);
    expect(run.stderr).toMatch(/note: the shards were built on different dates \(2026-12-01T00:00:00.000Z, 2026-12-02T00:00:00.000Z\)/);
    expect((JSON.parse(run.stdout) as RunReport).now).toBe('2026-12-01T00:00:00.000Z');
  });

  it.each([
    ['a shard missing', (n: number) => [report(1), report(3)].slice(0, n), /SHARD_REPORTS: shard 2 of 3 missing/],
    [
      'a shard twice',
      () => [report(1), report(2), report(2), report(3)],
      /shard-2-of-3.json and .*shard-2-of-3.json are both shard 2 of 3/,
    ],
    ['another split', () => [report(1), report(2), report(3), report(1, 2)], /is shard 1 of 2, .* of 3: give the reports of one split/],
    ['a whole build', () => [path.join(ws.dir, 'out', 'omnifeed-report.json')], /not a shard's report \(the build ran without --shard\)/],
    ['no file', () => [path.join(ws.dir, 'nowhere.json')], /nowhere.json: cannot read the run report \(ENOENT\)/],
    ['not JSON', () => [path.join(ws.dir, 'omnifeed.yaml')], /omnifeed.yaml: cannot read the run report/],
  ])('refuses %s (exit 2)', async (_name, files, message) => {
    await shards(3, 'etsy');
    const three = [1, 2, 3].map((i) => readFileSync(report(i)));
    await shards(2, 'etsy');
    expect((await build(ws.dir, 'etsy')).code).toBe(0);
    // the split into 2 replaced the split into 3 in out/: its reports come back as a CI job would download them
    three.forEach((bytes, i) => writeFileSync(report(i + 1), bytes));
    const run = await inProcess(ws.dir, ['merge-reports', ...files(2)]);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(message);
  });

  it('refuses reports of different feeds, and an output folder without shard reports', async () => {
    expect((await build(ws.dir, '--shard', '1/2', 'etsy')).code).toBe(0);
    const first = readFileSync(report(1, 2));
    expect((await build(ws.dir, '--shard', '2/2', 'etsy', 'google-us')).code).toBe(0);
    writeFileSync(report(1, 2), first);
    const run = await inProcess(ws.dir, ['merge-reports']);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/are not of one build: feeds etsy and etsy, google-us/);
    const empty = demoWorkspace();
    try {
      const none = await inProcess(empty.dir, ['merge-reports']);
      expect(none.code).toBe(2);
      expect(none.stderr).toMatch(/SHARD_REPORTS: out\/ holds no shard report/);
    } finally {
      empty.dispose();
    }
  });
});
