import { formatPrice } from '../text.js';
import type { ChannelAdapter } from '../types.js';
import { mapGroup } from './map.js';
import { optionsSchema, type MetaOptions } from './options.js';
import { rules } from './rules.js';
import { OFFER_KEYS } from './spec.js';
import type { MetaContext, MetaItem } from './types.js';
import { openWriter } from './writer.js';

export type { MetaItem } from './types.js';

export const meta = {
  name: 'meta',
  title: 'Meta commerce catalog (Facebook and Instagram Shops)',
  formats: ['csv', 'rss'],
  variants: 'one item per variant, sharing item_group_id; no parent item',
  rules,
  optionsSchema,
  offerKeys: OFFER_KEYS,
  // no bench feed: one item per product, like Google's
  buildCost: 12,

  prepare(feed, run) {
    const options = (feed.options ?? {}) as MetaOptions;
    const currency = feed.market.currency;
    const context: MetaContext = {
      feed,
      options,
      now: run.now,
      currency,
      categoryField: options.category_field ?? 'google_product_category',
      shipping: options.shipping?.map(({ country, region, service, price }) => ({
        country,
        region,
        service,
        price: formatPrice(price, currency),
      })),
    };
    return { context, map: (group) => mapGroup(group, context), open: (files) => openWriter(files, context) };
  },
} satisfies ChannelAdapter<MetaItem, MetaContext>;
