import { SAMPLE_LIMIT, type Tally } from './types.js';

/** Count a product under a key, keeping the first few SKUs as samples. */
export function tally(tallies: Record<string, Tally>, key: string, sku: string): void {
  countIn((tallies[key] ??= { count: 0, samples: [] }), sku);
}

/** Count a product, keeping the first few SKUs as samples. */
export function countIn(entry: Tally, sku: string): void {
  entry.count++;
  if (entry.samples.length < SAMPLE_LIMIT) entry.samples.push(sku);
}

export const emptyTally = (): Tally => ({ count: 0, samples: [] });

/** The same tallies, most first (then by key), as a new object: JSON keeps that order. */
export function sortTallies<T extends { count: number } | number>(tallies: Record<string, T>): Record<string, T> {
  const n = (t: T) => (typeof t === 'number' ? t : t.count);
  return Object.fromEntries(Object.entries(tallies).sort(([a, x], [b, y]) => n(y) - n(x) || a.localeCompare(b)));
}

/** The comma-separated rule ids of a record's reason or warnings. */
export const ids = (text: string | undefined): string[] => (text ? text.split(',') : []);
