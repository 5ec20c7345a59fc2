import { describe, expect, it } from 'vitest';
import { imageUrls, missingAttributes, variantKey } from '../../src/channels/product.js';
import type { Product } from '../../src/model.js';

const product = (fields: Partial<Product>): Product => ({
  sku: 'V-1',
  attributes: {},
  stock: {},
  source: { file: 'catalog.csv', line: 2 },
  ...fields,
});

describe('product helpers', () => {
  it('lists the image URLs, the main one first, without empty ones', () => {
    expect(imageUrls(product({ image_url: 'https://a/1.jpg', additional_image_urls: ['https://a/2.jpg', ''] }))).toEqual([
      'https://a/1.jpg',
      'https://a/2.jpg',
    ]);
    expect(imageUrls(product({ additional_image_urls: ['https://a/2.jpg'] }))).toEqual(['https://a/2.jpg']);
    expect(imageUrls(product({}))).toEqual([]);
  });

  it('lists the attributes of the group a variant has no value for, in the group order', () => {
    expect(missingAttributes(product({ color: 'Red', size: '' }), ['size', 'color', 'material'])).toEqual(['size', 'material']);
    expect(missingAttributes(product({ color: 'Red' }), [])).toEqual([]);
  });

  it('gives variants the same key exactly when their values of the group attributes are the same', () => {
    const red = product({ color: 'Red', size: 'S', material: 'Wool' });
    expect(variantKey(red, ['color', 'size'])).toBe(
      variantKey(product({ color: 'Red', size: 'S', material: 'Cotton' }), ['color', 'size']),
    );
    expect(variantKey(red, ['color', 'size'])).not.toBe(variantKey(product({ color: 'Red', size: 'M' }), ['color', 'size']));
    // values are kept apart: 'a b' + 'c' is not 'a' + 'b c'
    expect(variantKey(product({ color: 'a b', size: 'c' }), ['color', 'size'])).not.toBe(
      variantKey(product({ color: 'a', size: 'b c' }), ['color', 'size']),
    );
  });
});
