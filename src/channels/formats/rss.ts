/** RSS 2.0 with the `g:` namespace, the XML form Google Merchant Center and Meta's catalogs read. */
import type { TextSink } from '../../output/files.js';
import { escapeXml } from '../text.js';
import type { ItemWriter } from '../types.js';

/** The RSS channel's own elements: every feed that writes RSS takes them as options. */
export const rssOptionsSchema = {
  title: { type: 'string', description: "RSS channel title (the marketplace ignores it; RSS 2.0 requires it): the feed's name by default" },
  link: { type: 'string', pattern: '^https?://', description: "RSS channel link: the first item's origin by default" },
  description: { type: 'string', description: 'RSS channel description' },
} as const;

export interface RssChannel {
  title?: string;
  link?: string;
  description?: string;
}

/** Item elements of RSS itself; every other attribute is written in the g: namespace. */
const RSS_ELEMENTS: ReadonlySet<string> = new Set(['title', 'link', 'description']);

/** An attribute: a text, repeated texts, or repeated groups of sub-attributes (`g:shipping`). */
function element(name: string, value: unknown): string {
  const tag = RSS_ELEMENTS.has(name) ? name : `g:${name}`;
  if (typeof value === 'string') return `<${tag}>${escapeXml(value)}</${tag}>\n`;
  return (value as (string | object)[])
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
export function writeRss<Item extends Record<string, unknown>>(sink: TextSink, channel: RssChannel, feedName: string): ItemWriter<Item> {
  let started = false;
  const start = (firstLink?: string) => {
    started = true;
    const link = channel.link ?? (firstLink ? new URL(firstLink).origin + '/' : '');
    return (
      '<?xml version="1.0" encoding="UTF-8"?>\n' +
      '<rss version="2.0" xmlns:g="http://base.google.com/ns/1.0">\n<channel>\n' +
      `<title>${escapeXml(channel.title ?? feedName)}</title>\n<link>${escapeXml(link)}</link>\n` +
      `<description>${escapeXml(channel.description ?? `Products of ${feedName}, written by omnifeed`)}</description>\n`
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
