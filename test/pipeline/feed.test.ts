import { describe, expect, it } from 'vitest';
import type { CatalogGroup } from '../../src/catalog/catalog.js';
import { loadWorkspace } from '../../src/config/load.js';
import type { VariantPolicy } from '../../src/config/types.js';
import type { ListingGroup } from '../../src/model.js';
import { FeedRunner } from '../../src/pipeline/feed.js';
import { firstFeed } from '../helpers/runner.js';
import { NOW, tempWorkspace } from '../helpers/workspace.js';

const CATALOG = [
  'sku,parent_sku,title,brand,price,cost,quantity,status,weight,color,size,channels,category,Fit',
  'OK,,Bottle,Trailhead,20.00,5.00,3,active,1 kg,,,,Home > Kitchen,',
  'DRAFT,,Tent,Trailhead,99.00,40.00,3,draft,2 kg,,,,,',
  'HEAVY,,Stove,Hearthline,900.00,400.00,3,active,120 kg,,,,,',
  'THIN,,Cable,Voltix,7.00,6.50,3,active,0.1 kg,,,,,',
  'EMPTY,,Kettle,Brewcraft,50.00,20.00,0,active,1 kg,,,,,',
  'DENIED,,Machine,Brewcraft,300.00,150.00,3,active,9 kg,,,!shop,,',
  'OTHER,,Bookmark,,12.00,2.00,3,active,0.01 kg,,,etsy,,',
  'TEE,,Tee,Northwind,24.00,8.00,,active,0.2 kg,,,,Apparel,slim',
  'TEE-S,TEE,,,22.00,,0,,,Red,S,,,',
  'TEE-M,TEE,,,21.00,,5,,,Red,M,,,',
  'TEE-L,TEE,,,26.00,,7,,,Blue,L,,,',
  '',
].join('\n');

const FEED = `channel: google
market: { country: US, language: en, currency: USD }
output: { path: shop.xml }
select:
  include: "status == 'active'"
  exclude:
    - { when: "weight_kg > 30", reason: too-heavy-to-ship }
pricing: { min_margin: 0.15 }
inventory: { out_of_stock: exclude }
categories: maps/google.csv
fields:
  title: "{{ brand }} {{ title }} {{ size }}"
  custom_label_0: "{{ Fit }}"
`;

async function run(variants: VariantPolicy = 'all') {
  const ws = tempWorkspace({
    'omnifeed.yaml': 'catalog: { path: catalog.csv }\n',
    'feeds/shop.yaml': `${FEED}variants: ${variants}\n`,
    'feeds/maps/google.csv': 'category,id\nHome,536\n',
    'catalog.csv': CATALOG,
  });
  try {
    const { catalog, runner } = await firstFeed(ws.dir);
    const groups: CatalogGroup[] = [];
    for await (const event of catalog.groups()) if ('group' in event) groups.push(event.group);
    return { runner, groups, outcomes: groups.map((g) => runner.process(g)) };
  } finally {
    ws.dispose();
  }
}

describe('a feed runner', () => {
  let all: Awaited<ReturnType<typeof run>>;

  it('gives every product left out the reason of the first rule that leaves it out', async () => {
    all = await run();
    const reasons = Object.fromEntries(all.outcomes.flatMap((o) => o.decisions).map((d) => [d.sku, d.excluded ?? 'listed']));
    expect(reasons).toEqual({
      OK: 'listed',
      DRAFT: 'not-included',
      HEAVY: 'too-heavy-to-ship',
      THIN: 'margin-below-floor',
      EMPTY: 'out-of-stock',
      DENIED: 'channel-list',
      OTHER: 'channel-list',
      'TEE-S': 'out-of-stock',
      'TEE-M': 'listed',
      'TEE-L': 'listed',
    });
  });

  it('renders templates and maps categories for what it lists', async () => {
    const ok = all.outcomes.flatMap((o) => o.decisions).find((d) => d.sku === 'OK')!;
    expect(ok.prepared.fields).toEqual({ title: 'Trailhead Bottle', custom_label_0: '' });
    expect(ok.prepared.category).toMatchObject({ id: '536', matched: 'Home' });
    const tee = all.outcomes.find((o) => o.decisions.some((d) => d.sku === 'TEE-M'))!;
    expect(
      tee.items.map((i) => [i.sku, (i.item as Record<string, string>).title, (i.item as Record<string, string>).custom_label_0]),
    ).toEqual([
      ['TEE-M', 'Northwind Tee M', 'slim'],
      ['TEE-L', 'Northwind Tee L', 'slim'],
    ]);
  });

  it('explains a decision step by step only when asked', async () => {
    const { runner } = all;
    const product = all.outcomes.flatMap((o) => o.decisions).find((d) => d.sku === 'THIN')!.prepared.product;
    expect(runner.decide(product, false).rules).toEqual([]);
    const explained = runner.decide(product, false, true);
    expect(explained.rules.map((r) => [r.rule.split(':')[0], r.matched])).toEqual([
      ['channels list (none) allows shop', true],
      ['include', true],
      ['exclude too-heavy-to-ship', false],
      ['pricing.min_margin 0.15', true],
    ]);
    expect(explained.prepared.price.steps.length).toBeGreaterThan(0);
  });

  it('hands the channel the variants its rules left out, beside the selected ones', async () => {
    const { runner, groups } = await run();
    const seen: ListingGroup[] = [];
    const items = runner.channel.items.bind(runner.channel);
    runner.channel.items = (group) => (seen.push(group), items(group));
    runner.process(groups.find((g) => g.parent?.sku === 'TEE')!);
    expect(seen.map((g) => [g.variants.map((v) => v.product.sku), g.excluded?.map((v) => v.product.sku)])).toEqual([
      [['TEE-M', 'TEE-L'], ['TEE-S']],
    ]);
  });

  it.each([
    [
      'all',
      [
        ['TEE-M', 'TEE'],
        ['TEE-L', 'TEE'],
      ],
    ],
    ['cheapest', [['TEE-M', undefined]]],
    ['first-in-stock', [['TEE-M', undefined]]],
    ['parent-only', [['TEE', undefined]]],
  ] as const)('lists a variant group under the variant policy %s', async (policy, expected) => {
    const { outcomes } = await run(policy);
    const tee = outcomes.find((o) => o.decisions.some((d) => d.sku === 'TEE-M'))!;
    expect(tee.items.map((i) => [i.sku, (i.item as Record<string, string>).item_group_id])).toEqual(expected);

    if (policy === 'parent-only') {
      expect(tee.items[0].item).toMatchObject({ price: '21.00 USD', availability: 'in_stock', title: 'Northwind Tee' });
    }
  });
});

describe('the catalog time zone', () => {
  it('is an IANA time zone, or the feed is not compiled (CONFIG_INVALID)', async () => {
    const ws = tempWorkspace({
      'omnifeed.yaml': 'catalog: { path: catalog.csv, timezone: Mars/Olympus_Mons }\n',
      'feeds/shop.yaml': FEED.replace('categories: maps/google.csv\n', ''),
      'catalog.csv': CATALOG,
    });
    try {
      const workspace = loadWorkspace(ws.dir);
      await expect(FeedRunner.create(workspace.feeds[0], workspace, { root: ws.dir, now: NOW, env: {} }, () => true)).rejects.toMatchObject(
        {
          code: 'CONFIG_INVALID',
          message: expect.stringContaining('/catalog/timezone'),
        },
      );
    } finally {
      ws.dispose();
    }
  });
});
