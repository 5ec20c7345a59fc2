import path from 'node:path';
import { report } from '../commands/report.js';
import { reportPage } from '../overview/html.js';
import { formatOverview } from '../overview/text.js';
import { parseDate, type CliCommand } from './context.js';
import { writeAtomically } from './options.js';

interface ReportFlags {
  json?: boolean;
  html?: string;
  skus?: string;
  build?: boolean;
  now?: string;
}

export const reportCommand: CliCommand = ({ program, io, workspace }) =>
  program
    .command('report')
    .description('coverage across feeds, margins per channel after fees, stock offered against stock, top issues (from the last build)')
    .argument('[feed...]', 'feed names (default: the feeds omnifeed.yaml lists, or all)')
    .option('--json', 'print the report as JSON')
    .option('--html <file>', 'also write the report as one self-contained HTML page')
    .option('--skus <file>', 'also write one row per SKU and feed (.csv or .ndjson)')
    .option('--build', 'build the feeds first')
    .option('--now <date>', 'with --build: build date for sales and schedules (default: SOURCE_DATE_EPOCH or now)')
    .action(async (feeds: string[], flags: ReportFlags) => {
      const cwd = path.resolve(io.cwd, workspace());
      const overview = await report({
        cwd,
        feeds,
        env: io.env,
        build: flags.build,
        now: flags.now ? parseDate(flags.now) : undefined,
        // relative to the workspace, which the command resolves it against (the same text as given, without -C)
        skus: flags.skus === undefined ? undefined : path.relative(cwd, path.resolve(io.cwd, flags.skus)),
      });
      if (flags.html) writeAtomically(path.resolve(io.cwd, flags.html), reportPage(overview));
      io.stdout.write(`${flags.json ? JSON.stringify(overview, null, 2) : formatOverview(overview)}\n`);
    });
