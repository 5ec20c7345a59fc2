import { readFileSync } from 'node:fs';
import path from 'node:path';

/** The run report and the manifest, in the output folder beside the feeds. */
export const REPORT_FILE = 'omnifeed-report.json';
export const MANIFEST_FILE = 'omnifeed-manifest.json';
/** Names no feed may write: the build writes them itself. */
export const RESERVED_FILES = [REPORT_FILE, MANIFEST_FILE];
/** The folder of the output folder that holds the build's per-SKU records (`.omnifeed/<feed>.tsv.gz`): no feed may write there. */
export const RECORDS_DIR = '.omnifeed';
export const recordsPath = (feed: string) => `${RECORDS_DIR}/${feed}.tsv.gz`;
/** The items a delta build listed (and those a channel keeps when removed), gzip'd NDJSON: the listing state a publish records. */
export const itemsPath = (feed: string) => `${RECORDS_DIR}/${feed}.items.ndjson.gz`;

/** One file of the output folder that omnifeed wrote and answers for. */
export interface ManifestFile {
  /** relative to the output folder, with `/` separators */
  path: string;
  /** the feed that wrote it; absent for the run report */
  feed?: string;
  bytes: number;
  sha256: string;
  /** the build date (`now`) of the run that wrote it */
  built: string;
  /** omnifeed's own record of the feed's build (per-SKU values for diff and publish): never published */
  sidecar?: true;
  /** written by a shard's build (`--shard i/N`): `i/N`; publish and diff leave such files alone */
  shard?: string;
}

/**
 * `out/omnifeed-manifest.json`: every file of the output folder that the builds wrote and that is
 * current. A build replaces its feeds' files as a set against it: files a feed no longer writes
 * (a shorter Amazon feed's `-2.json` part) are removed, other feeds' files are kept.
 */
export interface Manifest {
  omnifeed: 1;
  files: ManifestFile[];
}

/** A path of a manifest (or a report) that stays inside the output folder; undefined otherwise. */
function inside(relative: unknown): string | undefined {
  if (typeof relative !== 'string' || relative === '' || path.isAbsolute(relative)) return undefined;
  const normal = path.posix.normalize(relative.split(path.sep).join('/'));
  return normal.startsWith('../') || normal === '..' || normal === '.' ? undefined : normal;
}

/**
 * The manifest of the previous build. Without one (a build by an older omnifeed), the previous
 * run report's file lists stand in for it; an unreadable one counts as none.
 */
export function readManifest(outputDir: string, root: string): Manifest {
  const manifest = readJson(path.join(outputDir, MANIFEST_FILE)) as Manifest | undefined;
  if (manifest && Array.isArray(manifest.files)) {
    const files = manifest.files.flatMap((f) => {
      const at = inside(f?.path);
      return at ? [{ ...f, path: at }] : [];
    });
    return { omnifeed: 1, files };
  }
  const report = readJson(path.join(outputDir, REPORT_FILE)) as
    { now?: string; feeds?: { feed?: string; files?: string[]; built?: string }[] } | undefined;
  const files: ManifestFile[] = [];
  for (const feed of Array.isArray(report?.feeds) ? report.feeds : []) {
    for (const file of Array.isArray(feed?.files) ? feed.files : []) {
      const at = inside(path.relative(outputDir, path.resolve(root, String(file))));
      if (at) files.push({ path: at, feed: feed.feed, bytes: 0, sha256: '', built: feed.built ?? report?.now ?? '' });
    }
  }
  return { omnifeed: 1, files };
}

function readJson(file: string): unknown {
  try {
    return JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    return undefined;
  }
}
