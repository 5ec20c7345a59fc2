/**
 * The per-SKU records of one listing group in one feed (see `output/skus.ts`): for each item its
 * content hash; for each product the feed read, its price, stock, and whether an item of the
 * feed carries it, or why not. Built once per group from what the feed made of it.
 */
import * as crypto from 'node:crypto';
import type { ChannelItem } from '../channels/types.js';
import type { Prepared } from '../model.js';
import { formatRecord, type SkuRecord } from '../output/skus.js';
import type { Decision } from './feed.js';

/** The item's content hash: 72 bits of SHA-1 in base64url (a collision between two versions of one SKU's item is out of reach). */
function contentHash(item: unknown, offerKeys: ReadonlySet<string>): string {
  // the item as JSON in its own key order, without the keys (at any depth) that carry price and stock
  const text = JSON.stringify(item, (key, value) => (offerKeys.has(key) ? undefined : value));
  return sha1(text).slice(0, 12);
}

/** SHA-1 in base64url: one-shot `crypto.hash` where Node has it (20.12 on), which makes no Hash object per item. */
const sha1: (text: string) => string =
  typeof (crypto as { hash?: unknown }).hash === 'function'
    ? (text) => (crypto as unknown as { hash(a: string, t: string, e: string): string }).hash('sha1', text, 'base64url')
    : (text) => crypto.createHash('sha1').update(text).digest('base64url');

function offerOf(record: SkuRecord, prepared: Prepared): void {
  const { price, stock } = prepared;
  record.price = price.price;
  if (price.sale_active && price.sale_price !== undefined) record.sale_price = price.sale_price;
  record.quantity = stock.quantity;
}

/** A product an item carries: its offer, and (unless it is the item's own SKU) the item and whether it is listed. */
function carry(record: SkuRecord, prepared: Prepared, item: SkuRecord, error: string | undefined): void {
  offerOf(record, prepared);
  if (record === item) return;
  record.item = item.sku;
  record.listed = item.listed;
  if (error) record.reason = error;
}

/**
 * The record lines of one group: one per item (its hash), one per product the feed read (merged
 * with its item's when it is the item's own SKU). `items` are the validated items: one with an
 * error-level issue is not listed, and neither are the products it carries.
 */
export function groupRecords(decisions: readonly Decision[], items: readonly ChannelItem[], offerKeys: ReadonlySet<string>): string {
  const records = new Map<string, SkuRecord>();
  const at = (sku: string) => {
    let record = records.get(sku);
    if (!record) records.set(sku, (record = { sku, listed: false }));
    return record;
  };
  for (const { sku, item, issues, carries } of items) {
    const error = issues.find((i) => i.severity === 'error');
    const own = at(sku);
    own.hash = contentHash(item, offerKeys);
    own.listed = !error;
    if (error) own.reason = error.rule;
    for (const prepared of carries) carry(at(prepared.product.sku), prepared, own, error?.rule);
  }
  for (const decision of decisions) {
    const record = at(decision.sku);
    if (record.price !== undefined || record.quantity !== undefined) continue;
    offerOf(record, decision.prepared);
    // selected, but carried by no item: the feed's variant policy lists another variant (or the parent) instead
    record.reason = decision.excluded ?? 'variant-policy';
  }
  let text = '';
  for (const record of records.values()) text += formatRecord(record);
  return text;
}
