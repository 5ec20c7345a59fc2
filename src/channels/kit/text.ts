/** Text rules shared by the channels: length in characters, HTML in plain text, characters XML cannot carry. */
import { charCount, cutAtWord, FORMULA_START, htmlToText, looksLikeHtml, mayHoldXmlInvalid, withoutXmlInvalid } from '../text.js';
import type { CheckRule, Draft, FixStep, Report } from '../types.js';

/** Where a text lives in a channel's item: the field reports name, and how to read and replace it. */
export interface Slot<Item> {
  field: string;
  get(item: Item): string | undefined;
  set(item: Item, value: string): void;
}

/** `{ field, get, set }` for a plain property of a record item */
export const property = <Item extends Record<string, unknown>>(name: string, field = name): Slot<Item> => ({
  field,
  get: (item) => (typeof item[name] === 'string' ? (item[name] as string) : undefined),
  set: (item, value) => ((item as Record<string, unknown>)[name] = value),
});

/** More characters (code points, not UTF-16 units) than the marketplace allows: `<name>-too-long`. */
export function tooLong<Item>(id: string, slot: Slot<Item>, max: number, description?: string): CheckRule<Item, unknown> {
  return {
    id,
    severity: 'error',
    description: description ?? `${slot.field} has at most ${max} characters`,
    check(draft: Draft<Item>, _ctx, report: Report) {
      const text = slot.get(draft.item);
      // `.length` first: it is never below the character count
      if (text !== undefined && text.length > max && charCount(text) > max)
        report(slot.field, `${charCount(text)} characters, at most ${max}`);
    },
  };
}

/** Fix: a marketplace that takes plain text gets the text of an HTML description. */
export function htmlRemoved<Item>(
  slot: Slot<Item>,
  description = 'HTML in the description was turned into plain text',
): FixStep<Item, unknown> {
  return {
    id: 'description-html-removed',
    severity: 'warning',
    description,
    fix(draft: Draft<Item>, _ctx, report: Report) {
      const text = slot.get(draft.item);
      if (text === undefined || !looksLikeHtml(text)) return;
      slot.set(draft.item, htmlToText(text));
      report(slot.field, 'HTML tags were removed from the description');
    },
  };
}

/** Fix: control characters and lone surrogates, which XML 1.0 cannot carry and marketplaces refuse in text, are removed from every text of the item. */
export function xmlInvalidRemoved<Item>(
  texts: (item: Item) => Iterable<Slot<Item>>,
  description = 'control characters or lone surrogates that XML cannot carry were removed',
): FixStep<Item, unknown> {
  return {
    id: 'text-invalid-characters',
    severity: 'warning',
    description,
    fix(draft: Draft<Item>, _ctx, report: Report) {
      // most items have no such character anywhere: one pass over their strings, no slot made
      if (!mayHoldXmlInvalid(draft.item)) return;
      for (const slot of texts(draft.item)) {
        const text = slot.get(draft.item);
        const clean = text === undefined ? undefined : withoutXmlInvalid(text);
        if (clean === undefined) continue;
        slot.set(draft.item, clean);
        report(slot.field, `control characters were removed from ${slot.field}`);
      }
    },
  };
}

/** Fix: a text over the limit is cut at the last word boundary within it (`title-truncated`), then `trailing` characters are dropped. */
export function truncated<Item, Ctx>(
  id: string,
  slot: Slot<Item>,
  max: number,
  { trailing, when, description }: { trailing: RegExp; when?: (ctx: Ctx) => boolean; description: string },
): FixStep<Item, Ctx> {
  return {
    id,
    severity: 'warning',
    description,
    when,
    fix(draft: Draft<Item>, _ctx, report: Report) {
      const text = slot.get(draft.item);
      // `.length` first: it is never below the character count
      if (text === undefined || text.length <= max || charCount(text) <= max) return;
      const cut = cutAtWord(text, max, trailing);
      slot.set(draft.item, cut);
      report(slot.field, `${charCount(text)} characters cut to ${charCount(cut)}: '${cut}'`);
    },
  };
}

/** A text the writer writes to a spreadsheet-readable file: its field, value, and the SKU of its row when not the item's. */
export type CellsOf<Item, Ctx> = (draft: Draft<Item>, ctx: Ctx) => Iterable<[field: string, value: string, sku?: string]>;

/**
 * A value starting with `=`, `+`, `-`, `@`, tab or CR, which the writer of a CSV or TSV file
 * writes with a leading space so that a spreadsheet does not run it as a formula.
 */
export function formulaEscaped<Item, Ctx>(cells: CellsOf<Item, Ctx>, when?: (ctx: Ctx) => boolean): CheckRule<Item, Ctx> {
  return {
    id: 'formula-escaped',
    severity: 'warning',
    description: 'a value starting with = + - @ got a leading space so that spreadsheets do not run it as a formula',
    when,
    check(draft: Draft<Item>, ctx: Ctx, report: Report) {
      for (const [field, value, sku] of cells(draft, ctx))
        if (FORMULA_START.test(value)) report(field, `${field} starts with '${value[0]}': written with a leading space`, sku);
    },
  };
}
