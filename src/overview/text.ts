/** The human form of `omnifeed report`: per feed, coverage, top issues, margins, stock; a few lines each. */
import type { Overview, Tally } from './types.js';

const SHOWN = 5;
const pct = (n: number | undefined) => (n === undefined ? '-' : `${(n * 100).toFixed(1)}%`);
const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

function tallies(label: string, list: Record<string, Tally>): string[] {
  const entries = Object.entries(list);
  if (entries.length === 0) return [];
  return [`  ${label}: ${entries.map(([id, t]) => `${id} ${t.count} (${t.samples.slice(0, 3).join(', ')})`).join('; ')}`];
}

function feedLines(o: Overview): string[] {
  const lines: string[] = [];
  for (const f of o.feeds) {
    const p = f.products;
    lines.push(
      `${f.feed} (${f.channel}, ${f.format}): products ${p.read} read = ${p.listed} listed + ${p.excluded} excluded + ${p.invalid} invalid; items ${f.items.listed} listed`,
    );
    lines.push(...tallies('excluded', p.reasons), ...tallies('invalid', p.rules), ...tallies('warnings', p.warnings));
  }
  return lines;
}

function coverageLines(o: Overview): string[] {
  const c = o.coverage;
  const total = c.on.reduce((a, b) => a + b, 0);
  const on = c.on.map((n, i) => `${plural(i, 'feed')} ${n}`).join(', ');
  const lines = [`coverage: ${plural(total, 'product')} by the number of feeds listing them: ${on}`];
  for (const p of c.none.slice(0, SHOWN))
    lines.push(
      `  on no feed: ${p.sku} (${Object.entries(p.reasons)
        .map(([feed, reason]) => `${feed} ${reason.replace(/,/g, ' + ')}`)
        .join(', ')})`,
    );
  if (c.on[0] > SHOWN) lines.push(`  … and ${c.on[0] - SHOWN} more on no feed (--json, --html or --skus for all)`);
  return lines;
}

function issueLines(o: Overview): string[] {
  if (o.issues.length === 0) return ['top issues: none'];
  return [
    'top issues (the rules that keep the most products off the most feeds):',
    ...o.issues.slice(0, SHOWN).map(
      (i) =>
        `  ${i.rule}: ${plural(i.products, 'product')} off ${Object.entries(i.feeds)
          .map(([feed, n]) => `${feed} ${n}`)
          .join(', ')} (${i.samples.slice(0, 3).join(', ')})`,
    ),
  ];
}

function marginLines(o: Overview): string[] {
  const m = o.margins;
  const lines = ["margins after each feed's fees:"];
  for (const f of m.feeds) {
    const floor = f.min_margin === undefined ? '' : `, under the floor ${pct(f.min_margin)}: ${f.under_floor.count}`;
    lines.push(
      `  ${f.feed}: mean ${pct(f.mean)} (listed ${pct(f.listed_mean)}), min ${pct(f.min)}, max ${pct(f.max)}${floor}, negative ${f.negative.count}, no cost ${f.unknown}`,
    );
  }
  if (m.compared > 0) {
    const by = (counts: Record<string, number>) =>
      Object.entries(counts)
        .sort(([, a], [, b]) => b - a)
        .map(([feed, n]) => `${feed} ${n}`)
        .join(', ');
    lines.push(`  of ${plural(m.compared, 'product')} listed on several feeds: earn most on ${by(m.best)}; least on ${by(m.worst)}`);
  }
  for (const n of m.negative.slice(0, SHOWN)) lines.push(`  negative: ${n.sku} on ${n.feed} ${pct(n.margin)} (${n.outcome})`);
  if (m.negative_total > SHOWN) lines.push(`  … and ${m.negative_total - SHOWN} more negative margins`);
  return lines;
}

function stockLines(o: Overview): string[] {
  const s = o.stock;
  const policy =
    s.allocation === 'none' ? 'no allocation: in omnifeed.yaml, every feed offers the same units' : `allocation: ${s.allocation}`;
  const lines = [
    `stock: ${plural(s.products, 'product')} listed offer ${s.offered} units of ${s.available} available; ${s.exposed} offered more often than in stock, by ${s.exposure} units in all (${policy})`,
  ];
  for (const e of s.top.slice(0, SHOWN)) {
    const feeds = Object.entries(e.feeds)
      .map(([feed, n]) => `${feed} ${n}`)
      .join(', ');
    lines.push(`  ${e.sku}: ${e.offered} offered of ${e.available} (+${e.exposure}): ${feeds}`);
  }
  return lines;
}

export function formatOverview(o: Overview): string {
  const c = o.catalog;
  const head = `report of the build of ${o.built}: ${c.file}, ${plural(c.products, 'product')} in ${plural(c.groups, 'listing')}, ${plural(c.errors, 'unreadable row')}`;
  return [head, '', ...feedLines(o), '', ...coverageLines(o), '', ...issueLines(o), '', ...marginLines(o), '', ...stockLines(o)].join('\n');
}
