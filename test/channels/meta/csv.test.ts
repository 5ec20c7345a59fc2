import { parse as parseCsv } from 'csv-parse/sync';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { MetaItem } from '../../../src/channels/meta/index.js';
import { feed, render } from './helpers.js';

const read = (text: string) => parseCsv(text, { columns: true }) as Record<string, string>[];

const nasty = fc.constantFrom('"', '""', ',', '\n', '\r\n', '\r', ' ', '\t', '=', '+', '-', '@', '😀', 'é', ';', '|', "'");
const text = fc.array(fc.oneof(fc.string({ maxLength: 6 }), nasty), { maxLength: 10 }).map((parts) => parts.join(''));

describe('meta CSV writer', () => {
  it('writes any text so that an RFC 4180 reader reads it back, a formula start behind one space', async () => {
    await fc.assert(
      fc.asyncProperty(text, text, async (title, description) => {
        const [row] = read(await render([{ id: 'SKU-1', title, description }]));
        for (const [field, sent] of [
          ['title', title],
          ['description', description],
        ])
          expect(row[field]).toBe(/^[=+\-@\t\r]/.test(sent) ? ` ${sent}` : sent);
      }),
      { numRuns: 300 },
    );
  });

  it("writes every field of the spec as a column, then the feed's other fields, and repeated values in one cell", async () => {
    const item: MetaItem = {
      id: 'SKU-1',
      additional_image_link: ['https://cdn.example.com/a,b.jpg', 'https://cdn.example.com/c.jpg'],
      shipping: [
        { country: 'US', region: 'CA', service: 'Ground', price: '9.99 USD' },
        { country: 'US', price: '4.95 USD' },
      ],
      video_url: 'https://cdn.example.com/v.mp4',
    };
    const text = await render([item], feed({ fields: { video_url: '{{ [Video] }}', title: '{{ title }}' } }));
    const [header] = parseCsv(text, { to_line: 1 }) as string[][];
    expect(header.at(-1)).toBe('video_url');
    expect(header.filter((h) => h === 'title')).toHaveLength(1);
    expect(read(text)[0]).toMatchObject({
      additional_image_link: 'https://cdn.example.com/a%2Cb.jpg,https://cdn.example.com/c.jpg',
      shipping: 'US:CA:Ground:9.99 USD,US:::4.95 USD',
      video_url: 'https://cdn.example.com/v.mp4',
    });
  });

  it('writes the header alone for a feed without items', async () => {
    const text = await render([]);
    expect(text.endsWith('\r\n')).toBe(true);
    expect(parseCsv(text)).toHaveLength(1);
  });
});
