import { readFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import { OmnifeedError } from '../../errors.js';
import { SITES, type SiteCode } from './sites.js';

/**
 * The columns of an eBay CSV: the header cells as written, and the key omnifeed fills each
 * one from (the cell without its `*` mark; `Action` for the `*Action(SiteID=…)` cell).
 */
export interface Layout {
  /** the line above the header (`Info,Version=1.0.0,Template=…`), padded to the header's width when written */
  info: string[];
  header: string[];
  keys: string[];
  /** keys of the columns marked `*` */
  required: Set<string>;
}

/** omnifeed's column set when the feed names no template (CHANNELS.md §4.3). */
const DEFAULT_COLUMNS = [
  '*Action',
  'CustomLabel',
  '*Category',
  '*Title',
  'Relationship',
  'RelationshipDetails',
  '*ConditionID',
  'C:Brand',
  'C:Color',
  'C:Size',
  'C:Material',
  'C:MPN',
  'P:UPC',
  'P:EAN',
  'P:ISBN',
  'PicURL',
  '*Description',
  '*Format',
  '*Duration',
  '*StartPrice',
  '*Quantity',
  '*Location',
  'PostalCode',
  'ShippingProfileName',
  'ReturnProfileName',
  'PaymentProfileName',
  'DispatchTimeMax',
] as const;

/** Columns a template must have: without them no listing can be written. */
const ESSENTIAL_KEYS = ['Action', 'Category', 'Title', 'StartPrice', 'Quantity'] as const;

/**
 * Human-readable headers some recently downloaded templates use (CHANNELS.md §4.2, EB-3P),
 * lower-cased -> the key omnifeed fills.
 */
const ALIASES: Readonly<Record<string, string>> = {
  'custom label (sku)': 'CustomLabel',
  'category id': 'Category',
  'start price': 'StartPrice',
  'item photo url': 'PicURL',
  'condition id': 'ConditionID',
  'item number': 'ItemID',
};

/** `*Action(SiteID=US|…)` -> `Action`, `*C:Brand` -> `C:Brand`, `Custom label (SKU)` -> `CustomLabel` */
export function columnKey(cell: string): string {
  const name = cell.trim().replace(/^\*/, '').trim();
  if (/^action\b/i.test(name)) return 'Action';
  return ALIASES[name.toLowerCase()] ?? name;
}

function actionCell(site: SiteCode, country: string, currency: string): string {
  return `*Action(SiteID=${SITES[site].siteId}|Country=${country}|Currency=${currency}|Version=1193|CC=UTF-8)`;
}

function layoutOf(info: string[], header: string[]): Layout {
  const keys = header.map(columnKey);
  return { info, header, keys, required: new Set(keys.filter((_, i) => header[i].trim().startsWith('*'))) };
}

/** The default column set, with a column for every `fields:` attribute it lacks (`C:Department`, `Subtitle`). */
export function defaultLayout(site: SiteCode, country: string, currency: string, extra: string[] = []): Layout {
  const header: string[] = [actionCell(site, country, currency), ...DEFAULT_COLUMNS.slice(1)];
  const known = new Set(header.map(columnKey));
  for (const key of extra) {
    if (known.has(key)) continue;
    header.push(key);
    known.add(key);
  }
  return layoutOf(['Info', 'Version=1.0.0', `Template=fx_category_template_${SITES[site].marketplaceId}`], header);
}

/** A header for delta files (Revise and End rows): the action, ItemID, the variation columns and the changed columns. */
export function revisionLayout(site: SiteCode, country: string, currency: string, columns: string[]): Layout {
  const header = [
    actionCell(site, country, currency),
    'ItemID',
    'Relationship',
    'RelationshipDetails',
    ...columns.filter((c) => !['Action', 'ItemID', 'Relationship', 'RelationshipDetails', 'EndCode'].includes(columnKey(c))),
    'EndCode',
  ];
  return layoutOf(['Info', 'Version=1.0.0', 'Template=fx_revise_template'], header);
}

/** `SiteID=US|Country=US|Currency=USD|…` of an action cell */
function actionParameters(cell: string): Record<string, string> {
  const inner = /\(([^)]*)\)/.exec(cell)?.[1] ?? '';
  return Object.fromEntries(
    inner
      .split('|')
      .map((part) => part.split('=').map((s) => s.trim()))
      .filter((kv) => kv.length === 2 && kv[0]),
  );
}

/**
 * Read the header row of a template the seller downloaded from Seller Hub: the first row whose
 * first cell is the action column; an `Info` row above it is kept. Help rows below are ignored.
 * A template for another site or currency, or one without the essential columns, is a config error.
 */
export function readTemplate(file: string, shown: string, site: SiteCode, currency: string): Layout {
  let rows: string[][];
  try {
    rows = parse(readFileSync(file), { bom: true, relax_column_count: true, relax_quotes: true, skip_empty_lines: true, to_line: 50 });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new OmnifeedError(
      code === 'ENOENT' ? 'CONFIG_NOT_FOUND' : 'CONFIG_INVALID',
      `${shown}: ${code === 'ENOENT' ? 'file not found' : (error as Error).message}`,
    );
  }
  const at = rows.findIndex((row) => /^\*?\s*action\b/i.test(row[0] ?? ''));
  if (at < 0) throw new OmnifeedError('CONFIG_INVALID', `${shown}: no header row whose first cell is *Action(SiteID=…)`);
  const header = rows[at];
  while (header.length > 1 && header[header.length - 1].trim() === '') header.pop();
  const params = actionParameters(header[0]);
  const expected = SITES[site];
  if (params.SiteID && params.SiteID !== expected.siteId && params.SiteID !== String(expected.siteNumber)) {
    throw new OmnifeedError('CONFIG_INVALID', `${shown}: the template is for SiteID=${params.SiteID}, the feed for ${expected.siteId}`);
  }
  if (params.Currency && params.Currency !== currency) {
    throw new OmnifeedError('CONFIG_INVALID', `${shown}: the template is in ${params.Currency}, the feed in ${currency}`);
  }
  const info = rows.slice(0, at).find((row) => row[0]?.trim().toLowerCase() === 'info') ?? ['Info', 'Version=1.0.0'];
  while (info.length > 1 && info[info.length - 1] === '') info.pop();
  const layout = layoutOf(info, header);
  const missing = ESSENTIAL_KEYS.filter((key) => !layout.keys.includes(key));
  if (missing.length > 0) {
    throw new OmnifeedError(
      'CONFIG_INVALID',
      `${shown}: the template has no column ${missing.map((k) => `*${k}`).join(', ')}; omnifeed cannot write a listing without it`,
    );
  }
  return layout;
}
