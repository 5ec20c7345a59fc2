import { readFileSync } from 'node:fs';
import path from 'node:path';
import { build, type BuildOptions } from '../commands/build.js';
import { MANIFEST_FILE, type Manifest } from '../output/manifest.js';

/** One feed's figures in a bench run: its counts, and its files' total size and their SHA-256s (what runs are compared by). */
export interface BenchFeedRun {
  feed: string;
  read: number;
  listed: number;
  files: number;
  bytes: number;
  sha256: string[];
}

/** What the measured process reports: wall and CPU seconds, peak RSS, and each feed's figures. */
export interface BenchRun {
  seconds: number;
  cpuSeconds: number;
  maxRssMb: number;
  products: number;
  feeds: BenchFeedRun[];
}

/** The measured process of `npm run bench`: one build of the workspace `argv[2]` (build options as JSON in `argv[3]`), then its figures as JSON on stdout. */
const dir = process.argv[2];
const { profile, ...extra } = JSON.parse(process.argv[3] ?? '{}') as Partial<BuildOptions> & { profile?: boolean };
const onProfile = profile ? (text: string) => void process.stderr.write(text) : undefined;
const started = process.hrtime.bigint();
const report = await build({ ...extra, onProfile, cwd: dir, now: new Date('2026-11-23T00:00:00Z') });
const seconds = Number(process.hrtime.bigint() - started) / 1e9;
// the peak of the build alone: nothing after it may read the feed into memory; CPU time is the whole process's, worker threads included
const maxRssMb = process.resourceUsage().maxRSS / 1024;
const cpu = process.cpuUsage();
// the build's manifest has each file's size and SHA-256; the bench workspace writes to out/
const manifest = JSON.parse(readFileSync(path.join(dir, 'out', MANIFEST_FILE), 'utf8')) as Manifest;
const feeds = report.feeds.map((feed): BenchFeedRun => {
  const files = manifest.files.filter((f) => f.feed === feed.feed && !f.sidecar);
  return {
    feed: feed.feed,
    read: feed.read,
    listed: feed.listed,
    files: files.length,
    bytes: files.reduce((n, f) => n + f.bytes, 0),
    sha256: files.map((f) => f.sha256),
  };
});
const run: BenchRun = { seconds, cpuSeconds: (cpu.user + cpu.system) / 1e6, maxRssMb, products: report.catalog.products, feeds };
process.stdout.write(JSON.stringify(run));
