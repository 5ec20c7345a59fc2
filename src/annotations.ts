/**
 * `--format github`: issues as GitHub Actions workflow commands (`::error file=…,line=…::…`),
 * which the Actions log shows as annotations on the catalog's lines.
 */
import type { Issue } from './model.js';
import type { RunReport } from './report.js';

/** Workflow command data: `%`, CR and LF escaped. */
const data = (text: string) => text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
/** A property value: also `:` and `,`. */
const property = (text: string) => data(text).replace(/:/g, '%3A').replace(/,/g, '%2C');

/** One annotation: `::error file=examples/catalog.csv,line=35,title=google-us gtin-check-digit::GRINDER-1 gtin: …` */
function annotation(issue: Issue): string {
  const props: string[] = [];
  if (issue.file) props.push(`file=${property(issue.file)}`);
  if (issue.file && issue.line) props.push(`line=${issue.line}`);
  props.push(`title=${property(`${issue.feed ? `${issue.feed} ` : ''}${issue.rule}`)}`);
  const subject = issue.sku ? `${issue.sku}${issue.field ? ` ${issue.field}` : ''}: ` : '';
  return `::${issue.severity} ${props.join(',')}::${data(`${subject}${issue.message}`)}`;
}

/** An annotation of a failure that stopped the run (a guard's refusal). */
export const failureAnnotation = (title: string, message: string) => `::error title=${property(title)}::${data(message)}`;

/** The annotations of a run: the catalog's issues and those of the feeds it built (each feed's first 1,000, as the report keeps them). */
export function annotations(report: RunReport): string[] {
  return [...report.catalog.issues, ...report.feeds.flatMap((f) => (f.kept ? [] : f.issues))].map(annotation);
}
