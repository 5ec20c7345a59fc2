import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { compileSchema } from '../../src/ajv.js';
import { catalogRules } from '../../src/catalog/rules.js';
import { CHANNELS } from '../../src/channels/index.js';
import { feedSchema, workspaceSchema } from '../../src/config/schema.js';
import { repoRoot } from '../helpers/workspace.js';

const folders = readdirSync(path.join(repoRoot, 'src/channels')).filter((f) =>
  statSync(path.join(repoRoot, 'src/channels', f)).isDirectory(),
);

describe('channel registry', () => {
  it('registers every channel folder, sorted by name', () => {
    expect(CHANNELS.map((c) => c.name)).toEqual([...folders].sort());
  });

  it.each(CHANNELS.map((c) => [c.name, c] as const))('%s describes its formats, variants and every rule', (_, channel) => {
    expect(channel.formats.length).toBeGreaterThan(0);
    expect(channel.variants.length).toBeGreaterThan(10);
    expect(Object.keys(channel.rules).length).toBeGreaterThan(0);
    for (const [id, rule] of Object.entries(channel.rules)) {
      expect(id).toMatch(/^[a-z0-9_]+(-[a-z0-9_]+)*$/);
      expect(['error', 'warning']).toContain(rule.severity);
      expect(rule.description.length).toBeGreaterThan(10);
    }
    if (channel.optionsSchema) expect(() => compileSchema(channel.optionsSchema!)).not.toThrow();
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
