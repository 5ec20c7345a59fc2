import type { Issue } from './model.js';
import type { Shard } from './output/shards.js';

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
  /** what the channel says of the whole feed, one line each (Amazon: product types checked without their definitions) */
  notes?: string[];
  /** the catalog's columns mapped onto canonical fields that the build found (field -> column): the `lost_columns` guard compares them */
  columns?: Record<string, string>;
  /** a delta build: what its files send against the last publish */
  delta?: DeltaReport;
}

/** What a delta build of a feed sends (see `delta/`). */
export interface DeltaReport {
  /** the publish the delta was made against (its `published` time); null when the feed was never published (everything is new) */
  base: string | null;
  /** the last publish recorded no listing state (a full publish): every listing it had is sent again, as changed */
  unknown_before?: true;
  /** messages or rows by the channel's operation: Amazon UPDATE / PATCH / DELETE, eBay Add / Revise / End, … */
  operations: Record<string, number>;
  /** listings removed, by reason: the exclusion reason, the rule ids of their errors, or `not-in-catalog` */
  removed: Record<string, number>;
  /** the first listings removed, with their reasons: `TEE-100-RED-S out-of-stock` */
  removed_samples: string[];
}

/** A safety guard's verdict on a feed (see `publish/guards.ts`). */
export interface GuardResult {
  guard: 'max_drop' | 'max_price_change' | 'min_listed' | 'lost_columns';
  /** false: the guard refuses the publish */
  passed: boolean;
  /** what it found, with the figures: `google-us: listed 12 of 53 last published (-77%), max_drop 20%` */
  message: string;
}

/** What a publish did with one feed's build: sent it, refused it (a guard), or failed to send it. */
export interface PublishEntry {
  feed: string;
  /** held: not sent because a guard refused another feed of the same run (a refused run publishes nothing) */
  status: 'published' | 'refused' | 'held' | 'failed';
  /** when the publish ran */
  at: string;
  /** where the files went (never with a secret) */
  destination: string;
  /** the files sent, relative to the output folder and to the destination */
  files: string[];
  /** files of the last publish that this one no longer has, removed from the destination */
  removed?: string[];
  /** no state yet: the drop, price and column guards did not apply */
  first: boolean;
  guards: GuardResult[];
  /** the `--force` reason, and the guards it overrode */
  forced?: { reason: string; overrode: GuardResult['guard'][] };
  /** SKUs added, removed and changed against the last publish */
  changes: { added: number; removed: number; changed: number };
  /** the failure, for `failed` */
  error?: string;
  /** the SFTP server's host key fingerprint (pin it with publish.host_key) */
  host_key?: string;
}

export interface RunReport {
  omnifeed: 1;
  command: 'build' | 'validate';
  /** the build date used for sales and schedules */
  now: string;
  /** a shard's build (`--shard i/N`): its groups and issues only; `omnifeed merge-reports` adds the shards' reports up */
  shard?: Shard;
  /** a report merged from the reports of this many shards (`omnifeed merge-reports`) */
  shards?: number;
  catalog: IssueList & { file: string; products: number; groups: number };
  /** every feed of the last build of each: this run's, and the others' (`kept`) */
  feeds: FeedReport[];
  /** issues of this run (the catalog and the feeds it built) */
  errors: number;
  warnings: number;
  /** what `publish` (or `build --publish`) did with the feeds of this build, one entry per feed it was asked to publish */
  publish?: PublishEntry[];
}

/** Lists of issues added up: the counts summed, the issues kept up to the limit, in order. */
export function mergeIssues(lists: IssueList[]): IssueList {
  return {
    errors: lists.reduce((n, l) => n + l.errors, 0),
    warnings: lists.reduce((n, l) => n + l.warnings, 0),
    issues: lists.flatMap((l) => l.issues ?? []).slice(0, ISSUE_LIMIT),
  };
}

export function collect(list: IssueList, issue: Issue): void {
  if (issue.severity === 'error') list.errors++;
  else list.warnings++;
  if (list.issues.length < ISSUE_LIMIT) list.issues.push(issue);
}

export const count = (counts: Record<string, number>, key: string) => {
  counts[key] = (counts[key] ?? 0) + 1;
};
