import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { parseDelimited, parseWithCsvParse, type DelimitedEvent } from '../../src/catalog/delimited.js';
import { readPlain, type PlainEvent } from '../../src/catalog/plain-csv.js';

const dir = mkdtempSync(path.join(tmpdir(), 'omnifeed-plain-csv-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let files = 0;

function fileOf(data: string | Buffer, delimiter: string): { file: string; shown: string; delimiter: string; skuColumn: string } {
  const file = path.join(dir, `catalog-${++files}.${delimiter === '\t' ? 'tsv' : 'csv'}`);
  writeFileSync(file, data);
  return { file, shown: 'catalog.csv', delimiter, skuColumn: 'sku' };
}

async function all<T>(events: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const event of events) out.push(event);
  return out;
}

/** What csv-parse alone makes of a file: the reader before the fast one. */
const byCsvParse = (source: ReturnType<typeof fileOf>) => all<DelimitedEvent>(parseWithCsvParse(source));

/** a read's events, or its error's message */
const settled = <T>(read: Promise<T>) =>
  read.then(
    (events) => ({ events }),
    (error: Error) => ({ error: error.message }),
  );

/** Pieces of cells, the irregular ones included: quotes, both line breaks and a lone CR, the other delimiter, BOMs, non-ASCII. */
const piece = fc.constantFrom('a', 'b c', 'é', '抹茶', '😀', ',', '\t', '"', '""', '\n', '\r\n', '\r', ' ', '\uFEFF', '');
const text = fc.array(piece, { maxLength: 5 }).map((parts) => parts.join(''));
/** a cell as a careful exporter writes it (quoted where it must be), or raw as a careless one pastes it */
const cell = fc.record({ text, raw: fc.boolean() });
const written = ({ text, raw }: { text: string; raw: boolean }, delimiter: string) =>
  raw || delimiter === '\t' || !/[",\r\n]/.test(text) ? text : `"${text.replace(/"/g, '""')}"`;

const files$ = fc.record({
  delimiter: fc.constantFrom(',', '\t'),
  width: fc.integer({ min: 1, max: 4 }),
  rows: fc.array(fc.array(cell, { minLength: 1, maxLength: 5 }), { maxLength: 12 }),
  breaks: fc.array(fc.constantFrom('\n', '\r\n', '\r', '\n\n', '\r\n\r\n'), { minLength: 1, maxLength: 13 }),
  bom: fc.boolean(),
  last: fc.boolean(),
  badByte: fc.option(fc.nat(), { nil: undefined }),
});

type Generated = typeof files$ extends fc.Arbitrary<infer T> ? T : never;

function render({ delimiter, width, rows, breaks, bom, last, badByte }: Generated): Buffer {
  const header = ['sku', 'title', 'price', 'note'].slice(0, width).join(delimiter);
  const lines = [header, ...rows.map((cells) => cells.map((c) => written(c, delimiter)).join(delimiter))];
  let textOf = bom ? '\uFEFF' : '';
  lines.forEach((line, i) => (textOf += line + (i < lines.length - 1 || last ? breaks[i % breaks.length] : '')));
  const bytes = Buffer.from(textOf, 'utf8');
  if (badByte === undefined || bytes.length === 0) return bytes;
  const at = badByte % bytes.length;
  return Buffer.concat([bytes.subarray(0, at), Buffer.from([0xff]), bytes.subarray(at)]);
}

/** Files only careful exporters write: every cell quoted where it must be, one line break throughout, no stray bytes. */
const plainFiles$ = fc.record({
  delimiter: fc.constantFrom(',', '\t'),
  width: fc.integer({ min: 2, max: 4 }),
  rows: fc.array(fc.array(cell, { minLength: 4, maxLength: 4 }), { minLength: 1, maxLength: 12 }),
  lineBreak: fc.constantFrom('\n', '\r\n'),
  bom: fc.boolean(),
  last: fc.boolean(),
});

function renderPlain({
  delimiter,
  width,
  rows,
  lineBreak,
  bom,
  last,
}: typeof plainFiles$ extends fc.Arbitrary<infer T> ? T : never): string {
  // TSV has no quoting: its cells hold no tabs or line breaks; a CSV cell's line breaks are LF
  const clean = (t: string) => (delimiter === '\t' ? t.replace(/[\t\r\n]/g, ' ') : t.replace(/\r\n|\r/g, '\n'));
  const header = ['sku', 'title', 'price', 'note'].slice(0, width).join(delimiter);
  const body = rows.map((cells) =>
    cells
      .slice(0, width)
      .map((c) => written({ text: clean(c.text), raw: false }, delimiter))
      .join(delimiter),
  );
  return `${bom ? '\uFEFF' : ''}${[header, ...body].join(lineBreak)}${last ? lineBreak : ''}`;
}

describe('the fast CSV reader', () => {
  it('gives, on any file, the events csv-parse alone gives: records, lines and skipped rows', async () => {
    await fc.assert(
      fc.asyncProperty(files$, async (generated) => {
        const source = fileOf(render(generated), generated.delimiter);
        expect(await all(parseDelimited(source))).toEqual(await byCsvParse(source));
      }),
      { numRuns: 500 },
    );
  });

  it('reads any file alike in chunks of any size: records, characters and line breaks cut between chunks', async () => {
    await fc.assert(
      fc.asyncProperty(files$, fc.integer({ min: 1, max: 9 }), async (generated, chunk) => {
        // a byte that is not UTF-8 stops the reader at the chunk that holds it, which differs with the size
        const source = fileOf(render({ ...generated, badByte: undefined }), generated.delimiter);
        expect(await all(readPlain(source.file, source.delimiter, chunk))).toEqual(await all(readPlain(source.file, source.delimiter)));
      }),
      { numRuns: 300 },
    );
  });

  it('reads a plain file itself, to its end, as csv-parse does', async () => {
    await fc.assert(
      fc.asyncProperty(plainFiles$, async (generated) => {
        const source = fileOf(renderPlain(generated), generated.delimiter);
        const plain: PlainEvent[] = await all(readPlain(source.file, source.delimiter));
        expect(plain.filter((e) => 'irregular' in e)).toEqual([]);
        expect(plain).toEqual(await byCsvParse(source));
      }),
      { numRuns: 300 },
    );
  });

  it('reads quoted line breaks and empty lines on the lines csv-parse names, in a CRLF file', async () => {
    const csv = 'sku,title\r\nA,"one\ntwo"\r\n\r\nB,"x\ny\nz"\r\nC,z\r\n';
    const source = fileOf(csv, ',');
    const plain = await all(readPlain(source.file, ','));
    expect(plain).toEqual([
      { header: ['sku', 'title'] },
      { record: ['A', 'one\ntwo'], line: 2 },
      { record: ['B', 'x\ny\nz'], line: 5 },
      { record: ['C', 'z'], line: 8 },
    ]);
    expect(plain).toEqual(await byCsvParse(source));
  });

  it('stops at the first irregular record, which csv-parse then reads and reports, with the records after it', async () => {
    const csv = 'sku,title\nA,one\nB,t"wo\nC,three\nD,"four\n';
    const source = fileOf(csv, ',');
    expect(await all(readPlain(source.file, ','))).toEqual([
      { header: ['sku', 'title'] },
      { record: ['A', 'one'], line: 2 },
      { irregular: true },
    ]);
    const events = await all(parseDelimited(source));
    expect(events).toEqual(await byCsvParse(source));
    expect(events.filter((e) => 'record' in e).map((e) => ('record' in e ? e.record[0] : ''))).toEqual(['A', 'C']);
    expect(events.filter((e) => 'issue' in e).map((e) => ('issue' in e ? `${e.issue.line} ${e.issue.rule}` : ''))).toEqual([
      '3 csv-unreadable-row',
      '5 csv-unreadable-row',
    ]);
  });

  it('leaves to csv-parse what it does not read: a file not UTF-8, a CR in quotes, an LF in a CRLF file, a record of more than 1 MiB, a header of one column, an empty file', async () => {
    for (const [data, delimiter] of [
      ['sku,title\r\nA,"x\r\ny"\r\nB,z\r\n', ','],
      ['sku,title\nA,"x\ry"\nB,z\n', ','],
      ['sku,title\r\nA,b\r\n\nC,d\r\n', ','],
      // a record longer than the reader scans again chunk after chunk
      [`sku,title\nA,b\nC,"${'x'.repeat(1_500_000)}"\nD,e\n`, ','],
      [Buffer.from('sku,title\nA,caf\xe9\n', 'latin1'), ','],
      ['sku\nA\n\nB\n', ','],
      ['', ','],
      ['\n\nsku,title\nA,b\n', ','],
    ] as const) {
      const source = fileOf(data, delimiter);
      const plain = await all(readPlain(source.file, delimiter));
      expect(plain.at(-1)).toEqual({ irregular: true });
      expect(await settled(all(parseDelimited(source)))).toEqual(await settled(byCsvParse(source)));
    }
  });
});
