/** Error codes of failures that stop a run (exit 2), listed in one place. */
export const ERROR_CODES = {
  CONFIG_NOT_FOUND: 'no omnifeed.yaml in the workspace folder',
  CONFIG_INVALID: 'a config file does not match its schema, or is not valid YAML/JSON',
  CATALOG_UNREADABLE: 'the catalog or inventory source cannot be opened or parsed at all',
  CATALOG_COLUMNS: 'a column the config maps, or that a feed needs, is missing from the source',
  FEED_UNKNOWN: 'a feed named on the command line is not defined',
  SKU_UNKNOWN: 'the SKU given to explain is not in the catalog',
  WORKSPACE_EXISTS: 'omnifeed init found a workspace in the folder already',
  OUTPUT_FAILED: 'a feed file could not be written',
  USAGE: 'bad command-line arguments',
} as const;

export type ErrorCode = keyof typeof ERROR_CODES;

/** A failure that stops the run: printed as one line, exit code 2 (3 for guards). */
export class OmnifeedError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly exitCode = 2,
  ) {
    super(message);
    this.name = 'OmnifeedError';
  }
}
