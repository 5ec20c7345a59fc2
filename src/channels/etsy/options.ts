import type { FromSchema } from 'json-schema-to-ts';
import { VARIANT_ATTRIBUTES } from '../../model.js';
import { LIMITS, LISTING_TYPES } from './spec.js';

const id = { type: 'integer', minimum: 1 } as const;

/** One variation property of a listing as `options.properties` configures it. */
const propertySchema = {
  type: 'object',
  additionalProperties: false,
  required: ['property_id'],
  properties: {
    property_id: id,
    name: { type: 'string', minLength: 1 },
    scale_id: id,
    value_ids: {
      type: 'object',
      description: "variant value -> Etsy value id (a taxonomy property's predefined `possible_values`)",
      additionalProperties: id,
    },
  },
} as const;

/** The `options:` of an Etsy feed definition; `EtsyOptions` is derived from it. */
export const optionsSchema = {
  type: 'object',
  additionalProperties: false,
  properties: {
    shipping_profile_id: id,
    readiness_state_id: id,
    return_policy_id: id,
    shop_section_id: id,
    type: { enum: LISTING_TYPES },
    should_auto_renew: { type: 'boolean' },
    is_taxable: { type: 'boolean' },
    is_customizable: { type: 'boolean' },
    when_made_year: {
      type: 'integer',
      minimum: 2000,
      maximum: 2200,
      description: "the year Etsy's when_made buckets are built for; the build year by default",
    },
    max_variations: {
      enum: [LIMITS.variations, LIMITS.variationsMax],
      description: '3 when the uploader sends max_variations_supported=3',
    },
    min_price: { type: 'number', minimum: 0, description: 'lowest price, in the feed currency; 0.20 for USD feeds by default' },
    max_price: { type: 'number', minimum: 0, description: 'highest price, in the feed currency; 50,000 for USD feeds by default' },
    tags_from_category: {
      type: 'boolean',
      description: "add the category path's levels as tags, in the places the product's tags leave free",
    },
    fix: {
      type: 'object',
      description: 'let omnifeed fix titles and tags (each fix is a warning); without it the same problem is an error',
      additionalProperties: false,
      properties: { titles: { type: 'boolean' }, tags: { type: 'boolean' } },
    },
    properties: {
      type: 'object',
      description: 'the Etsy property each variant attribute becomes; custom properties 513 and 514 by default',
      propertyNames: { enum: VARIANT_ATTRIBUTES },
      additionalProperties: propertySchema,
    },
  },
} as const;

export type EtsyOptions = FromSchema<typeof optionsSchema>;
export type PropertyOption = FromSchema<typeof propertySchema>;
