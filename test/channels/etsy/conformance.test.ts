import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { Ajv } from 'ajv';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EtsyLine } from '../../../src/channels/etsy/index.js';
import { whenMadeBuckets } from '../../../src/channels/etsy/when-made.js';
import { build } from '../../../src/commands/build.js';
import { demoWorkspace, NOW, repoRoot, specsDir } from '../../helpers/workspace.js';
import { feed, group, itemsOf, prepared, single } from './helpers.js';
import { requestSchema, type Schema } from '../../helpers/etsy-openapi.js';

const specFile = path.join(specsDir, 'etsy/etsy-openapi-v3.json');
const present = existsSync(specFile);
if (!present)
  console.warn(`etsy conformance skipped: Etsy's OpenAPI document is not at ${specFile} (CI checks it out beside the repository)`);

describe.skipIf(!present)("etsy payloads against Etsy's published OpenAPI document", () => {
  const ws = demoWorkspace();
  let doc: Schema;
  let listingSchema: Schema;
  let inventorySchema: Schema;
  let lines: EtsyLine[];
  const ajv = new Ajv({ allErrors: true, strict: false });

  beforeAll(async () => {
    doc = JSON.parse(readFileSync(specFile, 'utf8')) as Schema;
    listingSchema = requestSchema(doc, 'createDraftListing', 'application/x-www-form-urlencoded');
    inventorySchema = requestSchema(doc, 'updateListingInventory', 'application/json');
    ws.write(
      'examples/catalog.csv',
      ws.read('examples/catalog.csv') + readFileSync(path.join(repoRoot, 'test/fixtures/etsy/catalog-rows.csv'), 'utf8'),
    );
    await build({ cwd: ws.dir, feeds: ['etsy'], now: NOW });
    lines = ws
      .read('out/etsy.ndjson')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as EtsyLine);
  });
  afterAll(() => ws.dispose());

  /** the document's when_made enum, and the year it was written for: `before_2006` is offered in 2025 */
  const documentedWhenMade = () => {
    const values = (listingSchema.properties as Record<string, { enum: string[] }>).when_made.enum;
    const before = values.map((v) => /^before_(\d{4})$/.exec(v)).find((m) => m && Number(m[1]) > 1700)!;
    return { values, year: Number(before[1]) + 19 };
  };

  it("derives the document's when_made enum for the year it was written", () => {
    const { values, year } = documentedWhenMade();
    expect(whenMadeBuckets(year).map((b) => b.value)).toEqual(values);
  });

  /** the listing schema with when_made rolled over to the build year (checked above against the document) */
  const listingValidator = () => {
    const schema = structuredClone(listingSchema);
    (schema.properties as Record<string, { enum: string[] }>).when_made.enum = whenMadeBuckets(NOW.getUTCFullYear()).map((b) => b.value);
    return ajv.compile(schema);
  };

  it('validates every createDraftListing body of the demo feed', () => {
    const validate = listingValidator();
    expect(lines.length).toBeGreaterThan(5);
    for (const { sku, listing } of lines)
      expect({ sku, errors: validate(listing) ? null : validate.errors }).toEqual({ sku, errors: null });
  });

  it('validates every updateListingInventory body of the demo feed', () => {
    const validate = ajv.compile(inventorySchema);
    const inventories = lines.filter((l) => l.inventory !== null);
    expect(inventories.length).toBeGreaterThan(0);
    for (const { sku, inventory } of inventories)
      expect({ sku, errors: validate(inventory) ? null : validate.errors }).toEqual({ sku, errors: null });
  });

  it('validates bodies with every optional field the channel writes', async () => {
    const full = prepared(
      { weight: 2, weight_unit: 'lb', length: 10, width: 4, height: 3, dimension_unit: 'in', material: 'Wool, Cotton' },
      {
        fields: {
          styles: 'Boho',
          is_supply: 'no',
          personalization_instructions: 'Name to knit in',
          personalization_char_count_max: '12',
          image_ids: '1, 2',
          is_taxable: 'true',
        },
      },
    );
    const definition = feed({
      shipping_profile_id: 1,
      readiness_state_id: 2,
      return_policy_id: 3,
      shop_section_id: 4,
      should_auto_renew: true,
      is_customizable: false,
      max_variations: 3,
      properties: { material: { property_id: 502, scale_id: 5, value_ids: { Wool: 7, Silk: 8 } } },
    });
    const [{ item, issues }] = await itemsOf(single(full), definition);
    expect(issues).toEqual([]);
    expect(item.listing).toMatchObject({
      is_personalizable: true,
      personalization_char_count_max: 12,
      image_ids: [1, 2],
      item_dimensions_unit: 'in',
      item_weight_unit: 'lb',
    });
    const validateListing = listingValidator();
    expect(validateListing(item.listing) ? null : validateListing.errors).toBeNull();

    const [{ item: grouped, issues: groupIssues }] = await itemsOf(
      group(
        ['color', 'size', 'material'],
        [
          { color: 'Red', size: 'S', material: 'Wool' },
          { color: 'Red', size: 'S', material: 'Silk' },
        ],
      ),
      definition,
    );
    expect(groupIssues).toEqual([]);
    const validateInventory = ajv.compile(inventorySchema);
    expect(validateInventory(grouped.inventory) ? null : validateInventory.errors).toBeNull();
  });

  it('would catch a body Etsy refuses (the schemas are not empty)', () => {
    const validate = listingValidator();
    expect(validate({ ...lines[0].listing, who_made: 'factory' })).toBe(false);
    expect(validate({ ...lines[0].listing, when_made: '2020_2025' })).toBe(false);
    const inventory = ajv.compile(inventorySchema);
    expect(inventory({ products: [{ offerings: [{ price: 1, quantity: 1 }] }] })).toBe(false);
  });
});
