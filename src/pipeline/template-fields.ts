import Handlebars from 'handlebars';

type Node = { type: string; [key: string]: unknown };

/** The top-level names a `fields:` template reads (`{{ brand }} {{ title }}` -> brand, title), helpers left out. */
export function templateFields(text: string): string[] {
  const names = new Set<string>();
  const visit = (node: unknown, helper = false): void => {
    if (!node || typeof node !== 'object') return;
    if (Array.isArray(node)) return node.forEach((n) => visit(n));
    const n = node as Node;
    if (n.type === 'PathExpression') {
      const path = n as unknown as hbs.AST.PathExpression;
      if (!helper && !path.data && path.depth === 0 && path.parts.length > 0) names.add(path.parts[0]);
      return;
    }
    if (n.type === 'MustacheStatement' || n.type === 'SubExpression' || n.type === 'BlockStatement') {
      const call = n as unknown as hbs.AST.MustacheStatement & { program?: unknown; inverse?: unknown };
      visit(call.path, call.params.length > 0 || call.hash !== undefined);
      visit(call.params);
      visit(call.hash?.pairs.map((pair) => pair.value));
      visit(call.program);
      visit(call.inverse);
      return;
    }
    if (n.type === 'Program') visit((n as unknown as hbs.AST.Program).body);
  };
  try {
    visit(Handlebars.parse(text));
  } catch {
    // an unreadable template is reported when it is compiled
  }
  return [...names];
}
