import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Workspace } from '../../src/config/types.js';
import { allocationShare } from '../../src/pipeline/allocation.js';

const FEEDS = ['amazon-us', 'ebay-us', 'etsy', 'google-us', 'meta-us'];

function workspace(allocation: NonNullable<Workspace['config']['allocation']>, feeds = FEEDS): Workspace {
  return {
    root: '/nowhere',
    configFile: '/nowhere/omnifeed.yaml',
    config: { catalog: { path: 'catalog.csv' }, allocation },
    feeds: feeds.map((name) => ({
      name,
      file: `feeds/${name}.yaml`,
      channel: 'google',
      market: { country: 'US', language: 'en', currency: 'USD' },
      output: { path: `${name}.xml` },
    })),
  };
}

/** Each feed's units of a stock. */
const parts = (ws: Workspace, available: number) => ws.feeds.map((f) => allocationShare(ws, f.name)!(available).units);

describe('allocation', () => {
  it('pooled: whole units by share, adding up to the stock; the feeds not named split the rest equally', () => {
    const ws = workspace({ pooled: { 'google-us': '40%', 'amazon-us': '30%' } });
    // 10 units: google 4, amazon 3, and 30% left for ebay, etsy, meta (1 each)
    expect(parts(ws, 10)).toEqual([3, 1, 1, 4, 1]);
    // 3 units: google 1.2, amazon 0.9, 0.3 each for the others: google 1, then the largest remainders, amazon's,
    // then one of three tied at 0.3: the first of the feeds not named (ebay-us)
    expect(parts(ws, 3)).toEqual([1, 1, 0, 1, 0]);
    expect(allocationShare(ws, 'google-us')!(7).note).toBe('pooled share 40% of 7 available → 3');
  });

  it('pooled: when every feed is named, what the shares leave is kept back', () => {
    const ws = workspace({ pooled: { 'google-us': '50%', 'amazon-us': '25%' } }, ['amazon-us', 'google-us']);
    expect(parts(ws, 8)).toEqual([2, 4]);
    expect(parts(ws, 1)).toEqual([0, 1]);
  });

  it('reserve: the feeds named get their units in order while stock lasts; the others split what is left', () => {
    const ws = workspace({ reserve: { 'amazon-us': 5, etsy: 2 } });
    expect(parts(ws, 20)).toEqual([5, 5, 2, 4, 4]);
    expect(parts(ws, 6)).toEqual([5, 0, 1, 0, 0]);
    expect(parts(ws, 3)).toEqual([3, 0, 0, 0, 0]);
    expect(allocationShare(ws, 'meta-us')!(20).note).toBe('an equal part (1 of 3) of the 13 left after the reserves, of 20 available → 4');
  });

  it('never gives the feeds together more than the stock, for any shares, reserves and stock', () => {
    const share = fc.integer({ min: 0, max: 100 }).map((n) => `${n}%`);
    const pooled = fc
      .dictionary(fc.constantFrom(...FEEDS), share, { minKeys: 1 })
      .filter((d) => Object.values(d).reduce((n, s) => n + parseFloat(s), 0) <= (Object.keys(d).length === FEEDS.length ? 100 : 99));
    const reserve = fc.dictionary(fc.constantFrom(...FEEDS), fc.integer({ min: 0, max: 50 }), { minKeys: 1 });
    const allocation = fc.oneof(
      pooled.map((p) => ({ pooled: p })),
      reserve.map((r) => ({ reserve: r })),
    );
    fc.assert(
      fc.property(allocation, fc.integer({ min: 0, max: 10_000 }), (a, available) => {
        const units = parts(workspace(a), available);
        expect(units.every((u) => Number.isInteger(u) && u >= 0)).toBe(true);
        expect(units.reduce((n, u) => n + u, 0)).toBeLessThanOrEqual(available);
      }),
    );
  });

  it('refuses an unknown feed, shares over 100%, and shares that leave nothing to the feeds not named', () => {
    expect(() => allocationShare(workspace({ pooled: { 'google-de': '10%' } }), 'google-us')).toThrow(
      "omnifeed.yaml: /allocation/pooled: no feed definition 'google-de' in feeds/",
    );
    expect(() => allocationShare(workspace({ reserve: { nope: 1 } }), 'google-us')).toThrow(/no feed definition 'nope'/);
    expect(() => allocationShare(workspace({ pooled: { 'google-us': '70%', 'amazon-us': '40%' } }), 'etsy')).toThrow(
      'the shares add up to 110%, more than 100%',
    );
    expect(() => allocationShare(workspace({ pooled: { 'google-us': '100%' } }), 'etsy')).toThrow(
      'leaving nothing for amazon-us, ebay-us, etsy, meta-us (give a feed 0% to offer it nothing)',
    );
  });
});
