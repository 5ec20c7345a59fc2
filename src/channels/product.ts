/** What the channels read off a canonical product in the same way: its images, its variant values. */
import type { Product, VariantAttribute } from '../model.js';

/** The product's image URLs, the main image first. */
export const imageUrls = (product: Product): string[] =>
  [product.image_url, ...(product.additional_image_urls ?? [])].filter((url): url is string => !!url);

/** The attributes of `varies` the variant has no value for. */
export const missingAttributes = (product: Product, varies: readonly VariantAttribute[]): VariantAttribute[] =>
  varies.filter((name) => !product[name]);

/** A key two variants of a group share exactly when they have the same values of `varies`. */
export const variantKey = (product: Product, varies: readonly VariantAttribute[]): string =>
  varies.map((name) => product[name] ?? '').join('\u0000');

/** A product's place in the catalog, for sorting variants back into catalog order. */
export const sourceOrderOf = (p: { product: Product }) => p.product.source.line ?? p.product.source.row ?? 0;
