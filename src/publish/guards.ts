/**
 * Safety guards: what a publish checks before it replaces a feed's published files. Each guard
 * compares the build with the last publish (or, `min_listed`, looks at the build alone) and says
 * what it found with the figures. The settings come from the feed definition, else
 * `omnifeed.yaml`, else the defaults, which protect a first-time user.
 */
import type { FeedDefinition, Workspace } from '../config/types.js';
import type { GuardResult } from '../report.js';
import type { Comparison } from './compare.js';

export type { GuardResult };

export interface GuardSettings {
  /** as a fraction: 0.2 */
  max_drop: number;
  max_price_change: { share: number; factor: number };
  min_listed: number;
  lost_columns: boolean;
}

const DEFAULT_GUARDS: GuardSettings = {
  max_drop: 0.2,
  max_price_change: { share: 0.1, factor: 3 },
  min_listed: 1,
  lost_columns: true,
};

const fraction = (text: string | undefined, fallback: number) => (text === undefined ? fallback : Number(text.replace('%', '')) / 100);
const percent = (share: number) => `${Math.round(share * 1000) / 10}%`;

/**
 * A feed's guards: its definition's, else the workspace's, else the defaults, key by key. A shard
 * (`count` shards) needs its share of `min_listed` (rounded down: a shard of a small feed may be empty); the other guards are shares of the feed already.
 */
export function guardSettings(workspace: Workspace, feed: FeedDefinition, count = 1): GuardSettings {
  const own = feed.guards ?? {};
  const shared = workspace.config.guards ?? {};
  const price = { ...shared.max_price_change, ...own.max_price_change };
  return {
    max_drop: fraction(own.max_drop ?? shared.max_drop, DEFAULT_GUARDS.max_drop),
    max_price_change: {
      share: fraction(price.share, DEFAULT_GUARDS.max_price_change.share),
      factor: price.factor ?? DEFAULT_GUARDS.max_price_change.factor,
    },
    min_listed: Math.floor((own.min_listed ?? shared.min_listed ?? DEFAULT_GUARDS.min_listed) / count),
    lost_columns: own.lost_columns ?? shared.lost_columns ?? DEFAULT_GUARDS.lost_columns,
  };
}

/** What a guard compares: the build's side and the last publish's. */
interface GuardFacts {
  feed: string;
  listed: number;
  columns: Record<string, string>;
  /** the last publish; undefined for a first publish (not guarded by drop, price change or columns) */
  last?: { listed: number; columns: Record<string, string> };
  comparison: Comparison;
}

/** Every guard's verdict on a feed's build (its listed count and catalog columns) against its last publish. */
export function checkGuards(
  settings: GuardSettings,
  feed: string,
  built: { listed: number; columns?: Record<string, string> },
  last: { listed: number; columns?: Record<string, string> } | undefined,
  comparison: Comparison,
): GuardResult[] {
  return guardResults(settings, {
    feed,
    listed: built.listed,
    columns: built.columns ?? {},
    last: last && { listed: last.listed, columns: last.columns ?? {} },
    comparison,
  });
}

function guardResults(settings: GuardSettings, facts: GuardFacts): GuardResult[] {
  const { feed, listed, last, comparison } = facts;
  const results: GuardResult[] = [
    {
      guard: 'min_listed',
      passed: listed >= settings.min_listed,
      message: `${feed}: listed ${listed}, min_listed ${settings.min_listed}`,
    },
  ];
  if (!last) return results;
  const drop = last.listed > 0 ? (last.listed - listed) / last.listed : 0;
  const change = last.listed > 0 ? Math.round(((listed - last.listed) / last.listed) * 100) : 0;
  results.push({
    guard: 'max_drop',
    passed: drop <= settings.max_drop,
    message: `${feed}: listed ${listed} of ${last.listed} last published (${change > 0 ? '+' : ''}${change}%), max_drop ${percent(settings.max_drop)}`,
  });
  const { compared, beyond } = comparison.prices;
  const { share, factor } = settings.max_price_change;
  results.push({
    guard: 'max_price_change',
    passed: compared === 0 || beyond / compared <= share,
    message: `${feed}: ${beyond} of ${compared} prices (${percent(compared ? beyond / compared : 0)}) changed by more than ${factor}x, max_price_change share ${percent(share)}`,
  });
  if (settings.lost_columns) {
    const lost = Object.entries(last.columns).filter(([field]) => !(field in facts.columns));
    results.push({
      guard: 'lost_columns',
      passed: lost.length === 0,
      message:
        lost.length === 0
          ? `${feed}: the catalog has every mapped column of the last publish, lost_columns`
          : `${feed}: the catalog lost ${lost.map(([field, column]) => (field === column ? `'${column}'` : `'${column}' (${field})`)).join(', ')}, which the last publish had, lost_columns`,
    });
  }
  return results;
}
