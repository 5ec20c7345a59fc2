import type { OutputFiles } from '../../output/files.js';
import type { ItemWriter } from '../types.js';
import { writeRss } from '../formats/rss.js';
import { writeTsv } from './tsv.js';
import type { GoogleContext, GoogleItem } from './types.js';

/** The feed's file: RSS 2.0 with the g: namespace, or Google's tab-separated format. */
export function openWriter(files: OutputFiles, ctx: GoogleContext): ItemWriter<GoogleItem> {
  const { feed, options } = ctx;
  const sink = files.create(feed.output.path);
  return feed.output.format === 'tsv' ? writeTsv(sink, Object.keys(feed.fields ?? {})) : writeRss<GoogleItem>(sink, options, feed.name);
}
