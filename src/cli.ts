import { readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { Command, CommanderError, Option } from 'commander';
import { build, validate, type BuildOptions } from './commands/build.js';
import { channels } from './commands/channels.js';
import { explain } from './commands/explain.js';
import { init } from './commands/init.js';
import { parseIsoDate } from './dates.js';
import { diff } from './commands/diff.js';
import { GuardRefused, publish } from './commands/publish.js';
import { EXIT, OmnifeedError, outputFailed } from './errors.js';
import { annotations, failureAnnotation } from './annotations.js';
import { junitReport } from './junit.js';
import { abandonUploads } from './publish/dir.js';
import { releaseLocks } from './publish/lock.js';
import { abandonStateRuns } from './publish/state.js';
import type { Issue } from './model.js';
import { formatDiff, formatExplanation, formatIssue, formatPublish, formatReport } from './render.js';
import type { RunReport } from './report.js';
import { abandonStaging } from './output/staging.js';
import { withProgress } from './progress.js';

/** The package's version, from its package.json (beside src/ and dist/). */
const VERSION = (JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string }).version;

interface Io {
  stdout: NodeJS.WritableStream & { isTTY?: boolean };
  stderr: NodeJS.WritableStream & { isTTY?: boolean };
  env: NodeJS.ProcessEnv;
  cwd: string;
  /** how often a build off a terminal says it is still going (default 30 s) */
  heartbeatMs?: number;
}

interface RunFlags {
  json?: boolean;
  quiet?: boolean;
  failOn: 'error' | 'warning' | 'none';
  now?: string;
  workspace?: string;
  debug?: boolean;
  format: 'text' | 'github';
  junit?: string;
  publish?: boolean;
  force?: string;
  wait?: number;
}

/** Parse arguments, run a command, print its result; returns the exit code. */
export async function main(
  argv: string[],
  io: Io = { stdout: process.stdout, stderr: process.stderr, env: process.env, cwd: process.cwd() },
): Promise<number> {
  let exitCode = 0;
  const interactive = Boolean(io.stderr.isTTY) && !io.env.CI;
  const program = new Command('omnifeed')
    .description('Render marketplace feeds (Google, Amazon, eBay, Etsy) from one master catalog')
    .option('-C, --workspace <dir>', 'workspace folder', io.cwd)
    .version(VERSION, '-V, --version', 'print the version of omnifeed')
    .option('--debug', 'show stack traces')
    .exitOverride()
    .configureOutput({
      writeOut: (s) => io.stdout.write(s),
      writeErr: (s) => io.stderr.write(s),
      // a usage error is one line, like every other failure: `omnifeed: USAGE: unknown command 'biuld' (Did you mean build?)`
      outputError: (s, write) =>
        write(
          `omnifeed: USAGE: ${s
            .replace(/^error: /, '')
            .replace(/\s*\n\s*/g, ' ')
            .trim()}\n`,
        ),
    });

  const runCommand = (name: 'build' | 'validate', description: string, action: typeof build) => {
    const command = program
      .command(name)
      .description(description)
      .argument('[feed...]', 'feed names (default: the feeds omnifeed.yaml lists, or all)')
      .option('--json', 'print the run report as JSON on stdout')
      .option('-q, --quiet', 'print nothing but errors')
      .addOption(
        new Option('--fail-on <level>', 'exit 1 when issues of this level are found')
          .choices(['error', 'warning', 'none'])
          .default('error'),
      )
      .option('--now <date>', 'build date for sales and schedules (default: SOURCE_DATE_EPOCH or now)')
      .addOption(
        new Option('--format <format>', 'how issues are printed: text, or github (workflow annotations on stdout)')
          .choices(['text', 'github'])
          .default('text'),
      )
      .option('--junit <file>', 'also write the run as a JUnit XML report to this file');
    if (name === 'build') {
      command
        .option('--publish', 'publish the feeds built (see omnifeed publish), in the same run')
        .option('--force <reason>', 'with --publish: override the safety guards, for this reason (recorded)')
        .addOption(waitOption());
    }
    command.action(async (feeds: string[], flags: RunFlags) => {
      checkFormat(flags);
      if (flags.force !== undefined && !flags.publish) throw new OmnifeedError('USAGE', '--force applies to --publish: give both');
      const options: BuildOptions = {
        cwd: program.opts().workspace,
        feeds,
        env: io.env,
        now: flags.now ? parseDate(flags.now) : undefined,
        wait: flags.wait,
        ...(flags.publish ? { publish: { force: forceReason(flags.force) } } : {}),
      };
      let report: RunReport;
      try {
        report = await withProgress(
          {
            spinner: interactive && !flags.quiet && !flags.json ? io.stderr : undefined,
            // a CI log gets a line every 30 s of a long build instead of the spinner
            heartbeat: !io.stderr.isTTY && !flags.quiet ? io.stderr : undefined,
            heartbeatMs: io.heartbeatMs,
            label: name,
          },
          (progress) => action({ ...options, onProgress: progress }),
        );
      } catch (error) {
        // a refused publish still built: its report is printed, then the refusal
        if (error instanceof GuardRefused && error.report)
          finishReport({ ...error.report, publish: error.entries }, flags, interactive, io);
        if (error instanceof GuardRefused && flags.format === 'github') annotateRefusal(error, io);
        throw error;
      }
      finishReport(report, flags, interactive, io);
      exitCode = problems(report, flags.failOn) ? 1 : 0;
    });
  };

  runCommand('build', 'render the feeds and the run report', build);
  runCommand('validate', 'run every check of a build without writing any file', validate);

  program
    .command('channels')
    .description('the channels and formats this version supports')
    .option('--json', 'print as JSON')
    .action(async (flags: { json?: boolean }) => {
      const list = await channels();
      if (flags.json) io.stdout.write(`${JSON.stringify(list, null, 2)}\n`);
      else for (const c of list) io.stdout.write(`${c.name.padEnd(8)} ${c.formats.join(', ').padEnd(10)} ${c.title}: ${c.variants}\n`);
    });

  program
    .command('explain')
    .description('per feed: listed or not and why, every rule, the price and stock computation, the category, the rendered item')
    .argument('<sku>', 'a product, variant or parent SKU')
    .option('--feed <feed...>', 'only these feeds (default: the feeds omnifeed.yaml lists, or all)')
    .option('--json', 'print the explanation as JSON')
    .option('--now <date>', 'build date for sales and schedules (default: SOURCE_DATE_EPOCH or now)')
    .action(async (sku: string, flags: { feed?: string[]; json?: boolean; now?: string }) => {
      const result = await explain({
        cwd: program.opts().workspace,
        sku,
        feeds: flags.feed,
        env: io.env,
        now: flags.now ? parseDate(flags.now) : undefined,
      });
      io.stdout.write(`${flags.json ? JSON.stringify(result, null, 2) : formatExplanation(result)}\n`);
    });

  program
    .command('publish')
    .description("send the last build's files of each feed to its destination, past the safety guards, and record the state")
    .argument('[feed...]', 'feed names (default: the feeds omnifeed.yaml lists, or all)')
    .option('--force <reason>', 'override the safety guards, for this reason (recorded in the state and the run report)')
    .addOption(waitOption())
    .option('--json', 'print what was published as JSON')
    .option('-q, --quiet', 'print nothing but errors')
    .addOption(
      new Option('--format <format>', 'text, or github: a refusal as a workflow annotation too')
        .choices(['text', 'github'])
        .default('text'),
    )
    .action(async (feeds: string[], flags: { force?: string; wait?: number; json?: boolean; quiet?: boolean; format: string }) => {
      try {
        const result = await publish({
          cwd: program.opts().workspace,
          feeds,
          env: io.env,
          force: forceReason(flags.force),
          wait: flags.wait,
        });
        if (flags.json) io.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
        else if (!flags.quiet) io.stdout.write(`${formatPublish(result.feeds)}\n`);
      } catch (error) {
        if (error instanceof GuardRefused && flags.format === 'github') annotateRefusal(error, io);
        throw error;
      }
    });

  program
    .command('diff')
    .description('what the last build changes against the last publish of each feed (no rebuild)')
    .argument('[feed...]', 'feed names (default: the feeds omnifeed.yaml lists, or all)')
    .option('--json', 'print the comparison as JSON')
    .option('--exit-code', 'exit 1 when anything changed')
    .action(async (feeds: string[], flags: { json?: boolean; exitCode?: boolean }) => {
      const result = await diff({ cwd: program.opts().workspace, feeds, env: io.env });
      io.stdout.write(`${flags.json ? JSON.stringify(result, null, 2) : formatDiff(result)}\n`);
      if (flags.exitCode && result.changed) exitCode = EXIT.PROBLEMS;
    });

  program
    .command('init')
    .description('write a starter workspace (the demo) into the workspace folder')
    .action(async () => {
      const files = await init({ cwd: program.opts().workspace });
      io.stdout.write(`${files.map((f) => `wrote ${f}`).join('\n')}\nnext: omnifeed build\n`);
    });

  try {
    await program.parseAsync(argv, { from: 'user' });
    return exitCode;
  } catch (error) {
    if (error instanceof CommanderError) return error.exitCode === 0 ? EXIT.OK : EXIT.FAILED;
    return printError(error, io, Boolean(program.opts().debug) || argv.includes('--debug'));
  }
}

/**
 * A failure as one line on stderr, and its exit code: an OmnifeedError by its code (2, 3); any
 * other error is a bug, exit 70. The stack only with --debug.
 */
export function printError(error: unknown, io: Pick<Io, 'stderr'>, debug: boolean): number {
  const known = error instanceof OmnifeedError;
  const message = (error instanceof Error ? error.message : String(error)).split('\n').filter(Boolean);
  const line = known ? `${error.code}: ${message.join('; ')}` : `internal error: ${message[0] ?? 'unknown'}`;
  io.stderr.write(`omnifeed: ${line}${known || debug ? '' : ' (run again with --debug for the stack)'}\n`);
  if (debug && error instanceof Error) io.stderr.write(`${error.stack}\n`);
  return known ? error.exitCode : EXIT.INTERNAL;
}

/** The process entry point: the only place that sets the exit code. */
export async function run(): Promise<void> {
  const argv = process.argv.slice(2);
  // a failure outside the command's promise (a stream's error event) is still one line and exit 70
  const abandon = () => {
    abandonStaging();
    abandonStateRuns();
    abandonUploads();
    releaseLocks();
  };
  const crash = (error: unknown) => {
    abandon();
    process.exitCode = printError(error, process, argv.includes('--debug'));
    process.exit();
  };
  process.on('uncaughtException', crash);
  process.on('unhandledRejection', crash);
  // a stopped build leaves the output folder as it was: drop the staging folder, then die of the signal
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    process.once(signal, () => {
      abandon();
      process.kill(process.pid, signal);
    });
  }
  process.exitCode = await main(argv);
}

function parseDate(text: string): Date {
  const date = parseIsoDate(text.trim());
  if (!date) throw new OmnifeedError('USAGE', `--now: '${text}' is not a date (ISO 8601: 2026-11-23 or 2026-11-23T10:00Z)`);
  return date;
}

/** `--wait <seconds>`: how long to wait for another run's workspace lock. */
function waitOption(): Option {
  return new Option('--wait <seconds>', "wait up to this long for another run's workspace lock (default 0)").argParser((text) => {
    const seconds = Number(text);
    if (!/^\d+(\.\d+)?$/.test(text.trim()) || !Number.isFinite(seconds))
      throw new OmnifeedError('USAGE', `--wait: '${text}' is not a number of seconds`);
    return seconds;
  });
}

function forceReason(reason: string | undefined): string | undefined {
  if (reason === undefined) return undefined;
  if (reason.trim() === '') throw new OmnifeedError('USAGE', '--force needs a reason: --force "prices doubled on purpose"');
  return reason.trim();
}

function checkFormat(flags: RunFlags): void {
  if (flags.format === 'github' && flags.json)
    throw new OmnifeedError('USAGE', '--format github and --json both print on stdout: give one');
}

function annotateRefusal(error: GuardRefused, io: Io): void {
  for (const e of error.entries)
    for (const g of e.guards) if (!g.passed) io.stdout.write(`${failureAnnotation(`omnifeed ${g.guard}`, g.message)}\n`);
}

/** Print the report (or its annotations), and write the JUnit file when asked. */
function finishReport(report: RunReport, flags: RunFlags, interactive: boolean, io: Io): void {
  if (flags.junit) writeAtomically(path.resolve(io.cwd, flags.junit), junitReport(report));
  if (flags.format === 'github') {
    for (const line of annotations(report)) io.stdout.write(`${line}\n`);
    if (!flags.quiet) io.stdout.write(`${formatReport(report)}\n`);
  } else printReport(report, flags, interactive, io);
  if (report.publish && !flags.quiet && !flags.json) io.stdout.write(`${formatPublish(report.publish)}\n`);
}

/** A file the user named, written beside and renamed into place. */
function writeAtomically(file: string, text: string): void {
  const temp = `${file}.tmp-${process.pid}`;
  try {
    writeFileSync(temp, text);
    renameSync(temp, file);
  } catch (error) {
    rmSync(temp, { force: true });
    throw outputFailed(file, 'write', error);
  }
}

function problems(report: RunReport, failOn: RunFlags['failOn']): boolean {
  if (failOn === 'none') return false;
  return report.errors > 0 || (failOn === 'warning' && report.warnings > 0);
}

const SHOWN_ISSUES = 20;

/** Issues go to stderr: errors always; warnings only at a terminal (scripts and CI get them from the report). */
function printReport(report: RunReport, flags: RunFlags, interactive: boolean, io: Io): void {
  if (flags.json) {
    io.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
    return;
  }
  const warnings = interactive && !flags.quiet;
  const issues: Issue[] = [...report.catalog.issues, ...report.feeds.flatMap((f) => (f.kept ? [] : f.issues))].filter(
    (i) => warnings || i.severity === 'error',
  );
  for (const issue of issues.slice(0, SHOWN_ISSUES)) io.stderr.write(`${formatIssue(issue)}\n`);
  if (issues.length > SHOWN_ISSUES) io.stderr.write(`… and ${issues.length - SHOWN_ISSUES} more issues (see the run report, or --json)\n`);
  if (!flags.quiet) io.stdout.write(`${formatReport(report)}\n`);
}
