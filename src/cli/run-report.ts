/** How `build`, `validate` and `merge-reports` print a run report: the options they share and the printing. */
import path from 'node:path';
import { Option, type Command } from 'commander';
import { annotations } from '../annotations.js';
import { OmnifeedError } from '../errors.js';
import { junitReport } from '../junit.js';
import type { Issue } from '../model.js';
import { formatIssue, formatPublish, formatReport } from '../render.js';
import type { RunReport } from '../report.js';
import type { Io } from './context.js';
import { formatOption, writeAtomically } from './options.js';

export interface ReportFlags {
  json?: boolean;
  quiet?: boolean;
  failOn: 'error' | 'warning' | 'none';
  format: 'text' | 'github';
  junit?: string;
}

/** `--json`, `-q`, `--fail-on`, `--format`, `--junit` */
export function reportOptions(command: Command): Command {
  return command
    .option('--json', 'print the run report as JSON on stdout')
    .option('-q, --quiet', 'print nothing but errors')
    .addOption(
      new Option('--fail-on <level>', 'exit 1 when issues of this level are found').choices(['error', 'warning', 'none']).default('error'),
    )
    .addOption(formatOption('issues as workflow annotations on stdout'))
    .option('--junit <file>', 'also write the run as a JUnit XML report to this file');
}

export function checkReportFlags(flags: ReportFlags): void {
  if (flags.format === 'github' && flags.json)
    throw new OmnifeedError('USAGE', '--format github and --json both print on stdout: give one');
}

/** Whether the report's issues fail the run under `--fail-on` (exit 1). */
export function problems(report: RunReport, failOn: ReportFlags['failOn']): boolean {
  if (failOn === 'none') return false;
  return report.errors > 0 || (failOn === 'warning' && report.warnings > 0);
}

/** Print the report (or its annotations), and write the JUnit file when asked. */
export function finishReport(report: RunReport, flags: ReportFlags, interactive: boolean, io: Io): void {
  if (flags.junit) writeAtomically(path.resolve(io.cwd, flags.junit), junitReport(report));
  if (flags.format === 'github') {
    for (const line of annotations(report)) io.stdout.write(`${line}\n`);
    if (!flags.quiet) io.stdout.write(`${formatReport(report)}\n`);
  } else printReport(report, flags, interactive, io);
  if (report.publish && !flags.quiet && !flags.json) io.stdout.write(`${formatPublish(report.publish)}\n`);
}

const SHOWN_ISSUES = 20;

/** Issues go to stderr: errors always; warnings only at a terminal (scripts and CI get them from the report). */
function printReport(report: RunReport, flags: ReportFlags, interactive: boolean, io: Io): void {
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
