import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { generateCatalog, writeWorkspace } from '../../src/bench/generate.js';
import { bin, CLI_ENV, omnifeed } from '../helpers/cli.js';
import { demoWorkspace } from '../helpers/workspace.js';

const SLOW = 240_000;

/** A lock file as a run of `command` with `pid` would have left it. */
function lockFor(dir: string, pid: number, started: string): void {
  mkdirSync(path.join(dir, '.omnifeed'), { recursive: true });
  writeFileSync(path.join(dir, '.omnifeed/lock'), JSON.stringify({ pid, command: 'build', host: hostname(), started }));
}

describe('the workspace lock', () => {
  it(
    'makes a second run wait up to --wait seconds, then fail with exit 2 naming the holder; a held lock lets it through once free',
    async () => {
      const ws = demoWorkspace();
      const holder = spawn('sleep', ['60'], { stdio: 'ignore' });
      try {
        lockFor(ws.dir, holder.pid!, '2026-11-23T02:00:00.000Z');
        const started = Date.now();
        const result = await omnifeed(ws.dir, ['build', '--fail-on', 'none', '--wait', '1']);
        expect(Date.now() - started).toBeGreaterThanOrEqual(1000);
        expect(result.code).toBe(2);
        expect(result.stderr).toBe(
          `omnifeed: LOCKED: .omnifeed/lock: the workspace is in use by omnifeed build (pid ${holder.pid}, started 2026-11-23T02:00:00.000Z); waited 1 s (give --wait <seconds> to wait for it)\n`,
        );
        expect(existsSync(path.join(ws.dir, 'out'))).toBe(false);
        const publish = await omnifeed(ws.dir, ['publish']);
        expect(publish).toMatchObject({ code: 2, stderr: expect.stringMatching(/^omnifeed: LOCKED: .* \(pid \d+, started /) });
        // the holder ends while the next run waits
        const waiting = omnifeed(ws.dir, ['build', '--fail-on', 'none', '--wait', '60']);
        await new Promise((r) => setTimeout(r, 500));
        holder.kill();
        expect((await waiting).code).toBe(0);
        expect(existsSync(path.join(ws.dir, '.omnifeed/lock'))).toBe(false);
      } finally {
        holder.kill();
        ws.dispose();
      }
    },
    SLOW,
  );

  it('takes over the lock of a run that died (its pid is gone, or reused by another process)', async () => {
    const ws = demoWorkspace();
    try {
      const dead = spawnSync('true').pid!;
      lockFor(ws.dir, dead, '2026-11-23T02:00:00.000Z');
      const result = await omnifeed(ws.dir, ['build', '--fail-on', 'none']);
      expect(result.code, result.stderr).toBe(0);
      expect(existsSync(path.join(ws.dir, '.omnifeed/lock'))).toBe(false);
      // a live process with the holder's pid, but started later than the holder: the pid was reused
      const stranger = spawn('sleep', ['60'], { stdio: 'ignore' });
      try {
        mkdirSync(path.join(ws.dir, '.omnifeed'), { recursive: true });
        writeFileSync(
          path.join(ws.dir, '.omnifeed/lock'),
          JSON.stringify({ pid: stranger.pid, command: 'publish', host: hostname(), started: '2026-11-23T02:00:00.000Z', ticks: '1' }),
        );
        expect((await omnifeed(ws.dir, ['publish'])).code).toBe(0);
      } finally {
        stranger.kill();
      }
    } finally {
      ws.dispose();
    }
  });

  it(
    'keeps a build --publish and a publish started meanwhile from interleaving',
    async () => {
      const catalog = path.join(tmpdir(), 'omnifeed-test-cache', 'catalog-50000.csv');
      await generateCatalog(catalog, 50_000);
      const ws = {
        dir: mkdtempSync(path.join(tmpdir(), 'omnifeed-lock-')),
        dispose: () => rmSync(ws.dir, { recursive: true, force: true }),
      };
      writeWorkspace(ws.dir, { path: catalog });
      try {
        const first = spawn(process.execPath, [bin, 'build', '--fail-on', 'none', '--publish'], {
          cwd: ws.dir,
          env: CLI_ENV,
          stdio: 'ignore',
        });
        const lock = path.join(ws.dir, '.omnifeed/lock');
        while (!existsSync(lock)) await new Promise((r) => setTimeout(r, 5));
        const holder = JSON.parse(readFileSync(lock, 'utf8'));
        expect(holder).toMatchObject({ pid: first.pid, command: 'build --publish' });
        const second = await omnifeed(ws.dir, ['publish']);
        expect(second.code).toBe(2);
        expect(second.stderr).toContain(`omnifeed build --publish (pid ${first.pid}, started ${holder.started})`);
        await new Promise((r) => first.once('exit', r));
        expect(first.exitCode).toBe(0);
        expect((await omnifeed(ws.dir, ['publish', '--wait', '30'])).code).toBe(0);
      } finally {
        ws.dispose();
      }
    },
    SLOW,
  );
});
