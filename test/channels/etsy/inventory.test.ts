import { describe, expect, it } from 'vitest';
import { onProperty, resolveProperties } from '../../../src/channels/etsy/inventory.js';
import { group, itemsOf } from './helpers.js';

describe('etsy *_on_property', () => {
  const keys = [
    ['Red', 'S'],
    ['Red', 'M'],
    ['Blue', 'S'],
    ['Blue', 'M'],
  ];
  it.each([
    ['the same for all', [5, 5, 5, 5], []],
    ['by the first property', [5, 5, 7, 7], [513]],
    ['by the second property', [5, 7, 5, 7], [514]],
    ['by both', [1, 2, 3, 4], [513, 514]],
  ])('%s', (_, values, expected) => {
    expect(onProperty(keys, values, [513, 514])).toEqual(expected);
  });

  it('gives custom properties 513 and 514 in turn, and none to a third', () => {
    const props = resolveProperties(['color', 'size', 'material'], {});
    expect(props.map((p) => p?.property_id)).toEqual([513, 514, undefined]);
    expect(
      resolveProperties(['color', 'size'], { color: { property_id: 513, name: 'Colour' } }).map((p) => [p?.property_id, p?.property_name]),
    ).toEqual([
      [513, 'Colour'],
      [514, 'Size'],
    ]);
  });
});

describe('etsy inventory body', () => {
  it('carries every variant, enabled when in stock, with on_property lists consistent with the values', async () => {
    const g = group(
      ['color', 'size'],
      [
        { color: 'Red', size: 'S', qty: 4, price: 30 },
        { color: 'Red', size: 'M', qty: 0, price: 30 },
        { color: 'Blue', size: 'S', qty: 2, price: 32 },
        { color: 'Blue', size: 'M', qty: 1, price: 32 },
      ],
    );
    g.variants.forEach((v) => (v.price = { ...v.price, price: v.product.price }));
    const [{ item, issues }] = await itemsOf(g);
    expect(issues).toEqual([]);
    expect(item.listing).toMatchObject({ quantity: 7, price: 30, title: 'Knitted Hat' });
    const inv = item.inventory!;
    expect(inv.products).toHaveLength(4);
    expect(inv.products[1]).toEqual({
      sku: 'HAT-2',
      property_values: [
        { property_id: 513, property_name: 'Color', value_ids: [], values: ['Red'] },
        { property_id: 514, property_name: 'Size', value_ids: [], values: ['M'] },
      ],
      offerings: [{ price: 30, quantity: 0, is_enabled: false }],
    });
    expect(inv.price_on_property).toEqual([513]);
    expect(inv.quantity_on_property).toEqual([513, 514]);
    expect(inv.sku_on_property).toEqual([513, 514]);
    // what *_on_property leaves out really is constant across the products it groups
    for (const [list, value] of [[inv.price_on_property, (i: number) => inv.products[i].offerings[0].price]] as const) {
      const byKey = new Map<string, number>();
      inv.products.forEach((p, i) => {
        const key = p.property_values
          .filter((pv) => list.includes(pv.property_id))
          .map((pv) => pv.values[0])
          .join('|');
        expect(byKey.get(key) ?? value(i)).toBe(value(i));
        byKey.set(key, value(i));
      });
    }
  });

  it('sends the variants the feed left out, disabled, in catalog order: the call replaces the whole inventory', async () => {
    const g = group(
      ['size'],
      [
        { size: 'S', qty: 4 },
        { size: 'M', qty: 6 },
        { size: 'L', qty: 2 },
      ],
    );
    g.variants.forEach((v, i) => (v.product.source = { file: 'catalog.csv', line: 3 + i }));
    const [medium] = g.variants.splice(1, 1);
    g.excluded = [medium];
    const [{ item, issues }] = await itemsOf(g);
    expect(issues).toEqual([]);
    expect(item.listing.quantity).toBe(6);
    expect(item.inventory!.products.map((p) => [p.sku, p.offerings[0].quantity, p.offerings[0].is_enabled])).toEqual([
      ['HAT-1', 4, true],
      ['HAT-2', 0, false],
      ['HAT-3', 2, true],
    ]);
  });

  it('puts the readiness state on every offering when the feed has one', async () => {
    const { feed } = await import('./helpers.js');
    const [{ item }] = await itemsOf(
      group(['color'], [{ color: 'Red' }, { color: 'Blue' }]),
      feed({ shipping_profile_id: 11, readiness_state_id: 99 }),
    );
    expect(item.listing.readiness_state_id).toBe(99);
    expect(item.inventory!.products.every((p) => p.offerings[0].readiness_state_id === 99)).toBe(true);
    expect(item.inventory!.readiness_state_on_property).toEqual([]);
  });

  it('writes value ids and the scale of a configured taxonomy property', async () => {
    const { feed } = await import('./helpers.js');
    const definition = feed({
      shipping_profile_id: 11,
      properties: { size: { property_id: 100, scale_id: 19, value_ids: { S: 1001, M: 1002 } } },
    });
    const [{ item }] = await itemsOf(group(['size'], [{ size: 'S' }, { size: 'M' }]), definition);
    expect(item.inventory!.products[0].property_values).toEqual([
      { property_id: 100, property_name: 'Size', value_ids: [1001], values: ['S'], scale_id: 19 },
    ]);
  });
});
