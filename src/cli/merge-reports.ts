import path from 'node:path';
import { mergeReportFiles, shardReportsIn } from '../commands/merge-reports.js';
import type { CliCommand } from './context.js';
import { writeAtomically } from './options.js';
import { checkReportFlags, finishReport, problems, reportOptions, type ReportFlags } from './run-report.js';

interface MergeFlags extends ReportFlags {
  output?: string;
}

export const mergeReportsCommand: CliCommand = ({ program, io, interactive, workspace, setExitCode }) =>
  reportOptions(
    program
      .command('merge-reports')
      .description("add up the run reports of the shards of a build (build --shard i/N) into the whole build's")
      .argument('[report...]', "the shards' run reports (default: omnifeed-report.shard-*.json in the output folder)"),
  )
    .option('-o, --output <file>', 'also write the merged run report (JSON) to this file')
    .action((files: string[], flags: MergeFlags) => {
      checkReportFlags(flags);
      const cwd = path.resolve(io.cwd, workspace());
      const paths = files.length > 0 ? files.map((f) => path.resolve(io.cwd, f)) : shardReportsIn(cwd);
      const { report, notes } = mergeReportFiles(paths.map((p) => ({ path: p, shown: path.relative(io.cwd, p) || p })));
      for (const note of notes) io.stderr.write(`omnifeed: note: ${note}\n`);
      if (flags.output) writeAtomically(path.resolve(io.cwd, flags.output), `${JSON.stringify(report, null, 2)}\n`);
      finishReport(report, flags, interactive, io);
      setExitCode(problems(report, flags.failOn) ? 1 : 0);
    });
