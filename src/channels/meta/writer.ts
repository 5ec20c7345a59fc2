import type { OutputFiles } from '../../output/files.js';
import { writeRss } from '../formats/rss.js';
import type { ItemWriter } from '../types.js';
import { writeCsv } from './csv.js';
import type { MetaContext, MetaItem } from './types.js';

/**
 * The feed's file: Meta's CSV, or RSS 2.0 with the g: namespace. Meta reads Google's RSS product
 * format (its items_batch API calls it `standard: google`), so the RSS file is written by the
 * shared RSS writer (../formats/rss.ts): item title, link and description as RSS elements, every other field `g:`.
 */
export function openWriter(files: OutputFiles, ctx: MetaContext): ItemWriter<MetaItem> {
  const { feed, options } = ctx;
  const sink = files.create(feed.output.path);
  if (feed.output.format === 'rss') return writeRss<MetaItem>(sink, options, feed.name);
  return writeCsv(sink, Object.keys(feed.fields ?? {}));
}
