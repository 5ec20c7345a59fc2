import type { TextSink } from '../../output/files.js';
import type { ItemWriter } from '../types.js';
import type { EtsyLine } from './index.js';

/** One JSON object per line, `\n`-terminated, UTF-8: `{sku, listing, inventory, images}`. */
export function writeNdjson(sink: TextSink): ItemWriter<EtsyLine> {
  return {
    write(line) {
      return sink.write(`${JSON.stringify(line)}\n`);
    },
    async close() {
      await sink.end();
    },
  };
}
