import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { Ajv } from 'ajv';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CONDITION_IDS } from '../../../src/channels/ebay/spec.js';
import { SITES } from '../../../src/channels/ebay/sites.js';
import { build } from '../../../src/commands/build.js';
import { demoWorkspace, NOW, specsDir } from '../../helpers/workspace.js';
import { readCsv } from './helpers.js';

const specs = path.join(specsDir, 'ebay/sell_inventory_v1_oas3.json');
if (!existsSync(specs))
  console.warn(`eBay conformance suite skipped: ${specs} is missing (the marketplace schemas live beside the repository in CI)`);

/**
 * eBay publishes no schema for its CSV; its Sell Inventory API contract describes the same
 * listing. Each CSV listing read back is turned into the Inventory API payloads it stands for
 * (InventoryItem per SKU, InventoryItemGroup for variations, offer) and validated against the
 * contract's component schemas, closed to unknown properties, and the limits it states.
 */
describe.skipIf(!existsSync(specs))('eBay output against the Sell Inventory API contract', () => {
  const ws = demoWorkspace();
  let text: string;
  let ajv: Ajv;
  let oas: { components: { schemas: Record<string, any> } };

  beforeAll(async () => {
    await build({ cwd: ws.dir, feeds: ['ebay-us'], now: NOW });
    text = ws.read('out/ebay-us.csv');
    oas = JSON.parse(readFileSync(specs, 'utf8'));
    const closed = (schema: any): any => {
      if (Array.isArray(schema)) return schema.map(closed);
      if (!schema || typeof schema !== 'object') return schema;
      const out: any = {};
      for (const [k, v] of Object.entries(schema))
        out[k] = k === '$ref' ? (v as string).replace('#/components/schemas/', 'oas#/definitions/') : closed(v);
      if (out.properties && out.additionalProperties === undefined) out.additionalProperties = false;
      return out;
    };
    ajv = new Ajv({ strict: false, allErrors: true });
    ajv.addSchema({ $id: 'oas', definitions: closed(oas.components.schemas) });
  });
  afterAll(() => ws.dispose());

  const validate = (name: string, value: unknown) => {
    const ok = ajv.validate(`oas#/definitions/${name}`, value);
    expect(ajv.errors ?? [], `${name}: ${JSON.stringify(value).slice(0, 200)}`).toEqual([]);
    return ok;
  };

  it('closes the contract schemas, so a misnamed field fails', () => {
    expect(ajv.validate('oas#/definitions/InventoryItem', { product: { titel: 'x' } })).toBe(false);
    expect(ajv.validate('oas#/definitions/InventoryItem', { product: { title: 'x' } })).toBe(true);
  });

  it('knows every condition name it maps to from the contract', () => {
    const contract = JSON.stringify(oas);
    for (const name of ['NEW', 'NEW_OTHER', 'NEW_WITH_DEFECTS', 'CERTIFIED_REFURBISHED', 'LIKE_NEW', 'USED_VERY_GOOD']) {
      expect(contract).toMatch(new RegExp(`\\b${name}\\b`));
      expect(Object.values(CONDITION_IDS)).toContain(name);
    }
    expect(contract).toContain(SITES.US.marketplaceId);
  });

  it('every listing maps onto valid InventoryItem, InventoryItemGroup and offer payloads', () => {
    const { rows } = readCsv(text);
    const listings: Record<string, string>[][] = [];
    for (const row of rows) {
      if (row.Action) listings.push([row]);
      else listings[listings.length - 1].push(row);
    }
    expect(listings.length).toBeGreaterThan(0);
    for (const [head, ...variations] of listings) {
      const aspects: Record<string, string[]> = {};
      for (const [k, v] of Object.entries(head)) if (k.startsWith('C:') && v) aspects[k.slice(2)] = [v];
      const imageUrls = head.PicURL.split('|');
      expect(imageUrls.length).toBeLessThanOrEqual(24);
      for (const url of imageUrls) expect(url).toMatch(/^https:\/\//);
      expect([...head.Title].length).toBeLessThanOrEqual(80);
      for (const [name, [value]] of Object.entries(aspects)) expect([name.length, value.length <= 65]).toEqual([name.length, true]);
      const items = (variations.length ? variations : [head]).map((row) => {
        const own = { ...aspects };
        if (row.RelationshipDetails) for (const [n, v] of row.RelationshipDetails.split('|').map((p) => p.split('='))) own[n] = [v];
        const ids = (key: string) => (row[key] ? [row[key]] : undefined);
        const item = {
          availability: { shipToLocationAvailability: { quantity: Number(row.Quantity) } },
          condition: CONDITION_IDS[head.ConditionID],
          // the contract types `aspects` as a string holding the JSON map ({"Brand":["GoPro"]})
          product: {
            title: head.Title,
            description: head.Description.slice(0, 4000),
            aspects: JSON.stringify(own),
            imageUrls,
            upc: ids('P:UPC'),
            ean: ids('P:EAN'),
            isbn: ids('P:ISBN'),
          },
        };
        expect(item.condition).toBeDefined();
        expect(row.CustomLabel.length).toBeLessThanOrEqual(50);
        validate('InventoryItem', JSON.parse(JSON.stringify(item)));
        validate('EbayOfferDetailsWithKeys', {
          sku: row.CustomLabel,
          marketplaceId: SITES.US.marketplaceId,
          format: 'FIXED_PRICE',
          listingDuration: 'GTC',
          availableQuantity: Number(row.Quantity),
          categoryId: head.Category,
          listingDescription: head.Description,
          pricingSummary: { price: { value: row.StartPrice, currency: 'USD' } },
        });
        return row.CustomLabel;
      });
      if (variations.length) {
        const variesBy = head.RelationshipDetails.split('|')
          .map((p) => p.split('='))
          .map(([name, values]) => ({ name, values: values.split(';') }));
        const group = {
          inventoryItemGroupKey: head.CustomLabel,
          title: head.Title,
          description: head.Description,
          imageUrls,
          aspects: JSON.stringify(aspects),
          variantSKUs: items,
          variesBy: { specifications: variesBy },
        };
        validate('InventoryItemGroup', group);
      }
    }
  });
});
