import { describe, expect, expectTypeOf, it } from 'vitest';
import { LISTING_FIELDS } from '../../../src/channels/etsy/spec.js';
import type { EtsyListing } from '../../../src/channels/etsy/types.js';

describe('Etsy listing fields', () => {
  it('give a type to every createDraftListing field of the item, and to no other', () => {
    // checked by tsc (npm test compiles the tests): the two key sets are the same
    expectTypeOf<keyof typeof LISTING_FIELDS>().toEqualTypeOf<keyof EtsyListing>();
    expect(Object.keys(LISTING_FIELDS)).toContain('taxonomy_id');
  });
});
