import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { generateCatalog, writeWorkspace } from '../../src/bench/generate.js';
import { readState, readStateMeta } from '../../src/publish/state.js';
import { bin, CLI_ENV, omnifeed } from '../helpers/cli.js';

const sha = (file: string) => createHash('sha256').update(readFileSync(file)).digest('hex');

/** Start a command and stop it with `signal` after `delay` ms (or let it finish first). */
async function stopAfter(dir: string, args: string[], signal: NodeJS.Signals, delay: number) {
  const child = spawn(process.execPath, [bin, ...args], { cwd: dir, env: CLI_ENV, stdio: 'ignore' });
  const exited = new Promise<[number | null, string | null]>((resolve) => child.once('exit', (code, got) => resolve([code, got])));
  const timer = setTimeout(() => child.kill(signal), delay);
  const [code, got] = await exited;
  clearTimeout(timer);
  return { code, signal: got };
}

/** What a run killed at any moment must leave: whole published files, a readable state, a consistent out/. */
async function expectIntact(dir: string, seen: Set<string>) {
  const feed = path.join(dir, 'published/google-us.xml');
  const text = readFileSync(feed, 'utf8');
  expect(text.endsWith('</rss>\n')).toBe(true);
  seen.add(sha(feed));
  const state = path.join(dir, '.omnifeed/google-us.tsv.gz');
  const meta = (await readStateMeta(state, 'state'))!;
  seen.add(meta.files[0].sha256);
  let records = 0;
  for await (const record of readState(state, 'state')) records += record.sku ? 1 : 0;
  expect(records).toBeGreaterThan(40_000);
  const manifest = JSON.parse(readFileSync(path.join(dir, 'out/omnifeed-manifest.json'), 'utf8'));
  for (const file of manifest.files) expect(sha(path.join(dir, 'out', file.path)), file.path).toBe(file.sha256);
}

/** Temporary files, staging and run folders, the lock: what a clean run leaves none of. */
function leftovers(dir: string): string[] {
  const names = (at: string) => (existsSync(path.join(dir, at)) ? readdirSync(path.join(dir, at)).map((f) => `${at}/${f}`) : []);
  return [...names('published'), ...names('.omnifeed'), ...names('out')].filter((f) => /\.tmp$|\.omnifeed-run-|\/\.run-|\/lock$/.test(f));
}

describe('a build or publish killed at any moment', () => {
  it('leaves the published files and the state whole (the old or the new), and the next run succeeds without cleanup', async () => {
    const catalog = path.join(tmpdir(), 'omnifeed-test-cache', 'catalog-50000.csv');
    await generateCatalog(catalog, 50_000);
    const dir = mkdtempSync(path.join(tmpdir(), 'omnifeed-kill-publish-'));
    try {
      writeWorkspace(dir, { path: catalog });
      let started = Date.now();
      expect((await omnifeed(dir, ['build', '--fail-on', 'none', '--publish'])).code).toBe(0);
      const full = Date.now() - started;
      started = Date.now();
      expect((await omnifeed(dir, ['publish'])).code).toBe(0);
      const publishing = Date.now() - started;
      const seen = new Set<string>();
      await expectIntact(dir, seen);
      const feedDef = path.join(dir, 'feeds/google-us.yaml');
      writeFileSync(feedDef, readFileSync(feedDef, 'utf8').replace('markup_percent: 5', 'markup_percent: 6'));

      const plan: [string[], NodeJS.Signals, number][] = [
        [['build', '--fail-on', 'none', '--publish'], 'SIGKILL', full],
        [['build', '--fail-on', 'none', '--publish'], 'SIGKILL', full],
        [['build', '--fail-on', 'none', '--publish'], 'SIGKILL', full],
        [['publish'], 'SIGKILL', publishing],
        [['publish'], 'SIGKILL', publishing],
        [['build', '--fail-on', 'none', '--publish'], 'SIGTERM', full],
        [['publish'], 'SIGINT', publishing],
      ];
      for (const [args, signal, span] of plan) {
        const delay = Math.floor(Math.random() * span);
        // a publish needs a build of the new feed definition in out/ to have something to send
        if (args[0] === 'publish') expect((await omnifeed(dir, ['build', '--fail-on', 'none'])).code).toBe(0);
        const litter = leftovers(dir);
        const stopped = await stopAfter(dir, args, signal, delay);
        console.log(
          `omnifeed ${args[0]}${args.includes('--publish') ? ' --publish' : ''}: ${signal} after ${delay} ms of ${span}: ${stopped.signal ?? `exit ${stopped.code}`}`,
        );
        expect(stopped.signal === signal || stopped.code === 0, `${args.join(' ')}: ${JSON.stringify(stopped)}`).toBe(true);
        await expectIntact(dir, seen);
        // SIGINT and SIGTERM clean up at once (what an earlier SIGKILL left waits for a run that gets that far)
        if (signal !== 'SIGKILL') expect(leftovers(dir).filter((f) => !litter.includes(f))).toEqual([]);
      }

      const last = await omnifeed(dir, ['build', '--fail-on', 'none', '--publish']);
      expect(last.code, last.stderr).toBe(0);
      const now = sha(path.join(dir, 'out/google-us.xml'));
      expect(sha(path.join(dir, 'published/google-us.xml'))).toBe(now);
      expect((await readStateMeta(path.join(dir, '.omnifeed/google-us.tsv.gz'), 'state'))!.files[0].sha256).toBe(now);
      expect(leftovers(dir)).toEqual([]);
      // every published file and state seen on the way was the first night's or the second's: never a mix or a part
      expect(seen.size).toBeLessThanOrEqual(2);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 900_000);
});
