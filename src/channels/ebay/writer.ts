import type { OutputFiles } from '../../output/files.js';
import type { ItemWriter } from '../types.js';
import { writeEbayCsv } from './csv.js';
import type { EbayContext, EbayItem } from './types.js';

/** The feed's CSV file, with the layout's Info line and header. */
export const openWriter = (files: OutputFiles, ctx: EbayContext): ItemWriter<EbayItem> =>
  writeEbayCsv(files.create(ctx.feed.output.path), ctx.layout);
