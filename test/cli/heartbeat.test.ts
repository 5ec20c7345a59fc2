import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateCatalog, writeWorkspace } from '../../src/bench/generate.js';
import { main } from '../../src/cli.js';

let dir: string;

beforeAll(async () => {
  const catalog = path.join(tmpdir(), 'omnifeed-test-cache', 'catalog-10000.csv');
  await generateCatalog(catalog, 10_000);
  dir = mkdtempSync(path.join(tmpdir(), 'omnifeed-heartbeat-'));
  writeWorkspace(dir, { path: catalog });
}, 240_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function build(args: string[], tty: boolean) {
  let stderr = '';
  const code = await main(['build', '--fail-on', 'none', ...args], {
    stdout: { write: () => true } as never,
    stderr: { write: (s: string) => ((stderr += s), true), isTTY: tty } as never,
    env: { CI: 'true' },
    cwd: dir,
    heartbeatMs: 100,
  });
  return { code, stderr };
}

describe('the heartbeat of a long build', () => {
  it('writes a line to stderr now and then when stderr is not a terminal, with the products read so far', async () => {
    const { code, stderr } = await build([], false);
    expect(code).toBe(0);
    const beats = stderr.split('\n').filter((line) => line.startsWith('omnifeed build: still running'));
    expect(beats.length, stderr).toBeGreaterThan(0);
    expect(beats[beats.length - 1]).toMatch(/^omnifeed build: still running after \d+ s, [\d,]+ products read$/);
  }, 240_000);

  it('says nothing with --quiet, or on a terminal (which has the spinner)', async () => {
    expect((await build(['--quiet'], false)).stderr).not.toContain('still running');
    expect((await build([], true)).stderr).not.toContain('still running');
  }, 240_000);
});
