import { readFileSync } from 'node:fs';
import path from 'node:path';
import { OmnifeedError } from '../../errors.js';
import { ruleTable } from '../kit/table.js';
import { formatPrice } from '../text.js';
import type { ChannelAdapter } from '../types.js';
import { mapGroup } from './map.js';
import { OFFER_KEYS } from './spec.js';
import { optionsSchema, type GoogleOptions } from './options.js';
import { rules } from './rules.js';
import type { GoogleContext, GoogleItem } from './types.js';
import { openWriter } from './writer.js';
import { googleDelta } from './delta.js';

export type { GoogleItem } from './types.js';
export const googleRules = ruleTable(rules);

/** Google's taxonomy-with-ids file: `id - path` lines. */
function loadTaxonomy(file: string, shown: string): GoogleContext['taxonomy'] {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (!code) throw error;
    throw new OmnifeedError(
      'CONFIG_NOT_FOUND',
      `${shown}: /options/taxonomy: ${file} ${code === 'ENOENT' ? 'not found' : `cannot be read (${code})`}`,
    );
  }
  const byId = new Map<string, string>();
  for (const line of text.split('\n')) {
    const match = /^(\d+) - (.+)$/.exec(line.trim());
    if (match) byId.set(match[1], match[2]);
  }
  return { byId, paths: new Set(byId.values()) };
}

export const google = {
  name: 'google',
  title: 'Google Shopping (Merchant Center)',
  formats: ['rss', 'tsv'],
  variants: 'one item per variant, sharing item_group_id; no parent item',
  rules,
  optionsSchema,
  offerKeys: OFFER_KEYS,
  buildCost: 12,

  prepare(feed, run) {
    const options = (feed.options ?? {}) as GoogleOptions;
    const currency = feed.market.currency;
    const context: GoogleContext = {
      feed,
      options,
      now: run.now,
      currency,
      shipping: options.shipping?.map((s) => ({ country: s.country, service: s.service, price: formatPrice(s.price, currency) })),
      taxonomy: options.taxonomy ? loadTaxonomy(path.resolve(run.root, options.taxonomy), feed.file) : undefined,
    };
    return { context, map: (group) => mapGroup(group, context), open: (files) => openWriter(files, context), delta: googleDelta(context) };
  },
} satisfies ChannelAdapter<GoogleItem, GoogleContext>;
