import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import path from 'node:path';
import { OmnifeedError, outputFailed } from '../errors.js';
import { commitSet, recoverStaging, type Move } from './commit.js';
import { FileSink, type FeedFiles, type TextSink } from './files.js';
import { shardKey, shardTag, type Shard } from './shards.js';
import { itemsPath, MANIFEST_FILE, readManifest, recordsPath, RESERVED_FILES, type Manifest, type ManifestFile } from './manifest.js';

/** Staging folders in the output folder: `.omnifeed-run-<pid>`. */
const STAGING = /^\.omnifeed-run-(\d+)$/;
/** Temporary files of omnifeed before 0.2: `.<name>.tmp-<pid>` beside the feed. */
const OLD_TEMP = /^\..+\.tmp-(\d+)$/;

/** Staging folders of runs that are still going, so that a signal can clean up (see `abandonStaging`). */
const open = new Set<string>();

/**
 * The files one build writes into the output folder. Every file is written into a staging folder
 * inside the output folder, then `commit` puts the whole set in place at once (see `commitSet`)
 * with the manifest, removing the files the previous build's manifest lists for these feeds
 * that this build no longer writes. Nothing is visible before the commit; `abort` drops it all.
 */
export class OutputSet {
  private readonly staged: { sink?: FileSink; temp: string; final: string; feed?: string; text?: string; sidecar?: true }[] = [];
  /** the shard this run builds (`--shard i/N`): its feeds' records are its own, and its files are marked with it in the manifest */
  private shard?: Shard;
  /** final path -> the feed that claimed it */
  private readonly claimed = new Map<string, string>();

  private constructor(
    readonly dir: string,
    private readonly root: string,
    private readonly staging: string,
  ) {}

  /** Make the output and staging folders, after removing what dead runs left there; `shard`: for a shard's run. */
  static open(dir: string, root: string, shard?: Shard): OutputSet {
    const shown = path.relative(root, dir) || '.';
    try {
      mkdirSync(dir, { recursive: true });
    } catch (error) {
      throw outputFailed(shown, 'create the output folder', error);
    }
    removeDeadRuns(dir);
    const staging = path.join(dir, `.omnifeed-run-${process.pid}`);
    try {
      mkdirSync(staging);
    } catch (error) {
      throw outputFailed(path.join(shown, path.basename(staging)), 'create the staging folder', error);
    }
    open.add(staging);
    const set = new OutputSet(dir, root, staging);
    set.shard = shard;
    return set;
  }

  private shown(final: string): string {
    return path.relative(this.root, final);
  }

  /** The file of a path relative to the output folder, claimed for `feed`. */
  private claim(name: string, feed: string | undefined, file: string): string {
    const final = path.resolve(this.dir, name);
    const relative = path.relative(this.dir, final);
    if (relative === '' || relative.startsWith('..') || path.isAbsolute(relative)) {
      throw new OmnifeedError('CONFIG_INVALID', `${file}: /output/path: '${name}' is outside the output folder`);
    }
    const owner = this.claimed.get(final);
    if (owner !== undefined || (feed !== undefined && RESERVED_FILES.includes(relative))) {
      throw new OmnifeedError(
        'CONFIG_INVALID',
        `${file}: /output/path: ${this.shown(final)} is also written by ${owner === undefined ? 'omnifeed itself' : `feed '${owner}'`}`,
      );
    }
    this.claimed.set(final, feed ?? '');
    return final;
  }

  /** The files of one feed; `file` is its definition, for messages. Its per-SKU records go with them, in `.omnifeed/`. */
  feedFiles(feed: string, file: string): FeedFiles {
    const paths: string[] = [];
    const sinks: FileSink[] = [];
    const stage = (name: string, sidecar: boolean, level?: number): FileSink => {
      const final = sidecar ? path.resolve(this.dir, name) : this.claim(name, feed, file);
      const temp = path.join(this.staging, `${this.staged.length}-${path.basename(final)}`);
      const sink = new FileSink(temp, this.shown(final), { gzip: sidecar, level });
      this.staged.push({ sink, temp, final, feed, ...(sidecar ? { sidecar: true as const } : {}) });
      if (!sidecar) paths.push(final);
      sinks.push(sink);
      return sink;
    };
    return {
      paths,
      create: (name: string): TextSink => stage(name, false),
      records: () => stage(recordsPath(shardKey(feed, this.shard)), true),
      // the listing state is about as big as the feed: the fastest compression level
      items: () => stage(itemsPath(feed), true, 1),
      abort: async () => {
        for (const sink of sinks) await sink.destroy();
        this.staged.splice(0, this.staged.length, ...this.staged.filter((s) => !s.sink || !sinks.includes(s.sink)));
        for (const final of paths) this.claimed.delete(final);
        paths.length = 0;
        sinks.length = 0;
      },
    };
  }

  /** A small file of the run (the report), written with the set. */
  addText(name: string, text: string): void {
    const final = this.claim(name, undefined, name);
    const temp = path.join(this.staging, `${this.staged.length}-${path.basename(final)}`);
    try {
      writeFileSync(temp, text);
    } catch (error) {
      throw outputFailed(this.shown(final), 'write', error);
    }
    this.staged.push({ temp, final, text });
  }

  /**
   * Put the set in place with its manifest. `feeds`: the feeds this run built (their earlier files
   * not written again are removed); `defined`: every feed of the workspace (files of feeds no longer
   * defined are removed too; other feeds' files are kept). Returns the manifest written.
   */
  commit(built: string, feeds: string[], defined: string[]): Manifest {
    const previous = readManifest(this.dir, this.root);
    const shard = shardTag(this.shard);
    const files: ManifestFile[] = this.staged.map(({ sink, final, feed, text, sidecar }) => ({
      path: path.relative(this.dir, final).split(path.sep).join('/'),
      ...(feed === undefined ? {} : { feed }),
      ...(sink ? sink.written! : { bytes: Buffer.byteLength(text!), sha256: createHash('sha256').update(text!).digest('hex') }),
      built,
      ...(sidecar ? { sidecar } : {}),
      ...(shard ? { shard } : {}),
    }));
    const writing = new Set(files.map((f) => f.path));
    const kept = previous.files
      .filter(
        (f) =>
          f.path !== MANIFEST_FILE &&
          !writing.has(f.path) &&
          (f.feed === undefined || defined.includes(f.feed)) &&
          !this.replaces(f, feeds) &&
          existsSync(path.resolve(this.dir, f.path)),
      )
      .map((f) => (f.sha256 ? f : { ...f, ...measure(path.resolve(this.dir, f.path)) }));
    const stale = previous.files.filter((f) => f.path !== MANIFEST_FILE && !writing.has(f.path) && !kept.includes(f));
    const manifest: Manifest = { omnifeed: 1, files: [...files, ...kept].sort((a, b) => a.path.localeCompare(b.path)) };
    this.addText(MANIFEST_FILE, `${JSON.stringify(manifest, null, 2)}\n`);
    const moves: Move[] = this.staged.map(({ temp, final }) => ({ temp, final, shown: this.shown(final) }));
    const dropped: Move[] = stale.map((f) => {
      const final = path.resolve(this.dir, f.path);
      return { temp: '', final, shown: this.shown(final) };
    });
    commitSet(this.staging, moves, dropped);
    this.close();
    return manifest;
  }

  /**
   * Whether this run's files take the place of an earlier file: of a feed it built, or the run
   * report. A whole build and the shards' builds live side by side: a whole build replaces the
   * whole build's files; a shard's build replaces that shard's files and report, and those of a
   * split into another number of shards.
   */
  private replaces(earlier: ManifestFile, feeds: string[]): boolean {
    if (earlier.feed !== undefined && !feeds.includes(earlier.feed)) return false;
    if (!this.shard || earlier.shard === undefined) return !this.shard && earlier.shard === undefined;
    const [index, count] = earlier.shard.split('/').map(Number);
    return count !== this.shard.count || index === this.shard.index;
  }

  /** Drop every staged file. */
  async abort(): Promise<void> {
    for (const { sink } of this.staged) await sink?.destroy();
    this.close();
  }

  private close(): void {
    open.delete(this.staging);
    rmSync(this.staging, { recursive: true, force: true });
  }
}

/** For a signal handler: drop the staging folders of runs in progress (a commit is all synchronous, so none is half done). */
export function abandonStaging(): void {
  for (const staging of open) rmSync(staging, { recursive: true, force: true });
  open.clear();
}

/** Size and hash of a file an older omnifeed wrote without a manifest. */
function measure(file: string): { bytes: number; sha256: string } {
  const data = readFileSync(file);
  return { bytes: data.length, sha256: createHash('sha256').update(data).digest('hex') };
}

const alive = (pid: number) => {
  if (pid === process.pid) return false; // our own pid from an earlier life (pids are reused, PID 1 in containers)
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
};

/** Remove the staging folders (undoing a half-done commit) and old temporary files of runs that died. */
function removeDeadRuns(dir: string): void {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return;
  }
  for (const name of names) {
    const staging = STAGING.exec(name);
    if (staging && !alive(Number(staging[1]))) recoverStaging(path.join(dir, name));
    const old = OLD_TEMP.exec(name);
    if (old && !alive(Number(old[1]))) rmSync(path.join(dir, name), { force: true });
  }
}
