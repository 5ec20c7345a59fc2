/**
 * Amazon deltas (CHANNELS.md §1.4): a listing whose offer alone changed is a PATCH of its offer
 * attributes (`purchasable_offer` and `list_price` for a price, `fulfillment_availability` for
 * stock); any other change, and a new SKU, is the full UPDATE message; a SKU that left is a
 * DELETE. A new child of an existing family is its UPDATE, which names its parent
 * (`child_parent_sku_relationship`); the writer keeps a changed parent before its children.
 */
import type { OutputFiles } from '../../output/files.js';
import type { ChannelDelta, DeltaWriter } from '../types.js';
import { deleteMessage, offerPatch, type AmazonMessage, type Attributes } from './messages.js';
import type { AmazonContext } from './types.js';
import { writeListingsFeed } from './writer.js';

/** Attributes a PATCH may replace on its own: the offer. */
const OFFER_ATTRIBUTES: ReadonlySet<string> = new Set(['purchasable_offer', 'list_price', 'fulfillment_availability']);

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/** The attributes that differ between two versions of a message, by name (those gone included). */
function changedAttributes(now: AmazonMessage, before: AmazonMessage): string[] {
  const a = now.attributes ?? {};
  const b = before.attributes ?? {};
  return [...new Set([...Object.keys(a), ...Object.keys(b)])].filter((name) => !same(a[name], b[name]));
}

/** The PATCH of an offer-only change; undefined when the change is more than the offer (an UPDATE then). */
function patchFor(now: AmazonMessage, before: AmazonMessage): AmazonMessage | undefined {
  if (!now.productType || now.productType !== before.productType || now.requirements !== before.requirements) return undefined;
  const changed = changedAttributes(now, before);
  if (changed.length === 0 || changed.some((name) => !OFFER_ATTRIBUTES.has(name))) return undefined;
  const replaced: Attributes = {};
  const deleted: string[] = [];
  for (const name of changed) {
    if (now.attributes?.[name]) replaced[name] = now.attributes[name];
    else deleted.push(name);
  }
  return offerPatch(now.sku, now.productType, replaced, deleted);
}

export function amazonDelta(ctx: AmazonContext): ChannelDelta<AmazonMessage> {
  return {
    key: (message) => message.sku,
    operations: ['UPDATE', 'PATCH', 'DELETE'],
    open(files: OutputFiles): DeltaWriter<AmazonMessage> {
      // opened at the first message: a delta with nothing to send writes no file (Amazon refuses a feed without messages)
      let writer: ReturnType<typeof writeListingsFeed> | undefined;
      const counts = { UPDATE: 0, PATCH: 0, DELETE: 0 };
      const send = (message: AmazonMessage) => {
        counts[message.operationType as keyof typeof counts]++;
        return (writer ??= writeListingsFeed(files, ctx.feed.output.path, ctx.header)).write(message);
      };
      return {
        change: (now, before) => send((before && patchFor(now, before)) || now),
        remove: (_before, sku) => send(deleteMessage(sku)),
        async close() {
          await writer?.close();
          return counts;
        },
      };
    },
  };
}
