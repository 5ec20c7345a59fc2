import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { build } from '../commands/build.js';

/** The measured process of `npm run bench`: one build, then its figures as JSON on stdout. */
const dir = process.argv[2];
const started = process.hrtime.bigint();
const report = await build({ cwd: dir, now: new Date('2026-11-23T00:00:00Z') });
const seconds = Number(process.hrtime.bigint() - started) / 1e9;
const feed = report.feeds[0];
const bytes = readFileSync(path.join(dir, feed.files[0]));
process.stdout.write(
  JSON.stringify({
    seconds,
    maxRssMb: process.resourceUsage().maxRSS / 1024,
    read: feed.read,
    listed: feed.listed,
    bytes: bytes.length,
    sha256: createHash('sha256').update(bytes).digest('hex'),
  }),
);
