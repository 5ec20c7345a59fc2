import path from 'node:path';
import { OmnifeedError } from '../errors.js';
import { RECORDS_DIR, RESERVED_FILES } from '../output/manifest.js';
import { sourceFile } from './sources.js';
import type { FeedDefinition, Workspace, WorkspaceConfig } from './types.js';

/** The workspace's output folder (`output:`, default `out`), absolute. */
export const outputFolder = (workspace: Workspace) => path.resolve(workspace.root, workspace.config.output ?? 'out');

/** Where the workspace's files are, to keep the output folder apart from them. */
interface Inputs {
  root: string;
  configFile: string;
  feedsDir: string;
}

const within = (folder: string, file: string) => {
  const relative = path.relative(folder, file);
  return relative === '' || (!relative.startsWith('..') && !path.isAbsolute(relative));
};

/**
 * Every file a build writes stays inside the output folder, and the output folder holds nothing
 * else of the workspace: a feed's `output.path` is relative, without `..`, not a name omnifeed
 * writes itself, and not another feed's. A violation is a config error, found before anything is read.
 */
export function checkOutputs(config: WorkspaceConfig, feeds: FeedDefinition[], inputs: Inputs): void {
  const outputDir = path.resolve(inputs.root, config.output ?? 'out');
  const inputFiles = [inputs.configFile, inputs.feedsDir, sourceFile(config.catalog, 'catalog'), sourceFile(config.inventory, 'inventory')];
  const sources = inputFiles.flatMap((f) => (f === undefined ? [] : [path.resolve(inputs.root, f)]));
  const held = sources.find((file) => within(outputDir, file));
  if (held) {
    throw new OmnifeedError(
      'CONFIG_INVALID',
      `omnifeed.yaml: /output: the output folder '${config.output}' would hold ${path.relative(inputs.root, held) || '.'}: give the feeds a folder of their own (default out)`,
    );
  }
  const owners = new Map<string, string>();
  for (const feed of feeds) {
    const at = `${feed.file}: /output/path`;
    const written = feed.output.path;
    const normal = path.posix.normalize(written.replace(/\\/g, '/'));
    if (path.isAbsolute(written) || path.win32.isAbsolute(written) || normal === '..' || normal.startsWith('../') || normal === '.') {
      throw new OmnifeedError(
        'CONFIG_INVALID',
        `${at}: '${written}' is outside the output folder (give a path relative to it, without ..)`,
      );
    }
    if (RESERVED_FILES.includes(normal) || normal.startsWith('.omnifeed-run-') || normal.startsWith(`${RECORDS_DIR}/`)) {
      throw new OmnifeedError('CONFIG_INVALID', `${at}: '${written}' is a file omnifeed writes itself: name the feed's file differently`);
    }
    const owner = owners.get(normal.toLowerCase());
    if (owner)
      throw new OmnifeedError('CONFIG_INVALID', `${at}: '${written}' is also the output of ${owner}: each feed needs a file of its own`);
    owners.set(normal.toLowerCase(), feed.file);
  }
}
