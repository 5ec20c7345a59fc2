import { describe, expect, it } from 'vitest';
import { charCount, cutAtWord, htmlToText, utf8Length, mayHoldXmlInvalid } from '../../src/channels/text.js';

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

describe('htmlToText', () => {
  it.each([
    ['entities beyond the basic six', '<p>Caf&eacute; &ndash; 2&times;3&hellip;</p>', 'Café – 2×3…'],
    ['numeric references', '&#x2764; &#169; &#8212;', '❤ © —'],
    ['an escaped entity stays one level escaped', '5 &amp;lt; 6', '5 &lt; 6'],
    ['a non-breaking space is a space', '250&nbsp;g', '250 g'],
    [
      'table cells apart, rows on lines of their own',
      '<table><tr><td>Impedance</td><td>32 &Omega;</td></tr><tr><th>Weight</th><td>250 g</td></tr></table>',
      'Impedance 32 Ω\nWeight 250 g',
    ],
    ['list items', '<ul><li>One</li><li>Two</li></ul>', '• One\n• Two'],
    ['scripts and styles go with their contents', '<style>p{}</style><p>Hi</p><script>x()</script>', 'Hi'],
  ])('%s', (_, html, text) => {
    expect(htmlToText(html)).toBe(text);
  });
});

describe('mayHoldXmlInvalid', () => {
  it('finds a character XML cannot carry in any string of an item, at any depth, and nothing in clean text', () => {
    const clean = {
      title: 'Tee « naïve » 抹茶',
      n: 3,
      on: true,
      none: null,
      tags: ['a', 'b'],
      attributes: { bullet_point: [{ value: 'tab\there\nline' }] },
    };
    expect(mayHoldXmlInvalid(clean)).toBe(false);
    for (const bad of ['\u0007', '\u000b', '\ud800', '\udc00', '\ufffe'])
      expect(mayHoldXmlInvalid({ ...clean, attributes: { bullet_point: [{ value: `x${bad}y` }] } })).toBe(true);
    expect(mayHoldXmlInvalid(['ok', ['deeper', { key: 'bell\u0007' }]])).toBe(true);
    // a surrogate pair is suspect (the precise pass keeps it): never a false "clean"
    expect(mayHoldXmlInvalid({ title: 'smile 😀' })).toBe(true);
  });
});
