import { closeSync, createReadStream, openSync, readSync } from 'node:fs';
import { isUtf8 } from 'node:buffer';
import { parse as parseCsv, type CsvError } from 'csv-parse';
import { parse as parseLine } from 'csv-parse/sync';
import { OmnifeedError } from '../errors.js';
import type { Issue } from '../model.js';
import { columnNames, readPlain } from './plain-csv.js';
import { catalogIssue } from './rules.js';

/** A CSV or TSV file to parse; `skuColumn` lets a skipped row's issue name its SKU. */
export interface DelimitedSource {
  file: string;
  shown: string;
  delimiter: string;
  skuColumn?: string;
}

/** What the CSV parser yields: the header, a record with its first line, or a skipped row. */
export type DelimitedEvent = { header: string[] } | { record: string[]; line: number } | { issue: Issue };

type Info = { lines: number; empty_lines: number; bytes: number };

/**
 * Parse a CSV or TSV file: a plain one by the fast reader (plain-csv.ts), else with csv-parse.
 * The fast reader stops at the first record that is not plain; csv-parse then reads the file
 * from its start, and the header and records the fast reader gave already are passed over.
 */
export async function* parseDelimited(source: DelimitedSource): AsyncGenerator<DelimitedEvent> {
  let read = 0;
  for await (const event of readPlain(source.file, source.delimiter)) {
    if ('irregular' in event) return yield* afterPlain(source, read);
    read++;
    yield event;
  }
}

/** csv-parse's events from the file's start, less the header and records the fast reader gave (`read` of them) */
async function* afterPlain(source: DelimitedSource, read: number): AsyncGenerator<DelimitedEvent> {
  for await (const event of parseWithCsvParse(source)) {
    if (read > 0 && !('issue' in event)) read--;
    else yield event;
  }
}

/**
 * Parse a CSV or TSV file with csv-parse; unreadable rows become issues, in line order. A row
 * with a stray quote can swallow the rows after it: each swallowed line that reads as a row on
 * its own is reported too, with its SKU. Rows holding bytes that are not UTF-8 are skipped as
 * `text-invalid-utf8` with their line and column.
 */
export async function* parseWithCsvParse(source: DelimitedSource): AsyncGenerator<DelimitedEvent> {
  const { file, shown, delimiter } = source;
  const skipped: CsvError[] = [];
  const parser = parseCsv({
    delimiter,
    bom: true,
    info: true,
    skip_empty_lines: true,
    skip_records_with_error: true,
    quote: delimiter === '\t' ? false : '"',
  });
  parser.on('skip', (error: CsvError) => skipped.push(error));
  const utf8 = new Utf8Check();
  createReadStream(file, { highWaterMark: 1 << 20 })
    .on('error', (error) => parser.destroy(error))
    .on('data', (chunk) => utf8.push(chunk as Buffer))
    .on('end', () => utf8.end())
    .pipe(parser);

  let header: string[] | undefined;
  let lastLine = 0;
  let lastEmpty = 0;
  /** csv-parse counts a CRLF inside a quoted cell as two lines: the CRLFs read so far, to take off its line numbers */
  let drift = 0;
  const lost = new LostRows(source);
  /** csv-parse reports skipped records as they are parsed, ahead of the records still queued: release them in line order */
  const skippedBefore = function* (line: number): Generator<DelimitedEvent> {
    while (skipped.length > 0 && Number(skipped[0].lines) - drift <= line) {
      const error = skipped.shift()!;
      const reported = Number(error.lines);
      while (skipped.length > 0 && Number(skipped[0].lines) === reported) skipped.shift();
      const at = reported - drift;
      const from = Math.min(lastLine + 1, at);
      lastLine = at;
      for (const issue of lost.report(from, at, error.message.replace(/ at line \d+| on line \d+/, ''), header)) yield { issue };
    }
  };
  try {
    for await (const { record, info } of parser as AsyncIterable<{ record: string[]; info: Info }>) {
      const before = drift;
      drift += crlfInside(record);
      yield* skippedBefore(info.lines - before);
      const line = lastLine + 1 + (info.empty_lines - lastEmpty);
      lastLine = info.lines - drift;
      lastEmpty = info.empty_lines;
      lost.after(info.bytes);
      if (!header) yield { header: (header = columnNames(record)) };
      else if (utf8.bad && record.some((cell) => cell.includes('\uFFFD'))) yield { issue: invalidUtf8(source, header, record, line) };
      else yield { record, line };
    }
    yield* skippedBefore(Infinity);
  } catch (error) {
    throw new OmnifeedError('CATALOG_UNREADABLE', `${shown}: ${(error as Error).message}`);
  } finally {
    lost.close();
  }
  if (!header) throw new OmnifeedError('CATALOG_UNREADABLE', `${shown}: the file is empty (no header row)`);
}

function invalidUtf8(source: DelimitedSource, header: string[], record: string[], line: number): Issue {
  const index = record.findIndex((cell) => cell.includes('\uFFFD'));
  const skuAt = source.skuColumn === undefined ? -1 : header.indexOf(source.skuColumn);
  const sku = skuAt >= 0 ? record[skuAt]?.trim() || undefined : undefined;
  const column = header[index] ?? `#${index + 1}`;
  const offset = [...record[index]].indexOf('\uFFFD') + 1;
  return catalogIssue('text-invalid-utf8', {
    message: `line ${line}, column '${column}', character ${offset}: bytes that are not UTF-8 (save the file as UTF-8); the row is skipped`,
    file: source.shown,
    line,
    column,
    sku: sku?.includes('\uFFFD') ? undefined : sku,
    field: column,
  });
}

/**
 * Checks that a byte stream is UTF-8 as it goes by, chunk by chunk (node's `isUtf8`); a
 * character cut at a chunk's end is carried into the next.
 */
class Utf8Check {
  bad = false;
  private carry: Buffer = Buffer.alloc(0);

  push(chunk: Buffer): void {
    if (this.bad) return;
    const buffer = this.carry.length > 0 ? Buffer.concat([this.carry, chunk]) : chunk;
    let end = buffer.length;
    let lead = end - 1;
    while (lead >= 0 && end - lead <= 3 && (buffer[lead] & 0xc0) === 0x80) lead--;
    if (lead >= 0 && buffer[lead] >= 0xc0) {
      const length = buffer[lead] >= 0xf0 ? 4 : buffer[lead] >= 0xe0 ? 3 : 2;
      if (end - lead < length) end = lead;
    }
    this.carry = Buffer.from(buffer.subarray(end));
    if (!isUtf8(buffer.subarray(0, end))) this.bad = true;
  }

  end(): void {
    if (this.carry.length > 0) this.bad = true;
  }
}

/**
 * The physical lines of rows csv-parse skipped, read again from the file: a stray quote makes
 * the parser read on through the following lines, so a skipped range can hold whole rows. Each
 * line that reads as a row on its own (as many cells as the header) is named with its SKU.
 */
class LostRows {
  private fd: number | undefined;
  /** where the lines after the last good record start, and the read position in them */
  private start = 0;
  private position = -1;
  private pending = '';

  constructor(private readonly source: DelimitedSource) {}

  /** a good record ended at byte `offset`: a later gap starts there */
  after(offset: number): void {
    this.start = offset;
    this.position = -1;
  }

  report(from: number, at: number, reason: string, header: string[] | undefined): Issue[] {
    const { shown } = this.source;
    const rows = header ? this.rows(at - from + 1, header) : [];
    const first = rows[0]?.line === 0 ? rows.shift() : undefined;
    const range = from === at ? `line ${at}` : `lines ${from}-${at}`;
    const issues = [
      catalogIssue('csv-unreadable-row', { message: `${range} skipped: ${reason}`, file: shown, line: from, sku: first?.sku }),
    ];
    for (const row of rows) {
      issues.push(
        catalogIssue('csv-unreadable-row', {
          message: `line ${from + row.line} skipped: read as part of the record that starts on line ${from} (${reason.split(':')[0]})`,
          file: shown,
          line: from + row.line,
          sku: row.sku,
        }),
      );
    }
    return issues;
  }

  /** the next `count` physical lines of the gap: those that read as a row, by index in the gap, with their SKU */
  private rows(count: number, header: string[]): { line: number; sku: string }[] {
    const skuAt = this.source.skuColumn === undefined ? -1 : header.indexOf(this.source.skuColumn);
    const out: { line: number; sku: string }[] = [];
    for (let i = 0; i < count; i++) {
      const text = this.nextLine();
      if (text === undefined) break;
      if (skuAt < 0) continue;
      const cells = this.cells(text);
      // a quote left open to the end of the line defeats even a lenient parse: the cells before it still name the SKU
      const naive = text.split(this.source.delimiter);
      const sku =
        cells?.length === header.length
          ? cells[skuAt]?.trim()
          : naive.length >= header.length && !naive[skuAt].includes('"')
            ? naive[skuAt].trim()
            : undefined;
      if (sku) out.push({ line: i, sku });
    }
    return out;
  }

  private cells(text: string): string[] | undefined {
    try {
      const delimiter = this.source.delimiter;
      const records = parseLine(text, { delimiter, relax_quotes: true, relax_column_count: true, quote: delimiter === '\t' ? false : '"' });
      return records[0] as string[] | undefined;
    } catch {
      return undefined;
    }
  }

  private nextLine(): string | undefined {
    if (this.position < 0) {
      this.position = this.start;
      this.pending = '';
    }
    this.fd ??= openSync(this.source.file, 'r');
    const buffer = Buffer.alloc(1 << 16);
    while (!this.pending.includes('\n')) {
      const read = readSync(this.fd, buffer, 0, buffer.length, this.position);
      if (read === 0) break;
      this.position += read;
      this.pending += buffer.toString('utf8', 0, read);
    }
    if (this.pending === '') return undefined;
    const end = this.pending.indexOf('\n');
    const line = end < 0 ? this.pending : this.pending.slice(0, end);
    this.pending = end < 0 ? '' : this.pending.slice(end + 1);
    return line.replace(/\r$/, '');
  }

  close(): void {
    if (this.fd !== undefined) closeSync(this.fd);
    this.fd = undefined;
  }
}

/** the CRLF line breaks inside the record's quoted cells: csv-parse counts each as a line of its own */
function crlfInside(record: string[]): number {
  let breaks = 0;
  for (const cell of record) if (cell.includes('\r\n')) breaks += cell.split('\r\n').length - 1;
  return breaks;
}
