/** The report page's charts, as inline SVG (no script draws them, no file is fetched). */
import { esc, formatNumber } from './html-kit.js';
import type { FeedMargins, FeedOverview } from './types.js';

const COLORS = { listed: '#2e7d32', excluded: '#9e9e9e', invalid: '#c62828', products: '#b0bec5', bar: '#1565c0' };

/** A stacked bar per feed: its products listed, excluded and invalid. */
export function feedBars(feeds: FeedOverview[]): string {
  const labelWidth = 120;
  const barWidth = 460;
  const rowHeight = 30;
  const height = feeds.length * rowHeight + 30;
  const most = Math.max(1, ...feeds.map((f) => f.products.read));
  const rows = feeds.map((f, i) => {
    const y = i * rowHeight + 4;
    let x = labelWidth;
    const segments = (['listed', 'excluded', 'invalid'] as const).map((part) => {
      const n = f.products[part];
      const w = (n / most) * barWidth;
      const rect = `<rect x="${x.toFixed(1)}" y="${y}" width="${w.toFixed(1)}" height="20" fill="${COLORS[part]}" data-part="${part}"><title>${esc(f.feed)}: ${n} ${part}</title></rect>`;
      x += w;
      return rect;
    });
    const p = f.products;
    return (
      `<g class="bar" data-feed="${esc(f.feed)}"><text x="${labelWidth - 8}" y="${y + 15}" text-anchor="end">${esc(f.feed)}</text>${segments.join('')}` +
      `<text x="${(x + 6).toFixed(1)}" y="${y + 15}" class="count">${p.listed} / ${p.excluded} / ${p.invalid}</text></g>`
    );
  });
  const legend = (['listed', 'excluded', 'invalid'] as const)
    .map(
      (part, i) =>
        `<rect x="${labelWidth + i * 100}" y="${height - 18}" width="12" height="12" fill="${COLORS[part]}"/><text x="${labelWidth + i * 100 + 17}" y="${height - 8}">${part}</text>`,
    )
    .join('');
  return `<svg class="chart" role="img" aria-label="products listed, excluded and invalid per feed" viewBox="0 0 680 ${height}" width="680" height="${height}">${rows.join('')}${legend}</svg>`;
}

/** Products by the number of feeds that list them. */
export function coverageBars(on: number[]): string {
  const width = 60;
  const height = 150;
  const most = Math.max(1, ...on);
  const bars = on.map((n, i) => {
    const h = (n / most) * 100;
    const x = 20 + i * width;
    return (
      `<rect x="${x}" y="${(115 - h).toFixed(1)}" width="${width - 14}" height="${h.toFixed(1)}" fill="${i === 0 ? COLORS.invalid : COLORS.bar}"><title>${n} on ${i} feeds</title></rect>` +
      `<text x="${x + (width - 14) / 2}" y="${(110 - h).toFixed(1)}" text-anchor="middle">${n}</text>` +
      `<text x="${x + (width - 14) / 2}" y="132" text-anchor="middle">${i}</text>`
    );
  });
  const w = 40 + on.length * width;
  return `<svg class="chart" role="img" aria-label="products by the number of feeds that list them" viewBox="0 0 ${w} ${height}" width="${w}" height="${height}">${bars.join('')}<text x="20" y="148">feeds listing the product</text></svg>`;
}

const bucketLabel = (from: number | null, to: number | null) =>
  from === null
    ? `< ${formatNumber(to!, 'pct')}`
    : to === null
      ? `≥ ${formatNumber(from, 'pct')}`
      : `${formatNumber(from, 'pct')} – ${formatNumber(to, 'pct')}`;

/** A feed's margin distribution: the products it read per bucket, the listed ones in front. */
export function marginHistogram(m: FeedMargins): string {
  const step = 30;
  const most = Math.max(1, ...m.buckets.map((b) => b.products));
  const bars = m.buckets.map((b, i) => {
    const x = 10 + i * step;
    const all = (b.products / most) * 90;
    const listed = (b.listed / most) * 90;
    const title = `${bucketLabel(b.from, b.to)}: ${b.products} products, ${b.listed} listed`;
    return (
      `<g><title>${esc(title)}</title><rect x="${x}" y="${(100 - all).toFixed(1)}" width="${step - 6}" height="${all.toFixed(1)}" fill="${COLORS.products}"/>` +
      `<rect x="${x}" y="${(100 - listed).toFixed(1)}" width="${step - 6}" height="${listed.toFixed(1)}" fill="${COLORS.listed}"/></g>`
    );
  });
  const zero = 10 + 3 * step - 3;
  const axis = `<line x1="${zero}" y1="5" x2="${zero}" y2="102" stroke="#555" stroke-dasharray="3 2"/><text x="${zero}" y="116" text-anchor="middle">0%</text><text x="10" y="116">−20%</text><text x="${10 + 9 * step}" y="116">60%+</text>`;
  const w = 20 + m.buckets.length * step;
  return `<figure class="histogram"><svg role="img" aria-label="${esc(`margin distribution of ${m.feed}`)}" viewBox="0 0 ${w} 122" width="${w}" height="122">${bars.join('')}${axis}</svg><figcaption>${esc(m.feed)} (${esc(m.channel)})</figcaption></figure>`;
}
