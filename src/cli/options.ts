/** Options and output shared by the commands that publish (build --publish, publish). */
import { renameSync, rmSync, writeFileSync } from 'node:fs';
import { Option } from 'commander';
import { failureAnnotation } from '../annotations.js';
import type { GuardRefused } from '../commands/publish.js';
import { OmnifeedError, outputFailed } from '../errors.js';
import { parseShard } from '../pipeline/shard.js';
import type { Io } from './context.js';

/** `--shard i/N`: `what` the shard's files do. */
export const shardOption = (what: string) => new Option('--shard <i/N>', what).argParser(parseShard);

/** `--wait <seconds>`: how long to wait for another run's workspace lock. */
export function waitOption(): Option {
  return new Option('--wait <seconds>', "wait up to this long for another run's workspace lock (default 0)").argParser((text) => {
    const seconds = Number(text);
    if (!/^\d+(\.\d+)?$/.test(text.trim()) || !Number.isFinite(seconds))
      throw new OmnifeedError('USAGE', `--wait: '${text}' is not a number of seconds`);
    return seconds;
  });
}

/** `--threads <n>`: feed threads; 0 builds on the main thread. */
export function threadsOption(): Option {
  return new Option('--threads <n>', 'build the feeds on this many threads (default: the available cores; 0: none)').argParser((text) => {
    if (!/^\d{1,3}$/.test(text.trim())) throw new OmnifeedError('USAGE', `--threads: '${text}' is not a whole number of threads`);
    return Number(text);
  });
}

/** `--format text|github` */
export const formatOption = (what: string) =>
  new Option('--format <format>', `text, or github: ${what}`).choices(['text', 'github']).default('text');

/** The reason of `--force`, which may not be empty. */
export function forceReason(reason: string | undefined): string | undefined {
  if (reason === undefined) return undefined;
  if (reason.trim() === '') throw new OmnifeedError('USAGE', '--force needs a reason: --force "prices doubled on purpose"');
  return reason.trim();
}

/** Each guard that refused, as a workflow annotation on stdout (`--format github`). */
export function annotateRefusal(error: GuardRefused, io: Io): void {
  for (const e of error.entries)
    for (const g of e.guards) if (!g.passed) io.stdout.write(`${failureAnnotation(`omnifeed ${g.guard}`, g.message)}\n`);
}

/** A file the user named (`--junit`), written beside and renamed into place. */
export function writeAtomically(file: string, text: string): void {
  const temp = `${file}.tmp-${process.pid}`;
  try {
    writeFileSync(temp, text);
    renameSync(temp, file);
  } catch (error) {
    rmSync(temp, { force: true });
    throw outputFailed(file, 'write', error);
  }
}
