import { describe, expect, it } from 'vitest';
import { OmnifeedError } from '../../src/errors.js';
import { compileCondition, compileTemplate } from '../../src/pipeline/expressions.js';

const NAMES = ['status', 'margin', 'weight_kg', 'tags', 'brand', 'title', 'size', 'margin_band', 'Country of Origin'];
const known = (name: string) => NAMES.includes(name);
const knownWithList = Object.assign(known, { candidates: () => NAMES });

describe('select expressions', () => {
  it.each([
    ["status == 'active'", { status: 'active' }, true],
    ['status == "active"', { status: 'draft' }, false],
    ['weight_kg > 30', { weight_kg: 31 }, true],
    ['margin < 0.15', { margin: null }, false],
    ['margin < 0.15', { margin: 0.1 }, true],
    ["status in ('active', 'preorder') and not (weight_kg >= 30)", { status: 'preorder', weight_kg: 2 }, true],
    ["'sale' in tags", { tags: ['new', 'sale'] }, true],
    ["contains(tags, 'sale') or lower(status) == 'active'", { tags: [], status: 'ACTIVE' }, true],
    ['margin < 0.15', {}, false],
  ])('%s on %j is %s', (text, scope, expected) => {
    expect(compileCondition(text, 'feed.yaml', known)(scope)).toBe(expected);
  });

  it('refuses an unknown name when compiled, naming where it is and the name it is closest to', () => {
    const compile = () => compileCondition('stauts == "active"', 'feeds/g.yaml: /select/include', knownWithList);
    expect(compile).toThrow(OmnifeedError);
    expect(compile).toThrow(
      /^feeds\/g.yaml: \/select\/include: unknown name 'stauts' in "stauts == "active"" \(did you mean 'status'\?\)$/,
    );
  });

  it.each([
    ["status == 'active' and margn < 0.2", 'margn', 'margin'],
    ["status == 'x' or not (wieght_kg > 3)", 'wieght_kg', 'weight_kg'],
    ["status in ('a', 'b') and brnd == 'x'", 'brnd', 'brand'],
    ["if status == 'a' then title else sise", 'sise', 'size'],
    ["lower(tilte) == 'x'", 'tilte', 'title'],
    ['active', 'active', undefined],
  ])('finds every name of %j before any product, even behind a short circuit', (text, name, suggestion) => {
    const message = suggestion ? `did you mean '${suggestion}'?` : `text values take quotes: '${name}'`;
    expect(() => compileCondition(text, 'f.yaml', knownWithList)).toThrow(`unknown name '${name}' in "${text}" (${message})`);
  });

  it('refuses an expression it cannot read at compile time', () => {
    expect(() => compileCondition('status ==', 'f.yaml', known)).toThrow(/f.yaml: cannot read expression/);
  });
});

describe('field templates', () => {
  it.each([
    ['{{ margn_band }}', "unknown name 'margn_band' in \"{{ margn_band }}\" (did you mean 'margin_band'?)"],
    [
      '{{ brand }} {{ [Country of Orgin] }}',
      "unknown name 'Country of Orgin' in \"{{ brand }} {{ [Country of Orgin] }}\" (did you mean 'Country of Origin'?)",
    ],
    ['{{#if brand}}{{ brnd }}{{/if}}', "unknown name 'brnd'"],
    ['{{ upper tilte }}', "unknown name 'tilte'"],
    ['{{ default size (lower sise) }}', "unknown name 'sise'"],
    ['{{ shout title }}', 'Missing helper: "shout"'],
    ['{{#shout title}}x{{/shout}}', 'Missing helper: "shout"'],
  ])('refuses %j when compiled', (text, message) => {
    expect(() => compileTemplate(text, 'f.yaml: /fields/title', knownWithList)).toThrow(message);
  });

  it('checks no names inside each and with, which read the value they iterate', () => {
    expect(compileTemplate('{{#each tags}}{{ this }} {{ name }}{{/each}}', 'f', knownWithList)({ tags: ['a'] })).toBe('a');
  });

  it('renders plain text, collapsing the gaps empty values leave', () => {
    const template = compileTemplate('{{ brand }} {{ title }} {{ size }}', 'f.yaml');
    expect(template({ brand: 'Acme & Co', title: '<Tee>', size: null })).toBe('Acme & Co <Tee>');
  });

  it('has truncate, upper, default and join helpers', () => {
    expect(
      compileTemplate(
        '{{upper (truncate title 5)}}|{{default size "One size"}}|{{join tags "/"}}',
        'f',
      )({ title: 'abcdefgh', tags: ['a', 'b'] }),
    ).toBe('ABCDE|One size|a/b');
  });

  it('refuses a template it cannot read', () => {
    expect(() => compileTemplate('{{#if x}}', 'f.yaml: /fields/title')).toThrow(/f.yaml: \/fields\/title: cannot read template/);
  });
});

describe('field templates of values and defaults', () => {
  it.each([
    ['{{ brand }} {{ title }}', { brand: 'A', title: 'B' }, 'A B'],
    ['{{[Country of Origin]}}-{{ size }}', { 'Country of Origin': 'PT', size: 0 }, 'PT-0'],
    ['{{ tags }}|{{ missing }}|{{ on_sale }}', { tags: ['a', 'b'], on_sale: false }, 'a,b||false'],
    ['{{ attributes.fit }} {{! a comment }}x', { attributes: { fit: 'slim' } }, 'slim x'],
    ['{{ constructor }}{{ toString }}', {}, ''],
    ['  {{~ brand ~}}  !', { brand: 'A' }, 'A!'],
    ["{{ default brand 'Acme' }}|{{ default mpn 'n/a' }}", { brand: 'B', mpn: '' }, 'B|n/a'],
    ["{{ default a 'x' }}|{{ default b 'y' }}|{{ default c 'z' }}|{{ default d 'w' }}", { a: 0, b: false, c: null }, '0|false|z|w'],
    ['{{ default attributes.fit 7 }} {{ default tags "none" }}', { attributes: {}, tags: ['a', 'b'] }, '7 a,b'],
  ])('%s renders as Handlebars does', (text, scope, expected) => {
    expect(compileTemplate(text, 'f')(scope)).toBe(expected);
    const viaHandlebars = compileTemplate(`${text}{{#if true}}{{/if}}`, 'f');
    expect(viaHandlebars(scope)).toBe(expected);
  });
});
