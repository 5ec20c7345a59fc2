import { readFileSync } from 'node:fs';
import { Command, CommanderError, Option } from 'commander';
import { build, validate, type BuildOptions } from './commands/build.js';
import { channels } from './commands/channels.js';
import { explain } from './commands/explain.js';
import { init } from './commands/init.js';
import { parseIsoDate } from './dates.js';
import { EXIT, OmnifeedError } from './errors.js';
import type { Issue } from './model.js';
import { formatExplanation, formatIssue, formatReport } from './render.js';
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

  const runCommand = (name: 'build' | 'validate', description: string, action: typeof build) =>
    program
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
      .action(async (feeds: string[], flags: RunFlags) => {
        const options: BuildOptions = {
          cwd: program.opts().workspace,
          feeds,
          env: io.env,
          now: flags.now ? parseDate(flags.now) : undefined,
        };
        const report = await withProgress(
          {
            spinner: interactive && !flags.quiet && !flags.json ? io.stderr : undefined,
            // a CI log gets a line every 30 s of a long build instead of the spinner
            heartbeat: !io.stderr.isTTY && !flags.quiet ? io.stderr : undefined,
            heartbeatMs: io.heartbeatMs,
            label: name,
          },
          (progress) => action({ ...options, onProgress: progress }),
        );
        printReport(report, flags, interactive, io);
        exitCode = problems(report, flags.failOn) ? 1 : 0;
      });

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
    .command('init')
    .description('write a starter workspace (the demo, or one that reads your database) into the workspace folder')
    .option('--from <source>', 'read the catalog from this database (sqlite:FILE or postgres://…) and map its columns')
    .option('--from-env <name>', 'the same, with the postgres:// URL in this environment variable (written as source_env)')
    .option('--table <name>', 'with --from: the table (or view) of the catalog')
    .option('--query <sql>', 'with --from: the query whose rows are the catalog')
    .action(async (flags: { from?: string; fromEnv?: string; table?: string; query?: string }) => {
      const database = flags.from !== undefined || flags.fromEnv !== undefined;
      if (!database && (flags.table !== undefined || flags.query !== undefined))
        throw new OmnifeedError('USAGE', '--table and --query go with --from or --from-env');
      const files = await init({ cwd: program.opts().workspace, ...flags, env: io.env });
      const next = database ? 'next: check the columns: mapping in omnifeed.yaml, then omnifeed build' : 'next: omnifeed build';
      io.stdout.write(`${files.map((f) => `wrote ${f}`).join('\n')}\n${next}\n`);
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
  const crash = (error: unknown) => {
    abandonStaging();
    process.exitCode = printError(error, process, argv.includes('--debug'));
    process.exit();
  };
  process.on('uncaughtException', crash);
  process.on('unhandledRejection', crash);
  // a stopped build leaves the output folder as it was: drop the staging folder, then die of the signal
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    process.once(signal, () => {
      abandonStaging();
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
