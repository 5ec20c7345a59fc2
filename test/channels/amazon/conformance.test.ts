import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { Ajv, type ValidateFunction } from 'ajv';
import { Ajv2019, type AnySchemaObject } from 'ajv/dist/2019.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { build } from '../../../src/commands/build.js';
import { deleteMessage, partialUpdateMessage, pricePatch, stockPatch } from '../../../src/channels/amazon/index.js';
import { writeListingsFeed } from '../../../src/channels/amazon/writer.js';
import type { FeedReport } from '../../../src/report.js';
import { demoWorkspace, fixtureWorkspace, NOW } from '../../helpers/workspace.js';
import { amazonSpecs, productSchema } from './helpers.js';

const feedSchemaFile = path.join(amazonSpecs, 'listings-feed-schema-v2.json');
const present = existsSync(feedSchemaFile) && existsSync(productSchema);
if (!present)
  console.log(
    `amazon conformance suite skipped: ${amazonSpecs} is not present (Amazon's published schemas live in ../shared/specs; CI has them)`,
  );

/** Amazon's listings feed schema (draft-07), as published. */
function feedValidator(): ValidateFunction {
  return new Ajv({ allErrors: true, strict: false }).compile(JSON.parse(readFileSync(feedSchemaFile, 'utf8')));
}

/** The PRODUCT definition with Amazon's keywords, written here apart from the channel's own. */
function productValidator(): ValidateFunction {
  const ajv = new Ajv2019({ allErrors: true, strict: false, validateSchema: false, multipleOfPrecision: 9 });
  ajv.addFormat('date', /^\d{4}-\d{2}-\d{2}$/).addFormat('date-time', /^\d{4}-\d{2}-\d{2}T[\d:.]+(Z|[+-]\d{2}:\d{2})$/);
  for (const keyword of ['editable', 'hidden', 'enumNames', 'selectors', 'minUniqueItems', '$lifecycle']) ajv.addKeyword(keyword);
  ajv.addKeyword({
    keyword: 'maxUtf8ByteLength',
    type: 'string',
    validate: (max: number, s: string) => new TextEncoder().encode(s).length <= max,
  });
  ajv.addKeyword({
    keyword: 'minUtf8ByteLength',
    type: 'string',
    validate: (min: number, s: string) => new TextEncoder().encode(s).length >= min,
  });
  ajv.addKeyword({
    keyword: 'maxUniqueItems',
    type: 'array',
    validate: (max: number, items: Record<string, unknown>[], parent?: AnySchemaObject) => {
      const counts: Record<string, number> = {};
      for (const item of items) {
        const key = ((parent?.selectors as string[]) ?? []).map((s) => String(item[s])).join('|');
        counts[key] = (counts[key] ?? 0) + 1;
      }
      return Object.values(counts).every((n) => n <= max);
    },
  });
  return ajv.compile(JSON.parse(readFileSync(productSchema, 'utf8')));
}

describe.skipIf(!present)('amazon conformance with the published schemas', () => {
  const ws = demoWorkspace();
  let report: FeedReport;
  let doc: { header: unknown; messages: { sku: string; productType: string; requirements: string; attributes: Record<string, unknown> }[] };

  beforeAll(async () => {
    // the demo feed as it ships, with the PRODUCT definition downloaded (the demo cannot ship Amazon's file)
    const definition = ws
      .read('feeds/amazon-us.yaml')
      .replace('options:\n', `options:\n  product_type_schemas: { PRODUCT: ${JSON.stringify(productSchema)} }\n`);
    ws.write('feeds/amazon-us.yaml', definition);
    report = (await build({ cwd: ws.dir, feeds: ['amazon-us'], now: NOW, env: {} })).feeds[0];
    doc = JSON.parse(ws.read('out/amazon-us.json'));
  });
  afterAll(() => ws.dispose());

  it('writes a feed that validates against listings-feed-schema-v2.json', () => {
    const validate = feedValidator();
    expect(validate(doc), JSON.stringify(validate.errors?.slice(0, 3))).toBe(true);
    expect(doc.messages.length).toBe(report.listed);
  });

  it("writes the fidelity edge cases' feed so that it validates, with and without the PRODUCT definition", async () => {
    const fidelity = fixtureWorkspace('fidelity');
    try {
      for (const definition of [false, true]) {
        if (definition)
          fidelity.write(
            'feeds/amazon.yaml',
            fidelity
              .read('feeds/amazon.yaml')
              .replace('options:\n', `options:\n  product_type_schemas: { PRODUCT: ${JSON.stringify(productSchema)} }\n`),
          );
        const built = (await build({ cwd: fidelity.dir, feeds: ['amazon'], now: NOW, env: {} })).feeds[0];
        const feed = JSON.parse(fidelity.read('out/amazon.json')) as typeof doc;
        const validate = feedValidator();
        expect(validate(feed), JSON.stringify(validate.errors?.slice(0, 3))).toBe(true);
        expect(feed.messages.length).toBe(built.listed);
        // with the definition, the families varying in size leave (PRODUCT has no size theme)
        expect(built.listed).toBeGreaterThan(definition ? 15 : 80);
        if (!definition) continue;
        const product = productValidator();
        for (const m of feed.messages.filter((m) => m.requirements === 'LISTING'))
          expect(product(m.attributes), `${m.sku}: ${JSON.stringify(product.errors?.slice(0, 3))}`).toBe(true);
      }
    } finally {
      fidelity.dispose();
    }
  });

  it('writes PRODUCT messages that validate against the PRODUCT definition', () => {
    const validate = productValidator();
    const products = doc.messages.filter((m) => m.productType === 'PRODUCT' && m.requirements === 'LISTING');
    expect(products.length).toBeGreaterThan(30);
    for (const m of products) expect(validate(m.attributes), `${m.sku}: ${JSON.stringify(validate.errors?.slice(0, 3))}`).toBe(true);
  });

  it('checks every type without a definition for what every type requires, and says so in one line of the feed', async () => {
    const plain = demoWorkspace();
    try {
      const without = (await build({ cwd: plain.dir, feeds: ['amazon-us'], now: NOW, env: {} })).feeds[0];
      expect(without.notes).toEqual([
        expect.stringMatching(/^partial check: PRODUCT, SHIRT were checked without their definitions, .*getDefinitionsProductType/),
      ]);
      // the demo's books and groceries have no colour, which PRODUCT requires: left out before and after the definition
      expect(without.invalid['color-missing']).toBe(4);
      expect(report.notes).toEqual([expect.stringMatching(/^partial check: SHIRT was checked without its definition/)]);
    } finally {
      plain.dispose();
    }
  });

  it('leaves out the families PRODUCT cannot carry, children with their parent', () => {
    expect(report.invalid['variation-theme-unsupported']).toBe(2);
    const skus = new Set(doc.messages.map((m) => m.sku));
    for (const sku of ['HOOD-200', 'HOOD-200-BLA-M', 'DRESS-300', 'DRESS-300-XS']) expect(skus.has(sku), sku).toBe(false);
    expect(report.issues.filter((i) => i.rule === 'variant-parent-invalid').map((i) => i.sku)).toContain('HOOD-200-BLA-M');
    expect(skus.has('SOCK-400') && skus.has('SOCK-400-RUST')).toBe(true);
  });

  it('writes PATCH, PARTIAL_UPDATE and DELETE messages that validate against the feed schema', async () => {
    let text = '';
    const files = { create: () => ({ write: (t: string) => void (text += t), end: async () => undefined }) };
    const writer = writeListingsFeed(files, 'delta.json', { sellerId: 'A1TESTSELLER', version: '2.0' });
    await writer.write(stockPatch('MUG-HM-1', 'PRODUCT', 5, 2));
    await writer.write(
      pricePatch('MUG-HM-1', 'PRODUCT', {
        marketplaceId: 'ATVPDKIKX0DER',
        currency: 'USD',
        price: 31.99,
        sale: { price: 25, start: '2026-12-01', end: '2026-12-24' },
      }),
    );
    await writer.write(
      partialUpdateMessage('MUG-HM-1', 'PRODUCT', { fulfillment_availability: [{ fulfillment_channel_code: 'DEFAULT', quantity: 0 }] }),
    );
    await writer.write(deleteMessage('GONE-1'));
    await writer.close();
    const delta = JSON.parse(text);
    const validate = feedValidator();
    expect(validate(delta), JSON.stringify(validate.errors)).toBe(true);
    expect(delta.messages.map((m: { operationType: string }) => m.operationType)).toEqual(['PATCH', 'PATCH', 'PARTIAL_UPDATE', 'DELETE']);
  });
});
