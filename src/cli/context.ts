import type { Command } from 'commander';
import { parseIsoDate } from '../dates.js';
import { OmnifeedError } from '../errors.js';

/** Where a command's output goes: injected, so tests run the CLI without a process. */
export interface Io {
  stdout: NodeJS.WritableStream & { isTTY?: boolean };
  stderr: NodeJS.WritableStream & { isTTY?: boolean };
  env: NodeJS.ProcessEnv;
  cwd: string;
  /** how often a build off a terminal says it is still going (default 30 s) */
  heartbeatMs?: number;
}

/** What every command's registration gets: the program to add itself to, the streams, and the exit code to set. */
export interface CliContext {
  program: Command;
  io: Io;
  /** stderr is a terminal and CI is not set: a spinner and warnings are welcome */
  interactive: boolean;
  /** the workspace folder (`-C`), read when the command runs */
  workspace(): string;
  setExitCode(code: number): void;
}

/** A command of the CLI: adds itself (arguments, options, action) to the program. */
export type CliCommand = (cli: CliContext) => void;

/** `--now`: an ISO 8601 date; a day that does not exist is a usage error. */
export function parseDate(text: string): Date {
  const date = parseIsoDate(text.trim());
  if (!date) throw new OmnifeedError('USAGE', `--now: '${text}' is not a date (ISO 8601: 2026-11-23 or 2026-11-23T10:00Z)`);
  return date;
}
