/**
 * A feed thread: compiles its share of the run's feeds from their definitions and builds them
 * from the groups the main thread reads, in catalog order. Its files' text is encoded here and
 * handed to the main thread as Buffers, which writes them; at most CHUNK_WINDOW chunks at a time.
 */
import { deserialize } from 'node:v8';
import { parentPort, workerData } from 'node:worker_threads';
import type { CatalogGroup } from '../catalog/catalog.js';
import { OmnifeedError } from '../errors.js';
import type { FeedFiles, TextSink } from '../output/files.js';
import { SKU_HEADER } from '../output/skus.js';
import { FeedRunner, knownNames } from './feed.js';
import { Profile } from './profile.js';
import { feedGroup, newFeedReport, type FeedOutput } from './feed-group.js';
import { chooseFeeds, openWorkspace } from './session.js';
import { CHUNK_WINDOW, type FromThread, type ThreadData, type ToThread } from './thread-messages.js';

const CHUNK = 1 << 16;
const data = workerData as ThreadData;
const port = parentPort!;
const profile = data.profile ? new Profile() : undefined;
const post = (message: FromThread, transfer?: ArrayBuffer[]) => port.postMessage(message, transfer);

let inFlight = 0;
const waiting = new Map<number, () => void>();
let resume: (() => void)[] = [];

/** A file of a feed, written by the main thread: text is encoded straight into a 64 KB chunk, sent when full. */
class RemoteSink implements TextSink {
  private chunk = Buffer.allocUnsafeSlow(CHUNK);
  private used = 0;
  constructor(private readonly id: number) {}

  write(text: string): void | Promise<void> {
    if (this.fits(text)) {
      this.used += this.chunk.write(text, this.used);
      return;
    }
    const sent = this.flush();
    return sent ? sent.then(() => this.start(text)) : this.start(text);
  }

  /** Text that did not fit the last chunk: the start of the next one, or sent by itself when longer than a chunk. */
  private start(text: string): void | Promise<void> {
    if (!this.fits(text)) return this.send(Buffer.from(text, 'utf8'));
    this.used = this.chunk.write(text, 0);
  }

  /** at most 3 bytes a UTF-16 unit: counted exactly only near the chunk's end */
  private fits(text: string): boolean {
    const room = CHUNK - this.used;
    return text.length * 3 <= room || Buffer.byteLength(text) <= room;
  }

  private flush(): void | Promise<void> {
    if (this.used === 0) return;
    const bytes = this.chunk.subarray(0, this.used);
    this.chunk = Buffer.allocUnsafeSlow(CHUNK);
    this.used = 0;
    return this.send(bytes);
  }

  /** Hand bytes to the main thread: their memory moves with them. */
  private send(bytes: Buffer): void | Promise<void> {
    const data = new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    inFlight++;
    // a chunk, or a text longer than one: memory of their own, never Buffer's shared 8 KB pool
    const own = bytes.byteOffset === 0 && bytes.buffer.byteLength >= CHUNK;
    post({ chunk: this.id, data }, own ? [bytes.buffer as ArrayBuffer] : undefined);
    if (inFlight >= CHUNK_WINDOW) return new Promise((resolve) => resume.push(resolve));
  }

  async end(): Promise<void> {
    await this.flush();
    await new Promise<void>((resolve) => {
      waiting.set(this.id, resolve);
      post({ close: this.id });
    });
  }
}

let sinks = 0;
const remoteFiles = (feed: string): Omit<FeedFiles, 'paths' | 'abort'> => ({
  create(name) {
    post({ open: ++sinks, feed, name });
    return new RemoteSink(sinks);
  },
  records() {
    if (!data.records) return undefined;
    post({ open: ++sinks, feed, name: null });
    return new RemoteSink(sinks);
  },
  // delta builds run on the main thread: a feed thread writes no listing state
  items: () => undefined,
});

async function compile(): Promise<FeedOutput[]> {
  const workspace = openWorkspace(data.cwd);
  const isKnown = knownNames(data.header ? new Set(data.header) : undefined);
  const ctx = { root: workspace.root, now: new Date(data.now), env: data.env as NodeJS.ProcessEnv };
  const outputs: FeedOutput[] = [];
  for (const feed of chooseFeeds(workspace, data.feeds, data.shard)) {
    const runner = await FeedRunner.create(feed, workspace, ctx, isKnown);
    const files = remoteFiles(feed.name);
    const writer = runner.channel.open(files as FeedFiles);
    const records = files.records();
    await records?.write(SKU_HEADER);
    outputs.push({ runner, writer, records, report: newFeedReport(runner, data.now) });
  }
  return outputs;
}

const queue: ToThread[] = [];
let wake: (() => void) | undefined;
port.on('message', (message: ToThread) => {
  if ('closed' in message) {
    waiting.get(message.closed)?.();
    waiting.delete(message.closed);
    return;
  }
  if ('ack' in message) {
    inFlight--;
    const go = resume;
    resume = [];
    for (const resolve of go) resolve();
    return;
  }
  queue.push(message);
  wake?.();
});

async function next(): Promise<ToThread> {
  while (queue.length === 0) await new Promise<void>((resolve) => (wake = resolve));
  return queue.shift()!;
}

/** Every feed of the thread through each group of a batch, in catalog order. */
async function build(outputs: FeedOutput[], batch: Uint8Array): Promise<void> {
  const started = profile ? Profile.now() : 0;
  const groups = deserialize(batch) as CatalogGroup[];
  profile?.add('hand-off: deserialize groups (feed threads)', started);
  for (const group of groups) for (const output of outputs) await feedGroup(output, group, profile);
}

try {
  const outputs = await compile();
  for (let message = await next(); !('end' in message); message = await next()) {
    if ('groups' in message) await build(outputs, message.groups);
    post({ batch: true });
  }
  for (const { writer, records } of outputs) {
    await writer.close();
    await records?.end();
  }
  post({
    done: outputs.map(({ runner, report }) => {
      const notes = runner.channel.channel.notes?.();
      return notes?.length ? { ...report, notes } : report;
    }),
    profile: profile?.entries(),
  });
} catch (error) {
  const code = error instanceof OmnifeedError ? error.code : undefined;
  post({ error: { code, message: (error as Error).message, stack: (error as Error).stack } });
}
port.close();
