import type { OutputFiles } from '../../output/files.js';
import type { ItemWriter } from '../types.js';
import type { EtsyContext, EtsyLine } from './types.js';

/** One JSON object per line, `\n`-terminated, UTF-8: `{sku, listing, inventory, images}`. */
export function openWriter(files: OutputFiles, ctx: EtsyContext): ItemWriter<EtsyLine> {
  const sink = files.create(ctx.feed.output.path);
  return {
    write(line) {
      return sink.write(`${JSON.stringify(line)}\n`);
    },
    async close() {
      await sink.end();
    },
  };
}
