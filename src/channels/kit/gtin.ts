/**
 * GTIN rules shared by the channels (GS1 General Specifications; CHANNELS.md §1.1): one wording,
 * one id each. Google asks for UPC-E expanded to UPC-A and ISBN-10 as ISBN-13 (answer 6324461);
 * Amazon and eBay take the same 12- and 13-digit forms.
 */
import type { CheckRule, Draft } from '../types.js';

const DESCRIPTIONS = {
  'gtin-invalid-length': 'a GTIN has 8, 12, 13 or 14 digits (or is an ISBN-10)',
  'gtin-placeholder':
    'a placeholder (all zeros, one digit repeated, 1234567890…) is no GS1 number: marketplaces refuse it (Google answer 6324461, Amazon 200317470)',
  'gtin-check-digit': 'the GTIN check digit (GS1 mod 10) is wrong',
  'gtin-restricted': 'GTINs with prefix 2, 02 or 04 (and GTIN-8 starting 0 or 2) are for store use, not in the GS1 registry',
  'gtin-coupon': 'GTINs with prefix 981-984, 99 or 05 are coupons',
} as const;

type GtinProblem = keyof typeof DESCRIPTIONS;

export interface GtinResult {
  /** the GTIN as digits, ISBN-10 converted to ISBN-13; undefined when it cannot be read */
  gtin?: string;
  problem?: GtinProblem;
}

/** GS1 mod-10 check digit of the digits before it: weights 3,1,3,1,… from the right. */
function checkDigit(body: string): number {
  let sum = 0;
  for (let i = body.length - 1, weight = 3; i >= 0; i--, weight = 4 - weight) sum += Number(body[i]) * weight;
  return (10 - (sum % 10)) % 10;
}

function isbn10ToIsbn13(isbn10: string): string {
  const body = `978${isbn10.slice(0, 9)}`;
  return body + checkDigit(body);
}

function validIsbn10(isbn: string): boolean {
  let sum = 0;
  for (let i = 0; i < 10; i++) sum += (isbn[i] === 'X' ? 10 : Number(isbn[i])) * (10 - i);
  return sum % 11 === 0;
}

/**
 * A UPC-E code (8 digits, number system 0) expanded to its UPC-A (GS1 General Specifications
 * §2.1.3.4, zero suppression); undefined when it is not one, or its check digit (computed on
 * the UPC-A) does not match. Number system 1 is left to EAN-8, which it cannot be told from.
 */
export function expandUpcE(code: string): string | undefined {
  if (!/^0\d{7}$/.test(code)) return undefined;
  const [s, d1, d2, d3, d4, d5, d6, check] = code;
  let body: string;
  if (d6 <= '2') body = `${s}${d1}${d2}${d6}0000${d3}${d4}${d5}`;
  else if (d6 === '3') body = `${s}${d1}${d2}${d3}00000${d4}${d5}`;
  else if (d6 === '4') body = `${s}${d1}${d2}${d3}${d4}00000${d5}`;
  else body = `${s}${d1}${d2}${d3}${d4}${d5}0000${d6}`;
  return checkDigit(body) === Number(check) ? body + check : undefined;
}

/** All zeros, one digit repeated, or counting up from 1: what shops type when a product has no GTIN. */
function isPlaceholder(digits: string): boolean {
  const body = digits.slice(0, -1);
  if (/^(\d)\1*$/.test(body)) return true;
  const significant = body.replace(/^0+/, '');
  return significant.length >= 7 && '1234567890123'.startsWith(significant);
}

/**
 * Read a GTIN: strip spaces and dashes; accept 8, 12, 13 or 14 digits with a valid check
 * digit; expand UPC-E to UPC-A and convert ISBN-10 to ISBN-13; refuse placeholders.
 * `restricted` also applies Google's rules: no restricted (prefix 2, 02, 04) or coupon
 * (981-984, 99, 05) numbers, tested on the 13-digit form.
 */
export function readGtin(raw: string, { restricted = false } = {}): Readonly<GtinResult> {
  // a channel's GTIN rules and its map read one product's GTIN one after the other: read once
  const last = lastRead[restricted ? 1 : 0];
  if (last.raw === raw) return last.result;
  last.raw = raw;
  return (last.result = read(raw, restricted));
}

/** the last GTIN read, without and with `restricted` */
const lastRead: { raw?: string; result: Readonly<GtinResult> }[] = [{ result: {} }, { result: {} }];

function read(raw: string, restricted: boolean): GtinResult {
  let text = raw.replace(/[\s-]/g, '').toUpperCase();
  if (/^\d{9}[\dX]$/.test(text)) {
    return validIsbn10(text) ? { gtin: isbn10ToIsbn13(text) } : { problem: 'gtin-check-digit' };
  }
  if (!/^(\d{8}|\d{12,14})$/.test(text)) return { problem: 'gtin-invalid-length' };
  if (isPlaceholder(text)) return { problem: 'gtin-placeholder' };
  text = expandUpcE(text) ?? text;
  if (checkDigit(text.slice(0, -1)) !== Number(text[text.length - 1])) return { problem: 'gtin-check-digit' };
  if (restricted) {
    const padded = text.padStart(14, '0').slice(1);
    if (/^(2|02|04)/.test(padded) || (text.length === 8 && /^[02]/.test(text))) return { gtin: text, problem: 'gtin-restricted' };
    if (/^(98[1-4]|99|05)/.test(padded)) return { gtin: text, problem: 'gtin-coupon' };
  }
  return { gtin: text };
}

function gtinRule(id: GtinProblem, field: string, restricted: boolean): CheckRule<unknown, unknown> {
  return {
    id,
    severity: 'error',
    description: DESCRIPTIONS[id],
    check(draft: Draft, _ctx, report) {
      for (const offer of draft.offers) {
        const raw = offer.product.gtin;
        if (raw && readGtin(raw, { restricted }).problem === id)
          report(field, `'${raw}': ${DESCRIPTIONS[id]}`, offer.product.sku === draft.sku ? undefined : offer.product.sku);
      }
    },
  };
}

/**
 * The GTIN rules of a channel: length, placeholders and check digit; with `restricted` (Google, Amazon), also
 * store-internal and coupon numbers. `field` is where the channel reports them.
 */
export function gtinRules(field: string, { restricted = false } = {}): CheckRule<unknown, unknown>[] {
  const ids: GtinProblem[] = restricted
    ? ['gtin-invalid-length', 'gtin-placeholder', 'gtin-check-digit', 'gtin-restricted', 'gtin-coupon']
    : ['gtin-invalid-length', 'gtin-placeholder', 'gtin-check-digit'];
  return ids.map((id) => gtinRule(id, field, restricted));
}
