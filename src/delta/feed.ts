/**
 * One feed of a delta build: an item writer in place of the channel's. It joins each item the
 * feed lists with the last publish's listing state, has the channel's delta writer send what is
 * new, changed or gone (only the channel's full writer too, for a channel whose main feed stays
 * a snapshot), and writes the new listing state beside the feed's records. It reads the
 * records as they are written, for the reasons of the listings that left.
 */
import type { ChannelDelta, DeltaWriter, ItemWriter } from '../channels/types.js';
import type { FeedFiles, TextSink } from '../output/files.js';
import type { DeltaReport } from '../report.js';
import { formatEntry, listedInRecords, readItems, remoteIds, type ItemEntry } from './items.js';
import { ItemJoin } from './join.js';

/** How many removed listings the report names. */
const SAMPLE_SIZE = 20;
/** The reason of a listing whose SKU has no record in the build: it left the catalog. */
const GONE = 'not-in-catalog';

/** What a delta is made against: the last publish's listing state and records (none: a first publish). */
export interface DeltaBase {
  /** the last publish's time, or null */
  published: string | null;
  /** its listing state file; undefined when it recorded none */
  items?: string;
  /** its per-SKU records */
  records?: string;
  /** how messages name a file of the state folder */
  shown: (file: string) => string;
}

/** The item of a state entry; null when the last publish kept only its key. */
const parsed = (entry: ItemEntry): unknown => (entry.json === null ? null : JSON.parse(entry.json));

export class DeltaFeed {
  private writer!: DeltaWriter;
  private join!: ItemJoin;
  private ready: Promise<void> | undefined;
  /** SKUs the build does not list, with their reasons (from the records as they are written) */
  private readonly reasons = new Map<string, string>();
  private readonly removed: Record<string, number> = {};
  private readonly samples: string[] = [];
  private operations: Record<string, number> = {};
  private readonly state: TextSink | undefined;

  constructor(
    private readonly delta: ChannelDelta,
    private readonly files: FeedFiles,
    private readonly base: DeltaBase,
    /** the channel's own writer: the full feed, for a channel whose delta goes beside it */
    private readonly full: ItemWriter | undefined,
  ) {
    this.state = files.items();
  }

  private async start(): Promise<void> {
    const { items, records, shown } = this.base;
    const ids = records ? await remoteIds(records, shown(records)) : new Map<string, string>();
    this.writer = this.delta.open(this.files, { remoteId: (key) => ids.get(key) });
    const old = items ? readItems(items, shown(items)) : records ? listedInRecords(records, shown(records)) : undefined;
    this.join = new ItemJoin(old, { pair: (key, item, before) => this.pair(key, item, before), gone: (before) => this.gone(before) });
  }

  /** The records of the feed pass through here on their way to their file. */
  records(sink: TextSink | undefined): TextSink | undefined {
    if (!sink) return undefined;
    return {
      write: (text) => {
        for (const line of text.split('\n')) {
          const cells = line.split('\t', 8);
          if (cells.length < 8 || cells[0] === 'sku') continue;
          if (cells[6] === '1') this.reasons.delete(cells[0]);
          else this.reasons.set(cells[0], cells[7] || 'not-listed');
        }
        return sink.write(text);
      },
      end: () => sink.end(),
    };
  }

  private keep(entry: ItemEntry): void | Promise<void> {
    return this.state?.write(formatEntry(entry));
  }

  private async pair(key: string, item: unknown, before: ItemEntry | undefined): Promise<void> {
    const json = JSON.stringify(item);
    await this.keep({ key, json });
    if (before?.removed) return this.writer.change(item, JSON.parse(before.json!), true);
    if (before && before.json === json) return;
    await this.writer.change(item, before ? parsed(before) : undefined);
  }

  private async gone(before: ItemEntry): Promise<void> {
    if (before.removed) return this.keep(before);
    const reason = this.reasons.get(before.key) ?? GONE;
    this.removed[reason] = (this.removed[reason] ?? 0) + 1;
    if (this.samples.length < SAMPLE_SIZE) this.samples.push(`${before.key} ${reason}`);
    await this.writer.remove(parsed(before), before.key);
    if (this.delta.keepsRemoved) await this.keep({ ...before, removed: true });
  }

  /** The item writer the feed pass writes to. */
  writerFor(): ItemWriter {
    return {
      write: async (item) => {
        await (this.ready ??= this.start());
        await this.full?.write(item);
        await this.join.push(this.delta.key(item), item);
      },
      close: async () => {
        await (this.ready ??= this.start());
        await this.join.end();
        this.operations = await this.writer.close();
        await this.full?.close();
        await this.state?.end();
      },
    };
  }

  report(): DeltaReport {
    const operations = Object.fromEntries(this.delta.operations.map((op) => [op, this.operations[op] ?? 0]));
    return {
      base: this.base.published,
      ...(this.base.published && !this.base.items ? { unknown_before: true as const } : {}),
      operations,
      removed: this.removed,
      removed_samples: this.samples,
    };
  }
}
