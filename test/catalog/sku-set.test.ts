import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readlinkSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { SkuSet, skuHash } from '../../src/catalog/sku-set.js';

/** The descriptors of this process that are (deleted) SKU logs. */
const openLogs = () =>
  readdirSync('/proc/self/fd').filter((fd) => {
    try {
      return /omnifeed-skus-.*\(deleted\)$/.test(readlinkSync(`/proc/self/fd/${fd}`));
    } catch {
      return false;
    }
  }).length;

/** SKUs that share hashes' low bits, prefixes, and non-ASCII letters: about 2 MB of log, past the 1 MiB tail */
function fillAndCheck(skus: SkuSet): void {
  const reference = new Set<string>();
  for (let i = 0; i < 120_000; i++) {
    const sku = i % 3 === 0 ? `TEE-${i}` : i % 3 === 1 ? `Größe-${i % 40_000}` : `${i % 7}`.repeat(1 + (i % 40));
    expect(skus.add(sku), sku).toBe(!reference.has(sku));
    reference.add(sku);
  }
  expect(skus.size).toBe(reference.size);
  for (const sku of reference) expect(skus.has(sku)).toBe(true);
  for (const sku of ['TEE-0', 'TEE-1', 'Größe-39999', 'Größe-40000', '7', '', 'tee-0', 'TEE-0 '])
    expect(skus.has(sku), sku).toBe(reference.has(sku));
}

const canMount = spawnSync('unshare', ['-m', 'sh', '-c', 'mount -t tmpfs -o size=64k tmpfs /mnt']).status === 0;

describe('SkuSet', () => {
  const tmp = process.env.TMPDIR;
  afterEach(() => {
    if (tmp === undefined) delete process.env.TMPDIR;
    else process.env.TMPDIR = tmp;
  });

  it('holds exactly the SKUs added, through its growth, like a Set of strings; its log is a removed temporary file, closed by close()', () => {
    const before = openLogs();
    const skus = new SkuSet();
    fillAndCheck(skus);
    // the file is open and already gone from the folder
    expect(openLogs()).toBe(before + 1);
    expect(readdirSync(tmpdir()).filter((f) => f.startsWith('omnifeed-skus-'))).toEqual([]);
    skus.close();
    expect(openLogs()).toBe(before);
  });

  it('keeps its log in memory, as exactly, where no temporary file can be made', () => {
    process.env.TMPDIR = '/nonexistent/omnifeed-test';
    const before = openLogs();
    const skus = new SkuSet();
    fillAndCheck(skus);
    expect(openLogs()).toBe(before);
    skus.close();
  });

  it('tells apart two SKUs of the same hash, the first one read back from the file', () => {
    const byHash = new Map<number, string>();
    let pair: [string, string] | undefined;
    for (let i = 0; !pair; i++) {
      const sku = `X-${i}`;
      const other = byHash.get(skuHash(sku));
      if (other !== undefined) pair = [other, sku];
      byHash.set(skuHash(sku), sku);
    }
    const [first, second] = pair;
    const skus = new SkuSet();
    expect(skus.add(first)).toBe(true);
    // 2 MB of other SKUs: the first one is in the file, not in the tail
    for (let i = 0; i < 100_000; i++) skus.add(`filler-${i}`);
    expect(skus.has(second)).toBe(false);
    expect(skus.add(second)).toBe(true);
    expect(skus.add(first)).toBe(false);
    expect(skus.add(second)).toBe(false);
    expect(skus.has(first) && skus.has(second)).toBe(true);
    skus.close();
  });

  it.skipIf(!canMount)('goes on in memory, as exactly, once the disk of its file is full (ENOSPC on a 256 KB tmpfs)', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'omnifeed-sku-full-'));
    try {
      // the built set (as the CLI runs it), in a mount namespace whose temporary folder is the small tmpfs
      const script = `
        import { SkuSet } from ${JSON.stringify(path.resolve('dist/catalog/sku-set.js'))};
        const skus = new SkuSet();
        for (let i = 0; i < 200000; i++) if (!skus.add('SKU-' + i)) throw new Error('lost SKU-' + i);
        for (let i = 0; i < 200000; i += 7) if (!skus.has('SKU-' + i) || skus.add('SKU-' + i)) throw new Error('forgot SKU-' + i);
        if (skus.has('SKU-200000') || skus.size !== 200000) throw new Error('wrong set');
        skus.close();
        console.log('ok');`;
      const run = spawnSync(
        'unshare',
        [
          '-m',
          'sh',
          '-c',
          `mount -t tmpfs -o size=256k tmpfs "$0" && TMPDIR="$0" exec "$1" --input-type=module -e "$2"`,
          dir,
          process.execPath,
          script,
        ],
        { encoding: 'utf8' },
      );
      expect(run.stderr).toBe('');
      expect(run.stdout.trim()).toBe('ok');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('agrees with a Set of strings on any strings, surrogates included', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.oneof(
            fc.string({ maxLength: 6 }),
            fc.string({ unit: 'binary', maxLength: 4 }),
            fc.constantFrom('\uD800', '\uD801', '\uFFFD', '\uDC00x'),
          ),
          { maxLength: 300 },
        ),
        (list) => {
          const skus = new SkuSet();
          const reference = new Set<string>();
          for (const sku of list) {
            if (skus.add(sku) !== !reference.has(sku)) return false;
            reference.add(sku);
          }
          return [...reference].every((s) => skus.has(s)) && skus.size === reference.size;
        },
      ),
    );
  });
});
