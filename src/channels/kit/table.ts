import type { RuleInfo, Rule } from '../types.js';

/** A channel's rules as a table, id -> severity and description (what `omnifeed channels --json` and the README show). */
export const ruleTable = (rules: readonly Rule[]): Record<string, RuleInfo> =>
  Object.fromEntries(rules.map((r) => [r.id, { severity: r.severity, description: r.description }]));
