import path from 'node:path';
import type { FeedDefinition } from '../../config/types.js';
import { OmnifeedError } from '../../errors.js';
import type { ChannelAdapter, ChannelContext } from '../types.js';
import { columnKey, defaultLayout, readTemplate, type Layout } from './columns.js';
import { assemble, fit, mapGroup } from './map.js';
import { OFFER_KEYS } from './spec.js';
import { optionsSchema, type EbayOptions } from './options.js';
import { rules } from './rules.js';
import { SITES, siteFor } from './sites.js';
import type { EbayContext, EbayItem } from './types.js';
import { openWriter } from './writer.js';
import { ebayDelta } from './delta.js';

export type { EbayOptions } from './options.js';
export type { EbayItem } from './types.js';
export { truncateTitle } from './map.js';

/** The feed's site and columns: a template's, checked against the site and the feed's fields, or omnifeed's own. */
function context(feed: FeedDefinition, run: ChannelContext): EbayContext {
  const options = (feed.options ?? {}) as EbayOptions;
  const { country, currency } = feed.market;
  const site = siteFor(options.site, country);
  if (!site)
    throw new OmnifeedError(
      'CONFIG_INVALID',
      `${feed.file}: /market/country: eBay has no site for ${country} here (set options.site: ${Object.keys(SITES).join(', ')})`,
    );
  if (SITES[site].currency !== currency) {
    throw new OmnifeedError(
      'CONFIG_INVALID',
      `${feed.file}: /market/currency: eBay ${site} lists in ${SITES[site].currency}, not ${currency}`,
    );
  }
  const fieldKeys = Object.keys(feed.fields ?? {}).map(columnKey);
  let layout: Layout;
  if (options.template) {
    layout = readTemplate(path.resolve(run.root, options.template), options.template, site, currency);
    const absent = fieldKeys.filter((k) => !layout.keys.includes(k));
    if (absent.length > 0)
      throw new OmnifeedError(
        'CONFIG_INVALID',
        `${feed.file}: /fields: the template ${options.template} has no column ${absent.join(', ')}`,
      );
  } else {
    layout = defaultLayout(site, country, currency, fieldKeys);
  }
  return { feed, options, currency, site, layout, columns: new Set(layout.keys) };
}

export const ebay = {
  name: 'ebay',
  title: 'eBay (Seller Hub Reports / File Exchange CSV)',
  formats: ['csv'],
  variants: 'one listing row with RelationshipDetails (Color=Red;Blue|Size=S;M), then one Relationship=Variation row per combination',
  rules,
  optionsSchema,
  offerKeys: OFFER_KEYS,
  buildCost: 13.5,

  prepare(feed, run) {
    const ctx = context(feed, run);
    return {
      context: ctx,
      map: (group) => mapGroup(group, ctx),
      assemble: (draft, children) => assemble(draft, children, ctx),
      fit: (item) => fit(item, ctx),
      open: (files) => openWriter(files, ctx),
      delta: ebayDelta(ctx, run),
    };
  },
} satisfies ChannelAdapter<EbayItem, EbayContext>;
