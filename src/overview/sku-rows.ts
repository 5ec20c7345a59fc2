/**
 * `omnifeed report --skus FILE`: one row per SKU and feed, for the whole catalog: listed,
 * excluded with its reason code, or invalid with its rule ids, with the offer, the stock and the
 * margin. CSV (RFC 4180, safe to open in a spreadsheet) or NDJSON, by the file's extension;
 * streamed into a temporary file beside it and renamed into place when complete.
 */
import { renameSync, rmSync } from 'node:fs';
import { csvCell, csvLine } from '../channels/formats/csv.js';
import { outputFailed } from '../errors.js';
import { FileSink } from '../output/files.js';
import type { Joined } from './join.js';
import { verdict } from './coverage.js';
import { ids } from './tally.js';
import type { Exposure } from './types.js';

export type SkuRowFormat = 'csv' | 'ndjson';

/** The columns of a row, in order: the CSV header. */
const SKU_ROW_COLUMNS = [
  'sku',
  'feed',
  'channel',
  'outcome',
  'reason',
  'item',
  'price',
  'sale_price',
  'quantity',
  'available',
  'offered',
  'exposure',
  'margin',
  'warnings',
] as const;

type Row = Partial<Record<(typeof SKU_ROW_COLUMNS)[number], string | number>>;

/** The format of a file name: `.csv` or `.ndjson` (`.jsonl`); undefined for any other. */
export function skuRowFormat(file: string): SkuRowFormat | undefined {
  if (/\.csv$/i.test(file)) return 'csv';
  if (/\.(ndjson|jsonl)$/i.test(file)) return 'ndjson';
  return undefined;
}

export class SkuRows {
  private readonly temp: string;
  private readonly sink: FileSink;

  constructor(
    private readonly file: string,
    private readonly shown: string,
    private readonly format: SkuRowFormat,
    private readonly feeds: { feed: string; channel: string }[],
  ) {
    this.temp = `${file}.tmp-${process.pid}`;
    this.sink = new FileSink(this.temp, shown);
    if (format === 'csv') this.sink.write(csvLine(SKU_ROW_COLUMNS));
  }

  /** The rows of one product: one per feed. */
  add({ sku, cells }: Joined, offers: Exposure | undefined): void | Promise<void> {
    let text = '';
    cells.forEach((cell, i) => {
      const { feed, channel } = this.feeds[i];
      const row: Row = { sku, feed, channel, outcome: cell?.outcome ?? 'not-in-build' };
      // the exclusion reason code, or the rule ids of the item's errors, separated by spaces
      if (cell && cell.outcome !== 'listed') row.reason = ids(verdict(cell)).join(' ');
      if (cell?.item) row.item = cell.item;
      if (cell?.price !== undefined) row.price = cell.price;
      if (cell?.sale_price !== undefined) row.sale_price = cell.sale_price;
      if (cell?.quantity !== undefined) row.quantity = cell.quantity;
      if (cell?.available !== undefined) row.available = cell.available;
      if (offers) Object.assign(row, { offered: offers.offered, exposure: offers.exposure });
      if (cell?.margin !== undefined) row.margin = cell.margin;
      if (cell?.warnings) row.warnings = ids(cell.warnings).join(' ');
      text += this.line(row);
    });
    return this.sink.write(text);
  }

  private line(row: Row): string {
    if (this.format === 'ndjson') return `${JSON.stringify(row)}\n`;
    // numbers as they are (a negative margin is a number, not a formula to neutralize); text by RFC 4180, neutralized
    const cells = SKU_ROW_COLUMNS.map((column) => {
      const value = row[column];
      return value === undefined ? '' : typeof value === 'number' ? String(value) : csvCell(value);
    });
    return `${cells.join(',')}\r\n`;
  }

  /** Finish the file and put it in place. */
  async finish(): Promise<void> {
    try {
      await this.sink.end();
      renameSync(this.temp, this.file);
    } catch (error) {
      rmSync(this.temp, { force: true });
      throw outputFailed(this.shown, 'write', error);
    }
  }

  async abort(): Promise<void> {
    await this.sink.destroy();
  }
}
