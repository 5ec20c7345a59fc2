/**
 * The per-SKU records of one listing group in one feed (see `output/skus.ts`): for each item its
 * content hash; for each product the feed read, its price, stock, and whether an item of the
 * feed carries it, or why not. Built once per group from what the feed made of it.
 */
import type { ChannelItem } from '../channels/types.js';
import type { Issue, Prepared } from '../model.js';
import { formatRecord, type SkuRecord } from '../output/skus.js';
import { contentHash } from './content-hash.js';
import type { Decision } from './feed.js';

function offerOf(record: SkuRecord, prepared: Prepared): void {
  const { price, stock } = prepared;
  record.price = price.price;
  if (price.sale_active && price.sale_price !== undefined) record.sale_price = price.sale_price;
  record.quantity = stock.quantity;
  record.margin = price.margin;
  record.available = stock.available;
}

/** An item as the records of the products it carries see it: its own record, its error rules, its issues. */
interface Carrier {
  own: SkuRecord;
  /** the rule ids of its errors, comma-separated: the item is not listed */
  errors?: string;
  issues: readonly Issue[];
}

const ruleIds = (issues: readonly Issue[], keep: (issue: Issue) => boolean) => {
  if (issues.length === 0) return undefined;
  const ids = new Set<string>();
  for (const issue of issues) if (keep(issue)) ids.add(issue.rule);
  return ids.size === 0 ? undefined : [...ids].join(',');
};

/** A product an item carries: its offer, and (unless it is the item's own SKU) the item and whether it is listed. */
function carry(record: SkuRecord, prepared: Prepared, carrier: Carrier): void {
  offerOf(record, prepared);
  if (record === carrier.own) return;
  record.item = carrier.own.sku;
  record.listed = carrier.own.listed;
  if (carrier.errors) record.reason = carrier.errors;
}

/**
 * A product's outcome in the feed: excluded by a rule; carried by an item (its own, its group's
 * listing, or under `variants: parent-only` its parent's), listed or invalid with the item's error
 * rules; or selected but carried by none (the variant policy lists another variant).
 */
function outcomeOf(record: SkuRecord, decision: Decision, carrier: Carrier | undefined): void {
  if (decision.excluded) {
    record.outcome = 'excluded';
    record.reason = decision.excluded;
    return;
  }
  if (!carrier) {
    record.outcome = 'excluded';
    record.reason = 'variant-policy';
    return;
  }
  if (record.item === undefined && record !== carrier.own) {
    record.item = carrier.own.sku;
    record.listed = carrier.own.listed;
    if (carrier.errors) record.reason = carrier.errors;
  }
  record.outcome = carrier.errors ? 'invalid' : 'listed';
  const { sku } = record;
  record.warnings = ruleIds(
    carrier.issues,
    (i) => i.severity === 'warning' && (i.sku === undefined || i.sku === sku || i.sku === carrier.own.sku),
  );
}

/**
 * The record lines of one group: one per item (its hash), one per product the feed read (merged
 * with its item's when it is the item's own SKU), with its outcome. `items` are the validated
 * items: one with an error-level issue is not listed, and neither are the products it carries.
 */
export function groupRecords(decisions: readonly Decision[], items: readonly ChannelItem[], offerKeys: ReadonlySet<string>): string {
  const records = new Map<string, SkuRecord>();
  const at = (sku: string) => {
    let record = records.get(sku);
    if (!record) records.set(sku, (record = { sku, listed: false }));
    return record;
  };
  const carriers = new Map<string, Carrier>();
  for (const { sku, item, issues, carries } of items) {
    const errors = ruleIds(issues, (i) => i.severity === 'error');
    const own = at(sku);
    own.hash = contentHash(item, offerKeys);
    own.listed = !errors;
    if (errors) own.reason = errors;
    const carrier: Carrier = { own, errors, issues };
    for (const prepared of carries) {
      carry(at(prepared.product.sku), prepared, carrier);
      carriers.set(prepared.product.sku, carrier);
    }
  }
  for (const decision of decisions) {
    const record = at(decision.sku);
    if (record.price === undefined && record.quantity === undefined) offerOf(record, decision.prepared);
    const parent = decision.prepared.product.parent_sku;
    outcomeOf(record, decision, carriers.get(decision.sku) ?? (parent === undefined ? undefined : carriers.get(parent)));
  }
  let text = '';
  for (const record of records.values()) text += formatRecord(record);
  return text;
}
