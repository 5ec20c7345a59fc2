import type { FromSchema } from 'json-schema-to-ts';
import { rssOptionsSchema } from '../formats/rss.js';
import { DESCRIPTION_MAX } from './spec.js';

/** The `options:` of a Google feed definition; `GoogleOptions` is derived from it. */
export const optionsSchema = {
  type: 'object',
  additionalProperties: false,
  properties: {
    ...rssOptionsSchema,
    long_descriptions: {
      enum: ['truncate', 'reject'],
      description: `a description over ${DESCRIPTION_MAX} characters, which makes Google drop the item: cut at a word boundary with a warning (truncate, the default), or the error description-too-long (reject)`,
    },
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
