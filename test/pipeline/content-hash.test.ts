import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { contentHash } from '../../src/pipeline/content-hash.js';

const NONE = new Set<string>();

/** The hash as its definition says, plainly: a recursive walk, each string unit by unit. */
function definition(item: unknown, skip: ReadonlySet<string>): string {
  let a = 0x811c9dc5;
  let b = 0x9747b28c;
  const mix = (unit: number) => {
    a = Math.imul(a ^ unit, 0x01000193);
    b = Math.imul(b ^ unit, 0x5bd1e995);
    b ^= b >>> 15;
  };
  const text = (value: string) => {
    mix(value.length);
    for (let i = 0; i < value.length; i++) mix(value.charCodeAt(i));
  };
  const [STRING, NUMBER, TRUE, FALSE, NULL, ARRAY, OBJECT, END] = [0x10000, 0x10001, 0x10002, 0x10003, 0x10004, 0x10005, 0x10006, 0x10007];
  const walk = (value: unknown): void => {
    if (typeof value === 'string') {
      mix(STRING);
      text(value);
    } else if (typeof value === 'number') {
      mix(NUMBER);
      text(String(value));
    } else if (typeof value === 'boolean') mix(value ? TRUE : FALSE);
    else if (value === null || typeof value !== 'object') mix(NULL);
    else if (Array.isArray(value)) {
      mix(ARRAY);
      value.forEach(walk);
      mix(END);
    } else {
      mix(OBJECT);
      for (const [key, v] of Object.entries(value)) {
        if (v === undefined || skip.has(key)) continue;
        text(key);
        walk(v);
      }
      mix(END);
    }
  };
  walk(item);
  const finish = (h: number) => {
    h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
    h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
    return ((h ^ (h >>> 16)) >>> 0).toString(16).padStart(8, '0');
  };
  return finish(a) + finish(b);
}
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

  it('is what its definition says for any value: lone surrogates, joined and sliced strings, items larger than its buffers', () => {
    fc.assert(
      fc.property(fc.jsonValue({ stringUnit: 'binary' }), (value) => contentHash(value, OFFER) === definition(value, OFFER)),
      { numRuns: 1000 },
    );
    const long = 'ab\u00e9\ud83d'.repeat(50_000);
    const big = {
      description: long,
      joined: long.slice(3, 40_000) + '·' + long.slice(7, 9_000),
      rows: Array.from({ length: 3_000 }, (_, i) => ({ i, price: i, name: `row ${i}` })),
    };
    expect(contentHash(big, OFFER)).toBe(definition(big, OFFER));
    // and the same once more, after its buffers grew
    expect(contentHash({ id: 'A', tags: ['\udc00', 'x'] }, OFFER)).toBe(definition({ id: 'A', tags: ['\udc00', 'x'] }, OFFER));
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
