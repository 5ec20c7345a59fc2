import type { FeedDefinition } from '../../config/types.js';
import { OmnifeedError } from '../../errors.js';
import type { Prepared } from '../../model.js';
import { ruleTable } from '../kit/table.js';
import type { ChannelAdapter, ChannelContext } from '../types.js';
import { coerce, mapGroup, whoMade } from './map.js';
import { categoryTags } from './content.js';
import { optionsSchema, type EtsyOptions } from './options.js';
import { rules } from './rules.js';
import { HANDMADE_WHO_MADE, LIMITS, LISTING_FIELDS, WHO_MADE, OFFER_KEYS } from './spec.js';
import type { EtsyContext, EtsyLine } from './types.js';
import { readWhenMade, whenMadeBuckets } from './when-made.js';
import { openWriter } from './writer.js';
import { etsyDelta } from './delta.js';

export type { EtsyOptions } from './options.js';
export type { EtsyLine } from './types.js';
export const etsyRules = ruleTable(rules);

function context(feed: FeedDefinition, run: ChannelContext): EtsyContext {
  const options = (feed.options ?? {}) as EtsyOptions;
  for (const name of Object.keys(feed.fields ?? {})) {
    if (!(name in LISTING_FIELDS)) {
      throw new OmnifeedError(
        'CONFIG_INVALID',
        `${feed.file}: /fields/${name}: not a createDraftListing field (one of ${Object.keys(LISTING_FIELDS).join(', ')})`,
      );
    }
  }
  const currency = feed.market.currency;
  return {
    feed,
    options,
    currency,
    buckets: whenMadeBuckets(options.when_made_year ?? run.now.getUTCFullYear()),
    minPrice: options.min_price ?? (currency === 'USD' ? LIMITS.minPriceUsd : undefined),
    maxPrice: options.max_price ?? (currency === 'USD' ? LIMITS.maxPriceUsd : undefined),
    maxVariations: options.max_variations ?? LIMITS.variations,
    fixTitles: options.fix?.titles === true,
    fixTags: options.fix?.tags === true,
    tagsOf: onceEach(categoryTags),
  };
}

/** `f` of each argument worked out once: for values with few distinct arguments (a catalog's categories) */
function onceEach<T>(f: (key: string) => T): (key: string) => T {
  const known = new Map<string, T>();
  return (key) => {
    let value = known.get(key);
    if (value === undefined) known.set(key, (value = f(key)));
    return value;
  };
}

/** Etsy takes handmade, vintage and supplies; what is none of them is left out. Unreadable values are left to the rules to report. */
function exclude(v: Prepared, ctx: EtsyContext): string | undefined {
  const text = (field: 'who_made' | 'when_made' | 'is_supply') => v.fields[field] ?? (field === 'is_supply' ? undefined : v.product[field]);
  const who = text('who_made') ? whoMade(text('who_made')!) : undefined;
  if (who !== undefined && !(WHO_MADE as readonly string[]).includes(who)) return undefined;
  if (who !== undefined && HANDMADE_WHO_MADE.includes(who)) return undefined;
  // marked handmade but no maker given: who-made-missing says what to add, instead of leaving it out unexplained
  if (who === undefined && v.product.handmade === true) return undefined;
  if (text('is_supply') !== undefined && coerce('boolean', text('is_supply')!) === true) return undefined;
  const when = text('when_made');
  const bucket = when ? readWhenMade(when, ctx.buckets).bucket : undefined;
  if (when && !bucket) return undefined;
  return bucket?.vintage ? undefined : 'not-etsy-eligible';
}

export const etsy = {
  name: 'etsy',
  title: 'Etsy (Open API v3 listing payloads)',
  formats: ['ndjson'],
  variants: 'one listing per group; variants are inventory products (property_values + offerings), all of them in every payload',
  rules,
  exclusions: {
    'not-etsy-eligible':
      'Etsy lists handmade items (who_made i_did or collective), vintage items (made at least 20 years ago) and craft supplies only',
  },
  optionsSchema,
  offerKeys: OFFER_KEYS,
  buildCost: 14,

  prepare(feed, run) {
    const ctx = context(feed, run);
    return {
      context: ctx,
      exclude: (product) => exclude(product, ctx),
      map: (group) => mapGroup(group, ctx),
      open: (files) => openWriter(files, ctx),
      delta: etsyDelta(ctx),
    };
  },
} satisfies ChannelAdapter<EtsyLine, EtsyContext>;
