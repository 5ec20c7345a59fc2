import { describe, expect, it } from 'vitest';
import { OmnifeedError } from '../../src/errors.js';
import { compileCondition, compileTemplate } from '../../src/pipeline/expressions.js';

const known = (name: string) => ['status', 'margin', 'weight_kg', 'tags', 'brand', 'title', 'size'].includes(name);

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

  it('refuses an unknown name, naming where it is', () => {
    const condition = compileCondition('stauts == "active"', 'feeds/g.yaml: /select/include', known);
    expect(() => condition({ status: 'active' })).toThrow(OmnifeedError);
    expect(() => condition({ status: 'active' })).toThrow(/feeds\/g.yaml: \/select\/include: unknown name 'stauts'/);
  });

  it('refuses an expression it cannot read at compile time', () => {
    expect(() => compileCondition('status ==', 'f.yaml', known)).toThrow(/f.yaml: cannot read expression/);
  });
});

describe('field templates', () => {
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

describe('field templates without helpers', () => {
  it.each([
    ['{{ brand }} {{ title }}', { brand: 'A', title: 'B' }, 'A B'],
    ['{{[Country of Origin]}}-{{ size }}', { 'Country of Origin': 'PT', size: 0 }, 'PT-0'],
    ['{{ tags }}|{{ missing }}|{{ on_sale }}', { tags: ['a', 'b'], on_sale: false }, 'a,b||false'],
    ['{{ attributes.fit }} {{! a comment }}x', { attributes: { fit: 'slim' } }, 'slim x'],
    ['{{ constructor }}{{ toString }}', {}, ''],
    ['  {{~ brand ~}}  !', { brand: 'A' }, 'A!'],
  ])('%s renders as Handlebars does', (text, scope, expected) => {
    expect(compileTemplate(text, 'f')(scope)).toBe(expected);
    const viaHandlebars = compileTemplate(`${text}{{#if true}}{{/if}}`, 'f');
    expect(viaHandlebars(scope)).toBe(expected);
  });
});
