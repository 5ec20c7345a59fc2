import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { demoWorkspace, fixture, GOOGLE_FEED, repoRoot, tempWorkspace } from '../helpers/workspace.js';

const bin = path.join(repoRoot, 'bin/omnifeed.js');

/** Run the CLI without blocking the test worker (a worker blocked for a minute misses vitest's own messages). */
function omnifeed(cwd: string, ...args: string[]) {
  return omnifeedAsync({}, cwd, ...args);
}

/** The same, without blocking the test worker: for tests that run several builds. */
async function omnifeedAsync(env: NodeJS.ProcessEnv, cwd: string, ...args: string[]) {
  try {
    const { stdout, stderr } = await promisify(execFile)(process.execPath, [bin, ...args], {
      cwd,
      encoding: 'utf8',
      env: environment(env),
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code?: number; stdout: string; stderr: string };
    return { code: typeof e.code === 'number' ? e.code : null, stdout: e.stdout, stderr: e.stderr };
  }
}

const environment = (env: NodeJS.ProcessEnv) => ({
  ...process.env,
  NO_COLOR: '1',
  CI: 'true',
  SOURCE_DATE_EPOCH: '1795392000',
  AMAZON_SELLER_ID: '',
  ...env,
});

const CLEAN =
  'sku,title,description,price,quantity,url,image_url,brand,gtin\nA-1,Bottle,Steel bottle,20.00,3,https://s.example.com/a,https://c.example.com/a.jpg,Trailhead,4006381333931\n';
const OLD_FEED = '<old feed/>';

/** A workspace with one Google feed, an old published feed, and the given catalog and config. */
function workspace(catalog: string | null, config = 'catalog: { path: catalog.csv }\n', feed = GOOGLE_FEED) {
  return tempWorkspace({
    'omnifeed.yaml': config,
    'feeds/google.yaml': feed,
    'out/google.xml': OLD_FEED,
    ...(catalog === null ? {} : { 'catalog.csv': catalog }),
  });
}

describe('omnifeed build', () => {
  it('exits 0 on a clean catalog, prints the summary on stdout and replaces the feed', async () => {
    const ws = workspace(CLEAN);
    try {
      const { code, stdout, stderr } = await omnifeed(ws.dir, 'build');
      expect(code).toBe(0);
      expect(stderr).toBe('');
      expect(stdout).toContain('google (google, rss): 1 listed of 1 read');
      expect(ws.read('out/google.xml')).toContain('<g:id>A-1</g:id>');
      expect(readdirSync(path.join(ws.dir, 'out')).sort()).toEqual([
        '.omnifeed',
        'google.xml',
        'omnifeed-manifest.json',
        'omnifeed-report.json',
      ]);
    } finally {
      ws.dispose();
    }
  });

  it('exits 1 when products have errors, lists them on stderr, and still writes the valid items', async () => {
    const ws = workspace(fixture('catalogs/bad-values.csv').replace('sku,title,price,quantity', 'sku,title,price,quantity'));
    try {
      const { code, stderr, stdout } = await omnifeed(ws.dir, 'build');
      expect(code).toBe(1);
      expect(stderr).toMatch(/error catalog.csv:3 \(price\) \[bad-number\] B-2 price: price: 'ten dollars' is not a number/);
      expect(stderr).toMatch(/\[duplicate-sku\] B-1/);
      expect(stdout).toMatch(/2 products in 2 listings, 3 unreadable rows/);
      expect((await omnifeed(ws.dir, 'build', '--fail-on', 'none')).code).toBe(0);
    } finally {
      ws.dispose();
    }
  });

  it('reads a CSV with a broken quote on its parser thread, reporting the row and keeping the rest', async () => {
    const ws = workspace(fixture('catalogs/broken-quote.csv'));
    try {
      const { code, stdout } = await omnifeed(ws.dir, 'validate', '--json', '--fail-on', 'none');
      expect(code).toBe(0);
      const report = JSON.parse(stdout);
      expect(report.catalog.issues).toEqual([expect.objectContaining({ rule: 'csv-unreadable-row', file: 'catalog.csv', line: 3 })]);
      expect(report.catalog.products).toBe(2);
      expect(report.feeds[0].issues.filter((i: { sku: string }) => i.sku === 'A-3').length).toBeGreaterThan(0);
    } finally {
      ws.dispose();
    }
  });

  it('prints the run report as JSON with --json, and nothing else on stdout', async () => {
    const ws = workspace(CLEAN);
    try {
      const { code, stdout } = await omnifeed(ws.dir, 'validate', '--json');
      expect(code).toBe(0);
      const report = JSON.parse(stdout);
      expect(report).toMatchObject({
        command: 'validate',
        now: '2026-11-23T00:00:00.000Z',
        feeds: [{ feed: 'google', listed: 1, files: ['out/google.xml'] }],
      });
      expect(ws.read('out/google.xml')).toBe(OLD_FEED);
    } finally {
      ws.dispose();
    }
  });

  it('exits 1 on warnings only under --fail-on warning', async () => {
    const ws = workspace(CLEAN.replace('Steel bottle', '<b>Steel</b> bottle'));
    try {
      // off a terminal, warnings stay in the run report: stderr is for errors
      expect(await omnifeed(ws.dir, 'build')).toMatchObject({ code: 0, stderr: '' });
      expect(JSON.parse(ws.read('out/omnifeed-report.json')).feeds[0].warned).toEqual({ 'description-html-removed': 1 });
      expect((await omnifeed(ws.dir, 'build', '--fail-on', 'warning')).code).toBe(1);
    } finally {
      ws.dispose();
    }
  });

  it.each([
    ['a missing required column', fixture('catalogs/missing-sku.csv'), undefined, /CATALOG_COLUMNS: catalog.csv: missing column 'sku'/],
    ['an empty catalog file', '', undefined, /CATALOG_UNREADABLE: catalog.csv: the file is empty/],
    ['a catalog file that does not exist', null, undefined, /CATALOG_UNREADABLE: catalog.csv: file not found/],
    ['invalid YAML', CLEAN, 'catalog: { path: catalog.csv\n', /CONFIG_INVALID: omnifeed.yaml:\d+:\d+: invalid YAML/],
    [
      'an unknown config key',
      CLEAN,
      'catalog: { path: catalog.csv, delimter: ";" }\n',
      /CONFIG_INVALID: omnifeed.yaml:1: \/catalog: unknown key 'delimter'/,
    ],
    [
      'a mapped column that is not there',
      CLEAN,
      'catalog: { path: catalog.csv, columns: { cost: Cost } }\n',
      /missing column 'Cost' \(for cost\)/,
    ],
  ])('exits 2 on %s, with one clear line, and leaves the published feed alone', async (_, catalog, config, message) => {
    const ws = workspace(catalog, config);
    try {
      const { code, stderr, stdout } = await omnifeed(ws.dir, 'build');
      expect(code).toBe(2);
      expect(stderr).toMatch(message);
      expect(stderr.trim().split('\n')).toHaveLength(1);
      expect(stdout).toBe('');
      expect(ws.read('out/google.xml')).toBe(OLD_FEED);
      expect(readdirSync(path.join(ws.dir, 'out'))).toEqual(['google.xml']);
    } finally {
      ws.dispose();
    }
  });

  it('exits 2 on a bad feed definition, naming the file and key', async () => {
    const ws = workspace(CLEAN, undefined, `${GOOGLE_FEED}pricing: { round_to: "99" , markup: 5 }\n`);
    try {
      const { code, stderr } = await omnifeed(ws.dir, 'build');
      expect(code).toBe(2);
      expect(stderr).toMatch(/feeds\/google.yaml:4: \/pricing: unknown key 'markup'/);
    } finally {
      ws.dispose();
    }
  });

  it('exits 2 on an unknown feed name, or an expression naming an unknown column', async () => {
    const ws = workspace(CLEAN, undefined, `${GOOGLE_FEED}select: { include: "stauts == 'active'" }\n`);
    try {
      expect(await omnifeed(ws.dir, 'build', 'nope')).toMatchObject({
        code: 2,
        stderr: expect.stringMatching(/FEED_UNKNOWN: no feed 'nope' \(defined: google\)/),
      });
      expect(await omnifeed(ws.dir, 'build')).toMatchObject({
        code: 2,
        stderr: expect.stringMatching(/feeds\/google.yaml: \/select\/include: unknown name 'stauts'/),
      });
      expect(ws.read('out/google.xml')).toBe(OLD_FEED);
    } finally {
      ws.dispose();
    }
  });

  it('exits 2 on an unknown option', async () => {
    expect((await omnifeed(repoRoot, 'build', '--bogus')).code).toBe(2);
  });

  it('builds the demo workspace, leaving no temporary file behind', async () => {
    const ws = demoWorkspace();
    try {
      const { code, stdout } = await omnifeed(ws.dir, 'build', '--fail-on', 'none');
      expect(code).toBe(0);
      expect(stdout).toMatch(/google-us \(google, rss\): \d+ listed of \d+ read/);
      expect(readdirSync(path.join(ws.dir, 'out')).filter((f) => f.includes('.tmp-'))).toEqual([]);
      expect(existsSync(path.join(ws.dir, 'out/omnifeed-report.json'))).toBe(true);
    } finally {
      ws.dispose();
    }
  });
});

describe('omnifeed explain', () => {
  it('prints why a product is or is not in each feed, and exits 2 on an unknown SKU', async () => {
    const ws = demoWorkspace();
    try {
      const { code, stdout } = await omnifeed(ws.dir, 'explain', 'STOVE-CI-1', '--feed', 'google-us');
      expect(code).toBe(0);
      expect(stdout).toContain('google-us (google): EXCLUDED (too-heavy-to-ship)');
      expect(stdout).toContain('✓ exclude too-heavy-to-ship: weight_kg > 30');
      const json = JSON.parse((await omnifeed(ws.dir, 'explain', 'MUG-HM-1', '--json')).stdout);
      expect(json.feeds.map((f: { feed: string; verdict: string }) => [f.feed, f.verdict])).toEqual([
        ['amazon-us', 'listed'],
        ['ebay-us', 'excluded'],
        ['etsy', 'listed'],
        ['google-us', 'listed'],
        ['meta-us', 'listed'],
      ]);
      expect(await omnifeed(ws.dir, 'explain', 'NOPE')).toMatchObject({
        code: 2,
        stderr: expect.stringMatching(/SKU_UNKNOWN: no product 'NOPE'/),
      });
    } finally {
      ws.dispose();
    }
  });
});

describe('omnifeed init', () => {
  it('writes the demo workspace into an empty folder, which then builds; a second init refuses', async () => {
    const ws = tempWorkspace({});
    try {
      const first = await omnifeed(ws.dir, 'init');
      expect(first.code).toBe(0);
      expect(first.stdout).toContain('wrote omnifeed.yaml\nwrote feeds/amazon-us.yaml');
      expect(first.stdout).toContain('wrote examples/catalog.csv');
      expect(first.stdout).toContain('wrote feeds/maps/google.csv');
      expect(ws.read('feeds/google-us.yaml')).toBe(readFileSync(path.join(repoRoot, 'feeds/google-us.yaml'), 'utf8'));
      expect((await omnifeed(ws.dir, 'build', 'google-us', '--fail-on', 'none')).code).toBe(0);
      expect(await omnifeed(ws.dir, 'init')).toMatchObject({
        code: 2,
        stderr: expect.stringMatching(/WORKSPACE_EXISTS: .*already has omnifeed.yaml, feeds, examples/),
      });
    } finally {
      ws.dispose();
    }
  });

  it("does not copy the demo's Amazon seller id: the new workspace reads AMAZON_SELLER_ID, which beats any id in the file", async () => {
    const ws = tempWorkspace({});
    try {
      expect((await omnifeedAsync({}, ws.dir, 'init')).code).toBe(0);
      const amazon = ws.read('feeds/amazon-us.yaml');
      expect(amazon).not.toContain('A1DEMOSELLER00');
      expect(amazon).toMatch(/^ {2}seller_id_env: AMAZON_SELLER_ID/m);
      expect(await omnifeedAsync({}, ws.dir, 'build', 'amazon-us')).toMatchObject({
        code: 2,
        stderr: expect.stringContaining('AMAZON_SELLER_ID'),
      });
      expect((await omnifeedAsync({ AMAZON_SELLER_ID: 'A9MYSHOP' }, ws.dir, 'build', 'amazon-us', '--fail-on', 'none')).code).toBe(0);
      expect(JSON.parse(ws.read('out/amazon-us.json')).header.sellerId).toBe('A9MYSHOP');
      // the repository's demo keeps its id in the file; the environment still wins
      const demo = demoWorkspace();
      try {
        expect((await omnifeedAsync({ AMAZON_SELLER_ID: 'A9ENVWINS' }, demo.dir, 'build', 'amazon-us', '--fail-on', 'none')).code).toBe(0);
        expect(JSON.parse(demo.read('out/amazon-us.json')).header.sellerId).toBe('A9ENVWINS');
      } finally {
        demo.dispose();
      }
    } finally {
      ws.dispose();
    }
  });
});

describe('omnifeed channels', () => {
  it('lists the channels as JSON', async () => {
    const { code, stdout } = await omnifeed(repoRoot, 'channels', '--json');
    expect(code).toBe(0);
    expect(JSON.parse(stdout).map((c: { name: string }) => c.name)).toContain('google');
  });
});
