import { readFileSync } from 'node:fs';
import path from 'node:path';
import { build } from '../commands/build.js';
import { MANIFEST_FILE, type Manifest } from '../output/manifest.js';

/** The measured process of `npm run bench`: one build, then its figures as JSON on stdout. */
const dir = process.argv[2];
const started = process.hrtime.bigint();
const report = await build({ cwd: dir, now: new Date('2026-11-23T00:00:00Z') });
const seconds = Number(process.hrtime.bigint() - started) / 1e9;
// the peak of the build alone: nothing after it may read the feed into memory
const maxRssMb = process.resourceUsage().maxRSS / 1024;
const feed = report.feeds[0];
// the build's manifest has the feed's size and SHA-256 (what the database runs are compared by); the bench workspace writes to out/
const manifest = JSON.parse(readFileSync(path.join(dir, 'out', MANIFEST_FILE), 'utf8')) as Manifest;
const file = manifest.files.find((f) => f.feed === feed.feed && !f.sidecar)!;
process.stdout.write(JSON.stringify({ seconds, maxRssMb, read: feed.read, listed: feed.listed, bytes: file.bytes, sha256: file.sha256 }));
