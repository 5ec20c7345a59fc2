import { execFile, spawn, spawnSync } from 'node:child_process';
import { promisify } from 'node:util';
import { chmodSync, existsSync, mkdirSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { generateCatalog, writeWorkspace } from '../../src/bench/generate.js';
import { snapshot } from '../helpers/cli.js';
import { demoWorkspace, repoRoot } from '../helpers/workspace.js';

const bin = path.join(repoRoot, 'bin/omnifeed.js');
/** up to three builds in a test: minutes on a machine that is busy with other work */
const SLOW = 240_000;
const ENV = { ...process.env, NO_COLOR: '1', CI: 'true', SOURCE_DATE_EPOCH: '1795392000', AMAZON_SELLER_ID: '' };

/** Run a command without blocking the test worker (a blocked worker misses vitest's own messages). */
async function exec(file: string, args: string[], cwd: string): Promise<{ code: number | null; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await promisify(execFile)(file, args, { cwd, encoding: 'utf8', env: ENV });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code?: number; stdout: string; stderr: string };
    return { code: typeof e.code === 'number' ? e.code : null, stdout: e.stdout, stderr: e.stderr };
  }
}

const omnifeed = (cwd: string, ...args: string[]) => exec(process.execPath, [bin, ...args], cwd);

/** The demo workspace with a good build of every feed in out/. */
async function builtDemo() {
  const ws = demoWorkspace();
  expect((await omnifeed(ws.dir, 'build', '--fail-on', 'none')).code).toBe(0);
  return ws;
}

/** A failed run: exit 2, one line on stderr with the code and fragment, no stack, out/ as it was. */
function expectRefused(result: Awaited<ReturnType<typeof omnifeed>>, fragment: RegExp, outBefore: Record<string, string>, out: string) {
  expect(result.code, result.stderr).toBe(2);
  expect(result.stderr).toMatch(fragment);
  expect(result.stderr.trim().split('\n')).toHaveLength(1);
  expect(result.stderr).not.toMatch(/\n\s+at /);
  expect(snapshot(out)).toEqual(outBefore);
}

const canMount = spawnSync('unshare', ['-m', 'sh', '-c', 'mount -t tmpfs -o size=64k tmpfs /mnt']).status === 0;
const canDropRoot =
  process.getuid?.() === 0 && spawnSync('setpriv', ['--reuid=65534', '--regid=65534', '--clear-groups', 'true']).status === 0;

describe('a build that cannot write its output', () => {
  it(
    'exits 2 with OUTPUT_FAILED when a feed file is a folder (EISDIR), before replacing any other feed',
    async () => {
      const ws = await builtDemo();
      try {
        const out = path.join(ws.dir, 'out');
        rmSync(path.join(out, 'google-us.xml'));
        mkdirSync(path.join(out, 'google-us.xml'));
        writeFileSync(path.join(out, 'google-us.xml/x'), 'x');
        const before = snapshot(out);
        expectRefused(
          await omnifeed(ws.dir, 'build', '--fail-on', 'none', '--now', '2027-01-01'),
          /^omnifeed: OUTPUT_FAILED: out\/google-us.xml: cannot replace \(EISDIR: it is a folder\)$/m,
          before,
          out,
        );
      } finally {
        ws.dispose();
      }
    },
    SLOW,
  );

  it(
    'exits 2 when a folder of a feed path is a file (ENOTDIR/EEXIST), or the output folder is a file',
    async () => {
      const ws = await builtDemo();
      try {
        const out = path.join(ws.dir, 'out');
        ws.write('feeds/etsy.yaml', ws.read('feeds/etsy.yaml').replace(/path: etsy.ndjson/, 'path: etsy.ndjson/etsy.ndjson'));
        const before = snapshot(out);
        expectRefused(
          await omnifeed(ws.dir, 'build', '--fail-on', 'none'),
          /OUTPUT_FAILED: out\/etsy.ndjson: cannot create the folder \(E/,
          before,
          out,
        );
        ws.write('omnifeed.yaml', ws.read('omnifeed.yaml').replace('output: out', 'output: examples/catalog.csv/out'));
        const result = await omnifeed(ws.dir, 'build', 'google-us');
        expect(result).toMatchObject({
          code: 2,
          stderr: expect.stringMatching(/^omnifeed: OUTPUT_FAILED: examples\/catalog.csv\/out: cannot create the output folder \(ENOTDIR/),
        });
      } finally {
        ws.dispose();
      }
    },
    SLOW,
  );

  it.skipIf(!canMount)(
    'exits 2 when the disk is full (ENOSPC on a small tmpfs), leaving the previous feeds byte-identical',
    async () => {
      const ws = await builtDemo();
      try {
        const previous = path.join(ws.dir, 'previous-out');
        await exec('cp', ['-a', path.join(ws.dir, 'out'), previous], ws.dir);
        const used = readdirSync(previous).reduce((n, f) => n + statSync(path.join(previous, f)).size, 0);
        // room for the previous set and a little: the new Amazon feed (100 kB) does not fit beside it
        const script = [
          `mount -t tmpfs -o size=${Math.ceil(used / 4096) * 4096 + 32768} tmpfs out`,
          'cp -a previous-out/. out/',
          `"${process.execPath}" "${bin}" build --fail-on none --now 2027-01-01 2>stderr.txt; echo $? > code.txt`,
          'cp -a out/. after-out/',
        ].join(' && ');
        mkdirSync(path.join(ws.dir, 'after-out'));
        await exec('unshare', ['-m', 'sh', '-c', script], ws.dir);
        expect(ws.read('code.txt').trim()).toBe('2');
        expect(ws.read('stderr.txt')).toMatch(
          /^omnifeed: OUTPUT_FAILED: out\/[a-z-]+\.(json|xml|csv|ndjson): cannot write \(ENOSPC: no space left on device\)\n$/,
        );
        expect(snapshot(path.join(ws.dir, 'after-out'))).toEqual(snapshot(previous));
      } finally {
        ws.dispose();
      }
    },
    SLOW,
  );

  it.skipIf(!canDropRoot)(
    'exits 2 when the workspace is not writable (EACCES, run as the user nobody), leaving out/ as it was',
    async () => {
      const ws = await builtDemo();
      try {
        const out = path.join(ws.dir, 'out');
        chmodSync(ws.dir, 0o755);
        const before = snapshot(out);
        const args = ['--reuid=65534', '--regid=65534', '--clear-groups', process.execPath, bin, 'build', '--fail-on', 'none'];
        const result = await exec('setpriv', args, ws.dir);
        expectRefused(
          result,
          /^omnifeed: OUTPUT_FAILED: \.omnifeed\/lock: cannot create the lock \(EACCES: permission denied\)$/m,
          before,
          out,
        );
      } finally {
        ws.dispose();
      }
    },
    SLOW,
  );
});

/** A workspace with a generated catalog large enough that a build takes a few seconds. */
async function bigWorkspace(): Promise<string> {
  const catalog = path.join(tmpdir(), 'omnifeed-test-cache', 'catalog-8000.csv');
  await generateCatalog(catalog, 8_000);
  const dir = path.join(tmpdir(), `omnifeed-kill-${process.pid}-${Date.now()}`);
  mkdirSync(dir);
  writeWorkspace(dir, { path: catalog });
  writeFileSync(path.join(dir, 'out-old.txt'), '');
  return dir;
}

/** Start a build and stop it with `signal` once its staging folder holds a megabyte. */
async function stopMidway(dir: string, signal: NodeJS.Signals): Promise<{ code: number | null; signal: string | null; staged: number }> {
  const child = spawn(process.execPath, [bin, 'build', '--fail-on', 'none'], { cwd: dir, env: ENV, stdio: 'ignore' });
  const out = path.join(dir, 'out');
  const stagingDir = () => readdirSync(out).find((f) => f.startsWith('.omnifeed-run-'));
  const staged = () => {
    const at = stagingDir();
    return at ? readdirSync(path.join(out, at)).reduce((n, f) => n + statSync(path.join(out, at, f)).size, 0) : 0;
  };
  let size: number;
  while ((size = staged()) < 1 << 20) await new Promise((r) => setTimeout(r, 20));
  child.kill(signal);
  const [code, got] = await new Promise<[number | null, string | null]>((resolve) => child.on('exit', (c, s) => resolve([c, s])));
  return { code, signal: got, staged: size };
}

describe('a build that is killed', () => {
  it(
    'leaves the previous feed on SIGKILL; the next run removes the dead staging folder and succeeds',
    async () => {
      const dir = await bigWorkspace();
      try {
        expect((await omnifeed(dir, 'build', '--fail-on', 'none')).code).toBe(0);
        const out = path.join(dir, 'out');
        const before = snapshot(out);
        const killed = await stopMidway(dir, 'SIGKILL');
        expect(killed.signal).toBe('SIGKILL');
        const left = readdirSync(out).filter((f) => f.startsWith('.omnifeed-run-'));
        expect(left).toHaveLength(1);
        const visible = Object.fromEntries(Object.entries(snapshot(out)).filter(([f]) => !f.startsWith('.omnifeed-run-')));
        expect(visible).toEqual(before);
        expect((await omnifeed(dir, 'build', '--fail-on', 'none', '--now', '2027-01-01')).code).toBe(0);
        expect(readdirSync(out).sort()).toEqual(['.omnifeed', 'google-us.xml', 'omnifeed-manifest.json', 'omnifeed-report.json']);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
    SLOW,
  );

  it(
    'removes its own staging folder on SIGTERM and dies of the signal',
    async () => {
      const dir = await bigWorkspace();
      try {
        expect((await omnifeed(dir, 'build', '--fail-on', 'none')).code).toBe(0);
        const out = path.join(dir, 'out');
        const before = snapshot(out);
        const stopped = await stopMidway(dir, 'SIGTERM');
        expect(stopped.signal).toBe('SIGTERM');
        expect(snapshot(out)).toEqual(before);
        expect(existsSync(out)).toBe(true);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
    SLOW,
  );
});
