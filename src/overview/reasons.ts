/** The reason codes the pipeline itself gives a product it leaves out of a feed (a feed's own come from its `select.exclude`). */
export const BUILT_IN_REASONS: Readonly<Record<string, string>> = {
  'channel-list': "the product's own channels list leaves the feed out (`!etsy`, or an allow list without it)",
  'not-included': "the feed's select.include expression is false for the product",
  'margin-below-floor': "the margin after the feed's fees is below its pricing.min_margin",
  'out-of-stock': 'no stock to offer, and the feed has inventory.out_of_stock: exclude',
  'variant-policy': "the feed's variants policy (cheapest, first-in-stock) lists another variant of the group",
  'not-in-build': "the feed's last build did not read the product (it was built from another version of the catalog)",
};
