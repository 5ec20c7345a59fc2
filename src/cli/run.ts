import { Option } from 'commander';
import { build, validate, type BuildOptions } from '../commands/build.js';
import type { Issue } from '../model.js';
import { withProgress } from '../progress.js';
import { formatIssue, formatReport } from '../render.js';
import type { RunReport } from '../report.js';
import { parseDate, type CliCommand, type CliContext, type Io } from './context.js';

interface RunFlags {
  json?: boolean;
  quiet?: boolean;
  failOn: 'error' | 'warning' | 'none';
  now?: string;
}

/** `build` and `validate`: the same options and output; validate writes no file. */
function runCommand(name: 'build' | 'validate', description: string, action: typeof build): CliCommand {
  return ({ program, io, interactive, workspace, setExitCode }: CliContext) =>
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
          cwd: workspace(),
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
        setExitCode(problems(report, flags.failOn) ? 1 : 0);
      });
}

export const buildCommand = runCommand('build', 'render the feeds and the run report', build);
export const validateCommand = runCommand('validate', 'run every check of a build without writing any file', validate);

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
