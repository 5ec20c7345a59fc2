import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { BENCH_FEEDS, generateCatalog, writeWorkspace } from '../../src/bench/generate.js';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
/**
 * The marketplaces' published schemas, present in CI beside the repository; OMNIFEED_SPECS
 * names them for a checkout elsewhere (a git worktree).
 */
export const specsDir = process.env.OMNIFEED_SPECS || path.resolve(repoRoot, '../shared/specs');
/** The build date the golden files are made with. */
export const NOW = new Date('2026-11-23T00:00:00Z');

/** A workspace in a temporary folder, removed by `dispose`. */
interface Workspace {
  dir: string;
  read: (file: string) => string;
  write: (file: string, text: string) => void;
  dispose: () => void;
}

/** A temporary folder holding a copy of `from` (the folder itself, or the entries of the repository named). */
function copyOf(from: string, entries?: readonly string[]): Workspace {
  const dir = mkdtempSync(path.join(tmpdir(), 'omnifeed-'));
  if (entries) for (const entry of entries) cpSync(path.join(from, entry), path.join(dir, entry), { recursive: true });
  else cpSync(from, dir, { recursive: true });
  return {
    dir,
    read: (file) => readFileSync(path.join(dir, file), 'utf8'),
    write: (file, text) => writeFileSync(path.join(dir, file), text),
    dispose: () => rmSync(dir, { recursive: true, force: true }),
  };
}

/** A temporary copy of the demo workspace (omnifeed.yaml, feeds/, examples/). */
export const demoWorkspace = (): Workspace => copyOf(repoRoot, ['omnifeed.yaml', 'feeds', 'examples']);

/**
 * A workspace of the benchmark's feeds (one per channel) over its generated catalog of `rows` rows,
 * with variant groups; the catalog is made once and kept in the temporary folder.
 */
export async function generatedWorkspace(rows: number): Promise<{ dir: string; dispose: () => void }> {
  const catalog = path.join(tmpdir(), 'omnifeed-test-cache', `catalog-${rows}.csv`);
  await generateCatalog(catalog, rows);
  const dir = mkdtempSync(path.join(tmpdir(), 'omnifeed-generated-'));
  writeWorkspace(dir, { path: catalog }, BENCH_FEEDS);
  return { dir, dispose: () => rmSync(dir, { recursive: true, force: true }) };
}

/** A copy of a workspace of test/fixtures (such as `fidelity`). */
export const fixtureWorkspace = (name: string): Workspace => copyOf(path.join(repoRoot, 'test/fixtures', name));

/** A temporary workspace made of the given files (path -> text), removed by `dispose`. */
export function tempWorkspace(files: Record<string, string>): { dir: string; read: (file: string) => string; dispose: () => void } {
  const dir = mkdtempSync(path.join(tmpdir(), 'omnifeed-'));
  for (const [file, text] of Object.entries(files)) {
    const target = path.join(dir, file);
    mkdirSync(path.dirname(target), { recursive: true });
    writeFileSync(target, text);
  }
  return { dir, read: (file) => readFileSync(path.join(dir, file), 'utf8'), dispose: () => rmSync(dir, { recursive: true, force: true }) };
}

export const fixture = (name: string) => readFileSync(path.join(repoRoot, 'test/fixtures', name), 'utf8');

/** A minimal Google feed definition for fixture workspaces. */
export const GOOGLE_FEED = 'channel: google\nmarket: { country: US, language: en, currency: USD }\noutput: { path: google.xml }\n';
