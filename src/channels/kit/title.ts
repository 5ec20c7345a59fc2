/**
 * Title policies shared by the marketplaces that disapprove titles for what they say, not for
 * their length: promotional text, characters they do not allow, and shouting in capitals. Each
 * channel gives its policy as data (its spec.ts) with the source of the rule.
 */
import type { CheckRule, Draft, FixStep, Report } from '../types.js';
import type { Slot } from './text.js';

export interface TitlePolicy {
  /** where the rule is written (a help page), for the rules' descriptions */
  source: string;
  /** promotional phrases, lower case, matched as whole words; one starting with `%` follows a number (`% off`: `20% off`) */
  promotional: readonly string[];
  /** characters the marketplace does not allow in a title (they are kept inside the brand's own name) */
  characters: string;
  /** capitals for emphasis get the title disapproved (not only advised against) */
  capitals: boolean;
}

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** one regular expression for a policy's phrases, compiled once per channel */
function phrases(list: readonly string[]): RegExp {
  const alternatives = list.map((p) => (p.startsWith('%') ? '\\d+\\s*' : '') + escape(p).replace(/\s+/g, '\\s+'));
  return new RegExp(`(?<![\\p{L}\\p{N}])(?:${alternatives.join('|')})(?![\\p{L}\\p{N}])`, 'giu');
}

/** Promotional text in the title: `title-promotional`. */
function titlePromotional<Item>(slot: Slot<Item>, policy: TitlePolicy): CheckRule<Item, unknown> {
  const pattern = phrases(policy.promotional);
  return {
    id: 'title-promotional',
    severity: 'error',
    description: `the title has promotional text (${policy.promotional.slice(0, 3).join(', ')}, …), which ${policy.source} does not allow`,
    check(draft: Draft<Item>, _ctx, report: Report) {
      const found = slot.get(draft.item)?.match(pattern);
      if (found) report(slot.field, `promotional text in the title: ${[...new Set(found.map((f) => `'${f}'`))].join(', ')}`);
    },
  };
}

/** Fix: the characters the marketplace does not allow are removed from the title, but inside the brand's own name. */
function titleCharactersRemoved<Item>(slot: Slot<Item>, policy: TitlePolicy): FixStep<Item, unknown> {
  const banned = new RegExp(`[${escape(policy.characters)}]`, 'g');
  const any = new RegExp(`[${escape(policy.characters)}]`);
  return {
    id: 'title-characters-removed',
    severity: 'warning',
    description: `characters ${[...policy.characters].join(' ')} were removed from the title: ${policy.source} does not allow them (but in a brand's own name)`,
    fix(draft: Draft<Item>, _ctx, report: Report) {
      const title = slot.get(draft.item);
      if (!title || !any.test(title)) return;
      const brand = draft.listing?.product.brand;
      const parts = brand && title.includes(brand) ? title.split(brand) : [title];
      const clean = parts
        .map((part) => part.replace(banned, ' '))
        .join(brand ?? '')
        .replace(/\s{2,}/g, ' ')
        .replace(/\s+([,.;:])/g, '$1')
        .trim();
      if (clean === title) return;
      slot.set(draft.item, clean);
      report(slot.field, `'${title}' is sent as '${clean}'`);
    },
  };
}

const FOUR_CAPITALS = /\p{Lu}{4}/u;
const SMALL_LETTER = /\p{Ll}/u;

/**
 * Words in capitals for emphasis: the title shouts when at least two words of four or more
 * letters are all capitals, or all its letters (at least eight) are. The brand's own words and
 * shorter words (USB, LED, XL) do not count.
 */
export function shouts(title: string, brand = ''): boolean {
  // most titles have no four capitals in a row and a small letter somewhere: those cannot shout
  if (!FOUR_CAPITALS.test(title) && SMALL_LETTER.test(title)) return false;
  const own = new Set(brand.split(/\s+/).filter(Boolean));
  const words = title.split(/\s+/).filter((w) => !own.has(w));
  const letters = words.join('').replace(/[^\p{L}]/gu, '');
  const loud = words.filter((w) => /^\p{Lu}{4,}$/u.test(w.replace(/[^\p{L}]/gu, '')));
  return loud.length >= 2 || (letters.length >= 8 && letters === letters.toUpperCase() && letters !== letters.toLowerCase());
}

/** The title in capitals for emphasis: `title-capitals`. */
function titleCapitals<Item>(slot: Slot<Item>, policy: TitlePolicy): CheckRule<Item, unknown> {
  return {
    id: 'title-capitals',
    severity: 'error',
    description: `the title uses capitals for emphasis (two words of four or more letters, or the whole title), which ${policy.source} does not allow`,
    check(draft: Draft<Item>, _ctx, report: Report) {
      const title = slot.get(draft.item);
      if (title && shouts(title, draft.listing?.product.brand)) report(slot.field, `'${title}' is written in capitals`);
    },
  };
}

/** A channel's title policy rules, in order: the characters fixed first, then what cannot be fixed checked. */
export const titlePolicy = <Item>(slot: Slot<Item>, policy: TitlePolicy): (CheckRule<Item, unknown> | FixStep<Item, unknown>)[] => [
  titleCharactersRemoved(slot, policy),
  titlePromotional(slot, policy),
  ...(policy.capitals ? [titleCapitals(slot, policy)] : []),
];
