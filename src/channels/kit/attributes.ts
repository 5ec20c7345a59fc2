/**
 * Rules made from a marketplace's attribute table (Google's product data specification, Meta's
 * catalog fields, Amazon's limits): for each attribute, `<name>-missing`, `-too-long`,
 * `-too-many-bytes`, `-invalid` and `-too-many`, as its spec says. The ids are kebab-case
 * (`image-link-missing`); the field is the attribute's own name.
 */
import { charCount, utf8Length } from '../text.js';
import type { CheckRule, Draft, Report, Rule } from '../types.js';
import { priceMissing } from './offer.js';
import { requiredField, type TextField } from './required.js';

export interface AttributeSpec {
  /** required on every item */
  required?: boolean;
  /** required, and made from this canonical field: a missing value is reported on the field (`title-missing`, `url-missing`, …) */
  source?: TextField | 'price';
  /** characters (code points) */
  maxLength?: number;
  maxUtf8ByteLength?: number;
  /** a repeated attribute: most values */
  maxItems?: number;
  enum?: readonly string[];
  pattern?: string;
}

/** The values of an attribute in an item (a repeated attribute has several); undefined when it has none. */
export type ValuesOf<Item> = (item: Item, name: string) => readonly unknown[] | undefined;

export const kebab = (name: string) => name.replace(/_/g, '-');

function rule<Item>(
  id: string,
  description: string,
  check: (values: readonly unknown[] | undefined, report: (message: string) => void) => void,
  name: string,
  valuesOf: ValuesOf<Item>,
): CheckRule<Item, unknown> {
  return {
    id,
    severity: 'error',
    description,
    check(draft: Draft<Item>, _ctx, report: Report) {
      check(valuesOf(draft.item, name), (message) => report(name, message));
    },
  };
}

const strings = (values: readonly unknown[] | undefined) => (values ?? []).filter((v): v is string => typeof v === 'string');

/** The rules of one attribute, in the order missing, too-long, too-many-bytes, invalid, too-many. */
export function attributeRules<Item>(name: string, spec: AttributeSpec, valuesOf: ValuesOf<Item>): Rule<Item, unknown>[] {
  const rules: Rule<Item, unknown>[] = [];
  const id = kebab(name);
  if (spec.source === 'price') rules.push(priceMissing());
  else if (spec.source) rules.push(requiredField(spec.source, { attribute: name, present: (item) => !!valuesOf(item, name)?.length }));
  else if (spec.required)
    rules.push(
      rule(`${id}-missing`, `${name} is required`, (values, report) => !values?.length && report(`${name} is required`), name, valuesOf),
    );
  const { maxLength, maxUtf8ByteLength, maxItems, pattern } = spec;
  if (maxLength)
    rules.push(
      rule(
        `${id}-too-long`,
        `${name} has at most ${maxLength} characters`,
        (values, report) => {
          for (const text of strings(values))
            if (text.length > maxLength && charCount(text) > maxLength) report(`${charCount(text)} characters, at most ${maxLength}`);
        },
        name,
        valuesOf,
      ),
    );
  if (maxUtf8ByteLength)
    rules.push(
      rule(
        `${id}-too-many-bytes`,
        `${name} has at most ${maxUtf8ByteLength} bytes in UTF-8`,
        (values, report) => {
          for (const text of strings(values))
            if (utf8Length(text) > maxUtf8ByteLength) report(`${utf8Length(text)} UTF-8 bytes, at most ${maxUtf8ByteLength}`);
        },
        name,
        valuesOf,
      ),
    );
  if (spec.enum) {
    const allowed = new Set(spec.enum);
    rules.push(
      rule(
        `${id}-invalid`,
        `${name} is one of ${spec.enum.join(', ')}`,
        (values, report) => {
          for (const text of strings(values)) if (!allowed.has(text)) report(`'${text}' is not one of ${spec.enum!.join(', ')}`);
        },
        name,
        valuesOf,
      ),
    );
  } else if (pattern) {
    const regex = new RegExp(pattern);
    rules.push(
      rule(
        `${id}-invalid`,
        `${name} matches ${pattern}`,
        (values, report) => {
          for (const text of strings(values)) if (!regex.test(text)) report(`'${text}' does not match ${pattern}`);
        },
        name,
        valuesOf,
      ),
    );
  }
  if (maxItems)
    rules.push(
      rule(
        `${id}-too-many`,
        `at most ${maxItems} values of ${name}`,
        (values, report) => values && values.length > maxItems && report(`${values.length} values, at most ${maxItems}`),
        name,
        valuesOf,
      ),
    );
  return rules;
}

/** The rules of a whole attribute table, attribute by attribute. */
export const tableRules = <Item>(table: Readonly<Record<string, AttributeSpec>>, valuesOf: ValuesOf<Item>): Rule<Item, unknown>[] =>
  Object.entries(table).flatMap(([name, spec]) => attributeRules(name, spec, valuesOf));
