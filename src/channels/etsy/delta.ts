/**
 * Etsy deltas (CHANNELS.md §5.3-5.4): one NDJSON line per listing that changed, with `op`:
 * `create` (the createDraftListing body, its inventory and images, as in a full feed),
 * `update` (the updateListing fields that changed; the whole inventory when a variant, a price
 * or a stock level changed, since updateListingInventory replaces it; the images when they
 * changed), `deactivate` (`state: inactive`) for a listing that left. A deactivated listing that
 * comes back is an `update` with `state: active` (the state keeps it), never a second listing.
 */
import type { OutputFiles } from '../../output/files.js';
import type { ChannelDelta, DeltaWriter } from '../types.js';
import { UPDATE_FIELDS } from './spec.js';
import type { EtsyContext, EtsyInventory, EtsyLine, EtsyListing } from './types.js';

/** One line of an Etsy delta file. */
export interface EtsyDeltaLine {
  op: 'create' | 'update' | 'deactivate';
  sku: string;
  /** createDraftListing body (create), or the updateListing fields to change (update, deactivate) */
  listing?: Partial<EtsyListing> & { state?: 'active' | 'inactive' };
  /** the updateListingInventory body: every variant */
  inventory?: EtsyInventory;
  images?: string[];
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/** The inventory of a line: its group's, or a single product's one offering (price and stock change only through it). */
function inventoryOf(line: EtsyLine): EtsyInventory {
  if (line.inventory) return line.inventory;
  const { price, quantity, readiness_state_id } = line.listing;
  const offering = { price, quantity, is_enabled: quantity > 0, ...(readiness_state_id !== undefined ? { readiness_state_id } : {}) };
  const inventory: EtsyInventory = {
    products: [{ sku: line.sku, property_values: [], offerings: [offering] }],
    price_on_property: [],
    quantity_on_property: [],
    sku_on_property: [],
  };
  if (readiness_state_id !== undefined) inventory.readiness_state_on_property = [];
  return inventory;
}

/** The update of a listing; undefined when nothing Etsy stores changed. */
function update(now: EtsyLine, before: EtsyLine | null, inactive = false): EtsyDeltaLine | undefined {
  const listing: EtsyDeltaLine['listing'] = {};
  const fields = listing as Record<string, unknown>;
  const old = (before?.listing ?? {}) as unknown as Record<string, unknown>;
  for (const [key, value] of Object.entries(now.listing)) if (UPDATE_FIELDS.has(key) && !same(value, old[key])) fields[key] = value;
  if (inactive) listing.state = 'active';
  const line: EtsyDeltaLine = { op: 'update', sku: now.sku };
  if (Object.keys(listing).length > 0) line.listing = listing;
  if (!before || inactive || !same(inventoryOf(now), inventoryOf(before))) line.inventory = inventoryOf(now);
  if (!same(now.images, before?.images)) line.images = now.images;
  return line.listing || line.inventory || line.images ? line : undefined;
}

export function etsyDelta(ctx: EtsyContext): ChannelDelta<EtsyLine> {
  return {
    key: (line) => line.sku,
    keepsRemoved: true,
    operations: ['create', 'update', 'deactivate'],
    open(files: OutputFiles): DeltaWriter<EtsyLine> {
      const sink = files.create(ctx.feed.output.path);
      const counts = { create: 0, update: 0, deactivate: 0 };
      const send = (line: EtsyDeltaLine) => {
        counts[line.op]++;
        return sink.write(`${JSON.stringify(line)}\n`);
      };
      return {
        change(now, before, inactive) {
          if (before === undefined) return send({ op: 'create', ...now, inventory: now.inventory ?? undefined });
          const line = update(now, before, inactive);
          if (line) return send(line);
        },
        remove: (_before, sku) => send({ op: 'deactivate', sku, listing: { state: 'inactive' } }),
        async close() {
          await sink.end();
          return counts;
        },
      };
    },
  };
}
