/**
 * The workspace's `allocation:`: each feed's part of a product's stock, so that the quantities all
 * feeds offer add up to at most the stock that may be sold online. A feed's part depends only on
 * that stock and the config, never on what another feed makes of the product, so a build of one
 * feed keeps the guarantee with the other feeds' last builds.
 *
 * - `pooled: { google-us: 40%, … }`: the stock is apportioned by the shares (largest remainder:
 *   whole units, adding up to the stock; a tie goes to the feed named first). The feeds not named
 *   split what the shares leave equally; when every feed is named, what they leave is kept back.
 * - `reserve: { amazon-us: 5, … }`: each feed named gets its units, in the order written, while
 *   stock lasts; the feeds not named split what is left equally (the first get the odd units).
 */
import type { Workspace } from '../config/types.js';
import { OmnifeedError } from '../errors.js';
import type { StockShare } from './policy.js';

/** Shares are counted in millionths, so the arithmetic on them is exact. */
const WHOLE = 1_000_000;

/** A party to the apportionment: a feed, or (feed undefined) the part kept back. */
interface Party {
  feed?: string;
  weight: number;
}

const where = (policy: string) => `omnifeed.yaml: /allocation/${policy}`;
const percentOf = (weight: number) => `${Math.round(weight / 100) / 100}%`;

/** Whole units for each party in proportion to its weight, adding up to `units` (Hamilton's method). */
function apportion(units: number, parties: readonly Party[]): number[] {
  const total = parties.reduce((n, p) => n + p.weight, 0);
  if (total === 0) return parties.map(() => 0);
  const parts = parties.map((p) => Math.floor((units * p.weight) / total));
  let left = units - parts.reduce((n, p) => n + p, 0);
  const byRemainder = parties
    .map((p, i) => ({ i, remainder: (units * p.weight) % total }))
    .sort((a, b) => b.remainder - a.remainder || a.i - b.i);
  for (const { i } of byRemainder) {
    if (left === 0) break;
    parts[i]++;
    left--;
  }
  return parts;
}

function checkNames(names: string[], workspace: Workspace, policy: string): void {
  const defined = new Set(workspace.feeds.map((f) => f.name));
  const unknown = names.filter((name) => !defined.has(name));
  if (unknown.length > 0)
    throw new OmnifeedError('CONFIG_INVALID', `${where(policy)}: no feed definition ${unknown.map((n) => `'${n}'`).join(', ')} in feeds/`);
}

/** The parties of a pooled allocation: the feeds named, then the others splitting the rest (or the rest kept back). */
function pooledParties(shares: Record<string, string>, workspace: Workspace): Party[] {
  const named = Object.entries(shares).map(([feed, share]) => ({ feed, weight: Math.round(parseFloat(share) * (WHOLE / 100)) }));
  checkNames(
    named.map((p) => p.feed),
    workspace,
    'pooled',
  );
  const sum = named.reduce((n, p) => n + p.weight, 0);
  if (sum > WHOLE) throw new OmnifeedError('CONFIG_INVALID', `${where('pooled')}: the shares add up to ${percentOf(sum)}, more than 100%`);
  const others = workspace.feeds.map((f) => f.name).filter((name) => !(name in shares));
  const rest = WHOLE - sum;
  if (others.length === 0) return rest > 0 ? [...named, { weight: rest }] : named;
  if (rest === 0)
    throw new OmnifeedError(
      'CONFIG_INVALID',
      `${where('pooled')}: the shares add up to 100%, leaving nothing for ${others.join(', ')} (give a feed 0% to offer it nothing)`,
    );
  return [...named, ...others.map((feed, i) => ({ feed, weight: Math.floor(rest / others.length) + (i < rest % others.length ? 1 : 0) }))];
}

function pooledShare(shares: Record<string, string>, workspace: Workspace, feed: string): StockShare {
  const parties = pooledParties(shares, workspace);
  const at = parties.findIndex((p) => p.feed === feed);
  const share =
    feed in shares ? `pooled share ${shares[feed]}` : `pooled share ${percentOf(parties[at].weight)} (an equal part of the rest)`;
  return (available) => {
    const units = apportion(available, parties)[at];
    return { units, note: `${share} of ${available} available → ${units}` };
  };
}

function reserveShare(reserve: Record<string, number>, workspace: Workspace, feed: string): StockShare {
  const named = Object.keys(reserve);
  checkNames(named, workspace, 'reserve');
  const others = workspace.feeds.map((f) => f.name).filter((name) => !(name in reserve));
  const mine = named.indexOf(feed);
  const before = named.slice(0, Math.max(0, mine)).reduce((n, name) => n + reserve[name], 0);
  if (mine >= 0) {
    return (available) => {
      const units = Math.max(0, Math.min(reserve[feed], available - before));
      return { units, note: `reserve ${reserve[feed]} of ${available} available → ${units}` };
    };
  }
  const reserved = named.reduce((n, name) => n + reserve[name], 0);
  const parties = others.map((name) => ({ feed: name, weight: 1 }));
  const at = others.indexOf(feed);
  return (available) => {
    const left = Math.max(0, available - reserved);
    const units = apportion(left, parties)[at];
    return {
      units,
      note: `an equal part (1 of ${others.length}) of the ${left} left after the reserves, of ${available} available → ${units}`,
    };
  };
}

/**
 * A feed's part of each product's stock under the workspace's allocation; undefined without one.
 * A config that cannot work (an unknown feed, shares over 100%) is CONFIG_INVALID.
 */
export function allocationShare(workspace: Workspace, feed: string): StockShare | undefined {
  const allocation = workspace.config.allocation;
  if (allocation?.pooled) return pooledShare(allocation.pooled, workspace, feed);
  if (allocation?.reserve) return reserveShare(allocation.reserve, workspace, feed);
  return undefined;
}
