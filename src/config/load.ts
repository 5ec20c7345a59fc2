import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { LineCounter, parseDocument } from 'yaml';
import { compileSchema, describeAjvError } from '../ajv.js';
import { OmnifeedError } from '../errors.js';
import { checkOutputs } from './outputs.js';
import { feedSchema, workspaceSchema } from './schema.js';
import { sourceLocation } from './sources.js';
import type { ChannelLookup, FeedDefinition, Workspace, WorkspaceConfig } from './types.js';

export const CONFIG_FILE = 'omnifeed.yaml';
export const FEEDS_DIR = 'feeds';
/** How many times a config file may use YAML aliases (`*name`) in all: plenty for sharing blocks, far from an alias bomb. */
const MAX_ALIASES = 100;

/**
 * Read and check `omnifeed.yaml` and every feed definition in `feeds/`. `channels` (the
 * pipeline passes the channel registry) checks each feed's channel, format and options.
 */
export function loadWorkspace(root: string, channels?: ChannelLookup): Workspace {
  const configFile = path.join(root, CONFIG_FILE);
  if (!existsSync(configFile)) {
    throw new OmnifeedError(
      'CONFIG_NOT_FOUND',
      `${configFile}: not found (run 'omnifeed init' to write a starter workspace, or give the folder with -C)`,
    );
  }
  const config = readConfigFile<WorkspaceConfig>(configFile, workspaceSchema, CONFIG_FILE);
  sourceLocation(config.catalog, 'catalog');
  if (config.inventory) sourceLocation(config.inventory, 'inventory');
  const feedsDir = path.join(root, FEEDS_DIR);
  if (!existsSync(feedsDir) || !statSync(feedsDir).isDirectory()) {
    throw new OmnifeedError('CONFIG_NOT_FOUND', `${FEEDS_DIR}/: not found: a workspace keeps one feed definition a file in ${FEEDS_DIR}/`);
  }
  const files = readdirSync(feedsDir)
    .filter((f) => /\.(ya?ml|json)$/.test(f))
    .sort();
  if (files.length === 0) {
    throw new OmnifeedError('CONFIG_NOT_FOUND', `${FEEDS_DIR}/: no feed definitions (.yaml, .yml or .json files): nothing to build`);
  }
  const feeds = files.map((f) => loadFeed(path.join(feedsDir, f), `${FEEDS_DIR}/${f}`, channels));
  for (const name of config.feeds ?? []) {
    if (!feeds.some((f) => f.name === name)) {
      throw new OmnifeedError('CONFIG_INVALID', `${CONFIG_FILE}: /feeds: no feed definition '${name}' in ${FEEDS_DIR}/`);
    }
  }
  checkOutputs(config, feeds, { root, configFile, feedsDir });
  return { root, configFile, config, feeds };
}

function loadFeed(file: string, relative: string, channels: ChannelLookup | undefined): FeedDefinition {
  const raw = readConfigFile<Omit<FeedDefinition, 'name' | 'file'>>(file, feedSchema, relative);
  const name = path.basename(file).replace(/\.(ya?ml|json)$/, '');
  if (!channels) return { ...raw, name, file: relative };
  const channel = channels(raw.channel);
  if (!channel) {
    throw new OmnifeedError('CONFIG_INVALID', `${relative}: /channel: unknown channel '${raw.channel}' (run 'omnifeed channels')`);
  }
  const format = raw.output.format ?? channel.formats[0];
  if (!channel.formats.includes(format)) {
    throw new OmnifeedError(
      'CONFIG_INVALID',
      `${relative}: /output/format: ${channel.name} writes ${channel.formats.join(' or ')}, not '${format}'`,
    );
  }
  if (channel.optionsSchema) {
    const validate = compileSchema(channel.optionsSchema);
    if (!validate(raw.options ?? {})) {
      const first = validate.errors![0];
      throw new OmnifeedError('CONFIG_INVALID', `${relative}: /options${describeAjvError(first).replace(/^\/(?=:)/, '')}`);
    }
  }
  return { ...raw, name, file: relative, output: { ...raw.output, format } };
}

/** Parse YAML (JSON is YAML too) and validate; errors name the file, line and key path. */
function readConfigFile<T>(file: string, schema: object, shown: string): T {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new OmnifeedError('CONFIG_NOT_FOUND', `${shown}: cannot read (${(error as NodeJS.ErrnoException).code})`);
  }
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false });
  if (doc.errors.length > 0) {
    const error = doc.errors[0];
    const { line, col } = lineCounter.linePos(error.pos[0]);
    throw new OmnifeedError('CONFIG_INVALID', `${shown}:${line}:${col}: invalid YAML: ${error.message.split('\n')[0]}`);
  }
  let value: unknown;
  try {
    // an alias bomb (aliases of aliases, "billion laughs") stops at yaml's alias limit
    value = doc.toJS({ maxAliasCount: MAX_ALIASES });
  } catch (error) {
    throw new OmnifeedError('CONFIG_INVALID', `${shown}: cannot read: ${(error as Error).message} (at most ${MAX_ALIASES} alias uses)`);
  }
  const validate = compileSchema(schema);
  if (!validate(value)) {
    const messages = validate.errors!.map((error) => {
      const keys = error.instancePath
        .split('/')
        .slice(1)
        .map((k) => k.replace(/~1/g, '/').replace(/~0/g, '~'));
      const node = doc.getIn(keys, true) as { range?: [number, number, number] } | undefined;
      const at = node?.range ? `:${lineCounter.linePos(node.range[0]).line}` : '';
      return `${shown}${at}: ${describeAjvError(error)}`;
    });
    throw new OmnifeedError('CONFIG_INVALID', [...new Set(messages)].join('\n'));
  }
  return value as T;
}
