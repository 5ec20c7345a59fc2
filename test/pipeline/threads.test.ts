import { existsSync, rmSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findChannel } from '../../src/channels/index.js';
import type { FeedDefinition } from '../../src/config/types.js';
import { shareFeeds } from '../../src/pipeline/threads.js';
import { omnifeed, snapshot } from '../helpers/cli.js';
import { demoWorkspace, generatedWorkspace, repoRoot } from '../helpers/workspace.js';

/** Build `dir` with `--threads n` into its own output folder and return every file written (run report and records included). */
async function buildWith(dir: string, threads: number): Promise<Record<string, string>> {
  rmSync(path.join(dir, 'out'), { recursive: true, force: true });
  rmSync(path.join(dir, '.omnifeed'), { recursive: true, force: true });
  const run = await omnifeed(dir, ['build', '--fail-on', 'none', '--quiet', '--threads', String(threads)]);
  expect(run.code, run.stderr).toBe(0);
  return snapshot(path.join(dir, 'out'));
}

describe('feed threads', () => {
  const demo = demoWorkspace();
  const bigGroup = demoWorkspace();
  bigGroup.write(
    'examples/catalog.csv',
    bigGroup.read('examples/catalog.csv').trimEnd() +
      '\n' +
      Array.from(
        { length: 3_000 },
        (_, i) => `TEE-100-XL-${i},TEE-100,,,,,,,,,,,${i % 7},,,,https://shop.example.com/p/tee-100?v=${i},,,,Size ${i},XL,,,,,,,,,,\n`,
      ).join(''),
  );
  let generated: Awaited<ReturnType<typeof generatedWorkspace>>;
  beforeAll(async () => {
    generated = await generatedWorkspace(6_000);
  }, 120_000);
  afterAll(() => {
    demo.dispose();
    bigGroup.dispose();
    generated.dispose();
  });

  it('run from the built CLI', () => {
    // the CLI the tests spawn is the compiled one, whose feed-thread script is beside it
    expect(existsSync(path.join(repoRoot, 'dist/pipeline/feed-thread.js'))).toBe(true);
  });

  it.each([
    ['the demo workspace', () => demo.dir],
    // one group's records are one text of more than a 64 KB chunk: a thread sends it by itself
    ['the demo workspace with a group of 3,000 variants', () => bigGroup.dir],
    ['a generated catalog of 6,000 rows with variant groups, one feed per channel', () => generated.dir],
  ])(
    'write byte-identical feeds, records and run report for 0, 1, 2 and 4 threads: %s',
    async (_name, dir) => {
      const main = await buildWith(dir(), 0);
      const files = Object.keys(main).sort();
      expect(files).toContain('omnifeed-report.json');
      expect(files.filter((f) => f.startsWith('.omnifeed')).length).toBeGreaterThanOrEqual(4);
      expect(JSON.parse(main['omnifeed-report.json']).feeds.every((f: { listed: number }) => f.listed > 0)).toBe(true);
      for (const threads of [1, 2, 4]) {
        const threaded = await buildWith(dir(), threads);
        expect(Object.keys(threaded).sort()).toEqual(files);
        for (const file of files) expect(threaded[file] === main[file], `${file} with --threads ${threads}`).toBe(true);
      }
    },
    240_000,
  );

  it('leave a delta build on the main thread: --threads 2 writes what --threads 0 does', async () => {
    const ws = demoWorkspace();
    try {
      const feeds = ['google-us', 'amazon-us', 'etsy'];
      expect((await omnifeed(ws.dir, ['build', '--fail-on', 'none', '--quiet', '--publish', ...feeds])).code).toBe(0);
      ws.write('examples/catalog.csv', ws.read('examples/catalog.csv').replace(',24.00,', ',26.00,'));
      const delta = async (threads: number) => {
        const run = await omnifeed(ws.dir, ['build', '--delta', '--fail-on', 'none', '--quiet', '--threads', String(threads), ...feeds]);
        expect(run.code, run.stderr).toBe(0);
        return snapshot(path.join(ws.dir, 'out'));
      };
      const main = await delta(0);
      expect(JSON.parse(main['omnifeed-report.json']).feeds.filter((f: { delta?: unknown }) => f.delta).length).toBe(3);
      expect(await delta(2)).toEqual(main);
    } finally {
      ws.dispose();
    }
  }, 240_000);
});

describe('sharing feeds between threads', () => {
  const feed = (name: string, channel: string) => ({ name, channel }) as FeedDefinition;
  const bench = [feed('google-us', 'google'), feed('amazon-us', 'amazon'), feed('ebay-us', 'ebay'), feed('etsy', 'etsy')];
  const costOf = (names: string[]) =>
    names.reduce((sum, name) => sum + findChannel(bench.find((f) => f.name === name)!.channel)!.buildCost, 0);

  it('gives each thread feeds of about equal cost, the costliest first, every feed once', () => {
    const shares = shareFeeds(bench, 2);
    expect(shares).toEqual([
      ['amazon-us', 'google-us'],
      ['etsy', 'ebay-us'],
    ]);
    // the share by position (feed i to thread i mod 2) was Google and eBay against Amazon and Etsy
    expect(Math.abs(costOf(shares[0]) - costOf(shares[1]))).toBeLessThan(
      Math.abs(costOf(['google-us', 'ebay-us']) - costOf(['amazon-us', 'etsy'])),
    );
  });

  it('gives one feed a thread when there are as many threads, and all to one thread', () => {
    expect(shareFeeds(bench, 4).map((share) => share.length)).toEqual([1, 1, 1, 1]);
    expect(shareFeeds(bench, 1)).toEqual([['amazon-us', 'etsy', 'ebay-us', 'google-us']]);
    // feeds of one channel keep the run's order
    expect(shareFeeds([feed('b', 'google'), feed('a', 'google'), feed('c', 'google')], 2)).toEqual([['b', 'c'], ['a']]);
  });
});
