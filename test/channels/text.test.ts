import { describe, expect, it } from 'vitest';
import { charCount, cutAtWord, utf8Length } from '../../src/channels/text.js';

describe('text lengths', () => {
  it.each([
    ['', 0, 0],
    ['abc', 3, 3],
    ['Café', 4, 5],
    ['😀', 1, 4],
    ['a😀b', 3, 6],
  ])('%j has %i characters and %i UTF-8 bytes', (text, chars, bytes) => {
    expect(charCount(text)).toBe(chars);
    expect(utf8Length(text)).toBe(bytes);
  });
});

describe('cutAtWord', () => {
  const trailing = /[\s,;:-]+$/u;
  it.each([
    ['text within the limit comes back as it is, trailing punctuation included', 'fits, -', 10, 'fits, -'],
    ['cuts at the last space', 'one two three', 10, 'one two'],
    ['keeps a word that ends exactly at the limit', 'one two three', 7, 'one two'],
    ['cuts at a character when there is no space', 'x'.repeat(12), 10, 'x'.repeat(10)],
    ['drops the trailing characters left by the cut', 'one two, three', 12, 'one two'],
    ['counts characters, not UTF-16 code units', '😀😀 😀😀 😀😀', 5, '😀😀 😀😀'],
  ])('%s', (_, text, max, expected) => {
    expect(cutAtWord(text, max, trailing)).toBe(expected);
  });
});
