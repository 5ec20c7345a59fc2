/**
 * Google Merchant Center product data: the attributes omnifeed writes, in feed order, with
 * their limits (CHANNELS.md §2.3, from Google's product data specification and the Merchant
 * API protos). The item schema, the rule ids and the README table are all made from this.
 */
export interface AttributeSpec {
  maxLength?: number;
  enum?: readonly string[];
  pattern?: string;
  /** repeated attribute: most values allowed */
  maxItems?: number;
  required?: boolean;
}

export const ATTRIBUTES = {
  id: { required: true, maxLength: 50 },
  item_group_id: { maxLength: 50, pattern: '^[A-Za-z0-9_-]+$' },
  title: { required: true, maxLength: 150 },
  description: { required: true, maxLength: 5000 },
  link: { required: true, maxLength: 2000, pattern: '^https?://' },
  image_link: { required: true, maxLength: 2000, pattern: '^https?://' },
  additional_image_link: { maxItems: 10, maxLength: 2000, pattern: '^https?://' },
  availability: { required: true, enum: ['in_stock', 'out_of_stock', 'preorder', 'backorder'] },
  price: { required: true, pattern: '^[0-9]+\\.[0-9]{2} [A-Z]{3}$' },
  sale_price: { pattern: '^[0-9]+\\.[0-9]{2} [A-Z]{3}$' },
  sale_price_effective_date: { pattern: '^[0-9T:+.Z-]+/[0-9T:+.Z-]+$' },
  google_product_category: { maxLength: 750 },
  product_type: { maxLength: 750 },
  brand: { maxLength: 70 },
  gtin: { pattern: '^([0-9]{8}|[0-9]{12,14})$' },
  mpn: { maxLength: 70 },
  identifier_exists: { enum: ['yes', 'no'] },
  condition: { enum: ['new', 'refurbished', 'used'] },
  color: { maxLength: 100 },
  size: { maxLength: 100 },
  gender: { enum: ['male', 'female', 'unisex'] },
  age_group: { enum: ['newborn', 'infant', 'toddler', 'kids', 'adult'] },
  material: { maxLength: 200 },
  pattern: { maxLength: 100 },
  shipping_weight: { pattern: '^[0-9]+(\\.[0-9]+)? (lb|oz|g|kg)$' },
  shipping: {},
  custom_label_0: { maxLength: 100 },
  custom_label_1: { maxLength: 100 },
  custom_label_2: { maxLength: 100 },
  custom_label_3: { maxLength: 100 },
  custom_label_4: { maxLength: 100 },
} as const satisfies Record<string, AttributeSpec>;

/** JSON Schema of one item, compiled once per run. */
export function itemSchema(): object {
  const properties: Record<string, object> = {};
  for (const [name, spec] of Object.entries(ATTRIBUTES) as [string, AttributeSpec][]) {
    if (name === 'shipping') continue;
    const value: Record<string, unknown> = { type: 'string', minLength: 1 };
    if (spec.maxLength) value.maxLength = spec.maxLength;
    if (spec.enum) value.enum = spec.enum;
    if (spec.pattern) value.pattern = spec.pattern;
    properties[name] = spec.maxItems ? { type: 'array', maxItems: spec.maxItems, items: value } : value;
  }
  const required = Object.entries(ATTRIBUTES)
    .filter(([, spec]) => (spec as AttributeSpec).required)
    .map(([name]) => name);
  return { type: 'object', properties, required };
}
