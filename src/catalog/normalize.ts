import type { LengthUnit, Product, WeightUnit } from '../model.js';
import type { Issue } from '../model.js';
import { parseIsoDate } from '../dates.js';
import { OmnifeedError } from '../errors.js';
import type { RawRow } from './read.js';
import { catalogIssue, type CatalogRule } from './rules.js';

type FieldType =
  'text' | 'money' | 'integer' | 'decimal' | 'boolean' | 'list' | 'date' | 'weight' | 'length' | 'weight-unit' | 'length-unit';

/** The canonical product fields and how a source value is read into each. */
export const CANONICAL_FIELDS: Readonly<Record<string, FieldType>> = {
  sku: 'text',
  parent_sku: 'text',
  title: 'text',
  description: 'text',
  brand: 'text',
  gtin: 'text',
  mpn: 'text',
  price: 'money',
  sale_price: 'money',
  sale_start: 'date',
  sale_end: 'date',
  cost: 'money',
  currency: 'text',
  quantity: 'integer',
  status: 'text',
  condition: 'text',
  category: 'text',
  url: 'text',
  image_url: 'text',
  additional_image_urls: 'list',
  weight: 'weight',
  weight_unit: 'weight-unit',
  length: 'length',
  width: 'length',
  height: 'length',
  dimension_unit: 'length-unit',
  color: 'text',
  size: 'text',
  material: 'text',
  pattern: 'text',
  gender: 'text',
  age_group: 'text',
  tags: 'list',
  handmade: 'boolean',
  who_made: 'text',
  when_made: 'text',
  channels: 'list',
};

const WEIGHT_UNITS: Record<string, WeightUnit> = {
  g: 'g',
  gram: 'g',
  grams: 'g',
  kg: 'kg',
  kilogram: 'kg',
  kilograms: 'kg',
  lb: 'lb',
  lbs: 'lb',
  pound: 'lb',
  pounds: 'lb',
  oz: 'oz',
  ounce: 'oz',
  ounces: 'oz',
};
const LENGTH_UNITS: Record<string, LengthUnit> = {
  mm: 'mm',
  cm: 'cm',
  m: 'm',
  in: 'in',
  inch: 'in',
  inches: 'in',
  '"': 'in',
  ft: 'ft',
  foot: 'ft',
  feet: 'ft',
};
const TRUE = new Set(['true', 'yes', 'y', '1']);
const FALSE = new Set(['false', 'no', 'n', '0']);
const NUMBER = /^-?\d+(?:\.\d+)?$/;
/** a money cell may name its currency: `29.00 EUR`, `USD 29.00` */
const CURRENCY_CODE = /^([A-Z]{3})\s+|\s+([A-Z]{3})$/;

export interface NormalizeOptions {
  file: string;
  columns?: Record<string, string>;
  listSeparator?: string;
  units?: { weight?: WeightUnit; dimension?: LengthUnit };
  /** a catalog location the product's own quantity counts for */
  catalogLocation: string;
}

export interface Normalized {
  product?: Product;
  issues: Issue[];
}

/** Reads source rows into canonical products; compiled once from the column mapping. */
export class Normalizer {
  private readonly fieldColumns: [field: string, column: string][];
  private readonly mapped: Set<string>;
  /** for array records (CSV): the column index of each field column, -1 when absent; and the attribute columns */
  private indexes: number[] = [];
  private attributeColumns: [name: string, index: number][] = [];

  constructor(private readonly options: NormalizeOptions) {
    const columns = options.columns ?? {};
    for (const field of Object.keys(columns)) {
      if (!(field in CANONICAL_FIELDS)) {
        throw new OmnifeedError(
          'CONFIG_INVALID',
          `omnifeed.yaml: /catalog/columns/${field}: not a canonical field (one of ${Object.keys(CANONICAL_FIELDS).join(', ')})`,
        );
      }
    }
    this.fieldColumns = Object.keys(CANONICAL_FIELDS).map((field) => [field, columns[field] ?? field]);
    this.mapped = new Set(this.fieldColumns.map(([, column]) => column));
  }

  /** Check a header row: the SKU column and every explicitly mapped column must be there. */
  checkHeader(header: string[]): void {
    const have = new Set(header);
    const explicit = this.options.columns ?? {};
    const missing = this.fieldColumns.filter(([field, column]) => (field === 'sku' || field in explicit) && !have.has(column));
    if (missing.length > 0) {
      throw new OmnifeedError(
        'CATALOG_COLUMNS',
        `${this.options.file}: missing column${missing.length > 1 ? 's' : ''} ${missing.map(([f, c]) => (f === c ? `'${c}'` : `'${c}' (for ${f})`)).join(', ')}; the header has ${header.map((h) => `'${h}'`).join(', ')}`,
      );
    }
    this.indexes = this.fieldColumns.map(([, column]) => header.indexOf(column));
    this.attributeColumns = header.flatMap((name, index) => (this.mapped.has(name) ? [] : [[name, index] as [string, number]]));
  }

  normalize(row: RawRow): Normalized {
    const issues: Issue[] = [];
    const { values, record } = row;
    // every field in the same order, set or not: one object shape for all products keeps property access fast
    const out: Record<string, unknown> = {};
    for (const [field] of this.fieldColumns) out[field] = undefined;
    const where = { file: this.options.file, line: row.line, row: row.row };
    // the SKU is the first field read, so every issue after it can name it
    const problem = (field: string, column: string, rule: CatalogRule, message: string) =>
      issues.push(
        catalogIssue(rule, {
          message,
          sku: out.sku as string | undefined,
          field,
          ...where,
          column: row.index === undefined ? column : `[${row.index}].${column}`,
        }),
      );

    /** currencies named in money cells, by column */
    const currencies: [column: string, code: string][] = [];
    for (let i = 0; i < this.fieldColumns.length; i++) {
      const [field, column] = this.fieldColumns[i];
      const raw = record ? (this.indexes[i] >= 0 ? record[this.indexes[i]] : undefined) : values![column];
      if (raw === undefined || raw === null || raw === '') continue;
      const value = this.coerce(CANONICAL_FIELDS[field], raw, out);
      if (value instanceof CoercionError) problem(field, column, value.rule, `${column}: ${value.message}`);
      else if (value instanceof Money) {
        out[field] = value.amount;
        if (value.currency) currencies.push([column, value.currency]);
      } else if (value !== undefined) out[field] = value;
    }
    if (currencies.length > 0) {
      const named = out.currency === undefined ? currencies : [[this.columnOf('currency'), out.currency as string], ...currencies];
      const codes = new Set(named.map(([, code]) => code));
      if (codes.size > 1)
        problem(
          'currency',
          named[0][0],
          'currency-conflict',
          `money in different currencies: ${named.map(([c, code]) => `${c} ${code}`).join(', ')}`,
        );
      else out.currency = named[0][1];
    }
    const attributes = this.attributesOf(row);
    const sku = out.sku as string | undefined;
    if (!sku) {
      problem('sku', this.columnOf('sku'), 'sku-missing', 'the row has no SKU');
      return { issues };
    }
    if (out.weight !== undefined && out.weight_unit === undefined) {
      if (!this.options.units?.weight)
        problem(
          'weight',
          this.columnOf('weight'),
          'unit-missing',
          `weight ${out.weight} has no unit (add one, or set catalog.units.weight)`,
        );
      out.weight_unit = this.options.units?.weight;
    }
    if (['length', 'width', 'height'].some((f) => out[f] !== undefined) && out.dimension_unit === undefined) {
      if (!this.options.units?.dimension)
        problem('length', this.columnOf('length'), 'unit-missing', 'dimensions have no unit (add one, or set catalog.units.dimension)');
      out.dimension_unit = this.options.units?.dimension;
    }
    if (issues.some((i) => i.severity === 'error')) return { issues };
    const stock: Record<string, number> = {};
    if (out.quantity !== undefined) stock[this.options.catalogLocation] = out.quantity as number;
    const product = Object.assign(out, {
      attributes,
      stock,
      source:
        row.row === undefined
          ? { file: this.options.file, line: row.line ?? (row.index ?? 0) + 1 }
          : { file: this.options.file, row: row.row },
    }) as unknown as Product;
    return { product, issues };
  }

  /** the row's unmapped columns, as text: what rules and templates see as attributes */
  private attributesOf({ record, values }: RawRow): Record<string, string> {
    const attributes: Record<string, string> = {};
    if (record) {
      for (const [name, index] of this.attributeColumns) {
        const text = attributeText(record[index]);
        if (text !== undefined) attributes[name] = text;
      }
      return attributes;
    }
    for (const key in values) {
      if (this.mapped.has(key)) continue;
      const text = attributeText(values[key]);
      if (text !== undefined) attributes[key] = text;
    }
    return attributes;
  }

  private columnOf(field: string): string {
    return this.options.columns?.[field] ?? field;
  }

  private coerce(type: FieldType, raw: unknown, out: Record<string, unknown>): unknown {
    const text = typeof raw === 'string' ? raw.trim() : raw;
    if (text === '') return undefined;
    // a database's BLOB or bytea column holds bytes, which no canonical field takes
    if (text instanceof Uint8Array)
      return new CoercionError(
        'bad-value',
        `binary data (${text.length} bytes) where ${type === 'text' ? 'text' : `a ${type}`} was expected`,
      );
    switch (type) {
      case 'text':
        // a multi-line cell of a CRLF file keeps its line breaks as LF (a CR would reach XML feeds as &#13;)
        if (typeof text === 'string') return text.includes('\r') ? text.replace(/\r\n?/g, '\n') : text;
        if (typeof text === 'number' || typeof text === 'boolean') return String(text);
        return new CoercionError('bad-value', `expected text, got ${JSON.stringify(raw)}`);
      case 'money':
      case 'decimal': {
        const money = toMoney(text);
        if (money === undefined) return new CoercionError('bad-number', `'${String(raw)}' is not a number`);
        if (money.amount < 0) return new CoercionError('bad-number', `${money.amount} is negative`);
        return type === 'money' ? money : money.amount;
      }
      case 'integer': {
        const n = toMoney(text);
        if (n === undefined || n.currency || !Number.isInteger(n.amount))
          return new CoercionError('bad-integer', `'${String(raw)}' is not a whole number`);
        if (n.amount < 0) return new CoercionError('bad-integer', `${n.amount} is negative`);
        return n.amount;
      }
      case 'boolean': {
        const key = String(text).toLowerCase();
        if (TRUE.has(key)) return true;
        if (FALSE.has(key)) return false;
        return new CoercionError('bad-boolean', `'${String(raw)}' is not yes/no`);
      }
      case 'list': {
        const items = Array.isArray(text) ? text.map(String) : String(text).split(this.options.listSeparator ?? '|');
        const list = items.map((s) => s.trim()).filter((s) => s !== '');
        return list.length > 0 ? list : undefined;
      }
      case 'date':
        if (typeof text === 'string' && parseIsoDate(text)) return text;
        return new CoercionError('bad-date', `'${String(raw)}' is not an ISO 8601 date of a day that exists`);
      case 'weight':
      case 'length': {
        const match = /^(-?\d+(?:\.\d+)?)\s*([a-zA-Z"]+)?$/.exec(String(text));
        const units: Record<string, string> = type === 'weight' ? WEIGHT_UNITS : LENGTH_UNITS;
        if (!match)
          return new CoercionError('bad-number', `'${String(raw)}' is not a ${type} like 1.5 or 1.5 ${type === 'weight' ? 'kg' : 'cm'}`);
        if (match[2]) {
          const unit = units[match[2].toLowerCase()];
          if (!unit) return new CoercionError('bad-unit', `unknown unit '${match[2]}' (${[...new Set(Object.values(units))].join(', ')})`);
          const unitField = type === 'weight' ? 'weight_unit' : 'dimension_unit';
          if (type === 'length' && out[unitField] !== undefined && out[unitField] !== unit) {
            return new CoercionError('bad-unit', `dimensions in different units (${String(out[unitField])} and ${unit})`);
          }
          out[unitField] = unit;
        }
        return Number(match[1]);
      }
      case 'weight-unit':
      case 'length-unit': {
        const unit = (type === 'weight-unit' ? WEIGHT_UNITS : LENGTH_UNITS)[String(text).toLowerCase()];
        return unit ?? new CoercionError('bad-unit', `unknown unit '${String(raw)}'`);
      }
    }
  }
}

/**
 * An attribute's text: a string as it is; a number, a boolean, a list or an object (JSON and
 * database values) as JSON. Empty values and bytes (a BLOB or bytea column) are not attributes.
 */
function attributeText(value: unknown): string | undefined {
  if (typeof value === 'string') return value === '' ? undefined : value;
  if (value === undefined || value === null || value instanceof Uint8Array) return undefined;
  return JSON.stringify(value);
}

class CoercionError {
  constructor(
    readonly rule: CatalogRule,
    readonly message: string,
  ) {}
}

/** An amount, and the currency its cell names (`29.00 EUR`). */
class Money {
  constructor(
    readonly amount: number,
    readonly currency?: string,
  ) {}
}

/** A plain decimal (no exponent, no hex: `1e3` and `0x10` are not read), with an optional currency code. */
function toMoney(value: unknown): Money | undefined {
  if (typeof value === 'number') return Number.isFinite(value) ? new Money(value) : undefined;
  if (typeof value !== 'string') return undefined;
  const code = CURRENCY_CODE.exec(value);
  const text = code ? value.replace(CURRENCY_CODE, '') : value;
  return NUMBER.test(text) ? new Money(Number(text), code?.[1] ?? code?.[2]) : undefined;
}
