import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli.js';
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
  'an unknown option': { args: ['build', '--bogus'], code: 2, message: /unknown option '--bogus'/ },
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
};

/** Replace a file of the workspace by a folder (with a file in it, so it is not empty). */
function folderAt(dir: string, file: string): void {
  rmSync(path.join(dir, file), { force: true });
  mkdirSync(path.join(dir, file), { recursive: true });
  writeFileSync(path.join(dir, file, 'keep'), '');
}

/** Every file under `dir`: relative path -> bytes (latin1). */
function snapshot(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (entry.isFile())
      out[path.relative(dir, path.join(entry.parentPath, entry.name))] = readFileSync(path.join(entry.parentPath, entry.name), 'latin1');
  }
  return out;
}

async function cli(dir: string, args: string[], env: Record<string, string> = {}) {
  let stdout = '';
  let stderr = '';
  const code = await main(args, {
    stdout: { write: (s: string) => ((stdout += s), true) } as never,
    stderr: { write: (s: string) => ((stderr += s), true) } as never,
    env: { CI: 'true', SOURCE_DATE_EPOCH: '1795392000', ...env },
    cwd: dir,
  });
  return { code, stdout, stderr };
}

describe('bad input', () => {
  it.each(Object.entries(cases))('%s', async (_name, c) => {
    const ws = tempWorkspace(BASE);
    try {
      expect((await cli(ws.dir, ['build'])).code).toBe(0);
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
      const result = await cli(ws.dir, c.args ?? ['build'], c.env);
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
