import { afterAll, describe, expect, it } from 'vitest';
import { explain } from '../../src/commands/explain.js';
import { formatExplanation } from '../../src/render.js';
import { demoWorkspace, GOOGLE_FEED, NOW, tempWorkspace } from '../helpers/workspace.js';

describe('explain', () => {
  const ws = demoWorkspace();
  afterAll(() => ws.dispose());
  const run = (sku: string, feeds = ['google-us']) => explain({ cwd: ws.dir, sku, feeds, now: NOW });

  it('says which rule left a product out, with the price computation behind it', async () => {
    const [google] = (await run('CABLE-USB-1')).feeds;
    expect(google).toMatchObject({ verdict: 'excluded', reason: 'margin-below-floor', items: [] });
    expect(google.rules.map((r) => [r.rule.split(':')[0], r.matched])).toEqual([
      ['channels list (none) allows google-us', true],
      ['include', true],
      ['exclude too-heavy-to-ship', false],
      ['pricing.min_margin 0.15', true],
    ]);
    expect(google.price.steps.map((s) => s.value)).toEqual([6.99, 6.99, 0.113]);
    expect(google.stock).toMatchObject({ quantity: 50 });
  });

  it('shows a listed variant with its rendered item, and where it comes from', async () => {
    const explanation = await run('TEE-100-RED-M', ['google-us', 'amazon-us']);
    expect(explanation).toMatchObject({ role: 'variant', parent: 'TEE-100', source: { file: 'examples/catalog.csv', line: 4 } });
    const [google, amazon] = explanation.feeds;
    expect(google).toMatchObject({ verdict: 'listed', fields: { title: 'Northwind Organic Cotton Tee Red M' } });
    expect(google.items).toEqual([
      expect.objectContaining({ sku: 'TEE-100-RED-M', item: expect.objectContaining({ price: '24.99 USD', item_group_id: 'TEE-100' }) }),
    ]);
    expect(amazon.verdict).toBe('listed');
  });

  it('calls a product with errors invalid, with its issues', async () => {
    const [google] = (await run('GRINDER-1')).feeds;
    expect(google.verdict).toBe('invalid');
    expect(google.items[0].issues.map((i) => i.rule)).toEqual(['gtin-check-digit']);
  });

  it('explains a parent through its group', async () => {
    const explanation = await run('DRESS-300');
    expect(explanation.role).toBe('parent');
    expect(explanation.variants).toEqual(['DRESS-300-XS', 'DRESS-300-S', 'DRESS-300-M', 'DRESS-300-NOSIZE']);
    expect(explanation.feeds[0].verdict).toBe('listed');
    expect(explanation.feeds[0].items.map((i) => i.sku)).toEqual(['DRESS-300-XS', 'DRESS-300-S', 'DRESS-300-M', 'DRESS-300-NOSIZE']);
  });

  it('refuses a SKU that is not in the catalog, naming the nearest SKUs', async () => {
    await expect(run('NOPE')).rejects.toMatchObject({ code: 'SKU_UNKNOWN' });
    await expect(run('TEE-10')).rejects.toThrow(
      "no product 'TEE-10' in examples/catalog.csv; nearest: TEE-100, TEE-100-RED-S, TEE-100-RED-M, TEE-100-RED-L, TEE-100-NAV-S",
    );
    await expect(run('grinder-l')).rejects.toThrow(/; nearest: GRINDER-1, /);
  });

  it("calls a variant listed through its group's listing (eBay) listed, with the listing", async () => {
    const [ebay] = (await run('TEE-100-RED-S', ['ebay-us'])).feeds;
    expect(ebay).toMatchObject({ verdict: 'listed', reason: undefined });
    expect(ebay.items.map((i) => i.sku)).toEqual(['TEE-100']);
  });
});

describe('explain on a SKU whose row was skipped', () => {
  it('shows the issues of the row instead of saying there is no product', async () => {
    const ws = tempWorkspace({
      'omnifeed.yaml': 'catalog: { path: catalog.csv }\n',
      'feeds/google.yaml': GOOGLE_FEED,
      'catalog.csv': 'sku,parent_sku,title,price\nA-1,,Fine,10.00\nA-2,,Bad price,ten\nA-3,GONE,Orphan,10.00\nA-4,,"Tee 12" wide,9.00\n',
    });
    try {
      const bad = await explain({ cwd: ws.dir, sku: 'A-2', now: NOW });
      expect(bad).toMatchObject({ role: 'skipped', source: { file: 'catalog.csv', line: 3 }, feeds: [] });
      expect(bad.issues.map((i) => i.rule)).toEqual(['bad-number']);
      expect(formatExplanation(bad)).toMatch(
        /^A-2: not read: the catalog row was skipped, so no feed has it, catalog.csv:3\n {2}error catalog.csv:3 \(price\) \[bad-number\]/,
      );
      expect((await explain({ cwd: ws.dir, sku: 'A-3', now: NOW })).issues.map((i) => i.rule)).toEqual(['parent-missing']);
      expect((await explain({ cwd: ws.dir, sku: 'A-4', now: NOW })).issues.map((i) => i.rule)).toEqual(['csv-unreadable-row']);
      await expect(explain({ cwd: ws.dir, sku: 'NOPE', now: NOW })).rejects.toThrow(/no product 'NOPE'/);
    } finally {
      ws.dispose();
    }
  });
});
