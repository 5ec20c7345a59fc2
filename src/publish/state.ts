/**
 * The last-published state: per feed one gzip'd file `.omnifeed/<feed>.tsv.gz` (or under the
 * workspace's `state:` folder): a header line (`# omnifeed {json}`: when, where, the files sent
 * with their sizes and SHA-256, the listed count, the catalog's columns, a `--force` reason), the
 * column line, then one record per SKU (see `output/skus.ts`). A publish writes the new state
 * into a run folder beside it and renames it into place once the feed's files are at their
 * destination, so the state never claims more than what was sent.
 */
import { closeSync, fsyncSync, mkdirSync, openSync, readdirSync, renameSync, rmSync } from 'node:fs';
import { createReadStream, createWriteStream } from 'node:fs';
import { createHash } from 'node:crypto';
import { pipeline } from 'node:stream/promises';
import { createInterface } from 'node:readline';
import path from 'node:path';
import { createGunzip } from 'node:zlib';
import type { Workspace } from '../config/types.js';
import { OmnifeedError, osReason, outputFailed } from '../errors.js';
import { FileSink } from '../output/files.js';
import { formatRecord, META_PREFIX, readSkuFile, SKU_HEADER, type SkuRecord } from '../output/skus.js';
import { shardKey, type Shard } from '../output/shards.js';

const STATE_DIR = '.omnifeed';
/** A delta feed's listing state: `<feed>.items-<sha256 prefix>.ndjson.gz` */
const ITEMS = /^(.+)\.items-[0-9a-f]{16}\.ndjson\.gz$/;

interface PublishedFile {
  /** relative to the output folder (and to the destination) */
  path: string;
  bytes: number;
  sha256: string;
}

export interface StateMeta {
  omnifeed: 1;
  feed: string;
  channel: string;
  /** when the publish ran */
  published: string;
  /** the build date of the build it sent */
  built: string;
  /** where it went (`dir:published`, `sftp://user@host:22/path/`: never a secret) */
  destination: string;
  files: PublishedFile[];
  /** items listed in the feed */
  listed: number;
  /** the catalog's mapped columns (field -> column) */
  columns: Record<string, string>;
  /** the `--force` reason of the publish, when it overrode a guard */
  forced?: string;
  /** the listing state of a delta feed, in the state folder (`<feed>.items-<sha256 prefix>.ndjson.gz`) */
  items?: string;
}

/** The state folder of a workspace, and how messages name it. */
export function stateFolder(workspace: Workspace): { dir: string; shown: string } {
  const dir = path.resolve(workspace.root, workspace.config.state ?? STATE_DIR);
  return { dir, shown: path.relative(workspace.root, dir) || '.' };
}

export const stateFile = (dir: string, feed: string) => path.join(dir, `${feed}.tsv.gz`);

function unreadable(shown: string, error: unknown): OmnifeedError {
  return new OmnifeedError(
    'STATE_UNREADABLE',
    `${shown}: cannot read the last-published state (${osReason(error)}); move it away to publish the feed as if for the first time`,
  );
}

/** The header of a feed's state; undefined when the feed was never published. */
export async function readStateMeta(file: string, shown: string): Promise<StateMeta | undefined> {
  const input = createReadStream(file);
  const gunzip = createGunzip();
  const lines = createInterface({ input: input.pipe(gunzip), crlfDelay: Infinity });
  try {
    const first = await new Promise<string>((resolve, reject) => {
      input.on('error', reject);
      gunzip.on('error', reject);
      lines.once('line', resolve);
      lines.once('close', () => resolve(''));
    });
    if (!first.startsWith(META_PREFIX)) throw new Error('no header line');
    const meta = JSON.parse(first.slice(META_PREFIX.length)) as StateMeta;
    if (meta?.omnifeed !== 1 || !Array.isArray(meta.files)) throw new Error('not a state header');
    return meta;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw unreadable(shown, error);
  } finally {
    lines.close();
    input.destroy();
    gunzip.destroy();
  }
}

/** The records of a feed's state, as a stream; a damaged file fails with STATE_UNREADABLE. */
export async function* readState(file: string, shown: string): AsyncIterable<SkuRecord> {
  try {
    yield* readSkuFile(file);
  } catch (error) {
    throw unreadable(shown, error);
  }
}

/** Run folders of this process, for a signal handler (see `abandonStateRuns`). */
const runs = new Set<string>();

/** The new states of one publish run, written into `.run-<pid>/` (a shard's: `.run.shard-i-of-N-<pid>/`) in the state folder until committed. */
export class StateRun {
  private constructor(
    private readonly dir: string,
    private readonly run: string,
  ) {}

  /**
   * Make the run folder, after removing those of dead runs: the caller holds the workspace lock,
   * or the shard's, and the runs of other shards may be going.
   */
  static open(dir: string, shown: string, shard?: Shard): StateRun {
    // `.run-<pid>`, a shard's `.run.shard-2-of-4-<pid>`
    const prefix = `${shardKey('.run', shard)}-`;
    const ours = (name: string) => name.startsWith(prefix) && /^\d+$/.test(name.slice(prefix.length));
    for (const name of readdirSync(dir)) if (ours(name)) rmSync(path.join(dir, name), { recursive: true, force: true });
    const run = path.join(dir, `${prefix}${process.pid}`);
    try {
      mkdirSync(run);
    } catch (error) {
      throw outputFailed(path.join(shown, path.basename(run)), 'create the folder', error);
    }
    runs.add(run);
    return new StateRun(dir, run);
  }

  /**
   * Copy a delta build's listing state into the run folder; its name in the state folder carries
   * its SHA-256, so that a new one never replaces the one the current state names.
   */
  async copyItems(feed: string, source: string, shown: string): Promise<string> {
    const temp = path.join(this.run, `${feed}.items.ndjson.gz`);
    const hash = createHash('sha256');
    try {
      await pipeline(
        createReadStream(source),
        async function* (chunks: AsyncIterable<Buffer>) {
          for await (const chunk of chunks) {
            hash.update(chunk);
            yield chunk;
          }
        },
        createWriteStream(temp),
      );
    } catch (error) {
      throw outputFailed(shown, 'write the listing state', error);
    }
    const name = `${feed}.items-${hash.digest('hex').slice(0, 16)}.ndjson.gz`;
    renameSync(temp, path.join(this.run, name));
    return name;
  }

  /** Start the new state of a feed: its header, then the records given to `add`; `replaced`: the listing state it no longer names. */
  stage(meta: StateMeta, shown: string, replaced?: string): StagedState {
    const temp = path.join(this.run, `${meta.feed}.tsv.gz`);
    const sink = new FileSink(temp, shown, { gzip: true });
    sink.write(`${META_PREFIX}${JSON.stringify(meta)}\n${SKU_HEADER}`);
    const items = meta.items ? { temp: path.join(this.run, meta.items), final: path.join(this.dir, meta.items) } : undefined;
    const old = replaced && replaced !== meta.items ? path.join(this.dir, replaced) : undefined;
    return new StagedState(sink, temp, stateFile(this.dir, meta.feed), shown, items, old);
  }

  close(): void {
    runs.delete(this.run);
    rmSync(this.run, { recursive: true, force: true });
  }
}

export class StagedState {
  constructor(
    private readonly sink: FileSink,
    private readonly temp: string,
    private readonly final: string,
    private readonly shown: string,
    /** the listing state it names, put in place first */
    private readonly items?: { temp: string; final: string },
    /** the listing state of the previous state, removed once the new state is in place */
    private readonly replaced?: string,
  ) {}

  add(record: SkuRecord): void | Promise<void> {
    return this.sink.write(formatRecord(record));
  }

  finish(): Promise<void> {
    return this.sink.end();
  }

  /**
   * Put the finished state in place: on disk first (fsync), then renamed over the previous one.
   * Its listing state goes first, under a new name: a stop at any moment leaves a state whose
   * listing state is there.
   */
  commit(): void {
    try {
      for (const file of [this.items?.temp, this.temp]) {
        if (!file) continue;
        const fd = openSync(file, 'r');
        fsyncSync(fd);
        closeSync(fd);
      }
      if (this.items) renameSync(this.items.temp, this.items.final);
      renameSync(this.temp, this.final);
    } catch (error) {
      throw outputFailed(this.shown, 'replace the state', error);
    }
    if (this.replaced) rmSync(this.replaced, { force: true });
  }
}

/**
 * Remove the listing states no state names: one put in place by a publish stopped before its
 * state was (the caller holds the workspace lock).
 */
export async function removeStrayItems(dir: string): Promise<void> {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return;
  }
  /** per feed, the listing state its state names; null when the state cannot be read (what it names is not known: all is kept) */
  const named = new Map<string, string | undefined | null>();
  for (const name of names) {
    const feed = ITEMS.exec(name)?.[1];
    if (feed === undefined) continue;
    if (!named.has(feed)) {
      const meta = await readStateMeta(stateFile(dir, feed), feed).then(
        (m) => m,
        () => null,
      );
      named.set(feed, meta === null ? null : meta?.items);
    }
    const keep = named.get(feed);
    if (keep !== null && keep !== name) rmSync(path.join(dir, name), { force: true });
  }
}

/** For a signal handler: remove this process's run folders (nothing in them is in place yet). */
export function abandonStateRuns(): void {
  for (const run of runs) rmSync(run, { recursive: true, force: true });
  runs.clear();
}
