import path from 'node:path';
import type { FeedDefinition, Workspace } from '../config/types.js';
import { OmnifeedError } from '../errors.js';
import { REPORT_FILE } from '../output/manifest.js';
import { shardPath, type Shard } from '../output/shards.js';
import { readSkuFile, type SkuRecord } from '../output/skus.js';
import { OutputSet } from '../output/staging.js';
import { chooseFeeds, openWorkspace } from '../pipeline/session.js';
import { builtFeed, lastBuild, verifyFiles, type BuiltFeed, type LastBuild } from '../publish/built.js';
import { compare, type Comparison } from '../publish/compare.js';
import type { Destination } from '../publish/destination.js';
import { destinationOf } from '../publish/destinations.js';
import { checkGuards, guardSettings, type GuardResult } from '../publish/guards.js';
import { WorkspaceLock } from '../publish/lock.js';
import {
  readState,
  readStateMeta,
  removeStrayItems,
  stateFile,
  stateFolder,
  StateRun,
  type StagedState,
  type StateMeta,
} from '../publish/state.js';
import type { PublishEntry, RunReport } from '../report.js';

export interface PublishOptions {
  /** workspace folder */
  cwd: string;
  /** feed names; the workspace's default feeds when empty */
  feeds?: string[];
  env?: NodeJS.ProcessEnv;
  /** override the guards, for this reason (recorded in the state and the run report) */
  force?: string;
  /** seconds to wait for another run's workspace lock (default 0) */
  wait?: number;
  /** publish a shard's build (`build --shard i/N`): its files, against its own last publish */
  shard?: Shard;
}

export interface PublishResult {
  feeds: PublishEntry[];
}

/** A refused publish (exit 3): the message names each feed, guard and figure; the entries say the rest. */
export class GuardRefused extends OmnifeedError {
  /** the run report of `build --publish`, whose build was written before the guards refused to publish it */
  report?: RunReport;

  constructor(
    message: string,
    readonly entries: PublishEntry[],
  ) {
    super('GUARD_REFUSED', message);
  }
}

/**
 * Send the last build of each feed (the files out/omnifeed-manifest.json lists) to its
 * destination, after the guards compared it with the last publish, and record the new state.
 */
export async function publish(options: PublishOptions): Promise<PublishResult> {
  const workspace = openWorkspace(options.cwd);
  const feeds = chooseFeeds(workspace, options.feeds);
  const { dir, shown } = stateFolder(workspace);
  const lock = await WorkspaceLock.acquire(dir, shown, 'publish', options.wait, options.shard);
  try {
    return await publishFeeds(workspace, feeds, options);
  } finally {
    lock.release();
  }
}

/** One feed made ready to send: its destination, the comparison, the guards' verdicts, the new state written aside. */
interface Plan {
  feed: FeedDefinition;
  built: BuiltFeed;
  destination: Destination;
  last?: StateMeta;
  staged: StagedState;
  comparison: Comparison;
  guards: GuardResult[];
}

/** Publish with the workspace lock held (by `publish`, or by `build --publish` around its build). */
export async function publishFeeds(workspace: Workspace, feeds: FeedDefinition[], options: PublishOptions): Promise<PublishResult> {
  const build = lastBuild(workspace, options.shard);
  const chosen = feeds.map((feed) => ({ feed, built: builtFeed(build, feed.name, workspace) }));
  for (const { built } of chosen) await verifyFiles(build, built, workspace.root);
  const { dir, shown } = stateFolder(workspace);
  // a shard's publish writes no listing state (shards build no deltas), and other shards' publishes may be going
  if (!options.shard) await removeStrayItems(dir);
  const run = StateRun.open(dir, shown, options.shard);
  const at = new Date().toISOString();
  try {
    const plans: Plan[] = [];
    for (const { feed, built } of chosen) plans.push(await plan(workspace, feed, built, run, { at, ...options }));
    const refused = options.force ? [] : plans.filter((p) => p.guards.some((g) => !g.passed));
    if (refused.length > 0) {
      const entries = plans.map((p) => entry(p, at, refused.includes(p) ? 'refused' : 'held', options.force));
      recordQuietly(workspace, build, entries);
      const messages = refused.flatMap((p) => p.guards.filter((g) => !g.passed).map((g) => g.message));
      throw new GuardRefused(`${messages.join('; ')}; nothing was published (--force "<reason>" overrides)`, entries);
    }
    const entries = await sendAll(workspace, build, plans, at, options.force);
    record(workspace, build, entries);
    return { feeds: entries };
  } finally {
    run.close();
  }
}

/** Send each feed in turn; a failure records what was sent before it, and says so. */
async function sendAll(
  workspace: Workspace,
  build: LastBuild,
  plans: Plan[],
  at: string,
  force: string | undefined,
): Promise<PublishEntry[]> {
  const entries: PublishEntry[] = [];
  for (const p of plans) {
    try {
      entries.push({ ...entry(p, at, 'published', force), ...(await send(p, build)) });
    } catch (error) {
      const failed = { ...entry(p, at, 'failed', force), error: (error as Error).message };
      recordQuietly(workspace, build, [...entries, failed]);
      const before = entries.length > 0 ? `; published before it: ${entries.map((e) => e.feed).join(', ')}` : '';
      throw error instanceof OmnifeedError ? new OmnifeedError(error.code, `${error.message}${before}`) : error;
    }
  }
  return entries;
}

/** The build's records; a damaged file is reported as a build to redo. */
async function* builtRecords(built: BuiltFeed, root: string): AsyncIterable<SkuRecord> {
  try {
    yield* readSkuFile(built.records);
  } catch (error) {
    const shown = path.relative(root, built.records);
    throw new OmnifeedError('NOT_BUILT', `${shown}: cannot read the build's per-SKU records (${(error as Error).message}): build again`);
  }
}

/** Compare a feed's build with its last publish, write its new state aside, and ask the guards. */
async function plan(
  workspace: Workspace,
  feed: FeedDefinition,
  built: BuiltFeed,
  run: StateRun,
  options: PublishOptions & { at: string },
): Promise<Plan> {
  const destination = destinationOf(workspace, feed, options.env ?? process.env);
  const settings = guardSettings(workspace, feed, options.shard?.count);
  const { dir } = stateFolder(workspace);
  const file = stateFile(dir, built.key);
  const shown = path.relative(workspace.root, file);
  const last = await readStateMeta(file, shown);
  checkDeltaBase(feed.name, built, last);
  const columns = built.report.columns ?? {};
  const items = built.items ? await run.copyItems(feed.name, built.items, shown) : undefined;
  const meta: StateMeta = {
    omnifeed: 1,
    feed: built.key,
    channel: feed.channel,
    published: options.at,
    built: built.report.built,
    destination: destination.shown,
    files: built.files.map(({ path, bytes, sha256 }) => ({ path, bytes, sha256 })),
    listed: built.report.listed,
    columns,
    ...(options.force ? { forced: options.force } : {}),
    ...(items ? { items } : {}),
  };
  const staged = run.stage(meta, shown, last?.items);
  const comparison = await compare(builtRecords(built, workspace.root), last ? readState(file, shown) : undefined, {
    factor: settings.max_price_change.factor,
    // the marketplace's ids of listings (eBay's ItemID) stay with their SKU from one publish to the next
    onRecord: (now, before) => staged.add(before?.remote_id ? { ...now, remote_id: before.remote_id } : now),
  });
  await staged.finish();
  const guards = checkGuards(settings, built.label, { listed: built.report.listed, columns }, last, comparison);
  return { feed, built, destination, last, staged, comparison, guards };
}

/** A delta is sent only onto the publish it was made against: another publish since (or a lost state) needs a new build. */
function checkDeltaBase(feed: string, built: BuiltFeed, last: StateMeta | undefined): void {
  const base = built.report.delta?.base;
  if (base === undefined || base === (last?.published ?? null)) return;
  const now = last ? `the last publish is now that of ${last.published}` : 'there is no last publish now';
  throw new OmnifeedError(
    'NOT_BUILT',
    `${feed}: the delta in the output folder was built against the publish of ${base ?? '(none: a first publish)'}, and ${now}: build again`,
  );
}

function entry(p: Plan, at: string, status: PublishEntry['status'], force: string | undefined): PublishEntry {
  const overrode = p.guards.filter((g) => !g.passed).map((g) => g.guard);
  const { added, removed, changed } = p.comparison;
  return {
    feed: p.feed.name,
    status,
    at,
    destination: p.destination.shown,
    files: p.built.files.map((f) => f.path),
    first: !p.last,
    guards: p.guards,
    ...(force ? { forced: { reason: force, overrode } } : {}),
    changes: { added, removed, changed },
  };
}

/** Put a feed's files at its destination, remove those of the last publish it no longer has, then commit its state. */
async function send(p: Plan, build: LastBuild): Promise<Partial<PublishEntry>> {
  const connection = await p.destination.connect();
  const sent = new Set(p.built.files.map((f) => f.path));
  const removed = (p.last?.files ?? []).map((f) => f.path).filter((f) => !sent.has(f));
  try {
    for (const file of p.built.files) await connection.put(path.join(build.outputDir, file.path), file.path);
    for (const name of removed) await connection.remove(name);
  } finally {
    await connection.close();
  }
  p.staged.commit();
  return { ...(removed.length > 0 ? { removed } : {}), ...(connection.facts?.host_key ? { host_key: connection.facts.host_key } : {}) };
}

/** The run report of the build records what this publish did, beside the entries of other feeds' publishes. */
function record(workspace: Workspace, build: LastBuild, entries: PublishEntry[]): void {
  const report = build.report as RunReport;
  const names = new Set(entries.map((e) => e.feed));
  const publish = [...(report.publish ?? []).filter((e) => !names.has(e.feed)), ...entries].sort((a, b) => a.feed.localeCompare(b.feed));
  const set = OutputSet.open(build.outputDir, workspace.root, build.shard);
  try {
    set.addText(build.shard ? shardPath(REPORT_FILE, build.shard) : REPORT_FILE, `${JSON.stringify({ ...report, publish }, null, 2)}\n`);
    set.commit(
      report.now,
      [],
      workspace.feeds.map((f) => f.name),
    );
  } catch (error) {
    void set.abort();
    throw error;
  }
}

/** On a refused or failed publish, record it if the report can be written; the refusal or failure is what the user must see. */
function recordQuietly(workspace: Workspace, build: LastBuild, entries: PublishEntry[]): void {
  try {
    record(workspace, build, entries);
  } catch {
    // the error being thrown says what happened
  }
}
