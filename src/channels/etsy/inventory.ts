import type { Prepared, VariantAttribute } from '../../model.js';
import { CUSTOM_PROPERTY_IDS, PROPERTY_NAMES } from './spec.js';
import type { PropertyOption } from './options.js';
import type { EtsyInventory, EtsyOffering, EtsyProduct, EtsyPropertyValue } from './types.js';

export interface Property {
  attribute: VariantAttribute;
  property_id: number;
  property_name: string;
  scale_id?: number;
  value_ids?: Record<string, number>;
  /** a custom property (513, 514): any value, no value ids */
  custom: boolean;
}

/**
 * The Etsy property for each attribute a group varies in: the configured one, else the custom
 * properties 513 and 514 in turn; undefined where neither is left (a third variation must be
 * configured: it is a taxonomy property with predefined values).
 */
export function resolveProperties(
  varies: readonly VariantAttribute[],
  configured: Partial<Record<string, PropertyOption>>,
): (Property | undefined)[] {
  const used = new Set(varies.map((a) => configured[a]?.property_id).filter((id) => id !== undefined));
  const free = CUSTOM_PROPERTY_IDS.filter((id) => !used.has(id));
  return varies.map((attribute) => {
    const option = configured[attribute];
    const name = option?.name ?? PROPERTY_NAMES[attribute] ?? attribute;
    if (option) {
      const custom = (CUSTOM_PROPERTY_IDS as readonly number[]).includes(option.property_id);
      return {
        attribute,
        property_id: option.property_id,
        property_name: name,
        scale_id: option.scale_id,
        value_ids: option.value_ids,
        custom,
      };
    }
    const id = free.shift();
    return id === undefined ? undefined : { attribute, property_id: id, property_name: name, custom: true };
  });
}

/**
 * The smallest set of properties a value depends on, as Etsy's `*_on_property` wants it: [] when
 * every product has the same value, else the first (in property order) subset whose values
 * determine it.
 */
export function onProperty(keys: readonly string[][], values: readonly unknown[], ids: readonly number[]): number[] {
  const n = ids.length;
  const subsets: number[][] = [];
  for (let mask = 0; mask < 1 << n; mask++) subsets.push(ids.map((_, i) => i).filter((i) => mask & (1 << i)));
  subsets.sort((a, b) => a.length - b.length || a.join().localeCompare(b.join()));
  for (const subset of subsets) {
    const seen = new Map<string, unknown>();
    const determines = keys.every((key, row) => {
      const k = subset.map((i) => key[i]).join('\u0000');
      if (!seen.has(k)) seen.set(k, values[row]);
      return seen.get(k) === values[row];
    });
    if (determines) return subset.map((i) => ids[i]);
  }
  return [...ids];
}

/** Build the inventory body for a variant group whose properties are resolved; `disabled` variants go with quantity 0, not enabled. */
export function buildInventory(
  variants: readonly Prepared[],
  properties: readonly Property[],
  readinessStateId: number | undefined,
  disabled: ReadonlySet<Prepared> = new Set(),
): EtsyInventory {
  const ids = properties.map((p) => p.property_id);
  const keys = variants.map((v) => properties.map((p) => String(v.product[p.attribute] ?? '')));
  const products: EtsyProduct[] = variants.map((v, row) => {
    const quantity = disabled.has(v) ? 0 : v.stock.quantity;
    const offering: EtsyOffering = { price: v.price.price ?? 0, quantity, is_enabled: quantity > 0 };
    if (readinessStateId !== undefined) offering.readiness_state_id = readinessStateId;
    return {
      sku: v.product.sku,
      property_values: properties.map((p, i) => {
        const value = keys[row][i];
        const valueId = p.value_ids?.[value];
        const entry: EtsyPropertyValue = {
          property_id: p.property_id,
          property_name: p.property_name,
          value_ids: valueId === undefined ? [] : [valueId],
          values: [value],
        };
        if (p.scale_id !== undefined) entry.scale_id = p.scale_id;
        return entry;
      }),
      offerings: [offering],
    };
  });
  const inventory: EtsyInventory = {
    products,
    price_on_property: onProperty(
      keys,
      products.map((p) => p.offerings[0].price),
      ids,
    ),
    quantity_on_property: onProperty(
      keys,
      products.map((p) => p.offerings[0].quantity),
      ids,
    ),
    sku_on_property: onProperty(
      keys,
      products.map((p) => p.sku),
      ids,
    ),
  };
  if (readinessStateId !== undefined) inventory.readiness_state_on_property = [];
  return inventory;
}
