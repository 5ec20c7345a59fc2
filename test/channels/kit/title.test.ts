import { describe, expect, it } from 'vitest';
import { shouts } from '../../../src/channels/kit/title.js';

describe('shouting in capitals', () => {
  it.each<[string, string | undefined, boolean]>([
    ['ORGANIC COTTON Tee', undefined, true],
    ['BLUE MUG SET', undefined, true],
    ['Organic Cotton Tee', undefined, false],
    // short capital words are abbreviations and sizes, not emphasis
    ['USB-C Cable 1 m', undefined, false],
    ['LED Desk Lamp XL', undefined, false],
    ['IP67 WATERPROOF Speaker', undefined, false],
    // the brand's own capitals are its name
    ['ASUS ROG STRIX Laptop', 'ASUS', false],
    ['LEGO CITY Fire Station', undefined, true],
  ])('%s (brand %s): %s', (title, brand, expected) => {
    expect(shouts(title, brand)).toBe(expected);
  });
});

describe('shouting in short capital words', () => {
  it('counts a title of capitals only, even with no long word', () => {
    expect(shouts('TEE TOP RED')).toBe(true);
    expect(shouts('Tee Top Red')).toBe(false);
  });
});
