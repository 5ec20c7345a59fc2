import { compileExpression } from 'filtrex';
import { OmnifeedError } from '../errors.js';

/** Which names a feed's expressions and templates may use; `candidates` lists them for a "did you mean". */
export type KnownNames = ((name: string) => boolean) & { candidates?: () => Iterable<string> };

/** The config error for an unknown name, with the closest known name as a suggestion. */
export function unknownName(name: string, where: string, text: string, known: KnownNames, hint = ''): OmnifeedError {
  const suggestion = closest(name, known.candidates?.() ?? []);
  const mean = suggestion ? ` (did you mean '${suggestion}'?)` : hint;
  return new OmnifeedError('CONFIG_INVALID', `${where}: unknown name '${name}' in "${text}"${mean}`);
}

/** The candidate nearest to `name` by edit distance, if it is near enough to be a typo. */
function closest(name: string, candidates: Iterable<string>): string | undefined {
  let best: string | undefined;
  let bestDistance = Math.max(2, Math.floor(name.length / 3)) + 1;
  for (const candidate of candidates) {
    const d = distance(name.toLowerCase(), candidate.toLowerCase());
    if (d < bestDistance) [best, bestDistance] = [candidate, d];
  }
  return best;
}

/** Levenshtein distance, one row at a time. */
function distance(a: string, b: string): number {
  let row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const next = [i];
    for (let j = 1; j <= b.length; j++) next[j] = Math.min(row[j] + 1, next[j - 1] + 1, row[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    row = next;
  }
  return row[b.length];
}

/** A value whose truth a test run decides at each use: filtrex unboxes a Boolean object with `valueOf`. */
class Choice extends Boolean {
  constructor(private readonly pick: () => boolean) {
    super(false);
  }

  override valueOf(): boolean {
    return this.pick();
  }
}

/**
 * A one-item list of a Choice: filtrex reads a one-item list as its item (so it is a Choice to
 * `and`, `or`, `not`), and `in` is a subset test (`every`, `includes`), which the run decides too.
 */
const choices = (pick: () => boolean): Choice[] => Object.assign([new Choice(pick)], { every: pick, includes: pick });

const OPERATORS = ['+', '-', '*', '/', '^', 'mod', '==', '!=', '<', '<=', '>', '>=', '~='];
const FUNCTIONS = ['abs', 'ceil', 'floor', 'log', 'log2', 'log10', 'max', 'min', 'round', 'sqrt', 'exists', 'empty'];
/** enough runs for any expression a feed writes (each `and`, `or`, `not` or `if` doubles the paths at most) */
const MAX_RUNS = 1024;

/**
 * Every bare name an expression reads, found with filtrex's own parser: the expression is
 * compiled once more with every operator, function and name giving a `Choice`, and run along
 * every path through its `and`, `or`, `not`, `in` and `if` (a depth-first walk over the choices),
 * so a name behind a short circuit (`a and typo > 1`) is found too.
 */
export function namesIn(text: string, functions: string[]): string[] {
  const names = new Set<string>();
  let script: boolean[] = [];
  let taken: boolean[] = [];
  const pick = () => {
    const value = script[taken.length] ?? false;
    taken.push(value);
    return value;
  };
  const any = () => choices(pick);
  const root = {};
  const run = compileExpression(text, {
    operators: Object.fromEntries(OPERATORS.map((op) => [op, any])) as never,
    extraFunctions: Object.fromEntries([...FUNCTIONS, ...functions].map((name) => [name, any])),
    customProp: (name: string, _get: unknown, object: unknown, type: string) => {
      if (type !== 'single-quoted' && object === root) names.add(name);
      return any();
    },
  });
  const paths: boolean[][] = [[]];
  for (let runs = 0; paths.length > 0 && runs < MAX_RUNS; runs++) {
    script = paths.pop()!;
    taken = [];
    run(root);
    for (let i = script.length; i < taken.length; i++) paths.push([...taken.slice(0, i), true]);
  }
  return [...names];
}
