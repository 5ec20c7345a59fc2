import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { omnifeed } from '../helpers/cli.js';
import { demoWorkspace } from '../helpers/workspace.js';

const ENV = { AMAZON_SELLER_ID: 'A1TEST' };

describe('omnifeed report (CLI)', () => {
  const ws = demoWorkspace();
  afterAll(() => ws.dispose());

  it('exits 2 with one line before any build, and for a --skus file of no known format', async () => {
    const before = await omnifeed(ws.dir, ['report'], ENV);
    expect(before).toMatchObject({ code: 2, stdout: '' });
    expect(before.stderr).toBe(
      'omnifeed: NOT_BUILT: out/omnifeed-report.json: no build to report on (run omnifeed build first, or omnifeed report --build)\n',
    );
    const usage = await omnifeed(ws.dir, ['report', '--build', '--skus', 'rows.xlsx'], ENV);
    expect(usage.code).toBe(2);
    expect(usage.stderr).toMatch(/^omnifeed: USAGE: --skus: 'rows.xlsx' is neither .csv nor .ndjson/);
    expect(existsSync(path.join(ws.dir, 'out'))).toBe(false);
  });

  it('--build builds, then prints the report; --html and --skus write their files; a feed not defined is exit 2', async () => {
    const run = await omnifeed(ws.dir, ['report', '--build', '--html', 'report.html', '--skus', 'rows.csv'], ENV);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^report of the build of 2026-11-23T00:00:00\.000Z: examples\/catalog\.csv, 62 products in 49 listings/);
    expect(run.stdout).toContain('google-us (google, rss): products 62 read = 53 listed + 5 excluded + 4 invalid; items 53 listed');
    expect(run.stdout).toMatch(
      /\nstock: 58 products listed offer \d+ units of \d+ available; \d+ offered more often than in stock, by \d+ units in all \(no allocation/,
    );
    // the text says what the JSON report counts, and every product is counted once
    const { coverage } = JSON.parse((await omnifeed(ws.dir, ['report', '--json'], ENV)).stdout) as { coverage: { on: number[] } };
    expect(coverage.on.reduce((a, b) => a + b)).toBe(62);
    const counts = coverage.on.map((n, feeds) => `${feeds} feed${feeds === 1 ? '' : 's'} ${n}`).join(', ');
    expect(run.stdout).toContain(`\ncoverage: 62 products by the number of feeds listing them: ${counts}\n`);
    expect(readFileSync(path.join(ws.dir, 'report.html'), 'utf8')).toMatch(/^<!doctype html>/);
    expect(readFileSync(path.join(ws.dir, 'rows.csv'), 'utf8').split('\r\n')[0]).toBe(
      'sku,feed,channel,outcome,reason,item,price,sale_price,quantity,available,offered,exposure,margin,warnings',
    );
    const json = await omnifeed(ws.dir, ['report', '--json', 'etsy'], ENV);
    expect(JSON.parse(json.stdout).feeds.map((f: { feed: string }) => f.feed)).toEqual(['etsy']);
    const unknown = await omnifeed(ws.dir, ['report', 'google-de'], ENV);
    expect(unknown).toMatchObject({ code: 2, stderr: expect.stringMatching(/^omnifeed: FEED_UNKNOWN: no feed 'google-de'/) });
  });

  it('explain of an unknown SKU exits 2 and names the nearest SKUs', async () => {
    const run = await omnifeed(ws.dir, ['explain', 'HOOD-200-BLK-M'], ENV);
    expect(run).toMatchObject({ code: 2, stdout: '' });
    expect(run.stderr).toMatch(/^omnifeed: SKU_UNKNOWN: no product 'HOOD-200-BLK-M' in examples\/catalog\.csv; nearest: HOOD-200-BLA-M, /);
    expect(run.stderr.split('\n').length).toBe(2);
  });
});
