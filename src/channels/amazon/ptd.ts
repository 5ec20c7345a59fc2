/**
 * Product Type Definitions: the JSON Schemas (draft 2019-09 plus Amazon's vocabulary) a seller
 * downloads with getDefinitionsProductType. Each is compiled once per run with Amazon's
 * keywords implemented as ajv keywords, and a message's attributes are checked against it.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Ajv2019, type AnySchemaObject, type ErrorObject, type ValidateFunction } from 'ajv/dist/2019.js';
import { OmnifeedError } from '../../errors.js';
import { utf8Length } from '../text.js';

/** Amazon's keywords (product-type-meta-schema-v1). Only the ones below validate; the rest annotate. */
function addAmazonKeywords(ajv: Ajv2019): void {
  for (const keyword of ['editable', 'hidden', 'enumNames', 'selectors', '$lifecycle']) ajv.addKeyword({ keyword });
  const byteLength = (keyword: 'maxUtf8ByteLength' | 'minUtf8ByteLength') =>
    ajv.addKeyword({
      keyword,
      type: 'string',
      schemaType: 'number',
      errors: true,
      validate: function check(limit: number, data: string) {
        const bytes = utf8Length(data);
        const ok = keyword === 'maxUtf8ByteLength' ? bytes <= limit : bytes >= limit;
        if (!ok) {
          (check as { errors?: Partial<ErrorObject>[] }).errors = [
            {
              keyword,
              params: { limit, bytes },
              message: `must be ${keyword === 'maxUtf8ByteLength' ? 'at most' : 'at least'} ${limit} UTF-8 bytes (is ${bytes})`,
            },
          ];
        }
        return ok;
      },
    });
  byteLength('maxUtf8ByteLength');
  byteLength('minUtf8ByteLength');
  /** items sharing one combination of the array's `selectors` values */
  const uniqueItems = (keyword: 'maxUniqueItems' | 'minUniqueItems') =>
    ajv.addKeyword({
      keyword,
      type: 'array',
      schemaType: 'number',
      errors: true,
      validate: function check(limit: number, data: unknown[], parentSchema?: AnySchemaObject) {
        const selectors: string[] = (parentSchema?.selectors as string[] | undefined) ?? [];
        const counts = new Map<string, number>();
        for (const item of data) {
          const key = JSON.stringify(
            selectors.map((s) => (item && typeof item === 'object' ? (item as Record<string, unknown>)[s] : undefined) ?? null),
          );
          counts.set(key, (counts.get(key) ?? 0) + 1);
        }
        for (const [key, count] of counts) {
          if (keyword === 'maxUniqueItems' ? count > limit : count < limit) {
            (check as { errors?: Partial<ErrorObject>[] }).errors = [
              {
                keyword,
                params: { limit, count, selectors: key },
                message: `must have ${keyword === 'maxUniqueItems' ? 'at most' : 'at least'} ${limit} values per ${selectors.join(' + ') || 'item'} (has ${count})`,
              },
            ];
            return false;
          }
        }
        return true;
      },
    });
  uniqueItems('maxUniqueItems');
  uniqueItems('minUniqueItems');
  // formats used by the definitions, so that `oneOf: [date, date-time]` tells them apart
  ajv.addFormat('date', /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/);
  ajv.addFormat('date-time', /^\d{4}-\d{2}-\d{2}[Tt]\d{2}:\d{2}(:\d{2}(\.\d+)?)?([Zz]|[+-]\d{2}:\d{2})$/);
  ajv.addFormat('uri', /^[a-z][a-z0-9+.-]*:[^\s]*$/i);
}

/** One product type's definition, compiled, with what the mapping needs to know of it. */
export interface ProductTypeSchema {
  productType: string;
  file: string;
  validate: ValidateFunction;
  /** attribute names the definition has (it forbids others) */
  attributes: Set<string>;
  /** does the attribute's value object carry a language_tag */
  localized(attribute: string): boolean;
  /** the JSON type of the attribute's `value`, when it has one */
  valueType(attribute: string): string | undefined;
  /** the allowed values of a value property (`externally_assigned_product_identifier.type`, `variation_theme.name`) */
  enumOf(attribute: string, property: string): readonly unknown[] | undefined;
}

interface PtdJson {
  properties?: Record<string, { items?: { properties?: Record<string, { type?: string; enum?: unknown[] }> } }>;
  additionalProperties?: boolean;
}

/** Read and compile the definitions a feed names (`options.product_type_schemas`), once per run. */
export function loadProductTypeSchemas(map: Record<string, string>, root: string, feedFile: string): Map<string, ProductTypeSchema> {
  const ajv = new Ajv2019({ allErrors: true, strict: false, validateSchema: false, validateFormats: true, multipleOfPrecision: 9 });
  addAmazonKeywords(ajv);
  const out = new Map<string, ProductTypeSchema>();
  for (const [productType, relative] of Object.entries(map)) {
    const file = path.resolve(root, relative);
    const where = `${feedFile}: /options/product_type_schemas/${productType}`;
    let json: PtdJson & Record<string, unknown>;
    try {
      json = JSON.parse(readFileSync(file, 'utf8'));
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      throw new OmnifeedError(
        code ? 'CONFIG_NOT_FOUND' : 'CONFIG_INVALID',
        `${where}: ${relative}: ${code ? `cannot read (${code})` : `not JSON (${(error as Error).message})`}`,
      );
    }
    let validate: ValidateFunction;
    try {
      // a definition names the Amazon meta-schema by $schema and has its own $id: compile it without meta validation, once
      validate = ajv.compile({ ...json, $id: `omnifeed:${productType}:${file}` });
    } catch (error) {
      throw new OmnifeedError(
        'CONFIG_INVALID',
        `${where}: ${relative}: not a usable product type definition (${(error as Error).message})`,
      );
    }
    const properties = json.properties ?? {};
    const valueProps = (attribute: string) => properties[attribute]?.items?.properties;
    out.set(productType, {
      productType,
      file: relative,
      validate,
      attributes: new Set(Object.keys(properties)),
      localized: (attribute) => Boolean(valueProps(attribute)?.language_tag),
      valueType: (attribute) => valueProps(attribute)?.value?.type,
      enumOf: (attribute, property) => valueProps(attribute)?.[property]?.enum,
    });
  }
  return out;
}

export type PtdRule = 'ptd-required' | 'ptd-unknown-attribute' | 'ptd-too-long' | 'ptd-too-many-bytes' | 'ptd-value-count' | 'ptd-invalid';

export interface PtdProblem {
  rule: PtdRule;
  attribute: string;
  message: string;
}

const RULE_OF: Record<string, PtdRule> = {
  required: 'ptd-required',
  additionalProperties: 'ptd-unknown-attribute',
  maxLength: 'ptd-too-long',
  minLength: 'ptd-too-long',
  maxUtf8ByteLength: 'ptd-too-many-bytes',
  minUtf8ByteLength: 'ptd-too-many-bytes',
  maxUniqueItems: 'ptd-value-count',
  minUniqueItems: 'ptd-value-count',
  maxItems: 'ptd-value-count',
  minItems: 'ptd-value-count',
};
/** wrappers whose inner errors say what is wrong */
const WRAPPERS = new Set(['if', 'allOf', 'then', 'else']);

/** A message's attributes against its product type definition: one problem per rule and attribute. */
export function checkAgainstDefinition(schema: ProductTypeSchema, attributes: Record<string, unknown>): PtdProblem[] {
  if (schema.validate(attributes)) return [];
  const seen = new Set<string>();
  const problems: PtdProblem[] = [];
  for (const error of schema.validate.errors!) {
    if (WRAPPERS.has(error.keyword)) continue;
    const segments = error.instancePath.split('/').slice(1);
    let attribute = segments[0];
    if (!attribute && error.keyword === 'required') attribute = (error.params as { missingProperty: string }).missingProperty;
    if (!attribute && error.keyword === 'additionalProperties')
      attribute = (error.params as { additionalProperty: string }).additionalProperty;
    attribute ??= 'attributes';
    const rule = RULE_OF[error.keyword] ?? 'ptd-invalid';
    const key = `${rule}\u0000${attribute}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const detail =
      error.keyword === 'required' && segments.length > 0 ? `${(error.params as { missingProperty: string }).missingProperty} ` : '';
    problems.push({
      rule,
      attribute,
      message: `${schema.productType}: ${error.instancePath || attribute} ${detail}${error.message ?? error.keyword}`,
    });
  }
  return problems;
}
