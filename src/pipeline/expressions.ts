import { compileExpression } from 'filtrex';
import Handlebars from 'handlebars';
import { OmnifeedError } from '../errors.js';
import { namesIn, unknownName, type KnownNames } from './names.js';

/** Values an expression or template sees: the product's fields, derived values and attributes. */
export type Scope = Record<string, unknown>;

/** Comparisons with a missing value are false, as in SQL: `margin < 0.15` does not match a product without cost. */
const defined = (a: unknown, b: unknown) => a !== null && a !== undefined && b !== null && b !== undefined;
// filtrex compares whatever the product holds (numbers, strings, dates): `<` on two values of one kind
/* eslint-disable @typescript-eslint/no-explicit-any */
const operators = {
  '==': (a: unknown, b: unknown) => a === b || (a == null && b == null),
  '!=': (a: unknown, b: unknown) => !(a === b || (a == null && b == null)),
  '<': (a: any, b: any) => defined(a, b) && a < b,
  '<=': (a: any, b: any) => defined(a, b) && a <= b,
  '>': (a: any, b: any) => defined(a, b) && a > b,
  '>=': (a: any, b: any) => defined(a, b) && a >= b,
};
/* eslint-enable @typescript-eslint/no-explicit-any */
const extraFunctions = {
  lower: (s: unknown) => (s == null ? s : String(s).toLowerCase()),
  upper: (s: unknown) => (s == null ? s : String(s).toUpperCase()),
  len: (s: unknown) => (s == null ? 0 : Array.isArray(s) ? s.length : String(s).length),
  starts: (s: unknown, prefix: unknown) => s != null && String(s).startsWith(String(prefix)),
  contains: (s: unknown, part: unknown) => s != null && (Array.isArray(s) ? s.includes(part) : String(s).includes(String(part))),
};

export type Condition = (scope: Scope) => boolean;

/**
 * Compile a select expression once (filtrex: compiled to a function, no eval of user text).
 * `'single quotes'` are strings, as in SQL; an unknown bare name is a config error, so a typo
 * never silently turns a rule off. `isKnown` tells which names a scope may lack (attributes).
 */
export function compileCondition(text: string, where: string, isKnown: KnownNames): Condition {
  let fn: (scope: Scope) => unknown;
  try {
    fn = compileExpression(text, {
      operators,
      extraFunctions,
      customProp: (name: string, get: (name: string) => unknown, scope: Scope, type: string) => {
        if (type === 'single-quoted') return name;
        if (name in scope) return get(name);
        if (isKnown(name)) return null;
        throw unknownName(name, where, text, isKnown, ` (text values take quotes: '${name}')`);
      },
    }) as (scope: Scope) => unknown;
  } catch (error) {
    throw new OmnifeedError('CONFIG_INVALID', `${where}: cannot read expression "${text}": ${(error as Error).message.split('\n')[0]}`);
  }
  // every name is checked now, not when a product first reaches it (`a and typo > 1`)
  for (const name of namesIn(text, Object.keys(extraFunctions))) {
    if (!isKnown(name)) throw unknownName(name, where, text, isKnown, ` (text values take quotes: '${name}')`);
  }
  return (scope) => {
    const result = fn(scope);
    if (result instanceof Error) {
      if (result instanceof OmnifeedError) throw result;
      throw new OmnifeedError('CONFIG_INVALID', `${where}: "${text}": ${result.message}`);
    }
    return result === true || (typeof result === 'number' && result !== 0);
  };
}

export type Template = (scope: Scope) => string;

const handlebars = Handlebars.create();
handlebars.registerHelper({
  truncate: (value: unknown, length: number) => {
    const s = value == null ? '' : String(value);
    return s.length <= length ? s : s.slice(0, length);
  },
  upper: (value: unknown) => (value == null ? '' : String(value).toUpperCase()),
  lower: (value: unknown) => (value == null ? '' : String(value).toLowerCase()),
  default: (value: unknown, fallback: unknown) => (value == null || value === '' ? fallback : value),
  join: (value: unknown, separator: unknown) =>
    Array.isArray(value) ? value.join(typeof separator === 'string' ? separator : ', ') : value,
});

/**
 * Compile a field template once (Handlebars, `{{ brand }} {{ title }}`; helpers truncate, upper,
 * lower, default, join). Output is plain text, not HTML-escaped; runs of spaces left by empty
 * values are collapsed and the result is trimmed.
 */
export function compileTemplate(text: string, where: string, isKnown?: KnownNames): Template {
  let render: HandlebarsTemplateDelegate;
  let program: hbs.AST.Program;
  try {
    program = handlebars.parse(text);
    render = handlebars.compile(text, { noEscape: true, strict: false, knownHelpersOnly: false });
    render({});
  } catch (error) {
    throw new OmnifeedError('CONFIG_INVALID', `${where}: cannot read template "${text}": ${(error as Error).message.split('\n')[0]}`);
  }
  if (isKnown) checkTemplateNames(program, text, where, isKnown);
  const fast = substitution(program);
  if (fast) return (scope) => fast(scope).replace(/ {2,}/g, ' ').trim();
  return (scope) => render(scope).replace(/ {2,}/g, ' ').trim();
}

/** A value in a template: a path of the scope, with `default`'s fallback when it is one. */
interface Value {
  path: string[];
  fallback?: unknown;
}

/**
 * Most field templates only put values in text (`{{ brand }} {{ title }}`), some with a fallback
 * (`{{ default brand 'Acme' }}`). For those, render from Handlebars' own parse tree, without its
 * runtime, which measured 13 µs a product for two templates; anything else (other helpers,
 * blocks, partials) goes through Handlebars.
 */
function substitution(program: hbs.AST.Program): Template | undefined {
  const parts: (string | Value)[] = [];
  for (const node of program.body) {
    if (node.type === 'ContentStatement') parts.push((node as hbs.AST.ContentStatement).value);
    else if (node.type === 'CommentStatement') continue;
    else if (node.type === 'MustacheStatement') {
      const value = valueOf(node as hbs.AST.MustacheStatement);
      if (!value) return undefined;
      parts.push(value);
    } else return undefined;
  }
  return (scope) => {
    let out = '';
    for (const part of parts) {
      if (typeof part === 'string') {
        out += part;
        continue;
      }
      let value: unknown = scope;
      for (const key of part.path)
        value = value != null && Object.hasOwn(value as object, key) ? (value as Record<string, unknown>)[key] : undefined;
      // the `default` helper's own test
      if ('fallback' in part && (value == null || value === '')) value = part.fallback;
      if (value != null) out += String(value);
    }
    return out;
  };
}

const isPlainPath = (node: hbs.AST.Expression): node is hbs.AST.PathExpression =>
  node.type === 'PathExpression' &&
  !(node as hbs.AST.PathExpression).data &&
  (node as hbs.AST.PathExpression).depth === 0 &&
  (node as hbs.AST.PathExpression).parts.length > 0;

/** `{{ path }}` or `{{ default path 'literal' }}`; undefined for anything else */
function valueOf(mustache: hbs.AST.MustacheStatement): Value | undefined {
  const { path, params, hash } = mustache;
  if (hash || !isPlainPath(path)) return undefined;
  if (params.length === 0) return handlebars.helpers[path.parts[0]] ? undefined : { path: path.parts };
  const [value, fallback] = params;
  if (path.original !== 'default' || params.length !== 2 || !isPlainPath(value) || handlebars.helpers[value.parts[0]]) return undefined;
  if (fallback.type !== 'StringLiteral' && fallback.type !== 'NumberLiteral') return undefined;
  return { path: value.parts, fallback: (fallback as hbs.AST.StringLiteral | hbs.AST.NumberLiteral).value };
}

const CONTEXT_HELPERS = new Set(['each', 'with']);

/**
 * Every name a template reads must be known: a typo
 * (`{{ margn_band }}`) would otherwise remove the attribute from every item without a word.
 * Names inside `each` and `with` blocks belong to the value they iterate, and are not checked.
 */
function checkTemplateNames(program: hbs.AST.Program, text: string, where: string, isKnown: KnownNames): void {
  const expression = (node: hbs.AST.Expression, inScope: boolean): void => {
    if (node.type === 'SubExpression') return call(node as hbs.AST.SubExpression, inScope);
    if (node.type !== 'PathExpression' || !inScope) return;
    const path = node as hbs.AST.PathExpression;
    if (path.data || path.depth > 0 || path.parts.length === 0 || /^(this|\.)/.test(path.original)) return;
    if (!isKnown(path.parts[0])) throw unknownName(path.parts[0], where, text, isKnown);
  };
  const call = (node: { path: hbs.AST.Expression; params: hbs.AST.Expression[]; hash?: hbs.AST.Hash }, inScope: boolean) => {
    const path = node.path as hbs.AST.PathExpression;
    // a helper that does not exist already failed the trial render: only names remain to check
    const isCall = node.params.length > 0 || (node.hash?.pairs.length ?? 0) > 0 || path.original in handlebars.helpers;
    if (!isCall) expression(node.path, inScope);
    for (const param of node.params) expression(param, inScope);
    for (const pair of node.hash?.pairs ?? []) expression(pair.value, inScope);
  };
  const walk = (body: hbs.AST.Statement[], inScope: boolean): void => {
    for (const node of body) {
      if (node.type === 'MustacheStatement') call(node as hbs.AST.MustacheStatement, inScope);
      else if (node.type === 'BlockStatement') {
        const block = node as hbs.AST.BlockStatement;
        call({ ...block, path: block.path }, inScope);
        const name = (block.path as hbs.AST.PathExpression).original;
        if (block.program) walk(block.program.body, inScope && !CONTEXT_HELPERS.has(name));
        if (block.inverse) walk(block.inverse.body, inScope);
      }
    }
  };
  walk(program.body, true);
}
