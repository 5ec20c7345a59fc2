import { copyFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { build } from '../../src/commands/build.js';
import { diff } from '../../src/commands/diff.js';
import { publish } from '../../src/commands/publish.js';
import { omnifeed } from '../helpers/cli.js';
import { NOW, repoRoot, tempWorkspace } from '../helpers/workspace.js';

const FEED = [
  'channel: google',
  'market: { country: US, language: en, currency: USD }',
  'output: { path: google.xml }',
  `select: { include: "status == 'active'" }`,
  '',
].join('\n');

/** A workspace whose catalog is night 1 of test/fixtures/publish; `night(2)` swaps in the next night's export. */
function shop() {
  const ws = tempWorkspace({ 'omnifeed.yaml': 'catalog: { path: catalog.csv, currency: USD }\n', 'feeds/google-us.yaml': FEED });
  const night = (n: number) => copyFileSync(path.join(repoRoot, `test/fixtures/publish/night-${n}.csv`), path.join(ws.dir, 'catalog.csv'));
  night(1);
  return { ...ws, night };
}

describe('omnifeed diff', () => {
  it('counts what the last build adds, removes and changes against the last publish, by field, with the first changes', async () => {
    const ws = shop();
    try {
      await build({ cwd: ws.dir, now: NOW });
      const first = await diff({ cwd: ws.dir });
      expect(first.feeds[0]).toMatchObject({ feed: 'google-us', added: 8, removed: 0, changed: 0, unchanged: 0, listed: 8 });
      expect(first.feeds[0].published).toBeUndefined();
      await publish({ cwd: ws.dir });

      ws.night(2);
      await build({ cwd: ws.dir, now: NOW });
      const { feeds, changed } = await diff({ cwd: ws.dir });
      expect(changed).toBe(true);
      expect(feeds[0]).toMatchObject({
        added: 1,
        removed: 2,
        changed: 4,
        unchanged: 2,
        fields: { price: 2, sale_price: 0, quantity: 1, content: 1 },
        listed: 7,
        published: { destination: 'dir:published', listed: 8 },
        prices: { compared: 6, beyond: 0 },
      });
      expect(feeds[0].samples).toEqual([
        'A-1 price 20 -> 17.99',
        'A-2 quantity 3 -> 0',
        'A-3 content changed',
        'A-5 removed (not-included)',
        'TEE-100-RED-S price 19.99 -> 17.99',
        // a SKU without a counterpart at its place waits for one: new ones come after, then those that left
        'A-7 added at 6',
        'A-4 removed (no longer in the catalog)',
      ]);
      expect(feeds[0].guards.every((g) => g.passed)).toBe(true);
    } finally {
      ws.dispose();
    }
  });

  it('prints the changes, and with --exit-code exits 1 while the build differs from the last publish and 0 after publishing it', async () => {
    const ws = shop();
    try {
      expect((await omnifeed(ws.dir, ['build'])).code).toBe(0);
      expect((await omnifeed(ws.dir, ['publish'])).code).toBe(0);
      const same = await omnifeed(ws.dir, ['diff', '--exit-code']);
      expect(same.code).toBe(0);
      expect(same.stdout).toMatch(
        /^google-us: 0 added, 0 removed, 0 changed, 8 unchanged; listed 8 \(was 8\) \(since the publish of .* to dir:published\)\n$/,
      );
      ws.night(2);
      expect((await omnifeed(ws.dir, ['build'])).code).toBe(0);
      const changes = await omnifeed(ws.dir, ['diff', '--exit-code']);
      expect(changes.code).toBe(1);
      expect(changes.stdout).toContain('google-us: 1 added, 2 removed, 4 changed, 2 unchanged; listed 7 (was 8)');
      expect(changes.stdout).toContain('  changed: price 2, quantity 1, content 1\n');
      expect(changes.stdout).toContain('  TEE-100-RED-S price 19.99 -> 17.99\n');
      const json = await omnifeed(ws.dir, ['diff', '--json']);
      expect(json.code).toBe(0);
      expect(JSON.parse(json.stdout).feeds[0]).toMatchObject({ added: 1, removed: 2, changed: 4 });
      expect((await omnifeed(ws.dir, ['publish'])).code).toBe(0);
      expect((await omnifeed(ws.dir, ['diff', '--exit-code'])).code).toBe(0);
    } finally {
      ws.dispose();
    }
  }, 120_000);

  it('exits 2 for a feed that was never built', async () => {
    const ws = shop();
    try {
      const result = await omnifeed(ws.dir, ['diff']);
      expect(result).toMatchObject({
        code: 2,
        stderr: 'omnifeed: NOT_BUILT: google-us: no build in out/ to compare (run omnifeed build google-us first)\n',
      });
    } finally {
      ws.dispose();
    }
  });
});
