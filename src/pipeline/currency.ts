import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { FEEDS_DIR } from '../config/load.js';
import type { FeedDefinition, Workspace } from '../config/types.js';
import { OmnifeedError } from '../errors.js';
import type { Product } from '../model.js';

/** How a product's price gets into the market currency: unchanged, converted at a rate, or not at all. */
export type Conversion = { rate: 1 } | { rate: number; from: string; source: string } | { missing: string };

/**
 * The currencies a feed can take: its market's, the catalog's at `pricing.exchange_rate`, and
 * every currency of `pricing.rates`. Compiled once per feed. A feed whose catalog currency it
 * cannot convert is a config error; a product priced in another currency without a rate is an
 * error issue (`currency-mismatch`) on its items.
 */
export class Currencies {
  private readonly rates = new Map<string, { rate: number; source: string }>();

  constructor(
    readonly market: string,
    /** the catalog's currency (`catalog.currency`); products without a currency of their own are in it */
    readonly catalog: string | undefined,
  ) {}

  static compile(feed: FeedDefinition, workspace: Workspace): Currencies {
    const currencies = new Currencies(feed.market.currency, workspace.config.catalog.currency);
    const pricing = feed.pricing ?? {};
    if (pricing.rates) currencies.loadRates(path.resolve(workspace.root, FEEDS_DIR, pricing.rates), `${FEEDS_DIR}/${pricing.rates}`);
    const { catalog, market } = currencies;
    if (catalog && catalog !== market && pricing.exchange_rate !== undefined)
      currencies.rates.set(catalog, { rate: pricing.exchange_rate, source: 'pricing.exchange_rate' });
    if (catalog && catalog !== market && !currencies.rates.has(catalog)) {
      throw new OmnifeedError(
        'CONFIG_INVALID',
        `${feed.file}: /market/currency: the market is in ${market}, the catalog in ${catalog} (omnifeed.yaml /catalog/currency): ` +
          `set pricing.exchange_rate (${market} per ${catalog}) or pricing.rates, or list the feed in the catalog's currency`,
      );
    }
    return currencies;
  }

  private loadRates(file: string, shown: string): void {
    let rows: Record<string, string>[];
    try {
      rows = parse(readFileSync(file), { columns: true, bom: true, skip_empty_lines: true, trim: true, comment: '#' });
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      throw new OmnifeedError(
        code === 'ENOENT' ? 'CONFIG_NOT_FOUND' : 'CONFIG_INVALID',
        `${shown}: ${code === 'ENOENT' ? 'file not found' : (error as Error).message}`,
      );
    }
    rows.forEach((row, i) => {
      const rate = /^\d+(\.\d+)?$/.test(row.rate ?? '') ? Number(row.rate) : NaN;
      if (!/^[A-Z]{3}$/.test(row.currency ?? '') || !(rate > 0))
        throw new OmnifeedError(
          'CONFIG_INVALID',
          `${shown}:${i + 2}: needs a currency code and a rate > 0 (currency,rate), got '${row.currency}', '${row.rate}'`,
        );
      this.rates.set(row.currency, { rate, source: shown });
    });
  }

  /** How this product's prices reach the market currency. */
  convert(product: Product): Conversion {
    const from = product.currency?.toUpperCase() ?? this.catalog ?? this.market;
    if (from === this.market) return { rate: 1 };
    const found = this.rates.get(from);
    if (!found) return { missing: from };
    return { rate: found.rate, from, source: found.source };
  }
}
