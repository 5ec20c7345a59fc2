/**
 * JSON_LISTINGS_FEED v2.0 messages: their shape, the rules every message follows (made from
 * the OPERATIONS table), and builders for the delta messages (PATCH, DELETE) that nightly
 * publishing emits.
 */
import { compileSchema } from '../../ajv.js';
import { OPERATIONS, PATCH_OPS, REQUIREMENTS, type OperationType, type Requirements } from './spec.js';

/** One attribute: an array of value objects (`{value, marketplace_id, language_tag}`, `{media_location, …}`, …). */
type AttributeValue = Record<string, unknown>[];
export type Attributes = Record<string, AttributeValue>;

interface Patch {
  op: (typeof PATCH_OPS)[number];
  /** `/attributes/<name>` */
  path: string;
  value?: Record<string, unknown>[];
}

/** A feed message without its `messageId`: the writer numbers messages per file. */
export interface AmazonMessage {
  sku: string;
  operationType: OperationType;
  productType?: string;
  requirements?: Requirements;
  attributes?: Attributes;
  patches?: Patch[];
}

export interface FeedHeader {
  sellerId: string;
  version: '2.0';
  issueLocale?: string;
  report?: { includedData: string[]; apiVersion: string };
}

/** JSON Schema of one message (draft-07), made from the operation table; compiled once. */
function messageSchema(): object {
  const patch = {
    type: 'object',
    required: ['op', 'path'],
    properties: {
      op: { enum: [...PATCH_OPS] },
      path: { type: 'string', pattern: '^/attributes/[a-z0-9_]+$' },
      value: { type: 'array', items: { type: 'object' } },
    },
  };
  return {
    type: 'object',
    required: ['sku', 'operationType'],
    properties: {
      sku: { type: 'string', minLength: 1 },
      operationType: { enum: Object.keys(OPERATIONS) },
      productType: { type: 'string', minLength: 1, pattern: '^[A-Z][A-Z0-9_]*$' },
      requirements: { enum: [...REQUIREMENTS] },
      attributes: { type: 'object', minProperties: 1, additionalProperties: { type: 'array', minItems: 1, items: { type: 'object' } } },
      patches: { type: 'array', minItems: 1, items: patch },
    },
  };
}

export interface MessageProblem {
  field: string;
  message: string;
}

let validateShape: ReturnType<typeof compileSchema> | undefined;

/** Check a message against the listings feed message rules, the operation-type rules included. */
export function checkMessage(message: AmazonMessage): MessageProblem[] {
  validateShape ??= compileSchema(messageSchema());
  const problems: MessageProblem[] = [];
  if (!validateShape(message)) {
    for (const error of validateShape.errors!) {
      const field =
        error.keyword === 'required'
          ? (error.params as { missingProperty: string }).missingProperty
          : error.instancePath.split('/').slice(1).join('/') || 'message';
      problems.push({ field, message: `${field} ${error.message}` });
    }
  }
  const rule = OPERATIONS[message.operationType];
  if (rule) {
    const present = message as unknown as Record<string, unknown>;
    for (const key of rule.required)
      if (present[key] === undefined) problems.push({ field: key, message: `${message.operationType} needs ${key}` });
    for (const key of rule.forbidden)
      if (present[key] !== undefined) problems.push({ field: key, message: `${message.operationType} cannot carry ${key}` });
  }
  return problems;
}

/** Delete the listing item. */
export const deleteMessage = (sku: string): AmazonMessage => ({ sku, operationType: 'DELETE' });

/** JSON Patch operations on attributes: `replace` with the full values of each attribute given. */
function patchMessage(sku: string, productType: string, attributes: Attributes, op: Patch['op'] = 'replace'): AmazonMessage {
  return {
    sku,
    operationType: 'PATCH',
    productType,
    patches: Object.entries(attributes).map(([name, value]) => ({ op, path: `/attributes/${name}`, value })),
  };
}

/** The offer-only delta: PATCH replacing the given offer attributes with their new values, and deleting those gone. */
export function offerPatch(sku: string, productType: string, replaced: Attributes, deleted: string[] = []): AmazonMessage {
  const message = patchMessage(sku, productType, replaced);
  for (const name of deleted) message.patches!.push({ op: 'delete', path: `/attributes/${name}` });
  return message;
}

/** Only the given attributes are replaced. */
export const partialUpdateMessage = (sku: string, productType: string, attributes: Attributes): AmazonMessage => ({
  sku,
  operationType: 'PARTIAL_UPDATE',
  productType,
  attributes,
});

/** The stock-only delta: PATCH replacing fulfillment_availability. */
export function stockPatch(sku: string, productType: string, quantity: number, handlingDays?: number): AmazonMessage {
  const value: Record<string, unknown> = { fulfillment_channel_code: 'DEFAULT', quantity };
  if (handlingDays !== undefined) value.lead_time_to_ship_max_days = handlingDays;
  return patchMessage(sku, productType, { fulfillment_availability: [value] });
}

/** The price-only delta: PATCH replacing purchasable_offer (our price, and a scheduled sale price when given). */
export function pricePatch(
  sku: string,
  productType: string,
  offer: { marketplaceId: string; currency: string; price: number; sale?: { price: number; start: string; end: string } },
): AmazonMessage {
  return patchMessage(sku, productType, { purchasable_offer: [offerValue(offer)] });
}

export function offerValue(offer: {
  marketplaceId: string;
  currency: string;
  price: number;
  sale?: { price: number; start: string; end: string };
}): Record<string, unknown> {
  const value: Record<string, unknown> = {
    currency: offer.currency,
    marketplace_id: offer.marketplaceId,
    our_price: [{ schedule: [{ value_with_tax: offer.price }] }],
  };
  if (offer.sale)
    value.discounted_price = [{ schedule: [{ value_with_tax: offer.sale.price, start_at: offer.sale.start, end_at: offer.sale.end }] }];
  return value;
}
