import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { build } from '../../src/commands/build.js';
import { diff } from '../../src/commands/diff.js';
import { GuardRefused, publish } from '../../src/commands/publish.js';
import { readStateMeta } from '../../src/publish/state.js';
import { omnifeed, snapshot } from '../helpers/cli.js';
import { demoWorkspace, NOW } from '../helpers/workspace.js';
import { amazonOps, editCsv, type AmazonDoc } from './helpers.js';

const FEEDS = ['amazon-us'];
type Workspace = ReturnType<typeof demoWorkspace>;

const priceOf = (sku: string, price: string) => (text: string) =>
  editCsv(text, (row) => (row.SKU === sku ? { ...row, Price: price } : row));
/** GEN-001 … GEN-021 leave the catalog: more than max_drop (20%) of the 56 listings */
const dropGenerics = (text: string) => editCsv(text, (row) => (row.SKU.startsWith('GEN-') ? null : row));

describe('the state of a delta feed', () => {
  let ws: Workspace;
  const edit = (change: (text: string) => string) => ws.write('examples/catalog.csv', change(ws.read('examples/catalog.csv')));
  const deltaBuild = async () => {
    const report = await build({ cwd: ws.dir, feeds: FEEDS, now: NOW, delta: true });
    // a delta with nothing to send writes no file
    const written = existsSync(path.join(ws.dir, 'out/amazon-us.json'));
    return { report, ops: written ? amazonOps(JSON.parse(ws.read('out/amazon-us.json')) as AmazonDoc) : {} };
  };
  const state = () => snapshot(path.join(ws.dir, '.omnifeed'));

  beforeEach(async () => {
    ws = demoWorkspace();
    await deltaBuild();
    await publish({ cwd: ws.dir, feeds: FEEDS });
  });
  afterEach(() => ws.dispose());

  it('keeps the full listing state after a delta publish: an unchanged catalog sends nothing', async () => {
    edit(priceOf('GEN-001', '31.00'));
    expect((await deltaBuild()).ops).toEqual({ 'GEN-001': 'PATCH replace:list_price,replace:purchasable_offer' });
    await publish({ cwd: ws.dir, feeds: FEEDS });
    const { report, ops } = await deltaBuild();
    expect(ops).toEqual({});
    expect(report.feeds[0].files).toEqual([]);
    expect(report.feeds[0].listed).toBe(56);
    expect(report.feeds[0].delta!.operations).toEqual({ UPDATE: 0, PATCH: 0, DELETE: 0 });
    // the state names its listing state; the previous one, and one no state names (a publish stopped between the two), go
    ws.write('.omnifeed/amazon-us.items-0123456789abcdef.ndjson.gz', 'stray');
    // published, the destination no longer holds last night's delta: an uploader finds nothing to send
    const sent = await publish({ cwd: ws.dir, feeds: FEEDS });
    expect(sent.feeds[0]).toMatchObject({ status: 'published', files: [], removed: ['amazon-us.json'] });
    expect(existsSync(path.join(ws.dir, 'published/amazon-us.json'))).toBe(false);
    const items = Object.keys(state()).filter((f) => f.includes('.items-'));
    expect(items).toEqual([(await readStateMeta(path.join(ws.dir, '.omnifeed/amazon-us.tsv.gz'), 'state'))!.items]);
  });

  it('a refused publish leaves the state: the next delta sends those changes again, with the new ones', async () => {
    edit(dropGenerics);
    const tonight = await deltaBuild();
    expect(tonight.report.feeds[0].delta!.operations.DELETE).toBe(21);
    const before = state();
    await expect(publish({ cwd: ws.dir, feeds: FEEDS })).rejects.toThrow(GuardRefused);
    expect(state()).toEqual(before);
    edit(priceOf('MUG-HM-1', '34.00'));
    const next = await deltaBuild();
    expect(next.ops['MUG-HM-1']).toBe('PATCH replace:list_price,replace:purchasable_offer');
    expect(Object.values(next.ops).filter((op) => op === 'DELETE')).toHaveLength(21);
    expect(next.report.feeds[0].delta!.removed).toEqual({ 'not-in-catalog': 21 });
    // forced, it is published; then nothing is left to send
    await publish({ cwd: ws.dir, feeds: FEEDS, force: 'the generic range is discontinued' });
    expect((await deltaBuild()).ops).toEqual({});
  });

  it('a failed publish leaves the state: the next delta sends the change again', async () => {
    edit(priceOf('GEN-001', '31.00'));
    await deltaBuild();
    const before = state();
    ws.write('feeds/amazon-us.yaml', `${ws.read('feeds/amazon-us.yaml')}publish: { to: "dir:blocked" }\n`);
    writeFileSync(path.join(ws.dir, 'blocked'), 'a file where the folder should be');
    await expect(publish({ cwd: ws.dir, feeds: FEEDS })).rejects.toThrow(/^dir:blocked: .*cannot create the folder/);
    expect(state()).toEqual(before);
    expect((await deltaBuild()).ops).toEqual({ 'GEN-001': 'PATCH replace:list_price,replace:purchasable_offer' });
  });

  it('refuses to publish a delta made against another publish than the last', async () => {
    edit(priceOf('GEN-001', '31.00'));
    await deltaBuild();
    await publish({ cwd: ws.dir, feeds: FEEDS });
    const before = state();
    await expect(publish({ cwd: ws.dir, feeds: FEEDS })).rejects.toThrow(
      /^amazon-us: the delta in the output folder was built against the publish of \S+, and the last publish is now that of \S+: build again$/,
    );
    expect(state()).toEqual(before);
    const shown = await diff({ cwd: ws.dir, feeds: FEEDS });
    expect(shown.feeds[0].delta).toMatchObject({ current: false, operations: { PATCH: 1 } });
  });

  it('a damaged listing state stops a delta build with STATE_UNREADABLE, and nothing is written', async () => {
    const meta = (await readStateMeta(path.join(ws.dir, '.omnifeed/amazon-us.tsv.gz'), 'state'))!;
    ws.write(`.omnifeed/${meta.items}`, 'not gzip');
    const out = snapshot(path.join(ws.dir, 'out'));
    await expect(build({ cwd: ws.dir, feeds: FEEDS, now: NOW, delta: true })).rejects.toMatchObject({
      code: 'STATE_UNREADABLE',
      message: expect.stringMatching(
        /^\.omnifeed\/amazon-us\.items-[0-9a-f]{16}\.ndjson\.gz: cannot read the listing state of the last publish \(/,
      ),
    });
    expect(snapshot(path.join(ws.dir, 'out'))).toEqual(out);
  });

  it('a feed with delta: true is a delta without the flag; diff shows its operations', async () => {
    ws.write('feeds/amazon-us.yaml', `${ws.read('feeds/amazon-us.yaml')}delta: true\n`);
    edit(priceOf('GEN-001', '31.00'));
    const report = await build({ cwd: ws.dir, feeds: FEEDS, now: NOW });
    expect(report.feeds[0].delta!.operations).toEqual({ UPDATE: 0, PATCH: 1, DELETE: 0 });
    const shown = await diff({ cwd: ws.dir, feeds: FEEDS });
    expect(shown.feeds[0].delta).toMatchObject({ current: true, operations: { UPDATE: 0, PATCH: 1, DELETE: 0 } });
  });
});

describe('eBay deltas without ItemIDs', () => {
  it('stop the build with ITEM_IDS_MISSING (exit 2) and leave the output folder as it was', async () => {
    const ws = demoWorkspace();
    try {
      await build({ cwd: ws.dir, feeds: ['ebay-us'], now: NOW, delta: true });
      await publish({ cwd: ws.dir, feeds: ['ebay-us'] });
      ws.write('examples/catalog.csv', priceOf('HTML-SPEAKER-1', '85.00')(ws.read('examples/catalog.csv')));
      const out = snapshot(path.join(ws.dir, 'out'));
      const run = await omnifeed(ws.dir, ['build', '--delta', 'ebay-us']);
      expect(run.code).toBe(2);
      expect(run.stderr).toMatch(
        /^omnifeed: ITEM_IDS_MISSING: ebay-us: 1 eBay listing to revise or end has no ItemID \(HTML-SPEAKER-1\): list them in the file options\.ebay_item_ids names/m,
      );
      expect(snapshot(path.join(ws.dir, 'out'))).toEqual(out);
      mkdirSync(path.join(ws.dir, 'ids'));
      ws.write('ids/ebay.csv', 'Custom label (SKU),Item number,Title\nHTML-SPEAKER-1,110554433221,Speaker\n');
      ws.write('feeds/ebay-us.yaml', ws.read('feeds/ebay-us.yaml').replace('options:\n', 'options:\n  ebay_item_ids: ids/ebay.csv\n'));
      const ok = await omnifeed(ws.dir, ['build', '--delta', '--fail-on', 'none', 'ebay-us']);
      expect(ok.code).toBe(0);
      expect(ok.stdout).toContain('  delta: Add 0, Revise 1, End 0');
      expect(ws.read('out/ebay-us.csv')).toContain('Revise,110554433221,');
      const shown = await omnifeed(ws.dir, ['diff', '--json', 'ebay-us']);
      expect(JSON.parse(shown.stdout).feeds[0].delta.operations).toEqual({ Add: 0, Revise: 1, End: 0 });
    } finally {
      ws.dispose();
    }
  });
});
