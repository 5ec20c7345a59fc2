import type { TextSink } from '../../output/files.js';
import { csvLine } from '../formats/csv.js';
import type { ItemWriter } from '../types.js';
import { FIELDS } from './spec.js';
import type { MetaItem, MetaShipping } from './types.js';

/** A value as one cell: repeated values comma-separated (a comma inside a URL as %2C), shipping as `US:CA:Ground:9.99 USD`. */
function cell(value: MetaItem[string] | undefined): string {
  if (value === undefined || typeof value === 'string') return value ?? '';
  return (value as (string | MetaShipping)[])
    .map((v) => (typeof v === 'string' ? v.replace(/,/g, '%2C') : [v.country, v.region ?? '', v.service ?? '', v.price].join(':')))
    .join(',');
}

/**
 * Meta's CSV feed: a header row of field names (every field of the spec, then the feed's other
 * `fields:`), then one row per item. Cells are quoted by RFC 4180 (eBay's CSV writer, which also
 * gives a cell starting with = + - @ a leading space: warning formula-escaped); lines end in CRLF.
 */
export function writeCsv(sink: TextSink, extraFields: readonly string[]): ItemWriter<MetaItem> {
  const columns = [...Object.keys(FIELDS), ...extraFields.filter((f) => !(f in FIELDS))];
  const header = csvLine(columns);
  let pending = header;
  return {
    write(item) {
      const line = pending + csvLine(columns.map((c) => cell(item[c])));
      pending = '';
      return sink.write(line);
    },
    async close() {
      if (pending) await sink.write(pending);
      await sink.end();
    },
  };
}
