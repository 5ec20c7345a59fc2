/** The report page's style and script, inlined into the page: it loads nothing from anywhere. */

export const STYLE = `
:root { --fg: #1d2330; --muted: #5f6b7a; --line: #dde2e8; --bg: #f6f8fa; --ok: #2e7d32; --bad: #c62828; --accent: #1565c0; }
* { box-sizing: border-box; }
body { margin: 0; font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: var(--fg); background: #fff; }
header { padding: 20px 32px 12px; border-bottom: 1px solid var(--line); background: var(--bg); }
header h1 { margin: 0 0 4px; font-size: 22px; }
header p { margin: 0; color: var(--muted); }
nav { margin-top: 8px; display: flex; gap: 16px; flex-wrap: wrap; }
nav a, a.rule { color: var(--accent); text-decoration: none; }
nav a:hover, a.rule:hover { text-decoration: underline; }
main { padding: 8px 32px 40px; max-width: 1280px; }
section { margin-top: 28px; }
h2 { font-size: 18px; margin: 0 0 10px; padding-bottom: 4px; border-bottom: 2px solid var(--line); }
h3 { font-size: 15px; margin: 18px 0 8px; }
.cards { display: grid; grid-template-columns: repeat(auto-fill, minmax(170px, 1fr)); gap: 12px; }
.card { border: 1px solid var(--line); border-radius: 8px; padding: 12px 14px; background: #fff; box-shadow: 0 1px 2px rgba(0,0,0,.04); }
.card .label { color: var(--muted); font-size: 12px; text-transform: uppercase; letter-spacing: .04em; }
.card strong { display: block; font-size: 26px; margin-top: 4px; font-variant-numeric: tabular-nums; }
.card .sub { color: var(--muted); font-size: 12px; }
.card.bad strong { color: var(--bad); }
.card.good strong { color: var(--ok); }
.scroll { overflow: auto; max-height: 480px; border: 1px solid var(--line); border-radius: 6px; }
table { border-collapse: collapse; width: 100%; font-variant-numeric: tabular-nums; }
th, td { text-align: left; padding: 5px 10px; border-bottom: 1px solid var(--line); vertical-align: top; }
th { background: var(--bg); position: sticky; top: 0; cursor: pointer; user-select: none; white-space: nowrap; }
th:focus { outline: 2px solid var(--accent); outline-offset: -2px; }
th[aria-sort="ascending"]::after { content: " ▲"; font-size: 10px; }
th[aria-sort="descending"]::after { content: " ▼"; font-size: 10px; }
.n { text-align: right; }
td:first-child { white-space: nowrap; }
#on-table, #margins-table { width: auto; }
tbody tr:nth-child(even) { background: #fbfcfd; }
tbody tr:hover { background: #eef4fb; }
.filter { margin: 6px 0; color: var(--muted); }
.filter input { padding: 4px 8px; border: 1px solid var(--line); border-radius: 4px; width: 240px; font: inherit; }
.note, .empty { color: var(--muted); font-size: 12px; margin: 4px 0; }
.ok { color: var(--ok); }
.neg { color: var(--bad); }
.chart text, .histogram text { font-size: 12px; fill: var(--fg); }
.chart .count { fill: var(--muted); }
.histograms { display: flex; flex-wrap: wrap; gap: 14px; }
.histogram { margin: 0; border: 1px solid var(--line); border-radius: 6px; padding: 8px; }
.histogram figcaption { text-align: center; color: var(--muted); font-size: 12px; }
dl.rules dt { font-family: ui-monospace, SFMono-Regular, Menlo, monospace; margin-top: 8px; }
dl.rules dt:target { background: #fff3c4; }
dl.rules dd { margin: 2px 0 0 18px; color: var(--muted); }
code { font-family: ui-monospace, SFMono-Regular, Menlo, monospace; font-size: 13px; }
`;

/** Sorting by a table's headers (numbers by their `data-value`, text case-insensitively) and the filter boxes. */
export const SCRIPT = `
(function () {
  'use strict';
  function key(td) {
    var v = td.getAttribute('data-value');
    return v === null ? td.textContent.trim().toLowerCase() : Number(v);
  }
  function compare(x, y) {
    if (typeof x !== typeof y) return typeof x === 'number' ? -1 : 1;
    return x < y ? -1 : x > y ? 1 : 0;
  }
  Array.prototype.forEach.call(document.querySelectorAll('table.sortable'), function (table) {
    var heads = table.tHead.rows[0].cells;
    Array.prototype.forEach.call(heads, function (th, column) {
      th.tabIndex = 0;
      function sort() {
        var dir = th.getAttribute('aria-sort') === 'ascending' ? 'descending' : 'ascending';
        Array.prototype.forEach.call(heads, function (h) { h.removeAttribute('aria-sort'); });
        th.setAttribute('aria-sort', dir);
        var body = table.tBodies[0];
        var rows = Array.prototype.slice.call(body.rows);
        rows.sort(function (a, b) {
          var c = compare(key(a.cells[column]), key(b.cells[column]));
          return dir === 'ascending' ? c : -c;
        });
        rows.forEach(function (row) { body.appendChild(row); });
      }
      th.addEventListener('click', sort);
      th.addEventListener('keydown', function (event) {
        if (event.key === 'Enter' || event.key === ' ') { event.preventDefault(); sort(); }
      });
    });
  });
  Array.prototype.forEach.call(document.querySelectorAll('input[data-filter]'), function (input) {
    var id = input.getAttribute('data-filter');
    var table = document.getElementById(id);
    var count = document.getElementById(id + '-count');
    input.addEventListener('input', function () {
      var text = input.value.trim().toLowerCase();
      var rows = table.tBodies[0].rows;
      var shown = 0;
      Array.prototype.forEach.call(rows, function (row) {
        var hit = text === '' || row.textContent.toLowerCase().indexOf(text) !== -1;
        row.hidden = !hit;
        if (hit) shown++;
      });
      count.textContent = shown + ' of ' + rows.length;
    });
  });
})();
`;
