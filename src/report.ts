import type { Issue } from './model.js';

/** How many issues a report keeps per feed (and for the catalog); the counts are always complete. */
const ISSUE_LIMIT = 1000;

export interface IssueList {
  errors: number;
  warnings: number;
  /** the first ISSUE_LIMIT issues */
  issues: Issue[];
}

export interface FeedReport extends IssueList {
  feed: string;
  channel: string;
  format: string;
  /** the build date (`now`) of the run that built the feed */
  built: string;
  /** set on the entry of a feed this run did not build: copied from the earlier run report, its files are still in place */
  kept?: true;
  /** the files written (build) or that would be written (validate) */
  files: string[];
  /** products that reached the feed: standalone products and variants */
  read: number;
  /** items in the feed */
  listed: number;
  /** products left out by a rule, by reason code */
  excluded: Record<string, number>;
  /** items left out by error-level issues, by rule id */
  invalid: Record<string, number>;
  /** warnings on listed items, by rule id */
  warned: Record<string, number>;
}

export interface RunReport {
  omnifeed: 1;
  command: 'build' | 'validate';
  /** the build date used for sales and schedules */
  now: string;
  catalog: IssueList & { file: string; products: number; groups: number };
  /** every feed of the last build of each: this run's, and the others' (`kept`) */
  feeds: FeedReport[];
  /** issues of this run (the catalog and the feeds it built) */
  errors: number;
  warnings: number;
}

export function collect(list: IssueList, issue: Issue): void {
  if (issue.severity === 'error') list.errors++;
  else list.warnings++;
  if (list.issues.length < ISSUE_LIMIT) list.issues.push(issue);
}

export const count = (counts: Record<string, number>, key: string) => {
  counts[key] = (counts[key] ?? 0) + 1;
};
