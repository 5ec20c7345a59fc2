/**
 * The content hash of an item, for telling a changed item from an unchanged one between two
 * builds: 64 bits in 16 hex digits, from two 32-bit multiplicative hashes over the item's
 * values walked in its own key order (the order JSON.stringify writes), each string framed by
 * its length and each value by its type, without the keys (at any depth) that carry price and
 * stock. A walk, not a digest of the item's JSON: no text is made but the item's strings, joined.
 * Earlier builds' hashes were 12 base64url characters (SHA-1 of the item's JSON): `comparableHashes`
 * (output/skus.ts) tells the two kinds apart, and only hashes of one kind are compared.
 *
 * The walk notes what it meets as events (a type's tag, a string's length) and joins the strings;
 * the strings' UTF-16 units are then copied at once into memory of their own and hashed from
 * there. A loop of charCodeAt over each string instead was up to three times slower in a feed
 * thread, whose strings come in every representation V8 has (joined, sliced, flat), and how slow
 * depended on what the compiler had seen first.
 */

// one tag a type, outside the UTF-16 code units' range; a string is its length, as ~length (< 0)
const STRING = 0x10000;
const NUMBER = 0x10001;
const TRUE = 0x10002;
const FALSE = 0x10003;
const NULL = 0x10004;
const ARRAY = 0x10005;
const OBJECT = 0x10006;
const END = 0x10007;

let events = new Int32Array(1024);
let count = 0;
let joined = '';
let bytes = Buffer.allocUnsafeSlow(1 << 16);
let units = new Uint16Array(bytes.buffer, 0, bytes.length >> 1);

function event(tag: number): void {
  if (count === events.length) {
    const grown = new Int32Array(count * 2);
    grown.set(events);
    events = grown;
  }
  events[count++] = tag;
}

function text(value: string): void {
  event(~value.length);
  joined += value;
}

function walk(value: unknown, skip: ReadonlySet<string>): void {
  switch (typeof value) {
    case 'string':
      event(STRING);
      return text(value);
    case 'number':
    case 'bigint':
      event(NUMBER);
      return text(String(value));
    case 'boolean':
      return event(value ? TRUE : FALSE);
    case 'object':
      if (value === null) return event(NULL);
      if (Array.isArray(value)) {
        event(ARRAY);
        for (const element of value) walk(element, skip);
        return event(END);
      }
      event(OBJECT);
      for (const key in value) {
        const v = (value as Record<string, unknown>)[key];
        if (v === undefined || skip.has(key)) continue;
        text(key);
        walk(v, skip);
      }
      return event(END);
    default:
      // undefined (in an array, where JSON writes null), a function or a symbol
      return event(NULL);
  }
}

/** The joined strings' UTF-16 units, in memory of their own. */
function unitsOf(strings: string): Uint16Array {
  const size = strings.length * 2;
  if (size > bytes.length) {
    bytes = Buffer.allocUnsafeSlow(Math.max(size, bytes.length * 2));
    units = new Uint16Array(bytes.buffer, 0, bytes.length >> 1);
  }
  bytes.write(strings, 0, size, 'utf16le');
  return units;
}

/** murmur3's finalizer: every bit of the lane reaches every bit of the hash */
function finish(h: number): string {
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return ((h ^ (h >>> 16)) >>> 0).toString(16).padStart(8, '0');
}

/** The item's hash, leaving out the keys in `skip` wherever they are. */
export function contentHash(item: unknown, skip: ReadonlySet<string>): string {
  count = 0;
  walk(item, skip);
  const strings = unitsOf(joined);
  joined = '';
  let a = 0x811c9dc5;
  let b = 0x9747b28c;
  let at = 0;
  for (let e = 0; e < count; e++) {
    // a tag, or a string: its length, then its units
    const tag = events[e];
    const length = tag < 0 ? ~tag : 0;
    const unit = tag < 0 ? length : tag;
    a = Math.imul(a ^ unit, 0x01000193);
    b = Math.imul(b ^ unit, 0x5bd1e995);
    b ^= b >>> 15;
    for (const end = at + length; at < end; at++) {
      a = Math.imul(a ^ strings[at], 0x01000193);
      b = Math.imul(b ^ strings[at], 0x5bd1e995);
      b ^= b >>> 15;
    }
  }
  return finish(a) + finish(b);
}
