import path from 'node:path';
import { catalogRules } from '../catalog/rules.js';
import { CHANNELS } from '../channels/index.js';
import type { FeedDefinition, Workspace } from '../config/types.js';
import { OmnifeedError } from '../errors.js';
import { REPORT_FILE } from '../output/manifest.js';
import { BUILT_IN_REASONS } from '../overview/reasons.js';
import { SkuRows, skuRowFormat } from '../overview/sku-rows.js';
import { summarize, type FeedInput } from '../overview/summarize.js';
import type { Overview } from '../overview/types.js';
import { chooseFeeds, openWorkspace, type SessionOptions } from '../pipeline/session.js';
import { builtFeed, lastBuild } from '../publish/built.js';
import { build } from './build.js';

export interface ReportOptions extends SessionOptions {
  /** build the feeds first (`--build`), as `omnifeed build` would */
  build?: boolean;
  /** write one row per SKU and feed to this file (`.csv` or `.ndjson`), relative to `cwd` */
  skus?: string;
}

/** Coverage, margins and stock across the feeds of the last build (or of a build made first). */
export async function report(options: ReportOptions): Promise<Overview> {
  const format = options.skus === undefined ? undefined : skuRowFormat(options.skus);
  if (options.skus !== undefined && !format)
    throw new OmnifeedError('USAGE', `--skus: '${options.skus}' is neither .csv nor .ndjson: the file's extension says its format`);
  if (options.build) await build({ cwd: options.cwd, feeds: options.feeds, now: options.now, env: options.env });
  const workspace = openWorkspace(options.cwd);
  const feeds = chooseFeeds(workspace, options.feeds);
  const last = lastBuild(workspace);
  if (!last.report) {
    const shown = path.relative(workspace.root, path.join(last.outputDir, REPORT_FILE));
    throw new OmnifeedError('NOT_BUILT', `${shown}: no build to report on (run omnifeed build first, or omnifeed report --build)`);
  }
  const inputs: FeedInput[] = feeds.map((feed) => {
    const built = builtFeed(last, feed.name, workspace, 'report on');
    return { entry: built.report, pricing: pricingOf(feed), records: built.records, shown: path.relative(workspace.root, built.records) };
  });
  const file = options.skus === undefined ? undefined : path.resolve(options.cwd, options.skus);
  const rows = file
    ? new SkuRows(
        file,
        options.skus!,
        format!,
        feeds.map(({ name, channel }) => ({ feed: name, channel })),
      )
    : undefined;
  try {
    const overview = await summarize({
      report: last.report,
      feeds: inputs,
      allocation: workspace.config.allocation?.pooled ? 'pooled' : workspace.config.allocation?.reserve ? 'reserve' : 'none',
      descriptions: descriptions(workspace),
      rows,
    });
    await rows?.finish();
    return overview;
  } catch (error) {
    await rows?.abort();
    throw error;
  }
}

function pricingOf(feed: FeedDefinition): FeedInput['pricing'] {
  const p = feed.pricing ?? {};
  return { fee_percent: p.fee_percent ?? 0, fee_fixed: p.fee_fixed ?? 0, markup_percent: p.markup_percent ?? 0, min_margin: p.min_margin };
}

/** What each rule id and reason code means: the channels' rules and exclusions, the catalog's rules, the pipeline's reasons, the feeds' own. */
function descriptions(workspace: Workspace): Overview['rules'] {
  const out: Overview['rules'] = {};
  for (const [id, description] of Object.entries(BUILT_IN_REASONS)) out[id] = { description };
  for (const [id, rule] of Object.entries(catalogRules)) out[id] = { severity: rule.severity, description: rule.description };
  for (const channel of CHANNELS) {
    for (const [id, description] of Object.entries(channel.exclusions ?? {})) out[id] ??= { description };
    for (const rule of channel.rules) out[rule.id] ??= { severity: rule.severity, description: rule.description };
  }
  const own = new Map<string, string[]>();
  for (const feed of workspace.feeds)
    for (const rule of feed.select?.exclude ?? []) own.set(rule.reason, [...(own.get(rule.reason) ?? []), `${feed.name}: ${rule.when}`]);
  for (const [id, whens] of own) out[id] ??= { description: `left out by the feed's select.exclude rule (${whens.join('; ')})` };
  return out;
}
