/**
 * Product condition as data: the catalog's condition words omnifeed understands, and for each
 * channel the value every word becomes there (its spec's vocabulary). A word a channel has no
 * condition for maps to null: the channel's condition rule reports it.
 */
type ConditionWord =
  | 'new'
  | 'open box'
  | 'new other'
  | 'like new'
  | 'used'
  | 'pre-owned'
  | 'very good'
  | 'good'
  | 'acceptable'
  | 'refurbished'
  | 'renewed'
  | 'certified refurbished'
  | 'seller refurbished'
  | 'collectible'
  | 'for parts';

/** A channel's condition vocabulary: every catalog word (the type makes a channel name them all), and its own extra words. */
export type ConditionVocabulary = Readonly<Record<ConditionWord, string | null> & Record<string, string | null>>;

/** The channel's condition for a catalog value: its vocabulary's, else the value itself when it is one of the channel's own values. */
export function mapCondition(vocabulary: ConditionVocabulary, own: readonly string[], value: string): string | undefined {
  const word = value.trim().toLowerCase();
  if (word in vocabulary) return vocabulary[word] ?? undefined;
  return own.includes(word) ? word : undefined;
}
