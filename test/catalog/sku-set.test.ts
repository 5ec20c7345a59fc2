import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SkuSet } from '../../src/catalog/sku-set.js';

describe('SkuSet', () => {
  it('holds exactly the SKUs added, through its growth, like a Set of strings', () => {
    const skus = new SkuSet();
    const reference = new Set<string>();
    for (let i = 0; i < 50_000; i++) {
      // SKUs that share hashes' low bits, prefixes, and non-ASCII letters
      const sku = i % 3 === 0 ? `TEE-${i}` : i % 3 === 1 ? `Größe-${i % 20_000}` : `${i % 7}`.repeat(1 + (i % 40));
      expect(skus.add(sku), sku).toBe(!reference.has(sku));
      reference.add(sku);
    }
    expect(skus.size).toBe(reference.size);
    for (const sku of reference) expect(skus.has(sku)).toBe(true);
    for (const sku of ['TEE-1', 'Größe-20000', '7', '', 'tee-0', 'TEE-0 ']) expect(skus.has(sku), sku).toBe(reference.has(sku));
  });

  it('agrees with a Set of strings on any strings, surrogates included', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.oneof(
            fc.string({ maxLength: 6 }),
            fc.string({ unit: 'binary', maxLength: 4 }),
            fc.constantFrom('\uD800', '\uD801', '\uFFFD', '\uDC00x'),
          ),
          { maxLength: 300 },
        ),
        (list) => {
          const skus = new SkuSet();
          const reference = new Set<string>();
          for (const sku of list) {
            if (skus.add(sku) !== !reference.has(sku)) return false;
            reference.add(sku);
          }
          return [...reference].every((s) => skus.has(s)) && skus.size === reference.size;
        },
      ),
    );
  });
});
