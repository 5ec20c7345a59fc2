import { readFileSync } from 'node:fs';
import { Command, CommanderError } from 'commander';
import { channelsCommand } from './cli/channels.js';
import { completionCommand } from './cli/completion.js';
import type { CliCommand, CliContext, Io } from './cli/context.js';
import { explainCommand } from './cli/explain.js';
import { initCommand } from './cli/init.js';
import { mergeReportsCommand } from './cli/merge-reports.js';
import { diffCommand } from './cli/diff.js';
import { publishCommand } from './cli/publish.js';
import { reportCommand } from './cli/report.js';
import { buildCommand, validateCommand } from './cli/run.js';
import { EXIT, OmnifeedError } from './errors.js';
import { abandonStaging } from './output/staging.js';
import { abandonUploads } from './publish/dir.js';
import { releaseLocks } from './publish/lock.js';
import { abandonStateRuns } from './publish/state.js';

/** The package's version, from its package.json (beside src/ and dist/). */
const VERSION = (JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string }).version;

/** The commands, in the order `--help` lists them: each a file of src/cli/. */
const COMMANDS: readonly CliCommand[] = [
  buildCommand,
  validateCommand,
  diffCommand,
  publishCommand,
  reportCommand,
  mergeReportsCommand,
  channelsCommand,
  explainCommand,
  initCommand,
  completionCommand,
];

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

  const cli: CliContext = { program, io, interactive, workspace: () => program.opts().workspace, setExitCode: (code) => (exitCode = code) };
  for (const command of COMMANDS) command(cli);

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
  // a stopped run leaves everything as it was: its staging and run folders, its uploads' temporary files and its lock go
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
