/** The last build of each feed, as the output folder records it: its files and per-SKU records (manifest) and its report entry. */
import { createHash } from 'node:crypto';
import { createReadStream, readFileSync } from 'node:fs';
import path from 'node:path';
import { outputFolder } from '../config/outputs.js';
import type { Workspace } from '../config/types.js';
import { OmnifeedError, osReason } from '../errors.js';
import { itemsPath, readManifest, recordsPath, REPORT_FILE, type ManifestFile } from '../output/manifest.js';
import { shardKey, shardLabel, shardPath, shardTag, type Shard } from '../output/shards.js';
import type { FeedReport, RunReport } from '../report.js';

export interface BuiltFeed {
  feed: string;
  /** the name its records and published state go by: the feed's, or the shard's (`google-us.shard-2-of-4`) */
  key: string;
  /** the feed as messages name it: `google-us (shard 2 of 4)` for a shard */
  label: string;
  report: FeedReport;
  /** the feed's files, as the manifest lists them */
  files: ManifestFile[];
  /** the feed's per-SKU records */
  records: string;
  /** a delta build's listing state (the items listed, see `itemsPath`) */
  items?: string;
}

export interface LastBuild {
  outputDir: string;
  /** the shard whose build this is (`--shard i/N`); the whole build's when undefined */
  shard?: Shard;
  report: RunReport | undefined;
  feeds: Map<string, BuiltFeed>;
}

/** Read the manifest and the run report of the output folder, or a shard's (nothing is checked yet: see `builtFeed`). */
export function lastBuild(workspace: Workspace, shard?: Shard): LastBuild {
  const outputDir = outputFolder(workspace);
  let report: RunReport | undefined;
  try {
    report = JSON.parse(readFileSync(path.join(outputDir, shard ? shardPath(REPORT_FILE, shard) : REPORT_FILE), 'utf8')) as RunReport;
  } catch {
    report = undefined;
  }
  const manifest = readManifest(outputDir, workspace.root);
  const feeds = new Map<string, BuiltFeed>();
  for (const entry of Array.isArray(report?.feeds) ? report.feeds : []) {
    // the whole build's files, or the shard's: each is published on its own
    const files = manifest.files.filter((f) => f.feed === entry.feed && f.shard === shardTag(shard));
    const key = shardKey(entry.feed, shard);
    const records = files.find((f) => f.sidecar && f.path === recordsPath(key));
    if (!records) continue;
    const items = files.find((f) => f.sidecar && f.path === itemsPath(entry.feed));
    feeds.set(entry.feed, {
      feed: entry.feed,
      key,
      label: shardLabel(entry.feed, shard),
      report: entry,
      files: files.filter((f) => !f.sidecar),
      records: path.join(outputDir, records.path),
      ...(items ? { items: path.join(outputDir, items.path) } : {}),
    });
  }
  return { outputDir, ...(shard ? { shard } : {}), report, feeds };
}

/** The last build of a feed; NOT_BUILT when the output folder has none (or one by an omnifeed without per-SKU records). */
export function builtFeed(build: LastBuild, feed: string, workspace: Workspace, doing = 'publish'): BuiltFeed {
  const found = build.feeds.get(feed);
  if (!found) {
    const shown = path.relative(workspace.root, build.outputDir) || '.';
    const { shard } = build;
    const flag = shard ? ` --shard ${shardTag(shard)}` : '';
    throw new OmnifeedError(
      'NOT_BUILT',
      `${shardLabel(feed, shard)}: no build in ${shown}/ to ${doing} (run omnifeed build${flag} ${feed} first)`,
    );
  }
  return found;
}

/** Check that each file is still what the build wrote (size and SHA-256 of the manifest). */
export async function verifyFiles(build: LastBuild, feed: BuiltFeed, root: string): Promise<void> {
  for (const file of feed.files) {
    const at = path.join(build.outputDir, file.path);
    const shown = path.relative(root, at);
    const hash = createHash('sha256');
    let bytes = 0;
    try {
      for await (const chunk of createReadStream(at) as AsyncIterable<Buffer>) {
        hash.update(chunk);
        bytes += chunk.length;
      }
    } catch (error) {
      throw new OmnifeedError('NOT_BUILT', `${shown}: cannot read the file of the last build (${osReason(error)}): build again`);
    }
    if (bytes !== file.bytes || hash.digest('hex') !== file.sha256) {
      throw new OmnifeedError('NOT_BUILT', `${shown}: changed since the build (its size or SHA-256 is not the manifest's): build again`);
    }
  }
}
