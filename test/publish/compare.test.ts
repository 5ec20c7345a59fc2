import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { SkuRecord } from '../../src/output/skus.js';
import { formatRecord, parseRecord } from '../../src/output/skus.js';
import { compare } from '../../src/publish/compare.js';

async function* stream(records: SkuRecord[]): AsyncIterable<SkuRecord> {
  yield* records;
}

/** The same counts by the plain way: both sides in maps. */
function expected(now: SkuRecord[], before: SkuRecord[]) {
  const old = new Map(before.map((r) => [r.sku, r]));
  const fresh = new Map(now.map((r) => [r.sku, r]));
  let added = 0;
  let removed = 0;
  let changed = 0;
  for (const r of now) {
    const b = old.get(r.sku);
    if (r.listed && !b?.listed) added++;
    else if (!r.listed && b?.listed) removed++;
    else if (r.listed && b && (r.price !== b.price || r.quantity !== b.quantity || r.hash !== b.hash || r.sale_price !== b.sale_price))
      changed++;
  }
  for (const b of before) if (b.listed && !fresh.has(b.sku)) removed++;
  return { added, removed, changed };
}

const record = fc.record({
  listed: fc.boolean(),
  price: fc.option(fc.constantFrom(5, 9.99, 20, 2000), { nil: undefined }),
  quantity: fc.option(fc.nat(3), { nil: undefined }),
  hash: fc.option(fc.constantFrom('aaaaaaaaaaaa', 'bbbbbbbbbbbb'), { nil: undefined }),
});

describe('compare', () => {
  it('counts exactly as two maps would, whatever the order, the SKUs added and those gone', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.uniqueArray(fc.integer({ min: 0, max: 60 }), { maxLength: 40 }),
        fc.uniqueArray(fc.integer({ min: 0, max: 60 }), { maxLength: 40 }),
        fc.array(record, { minLength: 61, maxLength: 61 }),
        fc.array(record, { minLength: 61, maxLength: 61 }),
        async (oldSkus, newSkus, oldValues, newValues) => {
          const before = oldSkus.map((n) => ({ sku: `S-${n}`, ...oldValues[n] }));
          const now = newSkus.map((n) => ({ sku: `S-${n}`, ...newValues[n] }));
          const seen: string[] = [];
          const result = await compare(stream(now), stream(before), { factor: 3, onRecord: (r) => void seen.push(r.sku) });
          expect({ added: result.added, removed: result.removed, changed: result.changed }).toEqual(expected(now, before));
          expect(seen.sort()).toEqual(now.map((r) => r.sku).sort());
        },
      ),
      { numRuns: 300 },
    );
  });

  it('counts a price changed by more than the factor, up or down, among the SKUs listed with a price on both sides', async () => {
    const before: SkuRecord[] = [
      { sku: 'A', listed: true, price: 10 },
      { sku: 'B', listed: true, price: 10 },
      { sku: 'C', listed: true, price: 10 },
      { sku: 'D', listed: true },
    ];
    const now: SkuRecord[] = [
      { sku: 'A', listed: true, price: 1000 },
      { sku: 'B', listed: true, price: 3 },
      { sku: 'C', listed: true, price: 30 },
      { sku: 'D', listed: true, price: 10 },
    ];
    const result = await compare(stream(now), stream(before), { factor: 3 });
    expect(result.prices).toEqual({ compared: 3, beyond: 2 });
    expect(result.samples).toEqual(['A price 10 -> 1000', 'B price 10 -> 3', 'C price 10 -> 30', 'D price - -> 10']);
  });

  it('does not count as changed content an item hashed the earlier way (a state of an earlier version)', async () => {
    const before: SkuRecord[] = [
      { sku: 'A', listed: true, price: 10, hash: 'AbCdEf-_1234' },
      { sku: 'B', listed: true, price: 10, hash: '0123456789abcdef' },
    ];
    const now: SkuRecord[] = [
      { sku: 'A', listed: true, price: 10, hash: 'fedcba9876543210' },
      { sku: 'B', listed: true, price: 10, hash: '1123456789abcdef' },
    ];
    const result = await compare(stream(now), stream(before), { factor: 3 });
    expect(result).toMatchObject({ changed: 1, unchanged: 1, fields: { content: 1 } });
    expect(result.samples).toEqual(['B content changed']);
  });

  it('writes a record as one line and reads it back, tabs, line breaks and backslashes included', () => {
    const r: SkuRecord = {
      sku: 'A\tB\\C\nD',
      item: 'P-1',
      hash: 'abcdefabcdef',
      price: 19.99,
      sale_price: 15,
      quantity: 0,
      listed: false,
      reason: 'out-of-stock',
      remote_id: '1234',
    };
    const line = formatRecord(r);
    expect(line.split('\n')).toHaveLength(2);
    expect(parseRecord(line.trimEnd())).toEqual(r);
  });
});
