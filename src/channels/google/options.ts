import type { FromSchema } from 'json-schema-to-ts';
import { rssOptionsSchema } from '../formats/rss.js';

/** The `options:` of a Google feed definition; `GoogleOptions` is derived from it. */
export const optionsSchema = {
  type: 'object',
  additionalProperties: false,
  properties: {
    ...rssOptionsSchema,
    taxonomy: {
      type: 'string',
      minLength: 1,
      description: "Google's taxonomy-with-ids file, relative to the workspace: mapped categories are checked against it",
    },
    shipping: {
      type: 'array',
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['country', 'price'],
        properties: {
          country: { type: 'string', pattern: '^[A-Z]{2}$' },
          service: { type: 'string' },
          price: { type: 'number', minimum: 0 },
        },
      },
    },
  },
} as const;

export type GoogleOptions = FromSchema<typeof optionsSchema>;
