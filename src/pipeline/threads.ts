/**
 * The feeds of a run built on feed threads (`--threads N`): each thread is given feeds of about
 * equal cost (`shareFeeds`), compiles them from their definitions and builds them from every
 * group in catalog order, exactly as the main thread would. The main thread reads the catalog
 * once, sends each batch of groups to every thread (serialized once) and writes the Buffers the
 * threads hand back, in order, with backpressure both ways. A feed is built by one thread alone:
 * its files and report are the same for any N.
 */
import { existsSync } from 'node:fs';
import { serialize } from 'node:v8';
import { Worker } from 'node:worker_threads';
import type { CatalogGroup } from '../catalog/catalog.js';
import { findChannel } from '../channels/index.js';
import type { FeedDefinition } from '../config/types.js';
import { OmnifeedError, type ErrorCode } from '../errors.js';
import type { FeedFiles, TextSink } from '../output/files.js';
import type { FeedReport } from '../report.js';
import { Profile } from './profile.js';
import { BATCH_WINDOW, type FromThread, type ThreadData, type ToThread } from './thread-messages.js';

/** The thread's script; absent when running from the TypeScript sources (tests), which build on the main thread. */
const SCRIPT = new URL('./feed-thread.js', import.meta.url);
/** Products per batch sent to the threads. */
const BATCH_PRODUCTS = 400;

/** A feed thread's old-generation heap. */
const HEAP_MB = 192;

export const threadsAvailable = () => existsSync(SCRIPT);

export interface ThreadsOptions extends Omit<ThreadData, 'feeds'> {
  feeds: FeedDefinition[];
  threads: number;
  filesOf: (feed: FeedDefinition) => FeedFiles;
  /** where the stages' times go (`--profile`): the main thread's, and the threads' when they finish */
  timing?: Profile;
}

/** One feed thread, seen from the main thread. */
class FeedThread {
  readonly worker: Worker;
  private readonly sinks = new Map<number, TextSink>();
  /** the thread's file writes, one after the other */
  chain: Promise<void> = Promise.resolve();
  /** the sinks that are a feed's records, not its files */
  private readonly sidecars = new Set<number>();
  /** records files the thread is done with: ended once every thread's feed files are (as on the main thread, a feed file fails first) */
  readonly records: { feed: string; sink: TextSink }[] = [];
  private readonly feedOf = new Map<number, string>();
  /** batches sent and not yet done */
  pending = 0;
  done?: FeedReport[];
  /** the thread sent its reports (or its failure): its exit is expected */
  private reported = false;
  profile?: [string, number][];

  constructor(
    data: ThreadData,
    private readonly files: Map<string, FeedFiles>,
    /** `sidecar`: a write of the records failed (a feed file's failure is the one to name, when both fail) */
    private readonly fail: (error: Error, sidecar?: boolean) => void,
    private readonly changed: () => void,
    private readonly timing?: Profile,
  ) {
    // a thread holds its compiled feeds and a few batches: a bounded heap keeps its garbage from piling up
    this.worker = new Worker(SCRIPT, { workerData: data, resourceLimits: { maxOldGenerationSizeMb: HEAP_MB } });
    this.worker.on('message', (message: FromThread) => this.receive(message));
    this.worker.on('error', (error) => this.fail(new Error(`a feed thread failed: ${error.message}`)));
    // the thread exits once it has sent its reports, maybe before the writes before them are done here
    this.worker.on('exit', (code) => {
      if (!this.reported) this.fail(new Error(`a feed thread stopped (exit code ${code})`));
    });
  }

  post(message: ToThread): void {
    this.worker.postMessage(message);
  }

  private receive(message: FromThread): void {
    if ('open' in message) {
      const files = this.files.get(message.feed)!;
      this.sinks.set(message.open, message.name === null ? files.records()! : files.create(message.name));
      if (message.name === null) this.sidecars.add(message.open);
      this.feedOf.set(message.open, message.feed);
    } else if ('chunk' in message) {
      const sink = this.sinks.get(message.chunk)!;
      this.then(message.chunk, async () => {
        const started = this.timing ? Profile.now() : 0;
        const data = Buffer.from(message.data.buffer, message.data.byteOffset, message.data.byteLength);
        await (sink.writeBytes ? sink.writeBytes(data) : sink.write(data.toString('utf8')));
        this.timing?.add('write files (main thread)', started);
        this.post({ ack: true });
      });
    } else if ('close' in message) {
      const sink = this.sinks.get(message.close)!;
      const feed = this.sidecars.has(message.close) ? this.feedOf.get(message.close)! : undefined;
      this.then(message.close, async () => {
        if (feed !== undefined) this.records.push({ feed, sink });
        else await sink.end();
        this.post({ closed: message.close });
      });
    } else if ('batch' in message) {
      this.pending--;
      this.changed();
    } else if ('done' in message) {
      this.reported = true;
      // the reports come after the thread's last file is closed: its writes are all in the chain
      void this.chain.then(() => {
        this.profile = message.profile;
        this.done = message.done;
        this.changed();
      });
    } else {
      this.reported = true;
      const { code, message: text, stack } = message.error;
      const error = code ? new OmnifeedError(code as ErrorCode, text) : new Error(text);
      if (stack && !code) error.stack = stack;
      this.fail(error);
    }
  }

  private then(sink: number, step: () => Promise<void>): void {
    this.chain = this.chain.then(step).catch((error: Error) => this.fail(error, this.sidecars.has(sink)));
  }
}

/**
 * The feeds' names for each of `n` threads: the costliest feed first (by its channel's
 * `buildCost`), each to the thread with the least cost so far, so that no thread waits long for
 * another (the main thread sends each batch to every thread, at most BATCH_WINDOW ahead of the
 * slowest). Which thread builds a feed changes none of its files.
 */
export function shareFeeds(feeds: readonly FeedDefinition[], n: number): string[][] {
  const shares = Array.from({ length: n }, () => ({ cost: 0, feeds: [] as string[] }));
  const cost = (feed: FeedDefinition) => findChannel(feed.channel)?.buildCost ?? 1;
  // a stable sort: feeds of equal cost keep the run's order
  for (const feed of [...feeds].sort((a, b) => cost(b) - cost(a))) {
    const least = shares.reduce((a, b) => (b.cost < a.cost ? b : a));
    least.cost += cost(feed);
    least.feeds.push(feed.name);
  }
  return shares.map((share) => share.feeds);
}

export class FeedThreads {
  private readonly threads: FeedThread[];
  private failure?: Error;
  /** a records file's failure, named only when no feed file failed */
  private sidecarFailure?: Error;
  private wake?: () => void;
  private batch: CatalogGroup[] = [];
  private products = 0;

  constructor(private readonly options: ThreadsOptions) {
    const n = Math.max(1, Math.min(options.threads, options.feeds.length));
    const files = new Map(options.feeds.map((feed) => [feed.name, options.filesOf(feed)]));
    const { feeds, threads: _n, filesOf: _f, timing, ...rest } = options;
    const data = { ...rest, profile: timing !== undefined };
    this.threads = shareFeeds(feeds, n).map(
      (mine) =>
        new FeedThread(
          { ...data, feeds: mine },
          files,
          (error, sidecar) => this.stop(error, sidecar),
          () => this.wake?.(),
          timing,
        ),
    );
  }

  private stop(error: Error, sidecar = false): void {
    if (sidecar) this.sidecarFailure ??= error;
    else this.failure ??= error;
    for (const thread of this.threads) void thread.worker.terminate();
    this.wake?.();
  }

  /** After a failure, the writes under way end (they may fail too), and the first feed file's failure is thrown, else the records'. */
  private async rethrow(): Promise<void> {
    if (!this.failure && !this.sidecarFailure) return;
    await Promise.all(this.threads.map((t) => t.chain));
    throw this.failure ?? this.sidecarFailure;
  }

  private async until(ready: () => boolean): Promise<void> {
    while (!ready()) {
      await this.rethrow();
      await new Promise<void>((resolve) => (this.wake = resolve));
    }
    await this.rethrow();
  }

  /** Queue a group for every thread; waits while a thread is BATCH_WINDOW batches behind. */
  async send(group: CatalogGroup): Promise<void> {
    this.batch.push(group);
    this.products += group.variants.length + (group.parent ? 1 : 0);
    if (this.products >= BATCH_PRODUCTS) await this.flush();
  }

  private async flush(): Promise<void> {
    if (this.batch.length === 0) return;
    const { timing } = this.options;
    let started = timing ? Profile.now() : 0;
    await this.until(() => this.threads.every((t) => t.pending < BATCH_WINDOW));
    timing?.add('hand-off: wait for the feed threads (main thread)', started);
    if (timing) started = Profile.now();
    const groups = serialize(this.batch);
    timing?.add('hand-off: serialize groups (main thread)', started);
    this.batch = [];
    this.products = 0;
    for (const thread of this.threads) {
      thread.pending++;
      thread.post({ groups });
    }
  }

  /** Send the last batch, let every thread close its feeds, and gather the feeds' reports in the run's order. */
  async finish(): Promise<FeedReport[]> {
    await this.flush();
    for (const thread of this.threads) thread.post({ end: true });
    await this.until(() => this.threads.every((t) => t.done));
    const records = new Map(this.threads.flatMap((t) => t.records).map((r) => [r.feed, r.sink]));
    for (const feed of this.options.feeds) await records.get(feed.name)?.end();
    const reports = new Map(this.threads.flatMap((t) => t.done!).map((r) => [r.feed, r]));
    for (const thread of this.threads) this.options.timing?.merge(thread.profile ?? []);
    await Promise.all(this.threads.map((t) => t.worker.terminate()));
    return this.options.feeds.map((feed) => reports.get(feed.name)!);
  }

  /** Stop the threads (a failure, or a scattered catalog read again). */
  async abort(): Promise<void> {
    this.failure ??= new Error('aborted');
    await Promise.all(this.threads.map((t) => t.worker.terminate()));
  }
}
