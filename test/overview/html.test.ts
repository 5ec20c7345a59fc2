/**
 * The report page in a real headless Chromium: it renders without console errors, makes no
 * request, shows the JSON report's figures, sorts and filters its tables, links rule ids to
 * their descriptions; a screenshot is saved in test-output/.
 */
import { mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { build } from '../../src/commands/build.js';
import type { Overview } from '../../src/overview/types.js';
import { skipBrowser, startBrowser, type Browser } from '../helpers/browser.js';
import { omnifeed } from '../helpers/cli.js';
import { demoWorkspace, NOW, repoRoot } from '../helpers/workspace.js';

const ENV = { AMAZON_SELLER_ID: 'A1TEST' };
const SCREENSHOT = path.join(repoRoot, 'test-output/report.png');

/** A cast-iron pot sold below cost: its margin is negative where the price is not marked up. */
const LOSS_ROW =
  'OVEN-CI-2,,Cast Iron Dutch Oven 6 qt,"Enamelled cast iron, 6 quarts.",Northwind,,OVEN-6QT,40.00,,,,41.00,12,active,,Home > Kitchen,https://shop.example.com/p/oven-ci-2,https://cdn.example.com/img/oven-ci-2.jpg,,5.4 kg,,,,,,,,,,,,\n';

/** The figure at a dotted path of the JSON report (`feeds.0.products.listed`). */
const at = (overview: unknown, dotted: string) =>
  dotted.split('.').reduce<unknown>((value, key) => (value as Record<string, unknown> | undefined)?.[key], overview);

const columnValues = (page: Page, table: string, column: number) =>
  page.$$eval(
    `#${table} tbody tr`,
    (rows, i) =>
      rows.map((r) => {
        const cell = (r as HTMLTableRowElement).cells[i];
        return cell.getAttribute('data-value') ?? cell.textContent!.trim();
      }),
    column,
  );

describe.skipIf(skipBrowser)('the report page in Chromium', () => {
  const ws = demoWorkspace();
  let browser: Browser;
  let page: Page;
  let overview: Overview;
  const errors: string[] = [];
  const requests: string[] = [];
  let url: string;

  beforeAll(async () => {
    ws.write('examples/catalog.csv', ws.read('examples/catalog.csv') + LOSS_ROW);
    await build({ cwd: ws.dir, now: NOW, env: ENV });
    const run = await omnifeed(ws.dir, ['report', '--json', '--html', 'out/report.html'], ENV);
    expect(run.code).toBe(0);
    overview = JSON.parse(run.stdout);
    browser = await startBrowser();
    page = await browser.context.newPage();
    page.on('console', (m) => (m.type() === 'error' || m.type() === 'warning') && errors.push(`${m.type()}: ${m.text()}`));
    page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
    page.on('requestfailed', (r) => errors.push(`request failed: ${r.url()}`));
    browser.context.on('request', (r) => requests.push(r.url()));
    url = pathToFileURL(path.join(ws.dir, 'out/report.html')).href;
    await page.goto(url, { waitUntil: 'load' });
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    ws.dispose();
  });

  it('renders without console errors and requests nothing but itself', async () => {
    expect(await page.title()).toBe(`omnifeed report: build of ${overview.built}`);
    expect(await page.locator('svg.chart').count()).toBe(2);
    expect(await page.locator('figure.histogram').count()).toBe(overview.margins.feeds.length);
    expect(errors).toEqual([]);
    expect(requests).toEqual([url]);
    const html = readFileSync(path.join(ws.dir, 'out/report.html'), 'utf8');
    expect(html).not.toMatch(/\s(src|href)="(https?:)?\/\//);
    expect(html).toContain("default-src 'none'");
  });

  it("shows the JSON report's figures", async () => {
    const figures = await page.$$eval('[data-check]', (els) =>
      els.map((e) => ({ path: e.getAttribute('data-check')!, value: e.getAttribute('data-value'), text: e.textContent!.trim() })),
    );
    expect(figures.length).toBeGreaterThan(300);
    for (const f of figures) {
      const expected = at(overview, f.path);
      expect([f.path, Number(f.value)]).toEqual([f.path, expected]);
      const n = expected as number;
      const shown = f.text.endsWith('%') ? `${(n * 100).toFixed(n !== 0 && Math.abs(n) < 0.001 ? 2 : 1)}%` : n.toLocaleString('en-US');
      expect([f.path, f.text]).toEqual([f.path, shown]);
    }
    const paths = new Set(figures.map((f) => f.path));
    for (const p of [
      'catalog.products',
      'coverage.on.0',
      'stock.exposure',
      'margins.negative_total',
      'issues.0.products',
      'feeds.4.products.invalid',
    ])
      expect(paths).toContain(p);
    // the bar chart has one bar per feed, its segments in proportion to the products
    const widths = await page.$$eval('g.bar', (bars) =>
      bars.map((b) => [...b.querySelectorAll('rect')].map((r) => Number(r.getAttribute('width')))),
    );
    expect(widths.length).toBe(overview.feeds.length);
    widths.forEach((w, i) => {
      const p = overview.feeds[i].products;
      if (p.excluded > 0) expect(w[0] / w[1]).toBeCloseTo(p.listed / p.excluded, 1);
    });
    expect(await page.locator('#negative-table tbody tr').count()).toBe(overview.margins.negative.length);
    expect(overview.margins.negative.map((n) => n.sku)).toContain('OVEN-CI-2');
  });

  it('sorts a table by a column, both ways, numbers as numbers', async () => {
    const listed = (await columnValues(page, 'feeds-table', 4)).map(Number);
    const header = page.locator('#feeds-table th', { hasText: /^listed$/ });
    await header.click();
    expect(await header.getAttribute('aria-sort')).toBe('ascending');
    expect((await columnValues(page, 'feeds-table', 4)).map(Number)).toEqual([...listed].sort((a, b) => a - b));
    await header.click();
    expect((await columnValues(page, 'feeds-table', 4)).map(Number)).toEqual([...listed].sort((a, b) => b - a));
    const feeds = page.locator('#feeds-table th', { hasText: /^feed$/ });
    await feeds.click();
    await feeds.click();
    expect(await columnValues(page, 'feeds-table', 0)).toEqual(
      overview.feeds
        .map((f) => f.feed)
        .sort()
        .reverse(),
    );
    // a column of 1,234-style figures sorts by value, not by text
    await page.locator('#stock-table th', { hasText: /^exposure$/ }).click();
    const exposure = (await columnValues(page, 'stock-table', 3)).map(Number);
    expect(exposure).toEqual([...exposure].sort((a, b) => a - b));
  });

  it('filters a table to the rows holding the text', async () => {
    const total = await page.locator('#rules-table tbody tr').count();
    await page.fill('input[data-filter="rules-table"]', 'gtin');
    const shown = await page.$$eval('#rules-table tbody tr:not([hidden])', (rows) => rows.map((r) => r.textContent!.toLowerCase()));
    expect(shown.length).toBeGreaterThan(0);
    expect(shown.length).toBeLessThan(total);
    expect(shown.every((t) => t.includes('gtin'))).toBe(true);
    expect(await page.textContent('#rules-table-count')).toBe(`${shown.length} of ${total}`);
    await page.fill('input[data-filter="rules-table"]', '');
    expect(await page.locator('#rules-table tbody tr:not([hidden])').count()).toBe(total);
  });

  it('links a rule id to its description, and saves a screenshot', async () => {
    const link = page.locator('#issues-table a.rule').first();
    const rule = (await link.textContent())!;
    await link.click();
    expect(new URL(page.url()).hash).toBe(`#rule-${rule}`);
    expect(await page.locator(`#rule-${rule} + dd`).textContent()).toBe(overview.rules[rule].description);
    await page.goto(url);
    mkdirSync(path.dirname(SCREENSHOT), { recursive: true });
    await page.screenshot({ path: SCREENSHOT, fullPage: true });
    expect(readFileSync(SCREENSHOT).subarray(1, 4).toString()).toBe('PNG');
    expect(errors).toEqual([]);
  });
});
