import { copyFileSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { Ajv } from 'ajv';
import { afterAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { CHANNELS } from '../../src/channels/index.js';
import { init } from '../../src/commands/init.js';
import { schemaFiles } from '../../src/config/json-schemas.js';
import { repoRoot, tempWorkspace } from '../helpers/workspace.js';

const shipped = (name: string) => readFileSync(path.join(repoRoot, 'schema', name), 'utf8');
const demoFeeds = readdirSync(path.join(repoRoot, 'feeds')).filter((f) => f.endsWith('.yaml'));

describe('the JSON Schemas in schema/', () => {
  it('are what the loader validates with, freshly generated (npm run schemas writes them)', () => {
    const fresh = schemaFiles(CHANNELS);
    expect(Object.keys(fresh).sort()).toEqual(readdirSync(path.join(repoRoot, 'schema')).sort());
    for (const [name, text] of Object.entries(fresh)) expect([name, shipped(name)]).toEqual([name, text]);
  });

  // an independent validator (a fresh, strict ajv) reads the shipped files as an editor would
  const ajv = new Ajv({ allErrors: true, strict: false });
  const feed = ajv.compile(JSON.parse(shipped('feed.schema.json')));
  const workspace = ajv.compile(JSON.parse(shipped('omnifeed.schema.json')));
  const yaml = (file: string) => parse(readFileSync(path.join(repoRoot, file), 'utf8'));

  it('accept the demo workspace, each feed with its channel, formats and options', () => {
    expect(workspace(yaml('omnifeed.yaml')), JSON.stringify(workspace.errors)).toBe(true);
    expect(demoFeeds.map((f) => f.replace('.yaml', ''))).toEqual(['amazon-us', 'ebay-us', 'etsy', 'google-us', 'meta-us']);
    for (const file of demoFeeds) expect([file, feed(yaml(`feeds/${file}`)), feed.errors]).toEqual([file, true, null]);
    expect(JSON.parse(shipped('feed.schema.json')).properties.channel.enum).toEqual(CHANNELS.map((c) => c.name));
  });

  it("refuse what the loader refuses: another channel's option, a format the channel does not write, an unknown key", () => {
    const google = yaml('feeds/google-us.yaml');
    expect(feed({ ...google, options: { ...google.options, site: 'US' } })).toBe(false);
    expect(feed.errors!.some((e) => e.instancePath === '/options' && e.keyword === 'additionalProperties')).toBe(true);
    expect(feed({ ...google, output: { path: 'g.csv', format: 'csv' } })).toBe(false);
    expect(feed({ ...google, channel: 'shopify' })).toBe(false);
    expect(workspace({ ...yaml('omnifeed.yaml'), allocation: { pooled: { 'google-us': '40%' } } })).toBe(true);
    expect(workspace({ ...yaml('omnifeed.yaml'), allocation: { pooled: { 'google-us': '140%' } } })).toBe(false);
    expect(workspace({ ...yaml('omnifeed.yaml'), outputs: 'out' })).toBe(false);
  });
});

describe('the yaml-language-server line', () => {
  const ws = tempWorkspace({});
  afterAll(() => ws.dispose());

  it('starts the demo files and the files init writes, and names a schema file that is there', async () => {
    await init({ cwd: ws.dir });
    for (const root of [repoRoot, ws.dir]) {
      for (const file of ['omnifeed.yaml', ...demoFeeds.map((f) => `feeds/${f}`)]) {
        const first = readFileSync(path.join(root, file), 'utf8').split('\n')[0];
        const match = /^# yaml-language-server: \$schema=(.+)$/.exec(first);
        expect([file, match?.[1]]).toEqual([
          file,
          file === 'omnifeed.yaml' ? './schema/omnifeed.schema.json' : '../schema/feed.schema.json',
        ]);
        expect(readFileSync(path.resolve(root, path.dirname(file), match![1]), 'utf8')).toBe(shipped(path.basename(match![1])));
      }
    }
  });

  it('starts the omnifeed.yaml init --from writes for a database, which the shipped schema accepts', async () => {
    const db = tempWorkspace({});
    try {
      copyFileSync(path.join(repoRoot, 'examples/catalog.db'), path.join(db.dir, 'shop.db'));
      const files = await init({ cwd: db.dir, from: 'sqlite:shop.db', table: 'products' });
      expect(files).toEqual(
        expect.arrayContaining(['omnifeed.yaml', path.join('schema', 'omnifeed.schema.json'), path.join('schema', 'feed.schema.json')]),
      );
      expect(db.read('omnifeed.yaml').split('\n')[0]).toBe('# yaml-language-server: $schema=./schema/omnifeed.schema.json');
      const validate = new Ajv({ allErrors: true, strict: false }).compile(JSON.parse(db.read('schema/omnifeed.schema.json')));
      expect(validate(parse(db.read('omnifeed.yaml'))), JSON.stringify(validate.errors)).toBe(true);
    } finally {
      db.dispose();
    }
  });
});
