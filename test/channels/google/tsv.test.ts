import { parse as parseCsv } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { google } from '../../../src/channels/google/index.js';
import { NOW } from '../../helpers/workspace.js';
import { feed, itemsOf, prepared, single } from './helpers.js';

const tsvFeed = feed({ output: { path: 'google-us.tsv', format: 'tsv' } });

async function writeTsv(fields: Parameters<typeof prepared>[0]): Promise<{ rows: Record<string, string>[]; rules: string[] }> {
  const [item] = await itemsOf(single(prepared(fields)), tsvFeed);
  let text = '';
  const channel = await google.prepare(tsvFeed, { root: '/nonexistent', now: NOW, env: {} });
  const writer = channel.open({ create: () => ({ write: (t) => void (text += t), end: async () => undefined }) });
  await writer.write(item.item);
  await writer.close();
  const rows = parseCsv(text, { delimiter: '\t', columns: true, quote: false }) as Record<string, string>[];
  return { rows, rules: item.issues.map((i) => `${i.rule}:${i.field}`) };
}

describe('google TSV cells', () => {
  it.each([
    ['=HYPERLINK("http://evil.example","x")', ' =HYPERLINK("http://evil.example","x")'],
    ['+1 cable', ' +1 cable'],
    ['-50% sale', ' -50% sale'],
    ['@SUM(A1)', ' @SUM(A1)'],
    ['\tTabbed', ' Tabbed'],
    ['Plain title', 'Plain title'],
  ])('neutralizes a title %j that a spreadsheet would run as a formula', async (title, written) => {
    const { rows, rules } = await writeTsv({ title });
    expect(rows[0].title).toBe(written);
    expect(rules.includes('formula-escaped:title')).toBe(written !== title);
  });

  it('neutralizes a repeated value whose first part starts a formula', async () => {
    const { rows } = await writeTsv({ additional_image_urls: ['=cmd|x', 'https://c.example.com/b.jpg'] });
    // the | a URL may not carry is encoded first; the formula start stays neutralized
    expect(rows[0].additional_image_link).toBe(' =cmd%7Cx,https://c.example.com/b.jpg');
  });
});
