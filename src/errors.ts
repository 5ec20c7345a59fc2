/** The exit codes of the CLI: what a CI job can rely on. */
export const EXIT = {
  /** the run succeeded */
  OK: 0,
  /** feeds were written, with problems (issues under `--fail-on`) */
  PROBLEMS: 1,
  /** nothing was written: a usage, config, input or output error */
  FAILED: 2,
  /** a safety guard refused to replace a published feed */
  REFUSED: 3,
  /** an internal error: a bug in omnifeed (sysexits' EX_SOFTWARE) */
  INTERNAL: 70,
} as const;

/** Error codes of failures that stop a run, listed in one place, with their exit code. */
export const ERROR_CODES = {
  CONFIG_NOT_FOUND: { exit: EXIT.FAILED, description: 'no omnifeed.yaml in the workspace folder, or no feeds/ folder' },
  CONFIG_INVALID: { exit: EXIT.FAILED, description: 'a config file does not match its schema, or is not valid YAML/JSON' },
  CATALOG_UNREADABLE: { exit: EXIT.FAILED, description: 'the catalog or inventory source cannot be opened or parsed at all' },
  CATALOG_COLUMNS: { exit: EXIT.FAILED, description: 'a column the config maps, or that a feed needs, is missing from the source' },
  FEED_UNKNOWN: { exit: EXIT.FAILED, description: 'a feed named on the command line is not defined' },
  SKU_UNKNOWN: { exit: EXIT.FAILED, description: 'the SKU given to explain is not in the catalog (the message names the nearest SKUs)' },
  WORKSPACE_EXISTS: { exit: EXIT.FAILED, description: 'omnifeed init found a workspace in the folder already' },
  OUTPUT_FAILED: {
    exit: EXIT.FAILED,
    description: 'a file of the output folder could not be written: the previous files are left as they were',
  },
  NOT_BUILT: {
    exit: EXIT.FAILED,
    description:
      'publish, diff or report found no build of the feed in the output folder (or one without per-product outcomes), or its files changed since the build',
  },
  PUBLISH_FAILED: {
    exit: EXIT.FAILED,
    description: "a feed's destination could not be reached or written: that feed's published files and state are left as they were",
  },
  ITEM_IDS_MISSING: {
    exit: EXIT.FAILED,
    description: "a delta must revise or end eBay listings whose ItemID neither the state nor the feed's ebay_item_ids file gives",
  },
  STATE_UNREADABLE: { exit: EXIT.FAILED, description: 'a file of the last-published state (.omnifeed/) cannot be read' },
  SHARD_REPORTS: {
    exit: EXIT.FAILED,
    description:
      'merge-reports: a shard report is unreadable, missing, given twice, or of another build (split, catalog, command or feeds)',
  },
  LOCKED: { exit: EXIT.FAILED, description: 'another run holds the workspace lock (--wait <seconds> waits for it)' },
  USAGE: { exit: EXIT.FAILED, description: 'bad command-line arguments or environment (SOURCE_DATE_EPOCH, --now)' },
  GUARD_REFUSED: { exit: EXIT.REFUSED, description: 'a safety guard refused to replace a published feed' },
} as const;

export type ErrorCode = keyof typeof ERROR_CODES;

/** A failure that stops the run: printed as one line; the exit code comes from its code (2, or 3 for guards). */
export class OmnifeedError extends Error {
  readonly exitCode: number;

  constructor(
    readonly code: ErrorCode,
    message: string,
    exitCode?: number,
  ) {
    super(message);
    this.name = 'OmnifeedError';
    this.exitCode = exitCode ?? ERROR_CODES[code].exit;
  }
}

/** `EACCES: permission denied` from a Node file-system error (its message without the paths). */
export function osReason(error: unknown): string {
  const e = error as NodeJS.ErrnoException;
  if (typeof e?.message !== 'string') return String(error);
  return e.code && e.message.startsWith(`${e.code}:`) ? e.message.split(',')[0] : e.code ? `${e.code}: ${e.message}` : e.message;
}

/** An `OUTPUT_FAILED` error for a file-system failure on `shown`; an OmnifeedError passes through. */
export function outputFailed(shown: string, doing: string, error: unknown): OmnifeedError {
  if (error instanceof OmnifeedError) return error;
  return new OmnifeedError('OUTPUT_FAILED', `${shown}: cannot ${doing} (${osReason(error)})`);
}
