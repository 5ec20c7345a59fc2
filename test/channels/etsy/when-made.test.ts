import { describe, expect, it } from 'vitest';
import { readWhenMade, whenMadeBuckets } from '../../../src/channels/etsy/when-made.js';

const values = (year: number) => whenMadeBuckets(year).map((b) => b.value);

describe('etsy when_made buckets', () => {
  it('rolls the decade buckets over with the year', () => {
    expect(values(2024).slice(0, 6)).toEqual(['made_to_order', '2020_2024', '2010_2019', '2005_2009', 'before_2005', '2000_2004']);
    expect(values(2026).slice(0, 7)).toEqual(['made_to_order', '2020_2026', '2010_2019', '2007_2009', 'before_2007', '2000_2006', '1990s']);
    expect(values(2029).slice(0, 7)).toEqual(['made_to_order', '2020_2029', '2010_2019', 'before_2010', '2000s', '1990s', '1980s']);
    expect(values(2026).slice(-4)).toEqual(['1900s', '1800s', '1700s', 'before_1700']);
  });

  it('calls a bucket vintage when all of it is at least 20 years old', () => {
    const vintage = whenMadeBuckets(2026)
      .filter((b) => b.vintage)
      .map((b) => b.value);
    expect(vintage).toContain('2000_2006');
    expect(vintage).toContain('1960s');
    expect(vintage).not.toContain('2007_2009');
    expect(vintage).not.toContain('made_to_order');
  });

  const buckets = whenMadeBuckets(2026);
  const cases: [string, string | undefined, boolean][] = [
    ['1970s', '1970s', false],
    ['1972', '1970s', false],
    ['2008', '2007_2009', false],
    ['2006', '2000_2006', false],
    ['1850', '1800s', false],
    ['1650', 'before_1700', false],
    ['2020_2025', '2020_2026', true],
    ['2006_2009', undefined, false],
    ['before_2006', 'before_2007', true],
    ['Made_To_Order', 'made_to_order', false],
    ['someday', undefined, false],
  ];
  it.each(cases)('reads %s', (text, value, rebucketed) => {
    const read = readWhenMade(text, buckets);
    expect(read.bucket?.value).toBe(value);
    expect(read.rebucketed).toBe(rebucketed);
  });
});
