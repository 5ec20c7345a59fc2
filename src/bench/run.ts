import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { generateCatalog, writeWorkspace } from './generate.js';

/**
 * `npm run bench [-- --products N]`: build the Google feed of a generated catalog in a child
 * process and compare its wall time and peak RSS with the targets for 1,000,000 products.
 */
const TARGET_SECONDS = 60;
const TARGET_RSS_MB = 512;

const args = process.argv.slice(2);
const products = Number(args[args.indexOf('--products') + 1] || 1_000_000) || 1_000_000;
const cache = path.join(tmpdir(), 'omnifeed-bench');
const catalog = path.join(cache, `catalog-${products}.csv`);

const started = Date.now();
await generateCatalog(catalog, products);
const size = statSync(catalog).size;
console.log(
  `catalog: ${products.toLocaleString('en-US')} products, ${(size / 1e6).toFixed(0)} MB (${catalog}, made or reused in ${((Date.now() - started) / 1000).toFixed(1)} s)`,
);

const dir = mkdtempSync(path.join(tmpdir(), 'omnifeed-bench-ws-'));
writeWorkspace(dir, catalog);
const child = path.join(path.dirname(fileURLToPath(import.meta.url)), 'child.js');
const result = spawnSync(process.execPath, [child, dir], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
if (result.status !== 0) {
  console.error(`the build failed (exit ${result.status})`);
  process.exit(1);
}
const run = JSON.parse(result.stdout) as { seconds: number; maxRssMb: number; read: number; listed: number; bytes: number };
rmSync(dir, { recursive: true, force: true });

const scale = products / 1_000_000;
const ok = run.seconds <= TARGET_SECONDS * scale && run.maxRssMb <= TARGET_RSS_MB;
console.log(
  `google-us: ${run.listed.toLocaleString('en-US')} items listed of ${run.read.toLocaleString('en-US')} read, feed ${(run.bytes / 1e6).toFixed(0)} MB`,
);
console.log(
  `wall time ${run.seconds.toFixed(1)} s, ${Math.round(run.read / run.seconds).toLocaleString('en-US')} products/s, peak RSS ${run.maxRssMb.toFixed(0)} MB`,
);
console.log(
  `target for ${products.toLocaleString('en-US')} products: ≤ ${(TARGET_SECONDS * scale).toFixed(1)} s, ≤ ${TARGET_RSS_MB} MB: ${ok ? 'met' : 'MISSED'}`,
);
process.exitCode = ok ? 0 : 1;
