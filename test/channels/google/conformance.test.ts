import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { XMLParser } from 'fast-xml-parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { build } from '../../../src/commands/build.js';
import type { FeedReport } from '../../../src/report.js';
import { demoWorkspace, NOW, specsDir } from '../../helpers/workspace.js';

const google = path.join(specsDir, 'google');
const proto = path.join(google, 'merchant_products_v1_products_common.proto');
const taxonomy = path.join(google, 'taxonomy-with-ids.en-US.txt');
const present = existsSync(proto) && existsSync(taxonomy);
if (!present)
  console.warn(
    `google conformance suite skipped: ${google} is not present (Google's published protos and taxonomy live in ../shared/specs; CI has them)`,
  );

/** The body of a top-level `message` or `enum` block of the proto. */
function block(text: string, kind: 'message' | 'enum', name: string): string {
  const start = text.indexOf(`\n${kind} ${name} {`);
  let depth = 0;
  for (let i = text.indexOf('{', start); i < text.length; i++) {
    if (text[i] === '{') depth++;
    else if (text[i] === '}' && --depth === 0) return text.slice(start, i);
  }
  throw new Error(`${kind} ${name} not found`);
}

describe.skipIf(!present)('google feed against the Merchant API protos and the product taxonomy', () => {
  const ws = demoWorkspace();
  let items: Record<string, unknown>[];
  let report: FeedReport;
  let text: string;

  beforeAll(async () => {
    text = readFileSync(proto, 'utf8');
    ws.write('feeds/google-us.yaml', `${ws.read('feeds/google-us.yaml')}  taxonomy: ${JSON.stringify(taxonomy)}\n`);
    [report] = (await build({ cwd: ws.dir, feeds: ['google-us'], now: NOW })).feeds;
    const xml = new XMLParser({ parseTagValue: false, isArray: (name) => name === 'item' });
    items = xml.parse(ws.read('out/google-us.xml')).rss.channel.item;
  });
  afterAll(() => ws.dispose());

  it('maps every category onto a node of Google product taxonomy', () => {
    expect(report.invalid).not.toHaveProperty(['category-unknown']);
    const lines = readFileSync(taxonomy, 'utf8').split('\n');
    const ids = new Set(lines.map((l) => /^(\d+) - /.exec(l)?.[1]));
    const paths = new Set(lines.map((l) => /^\d+ - (.+)$/.exec(l)?.[1]));
    const categories = items.map((i) => String(i['g:google_product_category'])).filter((c) => c !== 'undefined');
    expect(categories.length).toBeGreaterThan(40);
    for (const category of categories) expect(ids.has(category) || paths.has(category), category).toBe(true);
  });

  it('writes only attributes the Merchant API product has', () => {
    const fields = new Set(
      [...block(text, 'message', 'ProductAttributes').matchAll(/^\s+(?:optional |repeated )?[\w.]+ (\w+) = \d+;/gm)].map((m) => m[1]),
    );
    const names = new Set(items.flatMap((item) => Object.keys(item)).map((key) => key.replace(/^g:/, '')));
    names.delete('id'); // the offer id: ProductInput.offer_id, not an attribute
    // feed names are singular where the API's repeated fields are plural (gtin -> gtins)
    for (const name of names) expect(fields.has(name) || fields.has(`${name}s`), name).toBe(true);
  });

  it.each([
    ['availability', 'Availability'],
    ['condition', 'Condition'],
    ['gender', 'Gender'],
    ['age_group', 'AgeGroup'],
  ])('writes %s values of the enum %s', (attribute, name) => {
    const values = new Set([...block(text, 'enum', name).matchAll(/^\s+([A-Z_]+) = \d+;/gm)].map((m) => m[1].toLowerCase()));
    const written = new Set(items.map((i) => i[`g:${attribute}`]).filter((v) => v !== undefined));
    expect(written.size).toBeGreaterThan(0);
    for (const value of written) expect(values.has(String(value)), `${attribute} ${value}`).toBe(true);
  });
});
