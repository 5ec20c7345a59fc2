import { cpSync, existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { SCHEMA_FILES } from '../config/json-schemas.js';
import { CONFIG_FILE, FEEDS_DIR } from '../config/load.js';
import { OmnifeedError } from '../errors.js';

/** The demo workspace that ships with the tool: the repository root. */
const DEMO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
/** The folder of the config files' JSON Schemas, which their `# yaml-language-server: $schema=…` lines name. */
const SCHEMA_DIR = 'schema';

const ENTRIES = [CONFIG_FILE, FEEDS_DIR, 'examples', SCHEMA_DIR];
/** What init may not overwrite: the workspace's files, and the schema files (another schema/ folder is fine). */
const OWN = [CONFIG_FILE, FEEDS_DIR, 'examples', ...Object.values(SCHEMA_FILES).map((f) => `${SCHEMA_DIR}/${f}`)];

export interface InitOptions {
  /** the folder to write the workspace into */
  cwd: string;
}

/**
 * Write a starter workspace (the demo: config, one feed per channel, category maps, a demo catalog, and the
 * JSON Schemas its files' first lines point editors to); returns the files written.
 */
export async function init(options: InitOptions): Promise<string[]> {
  const taken = OWN.filter((entry) => existsSync(path.join(options.cwd, entry)));
  if (taken.length > 0) {
    throw new OmnifeedError(
      'WORKSPACE_EXISTS',
      `${path.resolve(options.cwd)}: already has ${taken.join(', ')}; init writes only into a folder without them`,
    );
  }
  for (const entry of ENTRIES) cpSync(path.join(DEMO, entry), path.join(options.cwd, entry), { recursive: true });
  const files = ENTRIES.flatMap((entry) => list(options.cwd, entry));
  for (const file of files.filter((f) => f.startsWith(`${FEEDS_DIR}${path.sep}`) && f.endsWith('.yaml'))) {
    const target = path.join(options.cwd, file);
    writeFileSync(target, withoutSellerId(readFileSync(target, 'utf8')));
  }
  return files;
}

/**
 * The demo's Amazon seller id must not travel into a new workspace (its feeds would be sent under
 * another shop's id): the copy names the environment variable instead.
 */
function withoutSellerId(yaml: string): string {
  return yaml
    .replace(/^\s*# a demo value;.*\n/m, '')
    .replace(/^(\s*)seller_id:.*$/m, '$1seller_id_env: AMAZON_SELLER_ID   # export AMAZON_SELLER_ID=<your seller id> before a build');
}

function list(root: string, entry: string): string[] {
  if (!statSync(path.join(root, entry)).isDirectory()) return [entry];
  return readdirSync(path.join(root, entry))
    .sort()
    .flatMap((name) => list(root, path.join(entry, name)));
}
