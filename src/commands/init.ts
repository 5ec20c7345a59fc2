import { cpSync, existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { stringify } from 'yaml';
import { proposeColumns } from '../catalog/propose.js';
import { readSource, resolveSource } from '../catalog/source.js';
import { SCHEMA_FILES } from '../config/json-schemas.js';
import { CONFIG_FILE, FEEDS_DIR } from '../config/load.js';
import type { SourceSection } from '../config/sources.js';
import { OmnifeedError } from '../errors.js';

/** The demo workspace that ships with the tool: the repository root. */
const DEMO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
/** The folder of the config files' JSON Schemas, which their `# yaml-language-server: $schema=…` lines name. */
const SCHEMA_DIR = 'schema';
const SCHEMAS = Object.values(SCHEMA_FILES).map((f) => path.join(SCHEMA_DIR, f));
const ENTRIES = [CONFIG_FILE, FEEDS_DIR, 'examples', SCHEMA_DIR];
/** The demo catalog's columns that are attributes (not canonical fields), which the demo feeds name. */
export const DEMO_ATTRIBUTES = ['Bullets', 'Country of Origin'];

export interface InitOptions {
  /** the folder to write the workspace into */
  cwd: string;
  /** a database to read the catalog from (`sqlite:shop.db`, relative to the folder; `postgres://…`): its columns make the mapping */
  from?: string;
  /** the environment variable holding the database URL, instead of `from` */
  fromEnv?: string;
  table?: string;
  query?: string;
  env?: NodeJS.ProcessEnv;
}

/**
 * Write a starter workspace; returns the files written. Without `from`: the demo (config, one
 * feed per channel, category maps, a demo catalog). With `from` (or `fromEnv`): the demo's feeds
 * and an `omnifeed.yaml` that reads the database, with a column mapping proposed from the
 * columns the query returns. Either way the config files' JSON Schemas, which their first lines
 * point editors to, go into `schema/` (another file there is left alone).
 */
export async function init(options: InitOptions): Promise<string[]> {
  const database = options.from !== undefined || options.fromEnv !== undefined;
  const entries = database ? [CONFIG_FILE, FEEDS_DIR, SCHEMA_DIR] : ENTRIES;
  const own = entries.flatMap((entry) => (entry === SCHEMA_DIR ? SCHEMAS : [entry]));
  const taken = own.filter((entry) => existsSync(path.join(options.cwd, entry)));
  if (taken.length > 0) {
    throw new OmnifeedError(
      'WORKSPACE_EXISTS',
      `${path.resolve(options.cwd)}: already has ${taken.join(', ')}; init writes only into a folder without them`,
    );
  }
  const config = database ? await databaseConfig(options) : undefined;
  for (const entry of database ? [FEEDS_DIR, SCHEMA_DIR] : ENTRIES)
    cpSync(path.join(DEMO, entry), path.join(options.cwd, entry), { recursive: true });
  if (config) writeFileSync(path.join(options.cwd, CONFIG_FILE), config.text);
  const files = entries.flatMap((entry) => (entry === SCHEMA_DIR ? SCHEMAS : list(options.cwd, entry)));
  for (const file of files.filter((f) => f.startsWith(`${FEEDS_DIR}${path.sep}`) && f.endsWith('.yaml'))) {
    const target = path.join(options.cwd, file);
    const missing = config ? DEMO_ATTRIBUTES.filter((column) => !config.columns.includes(column)) : [];
    writeFileSync(target, withoutColumns(withoutSellerId(readFileSync(target, 'utf8')), missing));
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

/** Lines of the demo feeds that name a demo attribute column the database does not have are commented out, with a note. */
function withoutColumns(yaml: string, missing: string[]): string {
  return yaml
    .split('\n')
    .map((line) => {
      const column = missing.find((name) => line.includes(name));
      if (!column || /^\s*#/.test(line)) return line;
      return line.replace(/^(\s*)(.*)$/, `$1# $2   # the source has no column '${column}': name yours here`);
    })
    .join('\n');
}

/** The database section and its source's columns: read the header of the query's result. */
async function databaseConfig(options: InitOptions): Promise<{ text: string; columns: string[] }> {
  const { from, fromEnv, table, query } = options;
  if (from !== undefined && fromEnv !== undefined) throw new OmnifeedError('USAGE', '--from and --from-env exclude each other: give one');
  if ((table === undefined) === (query === undefined))
    throw new OmnifeedError('USAGE', 'init --from needs --table <name> or --query <sql> (one of them)');
  if (from !== undefined && !/^(sqlite:|postgres(ql)?:\/\/)/.test(from))
    throw new OmnifeedError('USAGE', `--from: write sqlite:FILE or postgres://user@host:5432/db (got '${from.split('@').pop()}')`);
  const section: SourceSection = fromEnv !== undefined ? { source_env: fromEnv } : { source: from };
  if (table !== undefined) section.table = table;
  else section.query = query;
  const spec = resolveSource(section, 'catalog', options.cwd, options.env ?? process.env);
  let columns: string[] | undefined;
  for await (const event of readSource(spec)) {
    if ('header' in event) columns = event.header;
    break;
  }
  return { text: workspaceYaml(section, spec.shown, columns ?? []), columns: columns ?? [] };
}

const scalar = (value: string) => stringify(value).trimEnd();

/** `omnifeed.yaml` for a database catalog: the source, the proposed mapping, a comment on every column left unmapped. */
function workspaceYaml(section: SourceSection, shown: string, names: string[]): string {
  const proposal = proposeColumns(names);
  const lines = [
    `# yaml-language-server: $schema=./${SCHEMA_DIR}/${SCHEMA_FILES.workspace}`,
    `# omnifeed workspace: the catalog is read from ${shown}.`,
    '# The column mapping was proposed by omnifeed init from the names of the columns it found: check it.',
    'catalog:',
  ];
  const source = section.source;
  if (source?.startsWith('postgres') && new URL(source).password) {
    const url = new URL(source);
    url.password = '';
    lines.push(`  source: ${scalar(url.toString())}`);
    lines.push('  # the password is not kept here: give it in PGPASSWORD or ~/.pgpass, or put the whole URL in an');
    lines.push('  # environment variable and name it in source_env instead of source');
  } else if (source !== undefined) lines.push(`  source: ${scalar(source)}`);
  else lines.push(`  source_env: ${section.source_env}   # the environment variable that holds the postgres:// URL`);
  lines.push(section.table !== undefined ? `  table: ${scalar(section.table)}` : `  query: ${scalar(section.query!)}`);
  if (proposal.currency) lines.push(`  currency: ${proposal.currency}   # from the column ${proposal.columns.price ?? ''}`.trimEnd());
  else lines.push('  # currency: USD   # the currency of prices that do not name one');
  lines.push('  columns:            # canonical field: source column');
  if (!proposal.columns.sku)
    lines.push('    # sku: …          # no column looks like the SKU: name it here (the catalog cannot be read without one)');
  for (const [field, column] of Object.entries(proposal.columns)) lines.push(`    ${field}: ${scalar(column)}`);
  if (proposal.unplaced.length > 0) {
    lines.push('  # columns not placed (rules and templates can use them by their names):');
    for (const { column, note } of proposal.unplaced) lines.push(`  #   ${JSON.stringify(column)}: ${note}`);
  }
  lines.push('', 'output: out', '');
  return lines.join('\n');
}

function list(root: string, entry: string): string[] {
  if (!statSync(path.join(root, entry)).isDirectory()) return [entry];
  return readdirSync(path.join(root, entry))
    .sort()
    .flatMap((name) => list(root, path.join(entry, name)));
}
