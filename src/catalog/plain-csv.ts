/**
 * A fast reader of plain CSV and TSV, the shape nearly every export has: each cell unquoted, or
 * quoted whole with `""` for a quote inside (and LF its only line break); every record ended by
 * the header's line break (LF or CRLF); as many cells as the header; valid UTF-8. It reads such
 * a file as csv-parse does (the same records, on the same lines: a property test compares the
 * two on random files), in a fraction of the time. At the first record that is anything else it
 * stops and says so, and the file goes to csv-parse, which reads or reports every record from
 * there.
 */
import { createReadStream } from 'node:fs';

/** The header, a record with its first line, or the first irregular record (nothing of it read). */
export type PlainEvent = { header: string[] } | { record: string[]; line: number } | { irregular: true };

/** The column names a header row gives: its cells, trimmed. */
export const columnNames = (cells: readonly string[]) => cells.map((cell) => cell.trim());

const QUOTE = 0x22;
const LF = 0x0a;
const CR = 0x0d;
/** what `Scanner.record` returns for a record that goes on past the text read so far */
const INCOMPLETE = -1;
/** … and for one this reader does not read */
const IRREGULAR = -2;
/** the longest record read here, in UTF-16 units; csv-parse reads longer ones */
const LONGEST = 1 << 20;

/** The records of a file's text, one after the other; the header fixes their width and line break. */
class Scanner {
  /** the cells of the last record read */
  cells: string[] = [];
  /** line breaks inside the last record's quoted cells */
  breaks = 0;
  /** the header's cell count: 0 until it is read */
  private width = 0;
  /** the line break: CRLF or LF, found at the header's end */
  private crlf: boolean | undefined;

  constructor(
    private readonly delimiter: number,
    /** CSV quotes cells; TSV has no quoting (csv-parse's `quote: false`) */
    private readonly quoting: boolean,
  ) {}

  get hasHeader(): boolean {
    return this.width > 0;
  }

  /** The record at `start`: the index after its line break, INCOMPLETE (unless `last`: the text is the file's end) or IRREGULAR. */
  record(text: string, start: number, last: boolean): number {
    this.cells = [];
    this.breaks = 0;
    let i = start;
    for (;;) {
      i = this.quoting && text.charCodeAt(i) === QUOTE ? this.quoted(text, i) : this.bare(text, i);
      if (i < 0) return i;
      if (i === text.length) return last ? this.end(i) : INCOMPLETE;
      const c = text.charCodeAt(i);
      if (c === this.delimiter) i++;
      else if (c === LF && this.crlf !== true) return this.end(i + 1, false);
      else if (c === CR && i + 1 === text.length && !last) return INCOMPLETE;
      else if (c === CR && text.charCodeAt(i + 1) === LF && this.crlf !== false) return this.end(i + 2, true);
      else return IRREGULAR;
    }
  }

  /** An empty line at `i` (skipped, as csv-parse's `skip_empty_lines` does): its length, else 0. */
  emptyLine(text: string, i: number): number {
    if (!this.hasHeader) return 0;
    const c = text.charCodeAt(i);
    if (c === LF && !this.crlf) return 1;
    return c === CR && this.crlf && text.charCodeAt(i + 1) === LF ? 2 : 0;
  }

  /** A cell without quotes, up to a delimiter or line break; a quote inside it is irregular. */
  private bare(text: string, i: number): number {
    const { delimiter, quoting } = this;
    let j = i;
    for (; j < text.length; j++) {
      const c = text.charCodeAt(j);
      if (c === delimiter || c === LF || c === CR) break;
      if (c === QUOTE && quoting) return IRREGULAR;
    }
    this.cells.push(text.slice(i, j));
    return j;
  }

  /** A quoted cell from its opening quote: the index after its closing one. */
  private quoted(text: string, i: number): number {
    let value = '';
    let from = i + 1;
    for (;;) {
      const q = text.indexOf('"', from);
      if (q < 0) return INCOMPLETE;
      // a quote at the text's end closes the cell, and the record is INCOMPLETE: read again with more text
      if (text.charCodeAt(q + 1) === QUOTE) {
        value += text.slice(from, q + 1);
        from = q + 2;
        continue;
      }
      value += text.slice(from, q);
      if (!this.breaksIn(value)) return IRREGULAR;
      this.cells.push(value);
      return q + 1;
    }
  }

  /**
   * Counts the cell's line breaks; false where csv-parse counts its lines otherwise: at any CR
   * (csv-parse counts a CRLF inside quotes as two lines, a lone CR as one), and at any break in
   * the header.
   */
  private breaksIn(value: string): boolean {
    if (value.indexOf('\r') >= 0) return false;
    let at = value.indexOf('\n');
    if (at >= 0 && !this.hasHeader) return false;
    for (; at >= 0; at = value.indexOf('\n', at + 1)) this.breaks++;
    return true;
  }

  /** The record's end: the header sets the width (two cells at least) and line break; the others have its width. */
  private end(at: number, crlf?: boolean): number {
    if (!this.hasHeader) {
      if (this.cells.length < 2) return IRREGULAR;
      this.width = this.cells.length;
      this.crlf = crlf;
      return at;
    }
    return this.cells.length === this.width ? at : IRREGULAR;
  }
}

/**
 * The header and records of a plain file, in order, each with the line it starts on; once a
 * record is irregular (or the file cannot be read or decoded), `{ irregular: true }` and no more.
 * The file is read `chunk` bytes at a time.
 */
export async function* readPlain(file: string, delimiter: string, chunk = 1 << 16): AsyncGenerator<PlainEvent> {
  const scanner = new Scanner(delimiter.charCodeAt(0), delimiter !== '\t');
  // fatal: bytes that are not UTF-8 are csv-parse's to read (and report); a leading BOM is dropped, as csv-parse's `bom` does
  const decoder = new TextDecoder('utf-8', { fatal: true });
  let text = '';
  let line = 1;
  /** the records of `text` from its start: the index where the unread rest starts, or IRREGULAR */
  const records = function* (last: boolean): Generator<PlainEvent, number> {
    let at = 0;
    while (at < text.length) {
      const empty = scanner.emptyLine(text, at);
      if (empty > 0) {
        at += empty;
        line++;
        continue;
      }
      const had = scanner.hasHeader;
      const end = scanner.record(text, at, last);
      // a record is scanned again from its start with each chunk it goes on into: a giant one is csv-parse's
      if (end === INCOMPLETE) return last || text.length - at > LONGEST ? IRREGULAR : at;
      if (end === IRREGULAR) return IRREGULAR;
      yield had ? { record: scanner.cells, line } : { header: columnNames(scanner.cells) };
      line += 1 + scanner.breaks;
      at = end;
    }
    return at;
  };
  /** the file's records, chunk by chunk: whether all of them were plain */
  const all = async function* (): AsyncGenerator<PlainEvent, boolean> {
    for await (const bytes of createReadStream(file, { highWaterMark: chunk })) {
      text += decoder.decode(bytes as Buffer, { stream: true });
      const at = yield* records(false);
      if (at === IRREGULAR) return false;
      text = text.slice(at);
    }
    text += decoder.decode();
    return (yield* records(true)) !== IRREGULAR && scanner.hasHeader;
  };
  try {
    if (yield* all()) return;
  } catch {
    // unreadable, or not UTF-8: csv-parse says what is wrong
  }
  yield { irregular: true };
}
