import { cpSync, existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { CONFIG_FILE, FEEDS_DIR } from '../config/load.js';
import { OmnifeedError } from '../errors.js';

/** The demo workspace that ships with the tool: the repository root. */
const DEMO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const ENTRIES = [CONFIG_FILE, FEEDS_DIR, 'examples'];

export interface InitOptions {
  /** the folder to write the workspace into */
  cwd: string;
}

/** Write a starter workspace (the demo: config, one feed per channel, category maps, a demo catalog); returns the files written. */
export async function init(options: InitOptions): Promise<string[]> {
  const taken = ENTRIES.filter((entry) => existsSync(path.join(options.cwd, entry)));
  if (taken.length > 0) {
    throw new OmnifeedError(
      'WORKSPACE_EXISTS',
      `${path.resolve(options.cwd)}: already has ${taken.join(', ')}; init writes only into a folder without them`,
    );
  }
  for (const entry of ENTRIES) cpSync(path.join(DEMO, entry), path.join(options.cwd, entry), { recursive: true });
  return ENTRIES.flatMap((entry) => list(options.cwd, entry));
}

function list(root: string, entry: string): string[] {
  if (!statSync(path.join(root, entry)).isDirectory()) return [entry];
  return readdirSync(path.join(root, entry))
    .sort()
    .flatMap((name) => list(root, path.join(entry, name)));
}
