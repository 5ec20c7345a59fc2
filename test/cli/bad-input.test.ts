import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { inProcess, snapshot } from '../helpers/cli.js';
import { GOOGLE_FEED, tempWorkspace } from '../helpers/workspace.js';

/**
 * The bad-input suite: each case breaks one thing in a small workspace whose out/ holds a good
 * build, runs the CLI in-process, and states the exit code and a fragment of what the user is
 * told. A run that fails (exit 2) must say it on one line, without a stack, and leave out/ byte
 * for byte as it was.
 */
interface Case {
  /** files to write over the base workspace (null removes one) */
  files?: Record<string, string | null>;
  /** other changes to the workspace folder */
  edit?: (dir: string) => void;
  args?: string[];
  env?: Record<string, string>;
  code: 0 | 1 | 2 | 3 | 70;
  /** found on stderr, or on stdout (which is the JSON run report with --json) */
  message: RegExp;
}

const HEADER = 'sku,title,description,price,quantity,url,image_url,brand,gtin';
const ROW = (sku: string, extra = '') =>
  `${sku},Bottle ${sku},Steel bottle,20.00,3,https://s.example.com/${sku},https://c.example.com/${sku}.jpg,Trailhead,${extra}`;
const CATALOG = `${HEADER}\n${ROW('A-1', '4006381333931')}\n${ROW('A-2')}\n${ROW('A-3')}\n`;
const CONFIG = 'catalog: { path: catalog.csv, currency: USD }\n';
const BASE: Record<string, string> = {
  'omnifeed.yaml': CONFIG,
  'feeds/google.yaml': GOOGLE_FEED,
  'catalog.csv': CATALOG,
};
const feed = (extra: string) => ({ 'feeds/google.yaml': `${GOOGLE_FEED}${extra}\n` });
const catalog = (text: string) => ({ 'catalog.csv': text });
const config = (extra: string) => ({ 'omnifeed.yaml': `${CONFIG}${extra}\n` });

const BOMB = [
  'a: &a [x, x, x, x, x, x, x, x, x]',
  ...'bcdefgh'.split('').map((k, i) => `${k}: &${k} [${Array(9).fill(`*${'abcdefgh'[i]}`).join(', ')}]`),
];

const cases: Record<string, Case> = {
  // the workspace
  'no omnifeed.yaml': { files: { 'omnifeed.yaml': null }, code: 2, message: /CONFIG_NOT_FOUND: .*omnifeed.yaml: not found/ },
  'no feeds/ folder': {
    edit: (dir) => rmSync(path.join(dir, 'feeds'), { recursive: true }),
    code: 2,
    message: /CONFIG_NOT_FOUND: feeds\/: not found/,
  },
  'an empty feeds/ folder': { files: { 'feeds/google.yaml': null }, code: 2, message: /CONFIG_NOT_FOUND: feeds\/: no feed definitions/ },
  'invalid YAML': {
    files: { 'omnifeed.yaml': 'catalog: { path: catalog.csv\n' },
    code: 2,
    message: /CONFIG_INVALID: omnifeed.yaml:\d+:\d+: invalid YAML/,
  },
  'a YAML alias bomb': {
    files: { 'feeds/google.yaml': `${GOOGLE_FEED}${BOMB.join('\n')}\n` },
    code: 2,
    message: /CONFIG_INVALID: feeds\/google.yaml: cannot read: Excessive alias count/,
  },
  'an unknown key': { files: config('outptu: x'), code: 2, message: /omnifeed.yaml(:\d+)?: \/: unknown key 'outptu'/ },
  'a feed list naming no definition': { files: config('feeds: [google, nope]'), code: 2, message: /\/feeds: no feed definition 'nope'/ },
  'an unknown channel': {
    files: { 'feeds/google.yaml': GOOGLE_FEED.replace('google', 'myspace') },
    code: 2,
    message: /\/channel: unknown channel 'myspace'/,
  },
  'a format the channel does not write': {
    files: { 'feeds/google.yaml': GOOGLE_FEED.replace('path: google.xml', 'path: google.xml, format: csv') },
    code: 2,
    message: /\/output\/format: google writes rss or tsv, not 'csv'/,
  },
  // output paths
  'an output path with ..': {
    files: { 'feeds/google.yaml': GOOGLE_FEED.replace('path: google.xml', 'path: ../catalog.csv') },
    code: 2,
    message: /feeds\/google.yaml: \/output\/path: '..\/catalog.csv' is outside the output folder/,
  },
  'an output path with ../..': {
    files: { 'feeds/google.yaml': GOOGLE_FEED.replace('path: google.xml', 'path: sub/../../../x.xml') },
    code: 2,
    message: /is outside the output folder/,
  },
  'an absolute output path': {
    files: { 'feeds/google.yaml': GOOGLE_FEED.replace('path: google.xml', 'path: /tmp/google.xml') },
    code: 2,
    message: /'\/tmp\/google.xml' is outside the output folder/,
  },
  'an output named like the run report': {
    files: { 'feeds/google.yaml': GOOGLE_FEED.replace('path: google.xml', 'path: omnifeed-report.json') },
    code: 2,
    message: /'omnifeed-report.json' is a file omnifeed writes itself/,
  },
  'an output named like the manifest': {
    files: { 'feeds/google.yaml': GOOGLE_FEED.replace('path: google.xml', 'path: ./omnifeed-manifest.json') },
    code: 2,
    message: /is a file omnifeed writes itself/,
  },
  'two feeds with one output path': {
    files: { 'feeds/google2.yaml': GOOGLE_FEED.replace('path: google.xml', 'path: ./google.xml') },
    code: 2,
    message: /feeds\/google2.yaml: \/output\/path: '.\/google.xml' is also the output of feeds\/google.yaml/,
  },
  'an output folder holding the catalog': {
    files: config('output: .'),
    code: 2,
    message: /\/output: the output folder '.' would hold omnifeed.yaml/,
  },
  'an output folder that is the feeds folder': {
    files: config('output: feeds'),
    code: 2,
    message: /the output folder 'feeds' would hold feeds/,
  },
  // the command line and the environment
  'an unknown feed': { args: ['build', 'nope'], code: 2, message: /FEED_UNKNOWN: no feed 'nope' \(defined: google\)/ },
  '--now on a day that does not exist': {
    args: ['build', '--now', '2026-02-31'],
    code: 2,
    message: /USAGE: --now: '2026-02-31' is not a date/,
  },
  '--now that is not a date': { args: ['build', '--now', 'tomorrow'], code: 2, message: /USAGE: --now: 'tomorrow' is not a date/ },
  '--now at hour 25': { args: ['build', '--now', '2026-11-23T25:00Z'], code: 2, message: /USAGE: --now/ },
  'SOURCE_DATE_EPOCH that is not a number': {
    env: { SOURCE_DATE_EPOCH: 'yesterday' },
    code: 2,
    message: /USAGE: SOURCE_DATE_EPOCH: 'yesterday' is not a whole number of seconds/,
  },
  'SOURCE_DATE_EPOCH with a fraction': { env: { SOURCE_DATE_EPOCH: '1795392000.5' }, code: 2, message: /USAGE: SOURCE_DATE_EPOCH/ },
  'SOURCE_DATE_EPOCH out of range': { env: { SOURCE_DATE_EPOCH: '999999999999999' }, code: 2, message: /USAGE: SOURCE_DATE_EPOCH/ },
  'an unknown option': { args: ['build', '--bogus'], code: 2, message: /^omnifeed: USAGE: unknown option '--bogus'$/m },
  'a bad --fail-on': { args: ['build', '--fail-on', 'sometimes'], code: 2, message: /argument 'sometimes' is invalid/ },
  // the output folder
  'a feed file that is a folder': {
    edit: (dir) => folderAt(dir, 'out/google.xml'),
    code: 2,
    message: /OUTPUT_FAILED: out\/google.xml: cannot replace \(EISDIR: it is a folder\)/,
  },
  'the report that is a folder': {
    edit: (dir) => folderAt(dir, 'out/omnifeed-report.json'),
    code: 2,
    message: /OUTPUT_FAILED: out\/omnifeed-report.json: cannot replace \(EISDIR/,
  },
  'an output folder that is a file': {
    files: config('output: catalog.csv/out'),
    code: 2,
    message: /OUTPUT_FAILED: catalog.csv\/out: cannot create the output folder \(ENOTDIR/,
  },
  'a path component of a feed file that is a file': {
    files: { ...feed(''), 'feeds/google.yaml': GOOGLE_FEED.replace('path: google.xml', 'path: google.xml/inner.xml') },
    code: 2,
    message: /OUTPUT_FAILED: out\/google.xml: cannot create the folder \(E(EXIST|NOTDIR)/,
  },
  'omnifeed.yaml that is a folder': {
    edit: (dir) => folderAt(dir, 'omnifeed.yaml'),
    code: 2,
    message: /CONFIG_NOT_FOUND: omnifeed.yaml: cannot read \(EISDIR\)/,
  },
  'feeds/ that is a file': {
    edit: (dir) => {
      rmSync(path.join(dir, 'feeds'), { recursive: true });
      writeFileSync(path.join(dir, 'feeds'), 'x');
    },
    code: 2,
    message: /CONFIG_NOT_FOUND: feeds\/: not found/,
  },
  // the catalog as a whole
  'an empty catalog': { files: catalog(''), code: 2, message: /CATALOG_UNREADABLE: catalog.csv: the file is empty/ },
  'a missing catalog': { files: { 'catalog.csv': null }, code: 2, message: /CATALOG_UNREADABLE: catalog.csv: file not found/ },
  'a catalog that is a folder': {
    edit: (dir) => folderAt(dir, 'catalog.csv'),
    code: 2,
    message: /CATALOG_UNREADABLE: catalog.csv: file not found/,
  },
  'a catalog without its SKU column': {
    files: catalog('title,price\nT,1.00\n'),
    code: 2,
    message: /CATALOG_COLUMNS: catalog.csv: missing column 'sku'/,
  },
  'a mapped column the header lacks': {
    files: { 'omnifeed.yaml': 'catalog: { path: catalog.csv, currency: USD, columns: { cost: Cost } }\n' },
    code: 2,
    message: /missing column 'Cost' \(for cost\)/,
  },
  'a column mapped onto no canonical field': {
    files: { 'omnifeed.yaml': 'catalog: { path: catalog.csv, columns: { prise: Price } }\n' },
    code: 2,
    message: /\/catalog\/columns\/prise: not a canonical field/,
  },
  'a JSON catalog that is not an array': {
    files: { 'omnifeed.yaml': 'catalog: { path: catalog.json }\n', 'catalog.json': '{"sku": "A-1"}' },
    code: 2,
    message: /CATALOG_UNREADABLE: catalog.json: not a JSON array of objects/,
  },
  'an inventory without its quantity column': {
    files: { ...config('inventory: { path: inventory.csv }'), 'inventory.csv': 'sku,location\nA-1,w\n' },
    code: 2,
    message: /CATALOG_COLUMNS: inventory.csv: missing column 'quantity'/,
  },
  // rows: the build goes on, and says what it left out
  'a stray quote that swallows the next rows': {
    files: catalog(`${HEADER}\n${ROW('A-1')}\nA-2,"Bottle 12" wide,x,1.00,1,u,i,b,\n${ROW('A-3')}\n`),
    code: 1,
    message: /csv-unreadable-row\] A-3: line 4 skipped/,
  },
  'bytes that are not UTF-8': {
    edit: (dir) =>
      writeFileSync(
        path.join(dir, 'catalog.csv'),
        Buffer.concat([
          Buffer.from(`${HEADER}\n${ROW('A-1')}\nA-2,Caf`),
          Buffer.from([0xe9]),
          Buffer.from(`${ROW('A-2').slice('A-2,Bottle A-2'.length)}\n`),
        ]),
      ),
    code: 1,
    message: /catalog.csv:3 \(title\) \[text-invalid-utf8\] A-2 title: line 3, column 'title', character 4/,
  },
  'a negative quantity': {
    files: catalog(`${HEADER}\n${ROW('A-1').replace(',20.00,3,', ',20.00,-5,')}\n`),
    code: 1,
    message: /\[bad-integer\] A-1 quantity: quantity: -5 is negative/,
  },
  'a quantity in exponent notation': {
    files: catalog(`${HEADER}\n${ROW('A-1').replace(',20.00,3,', ',20.00,1e3,')}\n`),
    code: 1,
    message: /\[bad-integer\] A-1 quantity: quantity: '1e3' is not a whole number/,
  },
  'a quantity in hex': {
    files: catalog(`${HEADER}\n${ROW('A-1').replace(',20.00,3,', ',20.00,0x10,')}\n`),
    code: 1,
    message: /\[bad-integer\] A-1 quantity: quantity: '0x10' is not a whole number/,
  },
  'a price in exponent notation': {
    files: catalog(`${HEADER}\n${ROW('A-1').replace(',20.00,3,', ',2e1,3,')}\n`),
    code: 1,
    message: /\[bad-number\] A-1 price: price: '2e1' is not a number/,
  },
  'a sale that starts on 30 February': {
    files: catalog(`${HEADER},sale_price,sale_start\n${ROW('A-1')},15.00,2026-02-30\n`),
    code: 1,
    message: /\[bad-date\] A-1 sale_start: sale_start: '2026-02-30' is not an ISO 8601 date of a day that exists/,
  },
  'a price and a currency column in two currencies': {
    files: catalog(`${HEADER},currency\n${ROW('A-1').replace('20.00', '20.00 EUR')},USD\n`),
    code: 1,
    message: /\[currency-conflict\] A-1 currency: money in different currencies: currency USD, price EUR/,
  },
  'a price in another currency than the feed': {
    files: catalog(`${HEADER}\n${ROW('A-1').replace('20.00', '29.00 EUR')}\n`),
    code: 1,
    message: /\[currency-mismatch\] A-1 price: the product is priced in EUR, the feed in USD/,
  },
  'a duplicate SKU': {
    files: catalog(`${HEADER}\n${ROW('A-1')}\n${ROW('A-1')}\n`),
    code: 1,
    message: /\[duplicate-sku\] A-1 sku: SKU 'A-1' appears again/,
  },
  'a row without a SKU': { files: catalog(`${HEADER}\n${ROW('A-1')}\n${ROW('')}\n`), code: 1, message: /\[sku-missing\]/ },
  'a variant whose parent is missing': {
    files: catalog(`${HEADER},parent_sku\n${ROW('A-1')},GONE\n`),
    code: 1,
    message: /\[parent-missing\] A-1 parent_sku: variant 'A-1' names parent 'GONE'/,
  },
  'a yes/no value that is neither': {
    files: catalog(`${HEADER},handmade\n${ROW('A-1')},maybe\n`),
    code: 1,
    message: /\[bad-boolean\] A-1 handmade/,
  },
  'a weight in an unknown unit': {
    files: catalog(`${HEADER},weight\n${ROW('A-1')},3 stone\n`),
    code: 1,
    message: /\[bad-unit\] A-1 weight: weight: unknown unit 'stone'/,
  },
  'a weight without a unit': { files: catalog(`${HEADER},weight\n${ROW('A-1')},3\n`), code: 1, message: /\[unit-missing\] A-1 weight/ },
  'an inventory row with a quantity of 1e3': {
    files: { ...config('inventory: { path: inventory.csv }'), 'inventory.csv': 'sku,location,quantity\nA-1,w,1e3\n' },
    code: 1,
    message: /\[inventory-bad-row\] A-1: needs a SKU, a location and a whole quantity ≥ 0; got 'A-1', 'w', '1e3'/,
  },
  'an NDJSON line that is not JSON': {
    files: { 'omnifeed.yaml': 'catalog: { path: catalog.ndjson }\n', 'catalog.ndjson': '{"sku":"A-1","price":1}\n{oops\n' },
    code: 1,
    message: /catalog.ndjson:2 \[json-unreadable-row\] line 2 skipped/,
  },
  // currencies and prices
  'a market in another currency than the catalog, without a rate': {
    files: { 'feeds/google.yaml': GOOGLE_FEED.replace('currency: USD', 'currency: EUR') },
    code: 2,
    message: /\/market\/currency: the market is in EUR, the catalog in USD/,
  },
  'a rates file that is not there': {
    files: feed('pricing: { rates: rates.csv }'),
    code: 2,
    message: /CONFIG_NOT_FOUND: feeds\/rates.csv: file not found/,
  },
  'a rates file with a rate of zero': {
    files: { ...feed('pricing: { rates: rates.csv }'), 'feeds/rates.csv': 'currency,rate\nEUR,0\n' },
    code: 2,
    message: /feeds\/rates.csv:2: needs a currency code and a rate > 0/,
  },
  'an exchange rate of zero': { files: feed('pricing: { exchange_rate: 0 }'), code: 2, message: /\/pricing\/exchange_rate: must be > 0/ },
  'a round_to that is not a price ending': {
    files: feed('pricing: { round_to: "0.9" }'),
    code: 2,
    message: /\/pricing\/round_to: must match pattern/,
  },
  'a fee of 100 percent': { files: feed('pricing: { fee_percent: 100 }'), code: 2, message: /\/pricing\/fee_percent: must be < 100/ },
  // names in expressions and templates
  'a typo in a template': {
    files: feed('fields: { custom_label_0: "{{ margn_band }}" }'),
    code: 2,
    message:
      /feeds\/google.yaml: \/fields\/custom_label_0: unknown name 'margn_band' in "\{\{ margn_band \}\}" \(did you mean 'margin_band'\?\)/,
  },
  'a typo behind a short circuit': {
    files: feed(`select: { include: "status == 'active' and wieght_kg > 1" }`),
    code: 2,
    message: /\/select\/include: unknown name 'wieght_kg' .*did you mean 'weight_kg'/,
  },
  'a typo in an exclude rule': {
    files: feed('select: { exclude: [{ when: "brnd == \'x\'", reason: no-x }] }'),
    code: 2,
    message: /\/select\/exclude\/0\/when: unknown name 'brnd'.*did you mean 'brand'/,
  },
  'a bare word meant as text': {
    files: feed('select: { include: "status == active" }'),
    code: 2,
    message: /unknown name 'active' .*text values take quotes/,
  },
  'an expression that does not parse': {
    files: feed('select: { include: "status ==" }'),
    code: 2,
    message: /\/select\/include: cannot read expression/,
  },
  'a template that does not parse': {
    files: feed('fields: { title: "{{#if brand}}" }'),
    code: 2,
    message: /\/fields\/title: cannot read template/,
  },
  'a helper that does not exist': {
    files: feed('fields: { title: "{{ shout title }}" }'),
    code: 2,
    message: /\/fields\/title: cannot read template .*Missing helper/,
  },
  'a category map that is not there': {
    files: feed('categories: maps/none.csv'),
    code: 2,
    message: /CONFIG_NOT_FOUND: feeds\/maps\/none.csv: file not found/,
  },
  // channels
  'an Amazon feed without a seller id': {
    files: {
      'feeds/amazon.yaml': 'channel: amazon\nmarket: { country: US, language: en, currency: USD }\noutput: { path: amazon.json }\n',
    },
    code: 2,
    message: /feeds\/amazon.yaml: \/options\/seller_id: no seller id.*AMAZON_SELLER_ID/,
  },
  'an unknown channel option': { files: feed('options: { titel: x }'), code: 2, message: /\/options: unknown key 'titel'/ },
  // other commands
  'explain of a SKU that is not there': { args: ['explain', 'NOPE'], code: 2, message: /SKU_UNKNOWN: no product 'NOPE' in catalog.csv/ },
  'explain without a SKU': { args: ['explain'], code: 2, message: /^omnifeed: USAGE: missing required argument 'sku'$/m },
  'init in a workspace': { args: ['init'], code: 2, message: /WORKSPACE_EXISTS: .*already has omnifeed.yaml, feeds/ },
  'validate with a broken config': {
    files: { 'omnifeed.yaml': 'catalog: [\n' },
    args: ['validate'],
    code: 2,
    message: /CONFIG_INVALID: omnifeed.yaml:\d+:\d+: invalid YAML/,
  },
  'an unknown command': { args: ['biuld'], code: 2, message: /^omnifeed: USAGE: unknown command 'biuld' \(Did you mean build\?\)$/m },
};

/** Replace a file of the workspace by a folder (with a file in it, so it is not empty). */
function folderAt(dir: string, file: string): void {
  rmSync(path.join(dir, file), { force: true });
  mkdirSync(path.join(dir, file), { recursive: true });
  writeFileSync(path.join(dir, file, 'keep'), '');
}

describe('bad input', () => {
  it.each(Object.entries(cases))('%s', async (_name, c) => {
    const ws = tempWorkspace(BASE);
    try {
      expect((await inProcess(ws.dir, ['build'])).code).toBe(0);
      for (const [file, text] of Object.entries(c.files ?? {})) {
        if (text === null) rmSync(path.join(ws.dir, file));
        else {
          mkdirSync(path.dirname(path.join(ws.dir, file)), { recursive: true });
          writeFileSync(path.join(ws.dir, file), text);
        }
      }
      c.edit?.(ws.dir);
      const out = path.join(ws.dir, 'out');
      const before = snapshot(out);
      const result = await inProcess(ws.dir, c.args ?? ['build'], c.env);
      expect(result.code, result.stderr).toBe(c.code);
      expect(`${result.stderr}${result.stdout}`).toMatch(c.message);
      expect(result.stderr).not.toMatch(/\n\s+at /);
      if (c.code >= 2) {
        expect(result.stderr.trim().split('\n'), result.stderr).toHaveLength(1);
        expect(result.stdout).toBe('');
        expect(snapshot(out)).toEqual(before);
      }
    } finally {
      ws.dispose();
    }
  });
});
