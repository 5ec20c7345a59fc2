/** CSV records by RFC 4180, safe to open in a spreadsheet: what the eBay and Meta feeds are made of. */
import { neutralizeFormula as neutralize } from '../text.js';

/**
 * Spreadsheet formula injection (`neutralizeFormula` in ../text.ts): a cell starting with `=`, `+`,
 * `-`, `@`, tab or CR gets one space in front. Why a space and not OWASP's usual apostrophe:
 * spreadsheets open ` =1+1` as text all the same, but an apostrophe read from a CSV file (not
 * typed) stays in the cell, is saved back and would reach buyers as a visible `'` in the title.
 * Marketplaces trim the space around titles and item specifics, and HTML ignores it at the start
 * of a description. A channel reports it as the warning `formula-escaped` where the text matters.
 */

/**
 * One CSV cell by RFC 4180: quoted when it holds a comma, a quote, a line break, or starts or ends
 * with white space (so a reader that trims keeps it); quotes inside are doubled.
 */
export function csvCell(value: string): string {
  const text = neutralize(value);
  return /[",\r\n]|^\s|\s$/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** A record: cells joined by commas, ended by CRLF (RFC 4180, and the templates eBay hands out). */
export const csvLine = (cells: readonly string[]) => `${cells.map(csvCell).join(',')}\r\n`;
