/**
 * `omnifeed report --html FILE`: the report as one self-contained page (inline CSS, script and
 * SVG; a Content-Security-Policy that lets it load nothing), rendered here so that it reads
 * without its script too: the script only sorts and filters the tables. Every figure says where
 * the JSON report has it (`data-check`).
 */
import { STYLE, SCRIPT } from './html-assets.js';
import { coverageBars, feedBars, marginHistogram } from './html-charts.js';
import { cell, cutNote, esc, figure, formatNumber, ruleAnchor, ruleLink, table, verdictHtml } from './html-kit.js';
import type { Overview, Tally } from './types.js';

const CSP = "default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:";

function card(label: string, value: string, sub = '', tone = ''): string {
  return `<div class="card ${tone}"><div class="label">${esc(label)}</div>${value}<div class="sub">${sub}</div></div>`;
}

function summary(o: Overview): string {
  const all = o.feeds.length;
  const none = o.coverage.on[0];
  const top = o.issues[0];
  const cards = [
    card('Products', figure('strong', o.catalog.products, 'catalog.products'), `in ${formatNumber(o.catalog.groups)} listings`),
    card('Listed on every feed', figure('strong', o.coverage.on[all], `coverage.on.${all}`), `of ${all} feeds`),
    card('On no feed', figure('strong', none, 'coverage.on.0'), 'see Coverage', none > 0 ? 'bad' : 'good'),
    card(
      'Unreadable rows',
      figure('strong', o.catalog.errors, 'catalog.errors'),
      'skipped by the catalog',
      o.catalog.errors > 0 ? 'bad' : '',
    ),
    card(
      'Top issue',
      top ? figure('strong', top.products, 'issues.0.products') : '<strong>none</strong>',
      top ? `products kept off by ${ruleLink(top.rule)}` : '',
      top ? 'bad' : 'good',
    ),
    card(
      'Negative margins',
      figure('strong', o.margins.negative_total, 'margins.negative_total'),
      'product × feed',
      o.margins.negative_total > 0 ? 'bad' : 'good',
    ),
    card(
      'Oversell exposure',
      figure('strong', o.stock.exposure, 'stock.exposure'),
      `units beyond stock, on ${figure('span', o.stock.exposed, 'stock.exposed')} SKUs`,
      o.stock.exposure > 0 ? 'bad' : 'good',
    ),
  ];
  return `<section id="summary"><div class="cards">${cards.join('')}</div></section>`;
}

function feedsSection(o: Overview): string {
  const rows = o.feeds.map((f, i) => [
    cell(`<strong>${esc(f.feed)}</strong>`),
    cell(esc(f.channel)),
    cell(esc(f.format)),
    figure('td', f.products.read, `feeds.${i}.products.read`),
    figure('td', f.products.listed, `feeds.${i}.products.listed`),
    figure('td', f.products.excluded, `feeds.${i}.products.excluded`),
    figure('td', f.products.invalid, `feeds.${i}.products.invalid`),
    figure('td', f.items.listed, `feeds.${i}.items.listed`),
    cell(esc(f.built.slice(0, 16).replace('T', ' '))),
  ]);
  const columns = ['feed', 'channel', 'format', 'products read', 'listed', 'excluded', 'invalid', 'items listed', 'built'].map(
    (label, i) => ({
      label,
      numeric: i >= 3 && i <= 7,
    }),
  );
  return `<section id="feeds"><h2>Feeds</h2>${feedBars(o.feeds)}
<p class="note">Products: every product a feed reads is listed, excluded by a rule or invalid (listed + excluded + invalid = read). Items are what the feed file holds: Amazon counts variation parents, eBay and Etsy count listings.</p>
${table({ id: 'feeds-table', columns, rows })}</section>`;
}

function byRuleRows(o: Overview): string[][] {
  const rows: string[][] = [];
  o.feeds.forEach((f, i) => {
    const kinds: [string, string, Record<string, Tally>][] = [
      ['excluded', 'reasons', f.products.reasons],
      ['invalid', 'rules', f.products.rules],
      ['warning', 'warnings', f.products.warnings],
    ];
    for (const [kind, key, tallies] of kinds) {
      for (const [id, t] of Object.entries(tallies)) {
        const items = kind === 'invalid' ? f.items.invalid[id] : kind === 'warning' ? f.items.warned[id] : undefined;
        rows.push([
          cell(esc(f.feed)),
          cell(kind),
          cell(ruleLink(id)),
          figure('td', t.count, `feeds.${i}.products.${key}.${id}.count`),
          figure('td', items, undefined),
          cell(esc(t.samples.join(', '))),
        ]);
      }
    }
  });
  return rows;
}

function issuesSection(o: Overview): string {
  const top = o.issues.map((issue, i) => [
    cell(ruleLink(issue.rule)),
    cell(issue.source),
    figure('td', issue.products, `issues.${i}.products`),
    figure('td', issue.pairs, `issues.${i}.pairs`),
    cell(
      esc(
        Object.entries(issue.feeds)
          .map(([feed, n]) => `${feed} ${n}`)
          .join(', '),
      ),
    ),
    cell(esc(issue.samples.join(', '))),
  ]);
  const topColumns = [
    { label: 'rule' },
    { label: 'source' },
    { label: 'products', numeric: true },
    { label: 'product × feed', numeric: true },
    { label: 'feeds' },
    { label: 'sample SKUs' },
  ];
  const byColumns = [
    { label: 'feed' },
    { label: 'kind' },
    { label: 'rule or reason' },
    { label: 'products', numeric: true },
    { label: 'items', numeric: true },
    { label: 'sample SKUs' },
  ];
  return `<section id="issues"><h2>Top issues</h2>
<p class="note">The rules that keep the most products off the most feeds, first: fix these first.</p>
${table({ id: 'issues-table', columns: topColumns, rows: top, filter: true, empty: 'no error keeps a product off a feed' })}
<h3>Issues by rule, per feed</h3>
${table({ id: 'rules-table', columns: byColumns, rows: byRuleRows(o), filter: true })}</section>`;
}

function coverageSection(o: Overview): string {
  const c = o.coverage;
  const feedColumns = c.feeds.map((feed) => ({ label: feed }));
  const none = c.none.map((p) => [cell(esc(p.sku)), ...c.feeds.map((feed) => cell(verdictHtml(p.reasons[feed])))]);
  const partial = c.partial.map((p) => [cell(esc(p.sku)), ...c.feeds.map((feed) => cell(verdictHtml(p.feeds[feed])))]);
  const on = c.on.map((n, i) => [figure('td', i, undefined), figure('td', n, `coverage.on.${i}`)]);
  return `<section id="coverage"><h2>Coverage</h2>${coverageBars(c.on)}
${table({
  id: 'on-table',
  columns: [
    { label: 'feeds listing the product', numeric: true },
    { label: 'products', numeric: true },
  ],
  rows: on,
})}
<h3>Products on no feed</h3>
${table({ id: 'none-table', columns: [{ label: 'sku' }, ...feedColumns], rows: none, filter: true, note: cutNote(c.none.length, c.on[0]), empty: 'every product is on a feed' })}
<h3>Products missing from some feeds</h3>
${table({ id: 'partial-table', columns: [{ label: 'sku' }, ...feedColumns], rows: partial, filter: true, note: cutNote(c.partial.length, c.partial_total), empty: 'none' })}</section>`;
}

function marginTables(o: Overview): string {
  const m = o.margins;
  const stats = m.feeds.map((f, i) => {
    const pricing = o.feeds[i].pricing;
    return [
      cell(esc(f.feed)),
      cell(esc(`${pricing.fee_percent}% + ${pricing.fee_fixed.toFixed(2)}`)),
      figure('td', f.min_margin, f.min_margin === undefined ? undefined : `margins.feeds.${i}.min_margin`, 'pct'),
      figure('td', f.products, `margins.feeds.${i}.products`),
      figure('td', f.unknown, `margins.feeds.${i}.unknown`),
      figure('td', f.mean, f.mean === undefined ? undefined : `margins.feeds.${i}.mean`, 'pct'),
      figure('td', f.listed_mean, f.listed_mean === undefined ? undefined : `margins.feeds.${i}.listed_mean`, 'pct'),
      figure('td', f.min, f.min === undefined ? undefined : `margins.feeds.${i}.min`, 'pct'),
      figure('td', f.max, f.max === undefined ? undefined : `margins.feeds.${i}.max`, 'pct'),
      figure('td', f.under_floor.count, `margins.feeds.${i}.under_floor.count`),
      figure('td', f.negative.count, `margins.feeds.${i}.negative.count`),
      figure('td', m.best[f.feed] ?? 0, m.best[f.feed] === undefined ? undefined : `margins.best.${f.feed}`),
      figure('td', m.worst[f.feed] ?? 0, m.worst[f.feed] === undefined ? undefined : `margins.worst.${f.feed}`),
    ];
  });
  const labels = [
    'feed',
    'fees',
    'floor',
    'with a margin',
    'no cost',
    'mean',
    'listed mean',
    'min',
    'max',
    'under floor',
    'negative',
    'earns most',
    'earns least',
  ];
  const spread = m.spread.map((s, i) => [
    cell(esc(s.sku)),
    cell(esc(s.best.feed)),
    figure('td', s.best.margin, `margins.spread.${i}.best.margin`, 'pct'),
    cell(esc(s.worst.feed)),
    figure('td', s.worst.margin, `margins.spread.${i}.worst.margin`, 'pct'),
  ]);
  const negative = m.negative.map((n, i) => [
    cell(esc(n.sku)),
    cell(esc(n.feed)),
    figure('td', n.margin, `margins.negative.${i}.margin`, 'pct'),
    cell(esc(n.outcome)),
  ]);
  return `${table({ id: 'margins-table', columns: labels.map((label, i) => ({ label, numeric: i >= 2 })), rows: stats })}
<h3>Where each product earns most and least</h3>
<p class="note">Products listed on several feeds whose margins differ (${formatNumber(m.compared)}).</p>
${table({ id: 'spread-table', columns: [{ label: 'sku' }, { label: 'earns most on' }, { label: 'margin', numeric: true }, { label: 'earns least on' }, { label: 'margin', numeric: true }], rows: spread, filter: true, note: cutNote(m.spread.length, m.compared) })}
<h3>Negative margins</h3>
${table({ id: 'negative-table', columns: [{ label: 'sku' }, { label: 'feed' }, { label: 'margin', numeric: true }, { label: 'outcome' }], rows: negative, filter: true, note: cutNote(m.negative.length, m.negative_total), empty: 'no product loses money on a feed' })}`;
}

function marginsSection(o: Overview): string {
  return `<section id="margins"><h2>Margins after each channel's fees</h2>
<p class="note">Margin = (price buyers pay − the feed's fees − cost) / price, from each feed's pricing policy. Grey: products the feed read; green: the ones it lists.</p>
<div class="histograms">${o.margins.feeds.map(marginHistogram).join('')}</div>
${marginTables(o)}</section>`;
}

function stockSection(o: Overview): string {
  const s = o.stock;
  const feeds = o.feeds.map((f) => f.feed);
  const rows = s.top.map((e, i) => [
    cell(esc(e.sku)),
    figure('td', e.available, `stock.top.${i}.available`),
    figure('td', e.offered, `stock.top.${i}.offered`),
    figure('td', e.exposure, `stock.top.${i}.exposure`),
    ...feeds.map((feed) => figure('td', e.feeds[feed], undefined)),
  ]);
  const policy =
    s.allocation === 'none'
      ? 'No <code>allocation:</code> in omnifeed.yaml: every feed offers the same units.'
      : `Allocation: <code>${s.allocation}</code>: the feeds share each product's stock.`;
  const columns = [
    { label: 'sku' },
    { label: 'available', numeric: true },
    { label: 'offered', numeric: true },
    { label: 'exposure', numeric: true },
    ...feeds.map((label) => ({ label, numeric: true })),
  ];
  return `<section id="stock"><h2>One stock across feeds</h2>
<p>${figure('span', s.products, 'stock.products')} products listed offer ${figure('span', s.offered, 'stock.offered')} units of ${figure('span', s.available, 'stock.available')} available online; ${figure('span', s.exposed, 'stock.exposed')} of them are offered more often than they are in stock, by ${figure('span', s.exposure, 'stock.exposure')} units in all: units that could be sold twice. ${policy}</p>
${table({ id: 'stock-table', columns, rows, filter: true, note: cutNote(s.top.length, s.exposed), empty: 'no SKU is offered more often than it is in stock' })}</section>`;
}

function rulesSection(o: Overview): string {
  const items = Object.entries(o.rules).map(
    ([id, rule]) =>
      `<dt id="${ruleAnchor(id)}">${esc(id)}${rule.severity ? ` <span class="note">(${rule.severity})</span>` : ''}</dt><dd>${esc(rule.description)}</dd>`,
  );
  return `<section id="rules"><h2>Rules and reasons</h2><dl class="rules">${items.join('')}</dl></section>`;
}

export function reportPage(o: Overview): string {
  const title = `omnifeed report: build of ${o.built}`;
  const nav = ['feeds', 'issues', 'coverage', 'margins', 'stock', 'rules'].map((id) => `<a href="#${id}">${id}</a>`).join('');
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="${CSP}">
<title>${esc(title)}</title><style>${STYLE}</style></head>
<body><header><h1>omnifeed report</h1><p>The build of ${esc(o.built)} from <code>${esc(o.catalog.file)}</code>: ${formatNumber(o.catalog.products)} products, ${o.feeds.length} feeds.</p><nav>${nav}</nav></header>
<main>${summary(o)}${feedsSection(o)}${issuesSection(o)}${coverageSection(o)}${marginsSection(o)}${stockSection(o)}${rulesSection(o)}</main>
<script>${SCRIPT}</script></body></html>
`;
}
