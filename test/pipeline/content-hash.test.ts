import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { contentHash } from '../../src/pipeline/content-hash.js';

const NONE = new Set<string>();
const OFFER = new Set(['price', 'quantity']);

describe('contentHash', () => {
  it('is 16 hex digits, and the same from one version to the next (it is kept in the published state)', () => {
    const item = { id: 'TEE-1', title: 'Tee « naïve » 抹茶 😀', images: ['a.jpg', 'b.jpg'], n: 1.5, on: true, off: false, none: null };
    expect(contentHash(item, NONE)).toMatch(/^[0-9a-f]{16}$/);
    // a change of this value means every published item reads as changed at the next diff: make the hash another length instead
    expect(contentHash(item, NONE)).toBe('548089af1c33aa4d');
  });

  it('leaves out the offer keys at any depth, and nothing else', () => {
    const item = { id: 'A', price: '10.00 USD', offers: [{ price: 10, quantity: 3, color: 'red' }] };
    const other = { id: 'A', price: '12.00 USD', offers: [{ price: 12, quantity: 0, color: 'red' }] };
    expect(contentHash(item, OFFER)).toBe(contentHash(other, OFFER));
    expect(contentHash(item, OFFER)).not.toBe(contentHash({ ...other, offers: [{ price: 12, color: 'blue' }] }, OFFER));
    expect(contentHash(item, NONE)).not.toBe(contentHash(other, NONE));
  });

  it('tells apart values that would run together: framing, types, order and undefined', () => {
    const values: unknown[] = [
      { a: 'bc' },
      { ab: 'c' },
      ['a', 'b'],
      ['ab'],
      [['a'], 'b'],
      [['a', 'b']],
      { a: '1' },
      { a: 1 },
      { a: true },
      { a: 'true' },
      { a: null },
      { a: [] },
      { a: {} },
      { a: 'x', b: 'y' },
      { b: 'y', a: 'x' },
      [],
      {},
      '',
      [null],
    ];
    const hashes = values.map((v) => contentHash(v, NONE));
    expect(new Set(hashes).size).toBe(values.length);
    // as JSON has it: a key whose value is undefined is not there
    expect(contentHash({ a: 'x', b: undefined }, NONE)).toBe(contentHash({ a: 'x' }, NONE));
  });

  it('is the same for the same JSON, and differs for different JSON', () => {
    fc.assert(
      fc.property(fc.jsonValue(), fc.jsonValue(), (one, other) => {
        const same = JSON.stringify(one) === JSON.stringify(other);
        if (contentHash(one, NONE) !== contentHash(JSON.parse(JSON.stringify(one)), NONE)) return false;
        return same === (contentHash(one, NONE) === contentHash(other, NONE));
      }),
      { numRuns: 2000 },
    );
  });
});
