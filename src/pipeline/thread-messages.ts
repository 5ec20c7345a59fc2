/** What the main thread and a feed thread (see `threads.ts`, `feed-thread.ts`) say to each other. */
import type { FeedReport } from '../report.js';
import type { Shard } from '../output/shards.js';

/** A feed thread's set-up: the workspace and its feeds, compiled again in the thread. */
export interface ThreadData {
  cwd: string;
  feeds: string[];
  now: string;
  env: Record<string, string | undefined>;
  /** the catalog's header, for the names expressions may use */
  header?: string[];
  /** keep per-SKU records (build; not validate) */
  records: boolean;
  /** time the stages (`--profile`) */
  profile?: boolean;
  /** `--shard i/N`: the feeds write the shard's files */
  shard?: Shard;
}

/** Main → thread: a batch of groups (v8-serialized `CatalogGroup[]`), the end of the catalog, a chunk written, a file closed. */
export type ToThread = { groups: Uint8Array } | { end: true } | { ack: true } | { closed: number };

/** Thread → main: open a file of a feed (`name` null: its records), a chunk of it, its end; a batch done; the reports; a failure. */
export type FromThread =
  | { open: number; feed: string; name: string | null }
  | { chunk: number; data: Uint8Array }
  | { close: number }
  | { batch: true }
  | { done: FeedReport[]; profile?: [string, number][] }
  | { error: { code?: string; message: string; stack?: string } };

/** Chunks a thread may have on their way to the files before it waits: bounds the memory between the threads. */
export const CHUNK_WINDOW = 16;
/** Batches of groups the main thread may send ahead of a thread. */
export const BATCH_WINDOW = 4;
