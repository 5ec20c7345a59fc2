/**
 * eBay deltas (CHANNELS.md §1.4, §4.2): a new listing is its `Add` rows; a changed one a
 * `Revise` row with its ItemID and only the columns that changed, followed by a
 * `Relationship=Variation` row for each variation that came or changed (a variation that went
 * is revised to quantity 0: eBay keeps a variation that has sales); a listing that left is an
 * `End` row (EndCode NotAvailable). ItemIDs come from the feed's `ebay_item_ids` file, else the
 * last-published state; a listing to revise or end without one stops the build.
 */
import path from 'node:path';
import { OmnifeedError } from '../../errors.js';
import type { OutputFiles } from '../../output/files.js';
import type { ChannelDelta, ChannelContext, DeltaContext, DeltaWriter } from '../types.js';
import { revisionLayout } from './columns.js';
import { endItem, reviseItem, writeEbayCsv, type VariationChange } from './csv.js';
import { readItemIds } from './item-ids.js';
import type { EbayContext, EbayItem, Row } from './types.js';

/** Columns a Revise never carries as a change: they say what the row is. */
const FIXED = new Set(['Action', 'ItemID', 'Relationship', 'RelationshipDetails', 'EndCode', 'CustomLabel']);
const SHOWN_MISSING = 5;

/** The columns of `now` whose value differs from `before` (all of them when `before` is unknown). */
function changedColumns(now: Row, before: Row | undefined): Row {
  const changed: Row = {};
  for (const [key, value] of Object.entries(now)) if (!FIXED.has(key) && before?.[key] !== value) changed[key] = value;
  return changed;
}

/** `Color=Red|Size=S` -> `{ Color: 'Red', Size: 'S' }` */
const valuesOf = (details: string) => Object.fromEntries(details.split('|').map((pair) => pair.split('=') as [string, string]));

/** The variation rows of a listing, by their RelationshipDetails. */
const variationsOf = (item: EbayItem | null) => new Map((item?.rows.slice(1) ?? []).map((row) => [row.RelationshipDetails, row]));

/** The Revise of a listing: its changed columns, and its variations that came, changed or went. */
function revision(itemId: string, now: EbayItem, before: EbayItem | null): EbayItem | undefined {
  const [head, old] = [now.rows[0], before?.rows[0]];
  const columns = changedColumns(head, old);
  const oldVariations = variationsOf(before);
  const variations: VariationChange[] = [];
  for (const [details, row] of variationsOf(now)) {
    const changed = changedColumns(row, oldVariations.get(details));
    if (row.CustomLabel && (!oldVariations.has(details) || oldVariations.get(details)!.CustomLabel !== row.CustomLabel))
      changed.CustomLabel = row.CustomLabel;
    if (Object.keys(changed).length > 0) variations.push({ values: valuesOf(details), columns: changed });
    oldVariations.delete(details);
  }
  for (const details of oldVariations.keys()) variations.push({ values: valuesOf(details), columns: { Quantity: '0' } });
  const details = head.RelationshipDetails !== old?.RelationshipDetails ? head.RelationshipDetails : undefined;
  if (Object.keys(columns).length === 0 && variations.length === 0 && !details) return undefined;
  return reviseItem(itemId, columns, variations, details);
}

export function ebayDelta(ctx: EbayContext, run: ChannelContext): ChannelDelta<EbayItem> {
  const file = ctx.options.ebay_item_ids;
  return {
    key: (item) => item.rows[0].CustomLabel,
    operations: ['Add', 'Revise', 'End'],
    open(files: OutputFiles, delta: DeltaContext): DeltaWriter<EbayItem> {
      // read when a listing needs its ItemID: a full build, or a delta of new listings only, does not need the file
      let ids: Map<string, string> | undefined;
      const known = () => (ids ??= file ? readItemIds(path.resolve(run.root, file), file) : new Map<string, string>());
      const layout = revisionLayout(ctx.site, ctx.feed.market.country, ctx.currency, ctx.layout.header);
      // opened at the first row: a delta with nothing to send writes no file
      let csv: ReturnType<typeof writeEbayCsv> | undefined;
      const writer = {
        write: (item: EbayItem) =>
          (csv ??= writeEbayCsv(files.create(ctx.feed.output.path), { ...layout, info: ctx.layout.info })).write(item),
        close: async () => csv?.close(),
      };
      const counts = { Add: 0, Revise: 0, End: 0 };
      const missing: string[] = [];
      const idOf = (key: string) => {
        const id = known().get(key) ?? delta.remoteId(key);
        if (!id) missing.push(key);
        return id;
      };
      return {
        change(now, before) {
          if (before === undefined) {
            counts.Add++;
            return writer.write(now);
          }
          const id = idOf(now.rows[0].CustomLabel);
          const revised = id ? revision(id, now, before) : undefined;
          if (!revised) return;
          counts.Revise++;
          return writer.write(revised);
        },
        remove(_before, key) {
          const id = idOf(key);
          if (!id) return;
          counts.End++;
          return writer.write(endItem(id, 'NotAvailable'));
        },
        async close() {
          await writer.close();
          if (missing.length > 0) {
            const shown = missing.slice(0, SHOWN_MISSING).join(', ') + (missing.length > SHOWN_MISSING ? ', …' : '');
            throw new OmnifeedError(
              'ITEM_IDS_MISSING',
              `${ctx.feed.name}: ${missing.length} eBay listing${missing.length === 1 ? '' : 's'} to revise or end ${missing.length === 1 ? 'has' : 'have'} no ItemID (${shown}): ` +
                `list them in the file options.ebay_item_ids names (sku,item_id), or build without --delta`,
            );
          }
          return counts;
        },
      };
    },
  };
}
