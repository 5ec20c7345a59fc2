import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { compileSchema } from '../../src/ajv.js';
import { catalogRules } from '../../src/catalog/rules.js';
import { CHANNELS } from '../../src/channels/index.js';
import { channels } from '../../src/commands/channels.js';
import { feedSchema, workspaceSchema } from '../../src/config/schema.js';
import { repoRoot } from '../helpers/workspace.js';

/** channel folders: every folder of src/channels but the shared rule kit and the shared file formats */
const folders = readdirSync(path.join(repoRoot, 'src/channels')).filter(
  (f) => !['kit', 'formats'].includes(f) && statSync(path.join(repoRoot, 'src/channels', f)).isDirectory(),
);
/** the files every channel folder has */
const SHAPE = ['index.ts', 'map.ts', 'options.ts', 'rules.ts', 'spec.ts', 'types.ts', 'writer.ts'];

describe('channel registry', () => {
  it('registers every channel folder, sorted by name', () => {
    expect(CHANNELS.map((c) => c.name)).toEqual([...folders].sort());
  });

  it.each(CHANNELS.map((c) => [c.name, c] as const))('%s describes its formats, variants and every rule', (_, channel) => {
    expect(channel.formats.length).toBeGreaterThan(0);
    expect(channel.variants.length).toBeGreaterThan(10);
    expect(channel.rules.length).toBeGreaterThan(0);
    for (const rule of channel.rules) {
      expect(rule.id).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
      expect(['error', 'warning']).toContain(rule.severity);
      expect(rule.description.length).toBeGreaterThan(10);
    }
    const ids = channel.rules.map((r) => r.id);
    expect(ids.filter((id, i) => ids.indexOf(id) !== i)).toEqual([]);
    if (channel.optionsSchema) expect(() => compileSchema(channel.optionsSchema!)).not.toThrow();
  });

  it.each(folders.map((f) => [f]))('%s has the shape of every channel folder', (folder) => {
    const files = readdirSync(path.join(repoRoot, 'src/channels', folder));
    expect(files).toEqual(expect.arrayContaining(SHAPE));
  });

  it('gives one meaning one id: a rule id shared by channels has one severity kind of check (fix, check or group)', () => {
    const kind = (rule: object) => ('fix' in rule ? 'fix' : 'checkGroup' in rule ? 'group' : 'check');
    const seen = new Map<string, string>();
    for (const rule of CHANNELS.flatMap((c) => c.rules)) {
      expect(seen.get(rule.id) ?? kind(rule)).toBe(kind(rule));
      seen.set(rule.id, kind(rule));
    }
  });

  it('lists every rule in `omnifeed channels --json`, from the objects the validate stage runs', async () => {
    const list = await channels();
    for (const channel of CHANNELS) {
      const shown = list.find((c) => c.name === channel.name)!;
      expect(shown.rules).toEqual(channel.rules.map(({ id, severity, description }) => ({ id, severity, description })));
    }
  });

  it("is the README's channel table", () => {
    const readme = readFileSync(path.join(repoRoot, 'README.md'), 'utf8');
    const table = readme.slice(readme.indexOf('## Channels'), readme.indexOf('### ', readme.indexOf('## Channels')));
    const rows = [...table.matchAll(/^\| ([a-z]+) \| ([a-z, ]+) \|/gm)]
      .map((m) => [m[1], m[2].split(', ')])
      .filter(([name]) => name !== 'channel');
    expect(rows.sort()).toEqual(CHANNELS.map((c) => [c.name, [...c.formats]]));
  });

  it('describes every catalog rule', () => {
    for (const [id, rule] of Object.entries(catalogRules)) {
      expect(id).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
      expect(rule.description.length).toBeGreaterThan(10);
    }
  });

  it('compiles the config schemas', () => {
    expect(() => compileSchema(workspaceSchema)).not.toThrow();
    expect(() => compileSchema(feedSchema)).not.toThrow();
  });
});
