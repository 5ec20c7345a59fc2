/**
 * Google deltas (CHANNELS.md §1.4, §2.1): the primary feed stays a full snapshot (Merchant
 * Center deletes what it omits, and adds what is new), and a supplemental feed beside it,
 * `<feed>.supplemental.tsv` (id, price, sale_price, availability), carries the price and stock
 * of the items whose offer changed, for Merchant Center's more frequent supplemental fetches.
 */
import type { OutputFiles } from '../../output/files.js';
import type { ChannelDelta, DeltaWriter } from '../types.js';
import type { GoogleContext, GoogleItem } from './types.js';

const SUPPLEMENTAL_COLUMNS = ['id', 'price', 'sale_price', 'availability'] as const;

/** `google-us.xml` -> `google-us.supplemental.tsv` */
export function supplementalName(output: string): string {
  const dot = output.lastIndexOf('.');
  return `${dot > output.lastIndexOf('/') ? output.slice(0, dot) : output}.supplemental.tsv`;
}

const cell = (value: GoogleItem[string] | undefined) => (typeof value === 'string' ? value.replace(/[\t\r\n]+/g, ' ') : '');

export function googleDelta(ctx: GoogleContext): ChannelDelta<GoogleItem> {
  return {
    key: (item) => item.id as string,
    full: true,
    operations: ['added', 'supplemental', 'removed'],
    open(files: OutputFiles): DeltaWriter<GoogleItem> {
      const sink = files.create(supplementalName(ctx.feed.output.path));
      const counts = { added: 0, supplemental: 0, removed: 0 };
      let pending = sink.write(`${SUPPLEMENTAL_COLUMNS.join('\t')}\n`);
      return {
        change(now, before) {
          if (before === undefined) {
            counts.added++;
            return;
          }
          if (before && SUPPLEMENTAL_COLUMNS.every((c) => cell(now[c]) === cell(before[c]))) return;
          counts.supplemental++;
          return sink.write(`${SUPPLEMENTAL_COLUMNS.map((c) => cell(now[c])).join('\t')}\n`);
        },
        remove() {
          counts.removed++;
        },
        async close() {
          await pending;
          pending = undefined;
          await sink.end();
          return counts;
        },
      };
    },
  };
}
