import { describe, expect, it } from 'vitest';
import { categoryTags, checkTags, checkTitle } from '../../../src/channels/etsy/content.js';

describe('etsy title fixes', () => {
  const cases: [string, string, string, string[]][] = [
    ['keeps a good title', 'Hand-thrown Mug: 100% Clay', 'Hand-thrown Mug: 100% Clay', []],
    [
      'keeps the first & and spells out the rest',
      'Salt & Pepper & Oil & Vinegar Set',
      'Salt & Pepper and Oil and Vinegar Set',
      ['title-repeated-character'],
    ],
    [
      'spells out repeated + % :',
      'A: B: 5% 6% x+y+z',
      'A: B - 5% 6 percent x+y plus z',
      ['title-repeated-character', 'title-repeated-character', 'title-repeated-character'],
    ],
    ['removes characters Etsy does not allow', 'Aleppo Soap 🧼 Bar', 'Aleppo Soap Bar', ['title-invalid-characters']],
    ['cuts a long title at a word', `${'word '.repeat(40)}end`, `${'word '.repeat(27)}word`, ['title-too-long']],
  ];
  it.each(cases)('%s', (_, input, fixed, rules) => {
    const result = checkTitle(input, true);
    expect(result.title).toBe(fixed);
    expect([...result.title].length).toBeLessThanOrEqual(140);
    expect(result.problems.map((p) => p.rule)).toEqual(rules);
  });

  it('reports the same problems and changes nothing without permission', () => {
    const result = checkTitle('Salt & Pepper & Oil', false);
    expect(result.title).toBe('Salt & Pepper & Oil');
    expect(result.problems.map((p) => p.rule)).toEqual(['title-repeated-character']);
  });
});

describe('etsy tag fixes', () => {
  it('splits an over-long tag at word boundaries', () => {
    expect(checkTags(['winter accessories for cold days'], true).tags).toEqual(['winter accessories', 'for cold days']);
  });

  it('cuts a single word longer than a tag', () => {
    expect(checkTags(['supercalifragilisticexpialidocious'], true).tags).toEqual(['supercalifragilistic']);
  });

  it('removes characters Etsy does not allow, and empty tags', () => {
    const result = checkTags(['salt & pepper', '!!!', 'tea/coffee'], true);
    expect(result.tags).toEqual(['salt pepper', 'tea coffee']);
    expect(result.problems.map((p) => p.rule)).toEqual(['tag-invalid-characters', 'tag-invalid-characters', 'tag-invalid-characters']);
  });

  it('keeps the first 13 of 30 tags', () => {
    const tags = Array.from({ length: 30 }, (_, i) => `tag ${i + 1}`);
    const result = checkTags(tags, true);
    expect(result.tags).toEqual(tags.slice(0, 13));
    expect(result.problems.map((p) => p.rule)).toEqual(['tags-too-many']);
  });

  it('every fixed tag list obeys the limits', () => {
    const result = checkTags(['a'.repeat(50), 'b c d e f g h i j k l m n o p q r s t u v w x y z aa bb cc dd', "it's ok", 'x™'], true);
    expect(result.tags.length).toBeLessThanOrEqual(13);
    for (const tag of result.tags) {
      expect([...tag].length).toBeLessThanOrEqual(20);
      expect(tag).toMatch(/^[\p{L}\p{M}\p{Nd}\p{Zs}\-'™©®]+$/u);
    }
  });

  it('fills free places with category tags, never reported', () => {
    const result = checkTags(['mug'], true, categoryTags('Home & Garden > Kitchen > Drinkware'));
    expect(result.tags).toEqual(['mug', 'drinkware', 'kitchen', 'home', 'garden']);
    expect(result.problems).toEqual([]);
    expect(
      checkTags(
        Array.from({ length: 13 }, (_, i) => `t${i}`),
        false,
        ['extra'],
      ).tags,
    ).not.toContain('extra');
  });
});
