import type { FromSchema } from 'json-schema-to-ts';
import { rssOptionsSchema } from '../formats/rss.js';
import { CATEGORY_FIELDS } from './spec.js';

/** The `options:` of a Meta feed definition; `MetaOptions` is derived from it. */
export const optionsSchema = {
  type: 'object',
  additionalProperties: false,
  properties: {
    ...rssOptionsSchema,
    category_field: {
      enum: CATEGORY_FIELDS,
      description:
        "the field the category map fills: google_product_category (Google's taxonomy, the default) or fb_product_category (Meta's)",
    },
    shipping: {
      type: 'array',
      description: 'the shipping field of every item: country, optional region and service, price in the feed currency',
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['country', 'price'],
        properties: {
          country: { type: 'string', pattern: '^[A-Z]{2}$' },
          region: {
            type: 'string',
            pattern: '^[^:,]+$',
            description: 'a state or region code (CA); no : or , (they separate the CSV form)',
          },
          service: { type: 'string', pattern: '^[^:,]+$', description: 'the shipping service (Ground); no : or ,' },
          price: { type: 'number', minimum: 0 },
        },
      },
    },
  },
} as const;

export type MetaOptions = FromSchema<typeof optionsSchema>;
