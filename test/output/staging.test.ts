import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { OmnifeedError } from '../../src/errors.js';
import { commitSet } from '../../src/output/commit.js';
import { MANIFEST_FILE, type Manifest } from '../../src/output/manifest.js';
import { OutputSet } from '../../src/output/staging.js';
import { snapshot } from '../helpers/cli.js';
import { tempWorkspace } from '../helpers/workspace.js';

/** Stage `files` (name -> text) for `feed` and commit them as one run. */
async function run(root: string, files: Record<string, string>, feed = 'amazon-us', defined = [feed]): Promise<Manifest> {
  const set = OutputSet.open(path.join(root, 'out'), root);
  try {
    const feedFiles = set.feedFiles(feed, `feeds/${feed}.yaml`);
    for (const [name, text] of Object.entries(files)) {
      const sink = feedFiles.create(name);
      await sink.write(text);
      await sink.end();
    }
    set.addText('omnifeed-report.json', '{}\n');
    return set.commit('2026-11-23T00:00:00.000Z', [feed], defined);
  } catch (error) {
    await set.abort();
    throw error;
  }
}

const deadPid = () => spawnSync(process.execPath, ['-e', '0']).pid!;

describe('the output set', () => {
  it('removes the parts of an earlier, longer feed and lists the files in the manifest with size and hash', async () => {
    const ws = tempWorkspace({});
    try {
      await run(ws.dir, { 'amazon-us.json': 'one', 'amazon-us-2.json': 'two', 'amazon-us-3.json': 'three' });
      const manifest = await run(ws.dir, { 'amazon-us.json': 'only' });
      expect(readdirSync(path.join(ws.dir, 'out')).sort()).toEqual(['amazon-us.json', MANIFEST_FILE, 'omnifeed-report.json']);
      expect(JSON.parse(ws.read(`out/${MANIFEST_FILE}`))).toEqual(manifest);
      expect(manifest.files).toEqual([
        {
          path: 'amazon-us.json',
          feed: 'amazon-us',
          bytes: 4,
          sha256: createHash('sha256').update('only').digest('hex'),
          built: '2026-11-23T00:00:00.000Z',
        },
        expect.objectContaining({ path: 'omnifeed-report.json', bytes: 3 }),
      ]);
    } finally {
      ws.dispose();
    }
  });

  it("keeps other feeds' files, and drops the files of a feed that is no longer defined", async () => {
    const ws = tempWorkspace({});
    try {
      await run(ws.dir, { 'ebay-us.csv': 'ebay' }, 'ebay-us', ['ebay-us', 'etsy', 'amazon-us']);
      await run(ws.dir, { 'etsy.ndjson': 'etsy' }, 'etsy', ['ebay-us', 'etsy', 'amazon-us']);
      let manifest = await run(ws.dir, { 'amazon-us.json': 'a' }, 'amazon-us', ['ebay-us', 'etsy', 'amazon-us']);
      expect(manifest.files.map((f) => f.path)).toEqual(['amazon-us.json', 'ebay-us.csv', 'etsy.ndjson', 'omnifeed-report.json']);
      manifest = await run(ws.dir, { 'amazon-us.json': 'b' }, 'amazon-us', ['amazon-us', 'etsy']);
      expect(manifest.files.map((f) => f.path)).toEqual(['amazon-us.json', 'etsy.ndjson', 'omnifeed-report.json']);
      expect(existsSync(path.join(ws.dir, 'out/ebay-us.csv'))).toBe(false);
      expect(ws.read('out/etsy.ndjson')).toBe('etsy');
    } finally {
      ws.dispose();
    }
  });

  it('refuses a path outside the output folder, or one another feed or the report has claimed', async () => {
    const ws = tempWorkspace({});
    try {
      const set = OutputSet.open(path.join(ws.dir, 'out'), ws.dir);
      const google = set.feedFiles('google-us', 'feeds/google-us.yaml');
      google.create('google.xml');
      expect(() => google.create('../catalog.csv')).toThrow(/feeds\/google-us.yaml: \/output\/path: '..\/catalog.csv' is outside/);
      expect(() => set.feedFiles('other', 'feeds/other.yaml').create('google.xml')).toThrow(/also written by feed 'google-us'/);
      expect(() => google.create('omnifeed-report.json')).toThrow(/also written by omnifeed itself/);
      await set.abort();
      expect(readdirSync(path.join(ws.dir, 'out'))).toEqual([]);
    } finally {
      ws.dispose();
    }
  });

  it('leaves the previous set byte-identical when a rename fails after others were done', () => {
    const ws = tempWorkspace({ 'out/a.xml': 'old a', 'out/b.xml': 'old b', 'out/stale.json': 'old stale' });
    try {
      const out = path.join(ws.dir, 'out');
      const before = snapshot(out);
      const staging = path.join(out, '.omnifeed-run-1');
      mkdirSync(staging);
      writeFileSync(path.join(staging, 'a'), 'new a');
      writeFileSync(path.join(staging, 'c'), 'new c');
      // the staged file of b.xml is missing: its rename fails (ENOENT) after a.xml and c.xml were put in place
      const moves = ['a', 'c', 'b'].map((n) => ({ temp: path.join(staging, n), final: path.join(out, `${n}.xml`), shown: `out/${n}.xml` }));
      const stale = [{ temp: '', final: path.join(out, 'stale.json'), shown: 'out/stale.json' }];
      let error: unknown;
      try {
        commitSet(staging, moves, stale);
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(OmnifeedError);
      expect((error as OmnifeedError).message).toMatch(
        /^out\/b.xml: cannot replace \(ENOENT: no such file or directory\); the previous files are back/,
      );
      rmSync(staging, { recursive: true });
      expect(snapshot(out)).toEqual(before);
    } finally {
      ws.dispose();
    }
  });

  it('refuses before the first rename when a target is a folder, leaving everything as it was', async () => {
    const ws = tempWorkspace({ 'out/amazon-us.json': 'old', 'out/google.xml/keep.txt': 'a folder where a file must go' });
    try {
      const before = snapshot(path.join(ws.dir, 'out'));
      const set = OutputSet.open(path.join(ws.dir, 'out'), ws.dir);
      const files = set.feedFiles('google', 'feeds/google.yaml');
      for (const name of ['amazon-us.json', 'google.xml']) {
        const sink = files.create(name);
        await sink.write('new');
        await sink.end();
      }
      expect(() => set.commit('now', ['google'], ['google'])).toThrow(/^out\/google.xml: cannot replace \(EISDIR: it is a folder\)$/);
      await set.abort();
      expect(snapshot(path.join(ws.dir, 'out'))).toEqual(before);
    } finally {
      ws.dispose();
    }
  });

  it('undoes the half-done commit of a run that died, then removes its staging folder and old temporary files', async () => {
    const ws = tempWorkspace({ 'out/a.xml': 'new a, renamed in before the kill', 'out/b.xml': 'old b' });
    try {
      const out = path.join(ws.dir, 'out');
      const pid = deadPid();
      const staging = path.join(out, `.omnifeed-run-${pid}`);
      // what a commit killed after its first rename leaves: the backup of a.xml, b.xml's staged file, the journal
      mkdirSync(staging);
      writeFileSync(path.join(staging, 'backup-0'), 'old a');
      writeFileSync(path.join(staging, 'backup-1'), 'old b');
      writeFileSync(path.join(staging, '1-b.xml'), 'new b');
      writeFileSync(
        path.join(staging, 'journal.json'),
        JSON.stringify({
          moves: [
            { temp: path.join(staging, '0-a.xml'), final: path.join(out, 'a.xml'), backup: path.join(staging, 'backup-0') },
            { temp: path.join(staging, '1-b.xml'), final: path.join(out, 'b.xml'), backup: path.join(staging, 'backup-1') },
          ],
          stale: [],
        }),
      );
      writeFileSync(path.join(out, `.google.xml.tmp-${pid}`), 'a temporary file of omnifeed 0.1');
      writeFileSync(path.join(out, `.omnifeed-run-x`), 'not ours: kept');
      const set = OutputSet.open(out, ws.dir);
      await set.abort();
      expect(snapshot(out)).toEqual({ 'a.xml': 'old a', 'b.xml': 'old b', '.omnifeed-run-x': 'not ours: kept' });
    } finally {
      ws.dispose();
    }
  });

  it('leaves the staging folder of a run that is still going', async () => {
    const ws = tempWorkspace({});
    try {
      const out = path.join(ws.dir, 'out');
      const living = path.join(out, `.omnifeed-run-${process.ppid}`);
      mkdirSync(living, { recursive: true });
      const set = OutputSet.open(out, ws.dir);
      await set.abort();
      expect(existsSync(living)).toBe(true);
    } finally {
      ws.dispose();
    }
  });
});
