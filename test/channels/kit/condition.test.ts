import { describe, expect, it } from 'vitest';
import { CONDITION_TYPES, CONDITIONS as AMAZON } from '../../../src/channels/amazon/spec.js';
import { CONDITION_IDS, CONDITIONS as EBAY } from '../../../src/channels/ebay/spec.js';
import { CONDITION_VALUES, CONDITIONS as GOOGLE } from '../../../src/channels/google/spec.js';
import { mapCondition, type ConditionVocabulary } from '../../../src/channels/kit/condition.js';

const channels: [string, ConditionVocabulary, readonly string[]][] = [
  ['google', GOOGLE, CONDITION_VALUES],
  ['amazon', AMAZON, CONDITION_TYPES],
  ['ebay', EBAY, Object.keys(CONDITION_IDS)],
];

describe('condition vocabularies', () => {
  it.each(channels)('%s maps every catalog word onto one of its own values, or onto none', (_, vocabulary, own) => {
    for (const [word, value] of Object.entries(vocabulary)) {
      if (value !== null) expect(own, word).toContain(value);
    }
  });

  it.each<[string, string, string | undefined]>([
    ['google', ' Open Box ', 'used'],
    ['google', 'renewed', 'refurbished'],
    ['google', 'for parts', undefined],
    ['google', 'used', 'used'],
    ['amazon', 'open box', 'new_open_box'],
    ['amazon', 'Very Good', 'used_very_good'],
    ['amazon', 'collectible_like_new', 'collectible_like_new'],
    ['amazon', 'mint', undefined],
    ['ebay', 'open box', '1500'],
    ['ebay', '3000', '3000'],
    ['ebay', 'collectible', undefined],
  ])('%s: %s -> %s', (channel, word, expected) => {
    const [, vocabulary, own] = channels.find(([name]) => name === channel)!;
    expect(mapCondition(vocabulary, own, word)).toBe(expected);
  });
});
