import { createReadStream, existsSync, statSync } from 'node:fs';
import { createInterface } from 'node:readline';
import StreamArray from 'stream-json/streamers/StreamArray.js';
import type { CatalogFormat } from '../config/types.js';
import { Worker } from 'node:worker_threads';
import { OmnifeedError, type ErrorCode } from '../errors.js';
import type { Issue } from '../model.js';
import { parseDelimited, type DelimitedEvent, type DelimitedSource } from './delimited.js';
import { catalogIssue } from './rules.js';

/**
 * One record of a source, before column mapping: an object (JSON), or an array under the last
 * header (CSV, databases). CSV cells are text; database values keep their type (number, boolean,
 * text, null).
 */
export interface RawRow {
  values?: Record<string, unknown>;
  record?: readonly unknown[];
  /** first line of the record (CSV, NDJSON) */
  line?: number;
  /** 0-based position of the record in a JSON array */
  index?: number;
  /** a database row's number in the query's result, from 1 */
  row?: number;
}

/** What a reader yields: records, and the records it could not read as issues. */
export type SourceEvent = { row: RawRow } | { issue: Issue } | { header: string[] };

/** Stream the records of a CSV, TSV, NDJSON or JSON-array file; `skuColumn` lets the issue of a skipped row name its SKU. */
export function readFile(file: string, shown: string, format: CatalogFormat, skuColumn?: string): AsyncIterable<SourceEvent> {
  if (!existsSync(file) || !statSync(file).isFile()) {
    throw new OmnifeedError('CATALOG_UNREADABLE', `${shown}: file not found`);
  }
  if (format === 'ndjson') return readNdjson(file, shown);
  if (format === 'json') return readJsonArray(file, shown);
  return readDelimited({ file, shown, delimiter: format === 'tsv' ? '\t' : ',', skuColumn });
}

/** The worker that parses CSV on the second core; absent when running from the TypeScript sources (tests). */
const WORKER = new URL('./csv-worker.js', import.meta.url);

async function* readDelimited(source: DelimitedSource): AsyncIterable<SourceEvent> {
  const events = existsSync(WORKER) ? parseInWorker(source) : parseDelimited(source);
  for await (const event of events) yield 'record' in event ? { row: event } : event;
}

/** A row's value in a column, whichever form the row has. */
export function cell(row: RawRow, header: string[], column: string): unknown {
  return row.record ? row.record[header.indexOf(column)] : row.values![column];
}

/** Messages from the CSV worker: a batch of events, the end, or the failure that stopped it. */
export type WorkerMessage = { events: DelimitedEvent[] } | { end: true } | { error: { code?: string; message: string } };

/** Batches the worker may send ahead of the reader: bounds the memory held between the two threads. */
export const WORKER_WINDOW = 4;

async function* parseInWorker(source: DelimitedSource): AsyncGenerator<DelimitedEvent> {
  const { shown } = source;
  // the parser holds a few batches at a time: a small heap keeps its garbage from piling up
  const worker = new Worker(WORKER, {
    workerData: source,
    resourceLimits: { maxOldGenerationSizeMb: 96, maxYoungGenerationSizeMb: 32 },
  });
  const queue: WorkerMessage[] = [];
  let wake: (() => void) | undefined;
  let failure: Error | undefined;
  worker.on('message', (message: WorkerMessage) => {
    queue.push(message);
    wake?.();
  });
  // a thread that dies (out of memory on a giant row, say) fails the read instead of leaving it waiting
  worker.on('error', (error) => {
    failure ??= new OmnifeedError('CATALOG_UNREADABLE', `${shown}: the CSV parser thread failed: ${error.message}`);
    wake?.();
  });
  worker.on('exit', (code) => {
    failure ??= new OmnifeedError('CATALOG_UNREADABLE', `${shown}: the CSV parser thread stopped (exit code ${code})`);
    wake?.();
  });
  const next = async (): Promise<WorkerMessage> => {
    while (queue.length === 0) {
      if (failure) throw failure;
      await new Promise<void>((resolve) => (wake = resolve));
    }
    return queue.shift()!;
  };
  try {
    for (;;) {
      const message = await next();
      if ('end' in message) return;
      if ('error' in message) {
        throw message.error.code
          ? new OmnifeedError(message.error.code as ErrorCode, message.error.message)
          : new Error(message.error.message);
      }
      worker.postMessage('next');
      yield* message.events;
    }
  } finally {
    await worker.terminate();
  }
}

async function* readNdjson(file: string, shown: string): AsyncIterable<SourceEvent> {
  const lines = createInterface({ input: createReadStream(file), crlfDelay: Infinity });
  let line = 0;
  for await (const text of lines) {
    line++;
    if (text.trim() === '') continue;
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch (error) {
      yield {
        issue: catalogIssue('json-unreadable-row', { message: `line ${line} skipped: ${(error as Error).message}`, file: shown, line }),
      };
      continue;
    }
    if (value === null || typeof value !== 'object' || Array.isArray(value)) {
      yield { issue: catalogIssue('json-unreadable-row', { message: `line ${line} skipped: not a JSON object`, file: shown, line }) };
      continue;
    }
    yield { row: { values: value as Record<string, unknown>, line } };
  }
}

async function* readJsonArray(file: string, shown: string): AsyncIterable<SourceEvent> {
  const pipeline = createReadStream(file).pipe(StreamArray.withParser());
  try {
    for await (const { key, value } of pipeline as AsyncIterable<{ key: number; value: unknown }>) {
      if (value === null || typeof value !== 'object' || Array.isArray(value)) {
        yield {
          issue: catalogIssue('json-unreadable-row', {
            message: `item [${key}] skipped: not a JSON object`,
            file: shown,
            column: `[${key}]`,
          }),
        };
        continue;
      }
      yield { row: { values: value as Record<string, unknown>, index: key } };
    }
  } catch (error) {
    throw new OmnifeedError('CATALOG_UNREADABLE', `${shown}: not a JSON array of objects: ${(error as Error).message}`);
  }
}
