import type { FromSchema } from 'json-schema-to-ts';

const text = { type: 'string', minLength: 1 } as const;

/** The `options:` of an eBay feed definition; `EbayOptions` is derived from it. */
export const optionsSchema = {
  type: 'object',
  additionalProperties: false,
  properties: {
    site: { enum: ['US', 'UK', 'DE', 'AU', 'CA'], description: "the eBay site; by default the one of the market's country" },
    template: {
      ...text,
      description: 'a template header downloaded from Seller Hub, relative to the workspace: omnifeed fills exactly its columns',
    },
    long_titles: {
      enum: ['truncate', 'reject'],
      description: 'a title over 80 characters: cut at a word boundary (warning) or leave the listing out (error, the default)',
    },
    action: { enum: ['Add', 'VerifyAdd'], description: '`VerifyAdd` checks the listings and returns fees without creating them' },
    location: { ...text, description: 'item location (`Location` column)' },
    postal_code: text,
    policies: {
      type: 'object',
      description: 'business policy names',
      additionalProperties: false,
      properties: { shipping: text, return: text, payment: text },
    },
    dispatch_days: { type: 'integer', minimum: 0, maximum: 30, description: 'handling time in business days (`DispatchTimeMax`)' },
    required_specifics: {
      type: 'array',
      description: 'item specifics every listing must carry',
      items: text,
      uniqueItems: true,
    },
    category_specifics: {
      type: 'object',
      description: 'item specifics listings of an eBay category id must carry',
      propertyNames: { pattern: '^[0-9]+$' },
      additionalProperties: { type: 'array', items: text },
    },
    ebay_item_ids: {
      ...text,
      description:
        "for delta builds: a CSV of the ItemID of each listing (sku,item_id; or Seller Hub's Custom label (SKU),Item number), relative to the workspace",
    },
    out_of_stock_control: {
      type: 'boolean',
      description: "the seller account has eBay's out-of-stock control on: a listing may have quantity 0",
    },
  },
} as const;

export type EbayOptions = FromSchema<typeof optionsSchema>;
