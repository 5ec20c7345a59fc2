import type { TextSink } from '../../output/files.js';
import { escapeXml } from '../text.js';
import type { ItemWriter } from '../types.js';
import type { GoogleOptions } from './options.js';
import { RSS_ELEMENTS } from './spec.js';
import type { GoogleItem, GoogleShipping } from './types.js';

function element(name: string, value: string | string[] | GoogleShipping[]): string {
  const tag = RSS_ELEMENTS.has(name) ? name : `g:${name}`;
  if (typeof value === 'string') return `<${tag}>${escapeXml(value)}</${tag}>\n`;
  return (value as (string | GoogleShipping)[])
    .map((v) => {
      if (typeof v === 'string') return `<${tag}>${escapeXml(v)}</${tag}>\n`;
      const parts = Object.entries(v)
        .filter(([, x]) => x !== undefined)
        .map(([k, x]) => `<g:${k}>${escapeXml(String(x))}</g:${k}>`);
      return `<${tag}>${parts.join('')}</${tag}>\n`;
    })
    .join('');
}

/** RSS 2.0 with the g: namespace, streamed item by item. The channel header waits for the first item's link. */
export function writeRss(sink: TextSink, options: GoogleOptions, feedName: string): ItemWriter<GoogleItem> {
  let started = false;
  const start = (firstLink?: string) => {
    started = true;
    const link = options.link ?? (firstLink ? new URL(firstLink).origin + '/' : '');
    return (
      '<?xml version="1.0" encoding="UTF-8"?>\n' +
      '<rss version="2.0" xmlns:g="http://base.google.com/ns/1.0">\n<channel>\n' +
      `<title>${escapeXml(options.title ?? feedName)}</title>\n<link>${escapeXml(link)}</link>\n` +
      `<description>${escapeXml(options.description ?? `Products of ${feedName}, written by omnifeed`)}</description>\n`
    );
  };
  return {
    write(item) {
      let text = started ? '' : start(item.link as string | undefined);
      text += '<item>\n';
      for (const name in item) text += element(name, item[name]);
      return sink.write(`${text}</item>\n`);
    },
    async close() {
      if (!started) await sink.write(start());
      await sink.write('</channel>\n</rss>\n');
      await sink.end();
    },
  };
}
