/** The names of a shard's files (`--shard i/N`, see `pipeline/shard.ts`). */

export interface Shard {
  /** 1 … count */
  index: number;
  count: number;
}

/** `shard-2-of-4` */
const shardName = (shard: Shard) => `shard-${shard.index}-of-${shard.count}`;

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The names `shardPath` gives `file` for every shard: `omnifeed-report.shard-<i>-of-<N>.json`. */
export function shardPathPattern(file: string): RegExp {
  const any = { index: 0, count: 0 };
  const [head, tail] = shardPath(file, any).split(shardName(any));
  return new RegExp(`^${escape(head)}shard-\\d+-of-\\d+${escape(tail)}$`);
}

/** `2/4`: a shard as `--shard` takes it and the manifest marks its files; undefined for the whole build. */
export const shardTag = (shard?: Shard) => (shard ? `${shard.index}/${shard.count}` : undefined);

/** The name a shard's feed goes by in omnifeed's own files (records, published state): `google-us.shard-2-of-4`; the feed's own without a shard. */
export const shardKey = (feed: string, shard?: Shard) => (shard ? `${feed}.${shardName(shard)}` : feed);

/** A feed as messages name it: `google-us`, `google-us (shard 2 of 4)`. */
export const shardLabel = (feed: string, shard?: Shard) => (shard ? `${feed} (shard ${shard.index} of ${shard.count})` : feed);

/** `google-us.xml` → `google-us.shard-2-of-4.xml`; a name without an extension gets the suffix at its end. */
export function shardPath(file: string, shard: Shard): string {
  const slash = file.lastIndexOf('/') + 1;
  const dot = file.lastIndexOf('.');
  const at = dot > slash ? dot : file.length;
  return `${file.slice(0, at)}.${shardName(shard)}${file.slice(at)}`;
}
