import { describe, expect, it } from 'vitest';
import { Catalog, type CatalogEvent } from '../../src/catalog/catalog.js';
import { loadWorkspace } from '../../src/config/load.js';
import type { Issue } from '../../src/model.js';
import { fixture, GOOGLE_FEED, tempWorkspace } from '../helpers/workspace.js';

async function readAll(files: Record<string, string>, config: string) {
  const ws = tempWorkspace({ 'omnifeed.yaml': config, 'feeds/google.yaml': GOOGLE_FEED, ...files });
  try {
    const catalog = new Catalog(loadWorkspace(ws.dir));
    const events: CatalogEvent[] = [];
    let index;
    for await (const event of catalog.groups()) events.push(event);
    if (events.some((e) => 'scattered' in e)) {
      events.length = 0;
      index = await catalog.index();
      for await (const event of catalog.groups(index)) events.push(event);
    }
    const groups = events.flatMap((e) => ('group' in e ? [e.group] : []));
    const issues = events.flatMap((e) => ('issue' in e ? [e.issue] : []));
    return { groups, issues, indexed: index !== undefined };
  } finally {
    ws.dispose();
  }
}

const brief = (issues: Issue[]) => issues.map((i) => ({ rule: i.rule, line: i.line, sku: i.sku, column: i.column }));

describe('catalog reading', () => {
  it('reports a broken quote with its line and reads on', async () => {
    const { groups, issues } = await readAll({ 'catalog.csv': fixture('catalogs/broken-quote.csv') }, 'catalog: { path: catalog.csv }\n');
    expect(groups.map((g) => g.variants[0].sku)).toEqual(['A-1', 'A-3']);
    expect(issues).toHaveLength(1);
    expect(issues[0]).toMatchObject({ severity: 'error', rule: 'csv-unreadable-row', file: 'catalog.csv', line: 3 });
    expect(issues[0].message).toMatch(/^line 3 skipped: Invalid Closing Quote/);
  });

  it('turns bad values and duplicate SKUs into issues with file, line and column', async () => {
    const { groups, issues } = await readAll({ 'catalog.csv': fixture('catalogs/bad-values.csv') }, 'catalog: { path: catalog.csv }\n');
    expect(groups.map((g) => g.variants[0].sku)).toEqual(['B-1', 'B-4']);
    expect(brief(issues)).toEqual([
      { rule: 'bad-number', line: 3, sku: 'B-2', column: 'price' },
      { rule: 'bad-integer', line: 4, sku: 'B-3', column: 'quantity' },
      { rule: 'duplicate-sku', line: 5, sku: 'B-1', column: undefined },
    ]);
    expect(groups[1].variants[0]).toMatchObject({
      title: 'Multi\nline\ntitle',
      price: 7.5,
      quantity: 4,
      source: { file: 'catalog.csv', line: 6 },
    });
  });

  it('groups scattered variants with a second, indexed pass and reports an orphan', async () => {
    const { groups, issues, indexed } = await readAll(
      { 'catalog.tsv': fixture('catalogs/scattered.tsv') },
      'catalog: { path: catalog.tsv }\n',
    );
    expect(indexed).toBe(true);
    const parent = groups.find((g) => g.parent)!;
    expect(parent.parent!.sku).toBe('P-1');
    expect(parent.variants.map((v) => [v.sku, v.title, v.color])).toEqual([
      ['P-1-R', 'Parent', 'Red'],
      ['P-1-B', 'Parent', 'Blue'],
    ]);
    expect(groups.filter((g) => !g.parent).map((g) => g.variants[0].sku)).toEqual(['S-1']);
    expect(brief(issues)).toEqual([{ rule: 'parent-missing', line: 6, sku: 'O-1', column: undefined }]);
  });

  it('reads contiguous variant groups in one pass', async () => {
    const csv = 'sku,parent_sku,title,size\nT,,Tee,\nT-S,T,,S\nT-M,T,,M\nU,,Mug,\n';
    const { groups, indexed } = await readAll({ 'c.csv': csv }, 'catalog: { path: c.csv }\n');
    expect(indexed).toBe(false);
    expect(groups.map((g) => [g.parent?.sku ?? null, g.variants.map((v) => v.sku)])).toEqual([
      ['T', ['T-S', 'T-M']],
      [null, ['U']],
    ]);
  });

  it('reads NDJSON with typed values, units and lists, and reports a bad line', async () => {
    const { groups, issues } = await readAll({ 'p.ndjson': fixture('catalogs/products.ndjson') }, 'catalog: { path: p.ndjson }\n');
    expect(groups.map((g) => g.variants[0])).toMatchObject([
      { sku: 'N-1', price: 12.5, quantity: 2, tags: ['a', 'b'], handmade: true, source: { line: 1 } },
      { sku: 'N-2', price: 7, weight: 1.5, weight_unit: 'lb', source: { line: 3 } },
    ]);
    expect(brief(issues)).toEqual([{ rule: 'json-unreadable-row', line: 2, sku: undefined, column: undefined }]);
  });

  it('reads a JSON array and names the element of a bad value', async () => {
    const { groups, issues } = await readAll({ 'p.json': fixture('catalogs/products.json') }, 'catalog: { path: p.json }\n');
    expect(groups.map((g) => g.variants[0].sku)).toEqual(['J-1']);
    expect(brief(issues)).toEqual([
      { rule: 'bad-number', line: undefined, sku: 'J-2', column: '[1].price' },
      { rule: 'json-unreadable-row', line: undefined, sku: undefined, column: '[2]' },
    ]);
  });

  it('maps source columns onto canonical fields and keeps the rest as attributes', async () => {
    const csv = 'Item,Name,Cost Price,Fit\nX-1,Shirt,4.20,slim\n';
    const { groups } = await readAll({ 'c.csv': csv }, 'catalog: { path: c.csv, columns: { sku: Item, title: Name, cost: Cost Price } }\n');
    expect(groups[0].variants[0]).toMatchObject({ sku: 'X-1', title: 'Shirt', cost: 4.2, attributes: { Fit: 'slim' } });
  });

  it('applies the inventory overlay per location and warns about unknown SKUs', async () => {
    const { groups, issues } = await readAll(
      { 'c.csv': 'sku,quantity\nA,5\nB,2\n', 'inv.csv': 'sku,location,quantity\nA,warehouse,7\nA,shop,1\nZ,shop,4\n' },
      'catalog: { path: c.csv }\ninventory: { path: inv.csv, mode: replace }\n',
    );
    expect(groups.map((g) => g.variants[0].stock)).toEqual([{ warehouse: 7, shop: 1 }, { warehouse: 2 }]);
    expect(brief(issues)).toEqual([{ rule: 'inventory-unknown-sku', line: undefined, sku: 'Z', column: undefined }]);
  });
});

describe('catalog units', () => {
  it('names the SKU of a weight without a unit', async () => {
    const { groups, issues } = await readAll({ 'c.csv': 'sku,weight\nW-1,2\nW-2,2 kg\n' }, 'catalog: { path: c.csv }\n');
    expect(groups.map((g) => g.variants[0].sku)).toEqual(['W-2']);
    expect(brief(issues)).toEqual([{ rule: 'unit-missing', line: 2, sku: 'W-1', column: 'weight' }]);
  });
});
