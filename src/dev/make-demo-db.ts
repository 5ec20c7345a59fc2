/**
 * `npm run make-demo-db`: write `examples/catalog.db`, the SQLite copy of the demo catalog
 * (`products`, from examples/catalog.csv) and its stock overlay (`inventory`, from
 * examples/inventory.csv), with typed columns. Run it after changing either CSV file.
 */
import { existsSync, renameSync, rmSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { csvToSqlite, DEMO_TABLES } from './tables.js';

/** Write the demo database into `root` (the repository, or a copy of its examples/); returns its path. */
export async function makeDemoDb(root: string, target = path.join(root, 'examples/catalog.db')): Promise<string> {
  const part = `${target}.part`;
  rmSync(part, { force: true });
  const db = new Database(part);
  try {
    for (const { csv, table } of DEMO_TABLES) await csvToSqlite(path.join(root, csv), db, table);
    // one file, no journal beside it: what is committed is the whole database
    db.pragma('journal_mode = DELETE');
  } finally {
    db.close();
  }
  renameSync(part, target);
  return target;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
  const file = await makeDemoDb(root);
  console.log(`wrote ${path.relative(root, file)}${existsSync(file) ? '' : ' (missing?)'}`);
}
