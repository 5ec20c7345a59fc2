import type { Issue, RuleInfo } from '../model.js';

/** The issues reading the catalog and the inventory overlay can raise, by rule id. */
export const catalogRules = {
  'csv-unreadable-row': {
    severity: 'error',
    description:
      'a CSV/TSV row csv-parse cannot read (bad quoting, wrong number of fields), or a row a stray quote swallowed: skipped, with its SKU where it can be read',
  },
  'text-invalid-utf8': { severity: 'error', description: 'a row holding bytes that are not UTF-8: skipped, with its line and column' },
  'json-unreadable-row': { severity: 'error', description: 'an NDJSON line or JSON-array element that is not a JSON object: skipped' },
  'sku-missing': { severity: 'error', description: 'a row without a SKU: skipped' },
  'duplicate-sku': { severity: 'error', description: 'a SKU that appeared before: the first row is kept' },
  'parent-missing': { severity: 'error', description: 'a variant whose parent_sku names no row of the catalog' },
  'bad-number': {
    severity: 'error',
    description: 'a price, cost or measure that is not a plain decimal ≥ 0 (1e3 is not): the row is skipped',
  },
  'bad-integer': {
    severity: 'error',
    description: 'a quantity that is not a whole number ≥ 0 (1e3, 0x10 and -5 are not): the row is skipped',
  },
  'bad-boolean': { severity: 'error', description: 'a yes/no value that is neither: the row is skipped' },
  'bad-date': {
    severity: 'error',
    description: 'a sale date that is not ISO 8601, or a day that does not exist (Feb 30): the row is skipped',
  },
  'currency-conflict': {
    severity: 'error',
    description: 'money cells of one row in different currencies (29.00 EUR beside a USD currency column): the row is skipped',
  },
  'bad-unit': { severity: 'error', description: 'a weight or dimension unit omnifeed does not know: the row is skipped' },
  'bad-value': { severity: 'error', description: 'a JSON value where text was expected: the row is skipped' },
  'unit-missing': {
    severity: 'error',
    description: 'a weight or dimension without a unit, and no default in catalog.units: the row is skipped',
  },
  'catalog-empty': {
    severity: 'warning',
    description: 'the catalog has no rows (a header alone, or a query that returned none): every feed is empty',
  },
  'inventory-bad-row': { severity: 'error', description: 'an inventory row without SKU, location, or a whole quantity ≥ 0: skipped' },
  'inventory-unknown-sku': { severity: 'warning', description: 'the inventory has stock for a SKU the catalog does not have' },
} as const satisfies Record<string, RuleInfo>;

export type CatalogRule = keyof typeof catalogRules;

/** An issue of a catalog rule, at the rule's severity. */
export function catalogIssue(rule: CatalogRule, issue: Omit<Issue, 'rule' | 'severity'>): Issue {
  return { severity: catalogRules[rule].severity, rule, ...issue };
}
