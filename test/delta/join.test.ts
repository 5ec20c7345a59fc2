import { describe, expect, it } from 'vitest';
import type { ItemEntry } from '../../src/delta/items.js';
import { ItemJoin } from '../../src/delta/join.js';

async function* entries(keys: string[]): AsyncIterable<ItemEntry> {
  for (const key of keys) yield { key, json: JSON.stringify({ key, old: true }) };
}

/** Join the build's keys with the state's: each pair as `key<-key` (or `key<-new`), each entry gone as `-key`. */
async function join(now: string[], before: string[] | undefined): Promise<string[]> {
  const seen: string[] = [];
  const j = new ItemJoin(before && entries(before), {
    pair: async (key, _item, old) => void seen.push(`${key}<-${old ? old.key : 'new'}`),
    gone: async (old) => void seen.push(`-${old.key}`),
  });
  for (const key of now) await j.push(key, { key });
  await j.end();
  return seen;
}

describe('the join of a build with the listing state', () => {
  it.each([
    ['the same keys', ['A', 'B', 'C'], ['A', 'B', 'C'], ['A<-A', 'B<-B', 'C<-C']],
    ['one new in the middle', ['A', 'X', 'B'], ['A', 'B'], ['A<-A', 'X<-new', 'B<-B']],
    ['one gone in the middle', ['A', 'C'], ['A', 'B', 'C'], ['A<-A', 'C<-C', '-B']],
    ['one moved to the end', ['B', 'C', 'A'], ['A', 'B', 'C'], ['B<-B', 'C<-C', 'A<-A']],
    ['a first publish', ['A', 'B'], undefined, ['A<-new', 'B<-new']],
    ['a family gone: children before their parent', ['Z'], ['P', 'P-1', 'P-2', 'Z'], ['Z<-Z', '-P-2', '-P-1', '-P']],
  ])('%s', async (_, now, before, expected) => {
    const seen = await join(now, before);
    expect([...seen].sort()).toEqual([...expected].sort());
    expect(seen.filter((s) => s.startsWith('-'))).toEqual(expected.filter((s) => s.startsWith('-')));
  });
});
