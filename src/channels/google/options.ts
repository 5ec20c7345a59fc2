import type { FromSchema } from 'json-schema-to-ts';

/** The `options:` of a Google feed definition; `GoogleOptions` is derived from it. */
export const optionsSchema = {
  type: 'object',
  additionalProperties: false,
  properties: {
    title: { type: 'string', description: "RSS channel title (Google ignores it; RSS 2.0 requires it): the feed's name by default" },
    link: { type: 'string', pattern: '^https?://', description: "RSS channel link: the first item's origin by default" },
    description: { type: 'string', description: 'RSS channel description' },
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
