import path from 'node:path';
import { Option } from 'commander';
import { annotations } from '../annotations.js';
import { build, validate, type BuildOptions } from '../commands/build.js';
import { GuardRefused } from '../commands/publish.js';
import { OmnifeedError } from '../errors.js';
import { junitReport } from '../junit.js';
import type { Issue } from '../model.js';
import { withProgress } from '../progress.js';
import { formatIssue, formatPublish, formatReport } from '../render.js';
import type { RunReport } from '../report.js';
import { parseDate, type CliCommand, type CliContext, type Io } from './context.js';
import { annotateRefusal, forceReason, formatOption, threadsOption, waitOption, writeAtomically } from './options.js';

interface RunFlags {
  json?: boolean;
  quiet?: boolean;
  failOn: 'error' | 'warning' | 'none';
  now?: string;
  format: 'text' | 'github';
  junit?: string;
  publish?: boolean;
  delta?: boolean;
  force?: string;
  wait?: number;
  threads?: number;
  profile?: boolean;
}

/** `build` and `validate`: the same options and output; validate writes no file; build may publish. */
function runCommand(name: 'build' | 'validate', description: string, action: typeof build): CliCommand {
  return (cli: CliContext) => {
    const command = cli.program
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
      .addOption(formatOption('issues as workflow annotations on stdout'))
      .option('--junit <file>', 'also write the run as a JUnit XML report to this file')
      .addOption(threadsOption())
      .option('--profile', 'print the time per stage (read, select and price, map and validate, records, encode, write) to stderr');
    if (name === 'build') {
      command
        .option('--delta', 'write only what changed since the last publish of each feed (Amazon PATCH/DELETE, eBay Revise/End, …)')
        .option('--publish', 'publish the feeds built (see omnifeed publish), in the same run')
        .option('--force <reason>', 'with --publish: override the safety guards, for this reason (recorded)')
        .addOption(waitOption());
    }
    command.action((feeds: string[], flags: RunFlags) => runAction(cli, name, action, feeds, flags));
  };
}

async function runAction(cli: CliContext, name: string, action: typeof build, feeds: string[], flags: RunFlags): Promise<void> {
  const { io, interactive } = cli;
  if (flags.format === 'github' && flags.json)
    throw new OmnifeedError('USAGE', '--format github and --json both print on stdout: give one');
  if (flags.force !== undefined && !flags.publish) throw new OmnifeedError('USAGE', '--force applies to --publish: give both');
  const options: BuildOptions = {
    cwd: cli.workspace(),
    feeds,
    env: io.env,
    now: flags.now ? parseDate(flags.now) : undefined,
    wait: flags.wait,
    delta: flags.delta,
    threads: flags.threads,
    ...(flags.profile ? { onProfile: (text: string) => void io.stderr.write(text) } : {}),
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
    if (error instanceof GuardRefused && error.report) finishReport({ ...error.report, publish: error.entries }, flags, interactive, io);
    if (error instanceof GuardRefused && flags.format === 'github') annotateRefusal(error, io);
    throw error;
  }
  finishReport(report, flags, interactive, io);
  cli.setExitCode(problems(report, flags.failOn) ? 1 : 0);
}

export const buildCommand = runCommand('build', 'render the feeds and the run report', build);
export const validateCommand = runCommand('validate', 'run every check of a build without writing any file', validate);

function problems(report: RunReport, failOn: RunFlags['failOn']): boolean {
  if (failOn === 'none') return false;
  return report.errors > 0 || (failOn === 'warning' && report.warnings > 0);
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
