import { amazon } from './amazon/index.js';
import { ebay } from './ebay/index.js';
import { etsy } from './etsy/index.js';
import { google } from './google/index.js';
import { meta } from './meta/index.js';
import type { AnyChannel } from './types.js';

/** Every channel omnifeed supports, sorted by name. Adding a channel: a folder and a line here. */
export const CHANNELS: readonly AnyChannel[] = [google, etsy, amazon, ebay, meta].sort((a, b) => a.name.localeCompare(b.name));

export function findChannel(name: string): AnyChannel | undefined {
  return CHANNELS.find((c) => c.name === name);
}
