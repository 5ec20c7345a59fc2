/** Text helpers the channels share. */
import { decodeHTML } from 'entities';

/* eslint-disable no-control-regex -- these patterns are about the control characters XML cannot carry */

const XML_INVALID =
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** cheap first test: any character XML_INVALID could match, surrogate pairs included */
const SUSPECT = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF\uD800-\uDFFF]/;

/** Whether any string of a value, at any depth, may hold what XML 1.0 cannot carry: one cheap test of a whole item. */
export function mayHoldXmlInvalid(value: unknown): boolean {
  if (typeof value === 'string') return SUSPECT.test(value);
  if (typeof value !== 'object' || value === null) return false;
  if (Array.isArray(value)) return value.some(mayHoldXmlInvalid);
  for (const key in value) if (mayHoldXmlInvalid((value as Record<string, unknown>)[key])) return true;
  return false;
}

/** Remove what XML 1.0 cannot carry (control characters, lone surrogates); undefined when nothing was removed. */
export function withoutXmlInvalid(text: string): string | undefined {
  if (!SUSPECT.test(text)) return undefined;
  const clean = text.replace(XML_INVALID, '');
  return clean === text ? undefined : clean;
}

/**
 * Plain text of an HTML fragment: tags removed, block ends as line breaks, table cells apart,
 * every HTML entity decoded (the entities package: `&ndash;`, `&eacute;`, `&hellip;`, numeric
 * ones; a non-breaking space is a space).
 */
export function htmlToText(html: string): string {
  const text = html
    .replace(/<(script|style)[^>]*>[\s\S]*?<\/\1>/gi, '')
    .replace(/<br\s*\/?>|<\/(p|div|li|h[1-6]|tr)>/gi, '\n')
    .replace(/<\/t[dh]>/gi, ' ')
    .replace(/<li[^>]*>/gi, '• ')
    .replace(/<[^>]*>/g, '');
  return decodeHTML(text)
    .replace(/\u00a0/g, ' ')
    .replace(/[ \t]+\n/g, '\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

export const looksLikeHtml = (text: string) => /<\/?[a-z][^>]*>/i.test(text);

const XML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '\r': '&#13;' };

/** Escape text for an XML element; a carriage return is a character reference, so parsers do not fold it into a line feed. */
export function escapeXml(text: string): string {
  return text.replace(/[&<>\r]/g, (c) => XML_ESCAPES[c]);
}

/** `15.00 USD` */
export const formatPrice = (amount: number, currency: string) => `${amount.toFixed(2)} ${currency}`;

/** Length in characters (code points), as Google, eBay and Etsy count them; `.length` counts UTF-16 code units. */
export const charCount = (text: string) => [...text].length;

/** Length in UTF-8 bytes (Amazon's `maxUtf8ByteLength`). */
export const utf8Length = (text: string) => Buffer.byteLength(text, 'utf8');

/**
 * Cut text to at most `max` characters at the last word boundary (at a character boundary when
 * there is none), then drop the `trailing` characters left at the end. Text within `max` comes
 * back as it is.
 */
export function cutAtWord(text: string, max: number, trailing: RegExp): string {
  const points = [...text];
  if (points.length <= max) return text;
  const head = points.slice(0, max + 1).join('');
  const space = head.lastIndexOf(' ');
  return (space > 0 ? head.slice(0, space) : points.slice(0, max).join('')).replace(trailing, '');
}

/**
 * Spreadsheet formula injection: a cell that starts with `=`, `+`, `-`, `@`, tab or CR runs as a
 * formula when an operator opens a delimited file in Excel or LibreOffice (eBay CSV, Google TSV).
 * One space in front makes it text (see `src/channels/ebay/csv.ts` for why not an apostrophe).
 */
export const FORMULA_START = /^[=+\-@\t\r]/;
export const neutralizeFormula = (value: string) => (FORMULA_START.test(value) ? ` ${value}` : value);
