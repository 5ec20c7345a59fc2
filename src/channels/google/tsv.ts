import type { TextSink } from '../../output/files.js';
import { neutralizeFormula } from '../text.js';
import type { ItemWriter } from '../types.js';
import { ATTRIBUTES } from './spec.js';
import type { GoogleItem, GoogleShipping } from './types.js';

/** Tabs and line breaks cannot appear inside a value of Google's delimited format: they become spaces. */
const cell = (text: string) => text.replace(/[\t\r\n]+/g, ' ');

/** A value as one cell; a cell a spreadsheet would run as a formula (`=`, `+`, `-`, `@`) gets a leading space, as eBay's CSV does. */
function value(v: string | string[] | GoogleShipping[]): string {
  if (typeof v === 'string') return neutralizeFormula(cell(v));
  return neutralizeFormula(
    (v as (string | GoogleShipping)[])
      .map((x) => (typeof x === 'string' ? cell(x).replace(/,/g, '%2C') : `${x.country}::${x.service ?? ''}:${x.price}`))
      .join(','),
  );
}

/**
 * Google's delimited text format: a header of attribute names, one item per line, tab-separated.
 * Repeated values are comma-separated; shipping uses the colon form `country:region:service:price`.
 */
export function writeTsv(sink: TextSink, extraFields: string[]): ItemWriter<GoogleItem> {
  const columns = [...Object.keys(ATTRIBUTES), ...extraFields.filter((f) => !(f in ATTRIBUTES))];
  let started = false;
  return {
    write(item) {
      const line = columns.map((c) => (item[c] === undefined ? '' : value(item[c]))).join('\t');
      const text = started ? `${line}\n` : `${columns.join('\t')}\n${line}\n`;
      started = true;
      return sink.write(text);
    },
    async close() {
      if (!started) await sink.write(`${columns.join('\t')}\n`);
      await sink.end();
    },
  };
}
