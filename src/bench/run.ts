import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, renameSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { startPostgres, type PostgresServer } from '../dev/postgres-server.js';
import { csvToPostgres, csvToSqlite } from '../dev/tables.js';
import type { BenchRun } from './child.js';
import { BENCH_FEEDS, BENCH_TABLE, generateCatalog, HEADER, writeWorkspace, type BenchCatalog } from './generate.js';

/**
 * `npm run bench [-- --products N] [-- --feeds google,amazon,ebay,etsy] [-- --source csv|sqlite|postgres]
 * [-- --threads N] [-- --profile]`: build one feed per channel (or the feeds named) of a generated
 * catalog in a child process and compare its wall time and peak RSS with the targets for
 * 1,000,000 products. With a database source, the same catalog is built from the CSV file first
 * and from the database after, and the two are compared: the feeds must be the same and the peak
 * RSS within 1.2 times the CSV run's. Past 1,000,000 products, the 1,000,000-product catalog is built
 * too, and the peak RSS must stay within 1.2 times its peak (memory does not grow with the
 * catalog). Exits 1 when a target is missed.
 */
const TARGET_RSS_MB = 512;
/** seconds per 1,000,000 products: all four feeds, and the Google feed alone */
const TARGET_SECONDS = { all: 60, google: 25 };
const FLAT_MEMORY = 1.2;

const args = process.argv.slice(2);
const option = (name: string) => (args.includes(name) ? args[args.indexOf(name) + 1] : undefined);
const products = Number(option('--products') || 1_000_000) || 1_000_000;
const source = option('--source') ?? 'csv';
if (!['csv', 'sqlite', 'postgres'].includes(source)) {
  console.error(`--source: csv, sqlite or postgres, not '${source}'`);
  process.exit(2);
}
const named = (option('--feeds') ?? '').split(',').filter(Boolean);
const matches = (feed: string, name: string) => feed === name || feed.split('-')[0] === name;
const feeds = named.length === 0 ? [...BENCH_FEEDS] : BENCH_FEEDS.filter((f) => named.some((n) => matches(f, n)));
if (!named.every((n) => BENCH_FEEDS.some((f) => matches(f, n)))) {
  console.error(`--feeds: a comma-separated list of ${BENCH_FEEDS.join(', ')} (or their channels), not '${option('--feeds')}'`);
  process.exit(2);
}
const buildOptions = {
  ...(option('--threads') !== undefined ? { threads: Number(option('--threads')) } : {}),
  ...(args.includes('--profile') ? { profile: true } : {}),
};
const cache = path.join(tmpdir(), 'omnifeed-bench');
const catalogOf = (n: number) => path.join(cache, `catalog-${n}.csv`);
const catalog = catalogOf(products);

const elapsed = (since: number) => `${((Date.now() - since) / 1000).toFixed(1)} s`;
const thousands = (n: number) => Math.round(n).toLocaleString('en-US');

/** One build in a fresh child process, on a workspace whose catalog is `catalogSource`. */
function measure(catalogSource: BenchCatalog): BenchRun {
  const dir = mkdtempSync(path.join(tmpdir(), 'omnifeed-bench-ws-'));
  try {
    writeWorkspace(dir, catalogSource, feeds);
    const child = path.join(path.dirname(fileURLToPath(import.meta.url)), 'child.js');
    const result = spawnSync(process.execPath, [child, dir, JSON.stringify(buildOptions)], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'inherit'],
      maxBuffer: 1 << 24,
    });
    if (result.status !== 0) {
      console.error(`the build failed (exit ${result.status})`);
      process.exit(1);
    }
    return JSON.parse(result.stdout) as BenchRun;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The generated catalog as a SQLite file beside it in the cache (made once). */
async function sqliteCopy(): Promise<string> {
  const file = catalog.replace(/\.csv$/, '.db');
  if (existsSync(file)) return file;
  const part = `${file}.part`;
  rmSync(part, { force: true });
  const db = new Database(part);
  db.pragma('journal_mode = OFF');
  db.pragma('synchronous = OFF');
  await csvToSqlite(catalog, db, BENCH_TABLE);
  db.close();
  renameSync(part, file);
  return file;
}

function report(label: string, run: BenchRun, rows = products): void {
  for (const feed of run.feeds) {
    const parts = feed.files > 1 ? ` in ${feed.files} files` : '';
    console.log(
      `${label.padEnd(8)} ${feed.feed.padEnd(10)} ${thousands(feed.listed).padStart(9)} items of ${thousands(feed.read)} read, ${(feed.bytes / 1e6).toFixed(0)} MB${parts}`,
    );
  }
  console.log(
    `${label.padEnd(8)} ${'total'.padEnd(10)} ${run.seconds.toFixed(1)} s, ${thousands(rows / run.seconds)} rows/s (${thousands(run.products / run.seconds)} products/s), ${run.cpuSeconds.toFixed(0)} CPU s, peak RSS ${run.maxRssMb.toFixed(0)} MB`,
  );
}

let started = Date.now();
await generateCatalog(catalog, products);
console.log(
  `catalog: ${products.toLocaleString('en-US')} rows, ${(statSync(catalog).size / 1e6).toFixed(0)} MB (${catalog}, made or reused in ${elapsed(started)})`,
);
const csv = measure({ path: catalog });
report('csv', csv);
const scale = products / 1_000_000;
const targetSeconds = (feeds.length === 1 && feeds[0] === 'google-us' ? TARGET_SECONDS.google : TARGET_SECONDS.all) * scale;
let ok = csv.seconds <= targetSeconds && csv.maxRssMb <= TARGET_RSS_MB;
console.log(
  `target for ${products.toLocaleString('en-US')} products, ${feeds.join(' + ')}: ≤ ${targetSeconds.toFixed(1)} s, ≤ ${TARGET_RSS_MB} MB: ${ok ? 'met' : 'MISSED'}`,
);

if (products > 1_000_000) {
  await generateCatalog(catalogOf(1_000_000), 1_000_000);
  const base = measure({ path: catalogOf(1_000_000) });
  report('csv 1M', base, 1_000_000);
  const ratio = csv.maxRssMb / base.maxRssMb;
  console.log(
    `flat memory: peak RSS at ${products.toLocaleString('en-US')} products ${csv.maxRssMb.toFixed(0)} MB, at 1,000,000 ${base.maxRssMb.toFixed(0)} MB: ${ratio.toFixed(2)}x (≤ ${FLAT_MEMORY}x: ${ratio <= FLAT_MEMORY ? 'met' : 'MISSED'})`,
  );
  ok &&= ratio <= FLAT_MEMORY;
}

if (source !== 'csv') {
  let server: PostgresServer | undefined;
  try {
    started = Date.now();
    let catalogSource: BenchCatalog;
    if (source === 'sqlite') {
      const file = await sqliteCopy();
      console.log(`sqlite: ${file}, ${(statSync(file).size / 1e6).toFixed(0)} MB (made or reused in ${elapsed(started)})`);
      catalogSource = { source: `sqlite:${file}`, table: 'products' };
    } else {
      server = await startPostgres();
      csvToPostgres(catalog, server, BENCH_TABLE, 'row_no');
      console.log(`postgres: a throwaway server on 127.0.0.1:${server.port}, table loaded in ${elapsed(started)}`);
      // the file's order (a table's own order in PostgreSQL is its pages'), as a nightly job that wants stable feeds asks for it
      const query = `SELECT ${HEADER.map((c) => `"${c}"`).join(', ')} FROM products ORDER BY row_no`;
      catalogSource = { source: server.url, query };
    }
    const database = measure(catalogSource);
    report(source, database);
    const ratio = database.maxRssMb / csv.maxRssMb;
    const same = JSON.stringify(database.feeds.map((f) => f.sha256)) === JSON.stringify(csv.feeds.map((f) => f.sha256));
    console.log(
      `${source} against csv: ${(database.seconds / csv.seconds).toFixed(2)}x the time, ${ratio.toFixed(2)}x the peak RSS (flat memory: ≤ ${FLAT_MEMORY}x: ${ratio <= FLAT_MEMORY ? 'met' : 'MISSED'}); the feeds are ${same ? 'byte-identical' : 'DIFFERENT'}`,
    );
    ok &&= ratio <= FLAT_MEMORY && same;
  } finally {
    await server?.stop();
  }
}
process.exitCode = ok ? 0 : 1;
