import { build, validate, type BuildOptions } from '../commands/build.js';
import { GuardRefused } from '../commands/publish.js';
import { OmnifeedError } from '../errors.js';
import type { Shard } from '../output/shards.js';
import { withProgress } from '../progress.js';
import type { RunReport } from '../report.js';
import { parseDate, type CliCommand, type CliContext } from './context.js';
import { annotateRefusal, forceReason, shardOption, threadsOption, waitOption } from './options.js';
import { checkReportFlags, finishReport, problems, reportOptions, type ReportFlags } from './run-report.js';

interface RunFlags extends ReportFlags {
  now?: string;
  publish?: boolean;
  delta?: boolean;
  force?: string;
  wait?: number;
  threads?: number;
  profile?: boolean;
  shard?: Shard;
}

/** `build` and `validate`: the same options and output; validate writes no file; build may publish. */
function runCommand(name: 'build' | 'validate', description: string, action: typeof build): CliCommand {
  return (cli: CliContext) => {
    const command = reportOptions(
      cli.program
        .command(name)
        .description(description)
        .argument('[feed...]', 'feed names (default: the feeds omnifeed.yaml lists, or all)'),
    )
      .option('--now <date>', 'build date for sales and schedules (default: SOURCE_DATE_EPOCH or now)')
      .addOption(threadsOption())
      .addOption(shardOption('build only the listings of shard i of N (files and report named .shard-i-of-N; see merge-reports)'))
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
  checkReportFlags(flags);
  if (flags.force !== undefined && !flags.publish) throw new OmnifeedError('USAGE', '--force applies to --publish: give both');
  const options: BuildOptions = {
    cwd: cli.workspace(),
    feeds,
    env: io.env,
    now: flags.now ? parseDate(flags.now) : undefined,
    wait: flags.wait,
    delta: flags.delta,
    threads: flags.threads,
    shard: flags.shard,
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
