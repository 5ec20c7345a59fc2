import type { FromSchema } from 'json-schema-to-ts';
import { REPORT_INCLUDED_DATA } from './spec.js';

const productType = { type: 'string', pattern: '^[A-Z][A-Z0-9_]*$' } as const;
const locale = { type: 'string', pattern: '^[a-z]{2}_[A-Z]{2}$' } as const;

/** The `options:` of an Amazon feed definition; `AmazonOptions` is derived from it. */
export const optionsSchema = {
  type: 'object',
  additionalProperties: false,
  properties: {
    seller_id: { type: 'string', minLength: 1 },
    seller_id_env: {
      type: 'string',
      pattern: '^[A-Za-z_][A-Za-z0-9_]*$',
      description: 'environment variable holding the seller id (default AMAZON_SELLER_ID)',
    },
    marketplace_id: { type: 'string', pattern: '^[A-Z0-9]{8,20}$', description: "default: Amazon's id for the market country" },
    language_tag: { ...locale, description: 'default: `<language>_<country>`, e.g. en_US' },
    issue_locale: { ...locale, description: '`header.issueLocale`; default: the language tag' },
    report: {
      type: 'array',
      description: '`header.report.includedData`: what the processing report includes',
      minItems: 1,
      uniqueItems: true,
      items: { enum: REPORT_INCLUDED_DATA },
    },
    product_type_schemas: {
      type: 'object',
      description: 'product type -> Product Type Definition JSON file (relative to the workspace)',
      propertyNames: productType,
      additionalProperties: { type: 'string', minLength: 1 },
    },
    require_product_type_schemas: {
      type: 'boolean',
      description: 'a product type without a definition is an error rather than a warning',
    },
    default_product_type: { ...productType, description: 'used when the category map has no line for a product category' },
    fulfillment_channel: { ...productType, description: '`fulfillment_channel_code`: DEFAULT is merchant-fulfilled' },
    handling_days: { type: 'integer', minimum: 1, maximum: 30, description: 'lead_time_to_ship_max_days' },
    merchant_shipping_group: { type: 'string', minLength: 1, maxLength: 100 },
    gtin_exemption: {
      type: 'boolean',
      description: "the seller's brands hold an approved GTIN exemption: products without a GTIN claim it",
    },
    bullets_column: {
      type: 'string',
      minLength: 1,
      description: 'an attribute (catalog column) with bullet points separated by `|` or line breaks',
    },
    dimensions: {
      enum: ['item', 'package', 'both'],
      description: "the catalog's weight and dimensions are the item's, the package's, or both",
    },
  },
} as const;

export type AmazonOptions = FromSchema<typeof optionsSchema>;
