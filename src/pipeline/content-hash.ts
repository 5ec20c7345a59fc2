/**
 * The content hash of an item, for telling a changed item from an unchanged one between two
 * builds: 64 bits in 16 hex digits, from two 32-bit multiplicative hashes over the item's
 * values walked in its own key order (the order JSON.stringify writes), each string framed by
 * its length and each value by its type, without the keys (at any depth) that carry price and
 * stock. A walk, not a digest of the item's JSON: one pass over the values, no text made.
 * Earlier builds' hashes were 12 base64url characters (SHA-1 of the item's JSON): `comparableHashes`
 * (output/skus.ts) tells the two kinds apart, and only hashes of one kind are compared.
 */
let a = 0;
let b = 0;

const mix = (unit: number) => {
  a = Math.imul(a ^ unit, 0x01000193);
  b = Math.imul(b ^ unit, 0x5bd1e995);
  b ^= b >>> 15;
};

function text(value: string): void {
  mix(value.length);
  // the lanes in locals for the loop: the hot path of the walk
  let x = a;
  let y = b;
  for (let i = 0; i < value.length; i++) {
    const unit = value.charCodeAt(i);
    x = Math.imul(x ^ unit, 0x01000193);
    y = Math.imul(y ^ unit, 0x5bd1e995);
    y ^= y >>> 15;
  }
  a = x;
  b = y;
}

// one tag a type, outside the UTF-16 code units' range
const STRING = 0x10000;
const NUMBER = 0x10001;
const TRUE = 0x10002;
const FALSE = 0x10003;
const NULL = 0x10004;
const ARRAY = 0x10005;
const OBJECT = 0x10006;
const END = 0x10007;

function walk(value: unknown, skip: ReadonlySet<string>): void {
  switch (typeof value) {
    case 'string':
      mix(STRING);
      return text(value);
    case 'number':
    case 'bigint':
      mix(NUMBER);
      return text(String(value));
    case 'boolean':
      return mix(value ? TRUE : FALSE);
    case 'object':
      if (value === null) return mix(NULL);
      if (Array.isArray(value)) {
        mix(ARRAY);
        for (const element of value) walk(element, skip);
        return mix(END);
      }
      mix(OBJECT);
      for (const key in value) {
        const v = (value as Record<string, unknown>)[key];
        if (v === undefined || skip.has(key)) continue;
        text(key);
        walk(v, skip);
      }
      return mix(END);
    default:
      // undefined (in an array, where JSON writes null), a function or a symbol
      return mix(NULL);
  }
}

/** murmur3's finalizer: every bit of the lane reaches every bit of the hash */
function finish(h: number): string {
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return ((h ^ (h >>> 16)) >>> 0).toString(16).padStart(8, '0');
}

/** The item's hash, leaving out the keys in `skip` wherever they are. */
export function contentHash(item: unknown, skip: ReadonlySet<string>): string {
  a = 0x811c9dc5;
  b = 0x9747b28c;
  walk(item, skip);
  return finish(a) + finish(b);
}
