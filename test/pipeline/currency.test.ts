import { describe, expect, it } from 'vitest';
import { build } from '../../src/commands/build.js';
import { explain } from '../../src/commands/explain.js';
import { NOW, tempWorkspace } from '../helpers/workspace.js';

const CATALOG =
  'sku,title,description,price,cost,quantity,url,image_url,brand\n' +
  'A-1,Bottle,Steel,20.00,8.00,3,https://s.example.com/a,https://c.example.com/a.jpg,Trailhead\n' +
  'A-2,Mug,Enamel,29.00 EUR,,3,https://s.example.com/b,https://c.example.com/b.jpg,Trailhead\n';
const feed = (currency: string, pricing = '') =>
  `channel: google\nmarket: { country: DE, language: de, currency: ${currency} }\noutput: { path: google.xml }\n${pricing}`;

function workspace(feedText: string, extra: Record<string, string> = {}) {
  return tempWorkspace({
    'omnifeed.yaml': 'catalog: { path: catalog.csv, currency: USD }\n',
    'feeds/google.yaml': feedText,
    'catalog.csv': CATALOG,
    ...extra,
  });
}

describe('currencies', () => {
  it('refuses a feed whose market currency the catalog is not in, without a rate', async () => {
    const ws = workspace(feed('EUR'));
    try {
      await expect(build({ cwd: ws.dir, now: NOW })).rejects.toThrow(
        /^feeds\/google.yaml: \/market\/currency: the market is in EUR, the catalog in USD .*set pricing.exchange_rate \(EUR per USD\) or pricing.rates/,
      );
    } finally {
      ws.dispose();
    }
  });

  it('converts at pricing.exchange_rate before the markup, shows it in explain, and keeps a product in a third currency out', async () => {
    const ws = workspace(feed('EUR', 'pricing: { exchange_rate: 0.9, markup_percent: 10 }\n'));
    try {
      const report = await build({ cwd: ws.dir, now: NOW });
      const xml = ws.read('out/google.xml');
      expect(xml).toContain('<g:price>19.80 EUR</g:price>'); // 20 USD × 0.9 = 18.00, + 10%
      expect(report.feeds[0].listed).toBe(2);
      const explained = await explain({ cwd: ws.dir, sku: 'A-1', now: NOW });
      expect(explained.feeds[0].price.steps.map((s) => `${s.step} → ${s.value}`)).toEqual([
        'price: base → 20',
        'price: USD → EUR at 0.9 (pricing.exchange_rate) → 18',
        'price: markup 10% → 19.8',
        'margin: (19.8 - fees 0 - cost 7.2) / 19.8 → 0.6364',
      ]);
    } finally {
      ws.dispose();
    }
  });

  it('leaves out a product priced in a currency the feed has no rate for (currency-mismatch), and converts it with a rates file', async () => {
    const ws = workspace(feed('USD'));
    try {
      const report = await build({ cwd: ws.dir, now: NOW });
      expect(report.feeds[0].invalid).toEqual({ 'currency-mismatch': 1 });
      expect(report.feeds[0].issues).toEqual([
        expect.objectContaining({
          rule: 'currency-mismatch',
          sku: 'A-2',
          message: 'the product is priced in EUR, the feed in USD',
        }),
      ]);
      ws.dispose();
      const ws2 = workspace(feed('USD', 'pricing: { rates: rates.csv }\n'), { 'feeds/rates.csv': 'currency,rate\nEUR,1.08\n' });
      try {
        await build({ cwd: ws2.dir, now: NOW });
        expect(ws2.read('out/google.xml')).toContain('<g:price>31.32 USD</g:price>');
      } finally {
        ws2.dispose();
      }
    } finally {
      ws.dispose();
    }
  });
});
