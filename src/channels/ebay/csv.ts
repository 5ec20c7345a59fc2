import type { TextSink } from '../../output/files.js';
import { csvLine } from '../formats/csv.js';
import type { ItemWriter } from '../types.js';
import { columnKey, type Layout } from './columns.js';
import { END_CODES, RELATIONSHIP_SEPARATORS, type EndCode } from './spec.js';
import type { EbayItem, Row } from './types.js';

/**
 * Stream eBay CSV rows: a UTF-8 BOM, the `Info` line, the header, then one line per row, every
 * line as wide as the header. A row naming a column the header lacks is a programming error.
 */
export function writeEbayCsv(sink: TextSink, layout: Layout): ItemWriter<EbayItem> {
  const width = layout.header.length;
  const position = new Map(layout.keys.map((key, i) => [key, i]));
  let started = false;
  const start = () => {
    started = true;
    const info = [...layout.info, ...Array<string>(Math.max(0, width - layout.info.length)).fill('')];
    return `\uFEFF${csvLine(info)}${csvLine(layout.header)}`;
  };
  const line = (row: Row) => {
    const cells = Array<string>(width).fill('');
    for (const [key, value] of Object.entries(row)) {
      if (value === undefined || value === '') continue;
      const i = position.get(key);
      if (i === undefined) throw new Error(`eBay CSV: the header has no column '${key}'`);
      cells[i] = value;
    }
    return csvLine(cells);
  };
  return {
    write(item) {
      let text = started ? '' : start();
      for (const row of item.rows) text += line(row);
      return sink.write(text);
    },
    async close() {
      if (!started) await sink.write(start());
      await sink.end();
    },
  };
}

/** A variation of a Revise: its variation values (`{ Color: 'Red', Size: 'S' }`) and the columns it changes. */
export interface VariationChange {
  values: Record<string, string>;
  columns: Row;
}

/** `Color=Red|Size=S` */
export const relationshipDetails = (values: Record<string, string | string[]>) =>
  Object.entries(values)
    .map(([name, v]) => `${name}=${Array.isArray(v) ? v.join(';') : v}`)
    .join('|');

function checkItemId(itemId: string): void {
  if (!/^\d{9,19}$/.test(itemId)) throw new RangeError(`eBay ItemID '${itemId}' is not an item number`);
}

/**
 * A `Revise` row: ItemID and the columns that change (only those are written; PicURL replaces
 * every picture). For a multi-variation listing, each changed variation follows as a
 * `Relationship=Variation` row naming its values; `details` gives the listing's new
 * RelationshipDetails (every value of each name) when variations came or went.
 */
export function reviseItem(itemId: string, columns: Row, variations: VariationChange[] = [], details?: string): EbayItem {
  checkItemId(itemId);
  const changed = Object.fromEntries(Object.entries(columns).map(([k, v]) => [columnKey(k), v]));
  for (const key of ['Action', 'ItemID', 'Relationship', 'RelationshipDetails', 'EndCode']) {
    if (key in changed) throw new RangeError(`a Revise cannot change ${key}`);
  }
  const rows: Row[] = [{ ...changed, Action: 'Revise', ItemID: itemId, ...(details ? { RelationshipDetails: details } : {}) }];
  for (const variation of variations) {
    for (const [name, value] of Object.entries(variation.values)) {
      if (RELATIONSHIP_SEPARATORS.test(name) || RELATIONSHIP_SEPARATORS.test(value))
        throw new RangeError(`variation ${name}=${value} holds = ; or |`);
    }
    rows.push({ ...variation.columns, Relationship: 'Variation', RelationshipDetails: relationshipDetails(variation.values) });
  }
  return { rows };
}

/** An `End` row: ItemID and the reason. */
export function endItem(itemId: string, endCode: EndCode): EbayItem {
  checkItemId(itemId);
  if (!END_CODES.includes(endCode)) throw new RangeError(`EndCode is one of ${END_CODES.join(', ')}, not '${endCode}'`);
  return { rows: [{ Action: 'End', ItemID: itemId, EndCode: endCode }] };
}
