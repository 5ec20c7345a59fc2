import { Catalog } from '../../src/catalog/catalog.js';
import { loadWorkspace } from '../../src/config/load.js';
import { FeedRunner, knownNames } from '../../src/pipeline/feed.js';
import { NOW } from './workspace.js';

/** The catalog of the workspace in `dir` and its first feed compiled as a build compiles it (names checked against the catalog's columns). */
export async function firstFeed(dir: string): Promise<{ catalog: Catalog; runner: FeedRunner }> {
  const workspace = loadWorkspace(dir);
  const catalog = new Catalog(workspace);
  const runner = await FeedRunner.create(
    workspace.feeds[0],
    workspace,
    { root: dir, now: NOW, env: {} },
    knownNames(await catalog.columns()),
  );
  return { catalog, runner };
}
