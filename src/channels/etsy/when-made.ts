/**
 * Etsy's `when_made` values. The decade buckets roll over every year: in 2025 they were
 * `2020_2025, 2010_2019, 2006_2009, before_2006, 2000_2005, 1990s, …`. The shape: the current
 * decade up to this year, the earlier years still under 20 years old, `before_<first of those>`,
 * then the vintage years (made at least 20 years ago) by decade down to 1900, then `1800s`,
 * `1700s` and `before_1700`. The test suite checks this rule against the enum in Etsy's published
 * OpenAPI document for the year that document was written in.
 */

export interface WhenMadeBucket {
  value: string;
  /** first and last year the bucket covers; `made_to_order` covers none */
  from: number;
  to: number;
  /** every year of it is at least 20 years before the bucket year */
  vintage: boolean;
}

const VINTAGE_AGE = 20;

/** The `when_made` buckets Etsy offers in `year`, in Etsy's order. */
export function whenMadeBuckets(year: number): WhenMadeBucket[] {
  const lastVintage = year - VINTAGE_AGE;
  const decade = Math.floor(year / 10) * 10;
  const buckets: WhenMadeBucket[] = [{ value: 'made_to_order', from: Infinity, to: -Infinity, vintage: false }];
  const range = (from: number, to: number, vintage: boolean) => buckets.push({ value: `${from}_${to}`, from, to, vintage });
  range(decade, year, false);
  for (let d = decade - 10; d + 9 > lastVintage; d -= 10) range(Math.max(d, lastVintage + 1), d + 9, false);
  buckets.push({ value: `before_${lastVintage + 1}`, from: -Infinity, to: lastVintage, vintage: true });
  const vintageDecade = Math.floor(lastVintage / 10) * 10;
  if (lastVintage < vintageDecade + 9) range(vintageDecade, lastVintage, true);
  else buckets.push({ value: `${vintageDecade}s`, from: vintageDecade, to: vintageDecade + 9, vintage: true });
  for (let d = vintageDecade - 10; d >= 1900; d -= 10) buckets.push({ value: `${d}s`, from: d, to: d + 9, vintage: true });
  buckets.push({ value: '1800s', from: 1800, to: 1899, vintage: true }, { value: '1700s', from: 1700, to: 1799, vintage: true });
  buckets.push({ value: 'before_1700', from: -Infinity, to: 1699, vintage: true });
  return buckets;
}

/** The years a catalog value names: a year, a decade, a century, `a_b`, `a-b` or `before_a`. */
function yearsOf(text: string): { from: number; to: number } | undefined {
  let m: RegExpExecArray | null;
  if ((m = /^(\d{4})$/.exec(text))) return { from: Number(m[1]), to: Number(m[1]) };
  if ((m = /^(\d{2})00s$/.exec(text))) return { from: Number(m[1]) * 100, to: Number(m[1]) * 100 + 99 };
  if ((m = /^(\d{3})0s$/.exec(text))) return { from: Number(m[1]) * 10, to: Number(m[1]) * 10 + 9 };
  if ((m = /^(\d{4})\s*[_–-]\s*(\d{4})$/.exec(text)))
    return Number(m[1]) <= Number(m[2]) ? { from: Number(m[1]), to: Number(m[2]) } : undefined;
  if ((m = /^before[_ ](\d{4})$/.exec(text))) return { from: -Infinity, to: Number(m[1]) - 1 };
  return undefined;
}

export type WhenMade = { bucket: WhenMadeBucket; rebucketed: boolean } | { bucket: undefined; rebucketed: false };

/**
 * Read a catalog `when_made` into this year's bucket. An Etsy value of this year is taken as it
 * is; a year, a decade or a range goes into the bucket that holds all of it (a `before_` bucket
 * only when no decade does, the earliest one that does). `rebucketed` says the value looked like an Etsy bucket of another
 * year (`2020_2025` read in 2026), so the change is reported.
 */
export function readWhenMade(text: string, buckets: readonly WhenMadeBucket[]): WhenMade {
  const value = text.trim().toLowerCase();
  const exact = buckets.find((b) => b.value === value);
  if (exact) return { bucket: exact, rebucketed: false };
  const years = yearsOf(value);
  if (!years) return { bucket: undefined, rebucketed: false };
  const holding = buckets.filter((b) => b.from <= years.from && years.to <= b.to);
  const bucket = holding.find((b) => !b.value.startsWith('before_')) ?? holding.sort((a, b) => a.to - b.to)[0];
  if (!bucket) return { bucket: undefined, rebucketed: false };
  return { bucket, rebucketed: /^(\d{4}_\d{4}|before_\d{4})$/.test(value) };
}
