import { OmnifeedError } from '../../errors.js';
import { ruleTable } from '../kit/table.js';
import type { ChannelAdapter, ChannelContext } from '../types.js';
import type { FeedDefinition } from '../../config/types.js';
import { mapGroup } from './map.js';
import type { FeedHeader } from './messages.js';
import { optionsSchema, type AmazonOptions } from './options.js';
import { loadProductTypeSchemas } from './ptd.js';
import { rules } from './rules.js';
import { FEED_VERSION, MARKETPLACES, REPORT_API_VERSION, OFFER_KEYS } from './spec.js';
import type { AmazonContext, AmazonMessage } from './types.js';
import { writeListingsFeed } from './writer.js';
import { amazonDelta } from './delta.js';

export type { AmazonMessage } from './types.js';
export { deleteMessage, partialUpdateMessage, pricePatch, stockPatch } from './messages.js';
export const amazonRules = ruleTable(rules);

/** The feed's seller, marketplace and language, its definitions loaded: refused with the option to set when one is missing. */
function context(feed: FeedDefinition, run: ChannelContext): AmazonContext {
  const options = (feed.options ?? {}) as AmazonOptions;
  const envName = options.seller_id_env ?? 'AMAZON_SELLER_ID';
  // the environment beats the file: a workspace copied from another shop must not send its seller id
  const sellerId = run.env[envName] || options.seller_id;
  if (!sellerId) {
    throw new OmnifeedError(
      'CONFIG_INVALID',
      `${feed.file}: /options/seller_id: no seller id: set options.seller_id, or the environment variable ${envName} (options.seller_id_env)`,
    );
  }
  const { country, language, currency } = feed.market;
  const marketplaceId = options.marketplace_id ?? MARKETPLACES[country];
  if (!marketplaceId) {
    throw new OmnifeedError(
      'CONFIG_INVALID',
      `${feed.file}: /options/marketplace_id: no known Amazon marketplace for country ${country}: set options.marketplace_id`,
    );
  }
  const languageTag = options.language_tag ?? `${language}_${country === 'UK' ? 'GB' : country}`;
  const header: FeedHeader = { sellerId, version: FEED_VERSION, issueLocale: options.issue_locale ?? languageTag };
  if (options.report) header.report = { includedData: options.report, apiVersion: REPORT_API_VERSION };
  return {
    feed,
    options,
    now: run.now,
    currency,
    header,
    marketplaceId,
    languageTag,
    fulfillment: options.fulfillment_channel ?? 'DEFAULT',
    dimensions: options.dimensions ?? 'both',
    schemas: loadProductTypeSchemas(options.product_type_schemas ?? {}, run.root, feed.file),
    requireSchemas: options.require_product_type_schemas === true,
    unchecked: new Set(),
  };
}

/** The feed's one line on the product types it checked without their definitions. */
const partialCheck = (types: string[]) =>
  `partial check: ${types.join(', ')} ${types.length === 1 ? 'was' : 'were'} checked without ${types.length === 1 ? 'its definition' : 'their definitions'}, ` +
  'only for the attributes every product type requires: download each with the Product Type Definitions API ' +
  '(getDefinitionsProductType, requirements=LISTING) and name it in options.product_type_schemas';

export const amazon = {
  name: 'amazon',
  title: 'Amazon (SP-API JSON_LISTINGS_FEED)',
  formats: ['json'],
  variants: 'a parent SKU (parentage_level parent, variation_theme, no offer) before its child SKUs (child_parent_sku_relationship)',
  rules,
  optionsSchema,
  offerKeys: OFFER_KEYS,
  buildCost: 18,

  prepare(feed, run) {
    const ctx = context(feed, run);
    return {
      context: ctx,
      map: (group) => mapGroup(group, ctx),
      open: (files) => writeListingsFeed(files, feed.output.path, ctx.header),
      notes: () => (ctx.unchecked.size > 0 ? [partialCheck([...ctx.unchecked].sort())] : []),
      delta: amazonDelta(ctx),
    };
  },
} satisfies ChannelAdapter<AmazonMessage, AmazonContext>;
