/** Etsy's OpenAPI document as JSON Schemas of its request bodies, for the conformance tests. */
export type Schema = Record<string, unknown>;

/** OpenAPI 3.0 schema objects as JSON Schema: $refs inlined, `nullable` as a null type, OpenAPI-only keywords dropped. */
function toJsonSchema(node: unknown, doc: Schema, seen: string[] = []): unknown {
  if (Array.isArray(node)) return node.map((n) => toJsonSchema(n, doc, seen));
  if (!node || typeof node !== 'object') return node;
  const object = node as Schema;
  if (typeof object.$ref === 'string') {
    const ref = object.$ref;
    if (seen.includes(ref)) return {};
    const target = ref
      .slice(2)
      .split('/')
      .reduce<unknown>((at, key) => (at as Schema)[key.replace(/~1/g, '/').replace(/~0/g, '~')], doc);
    return toJsonSchema(target, doc, [...seen, ref]);
  }
  const out: Schema = {};
  for (const [key, value] of Object.entries(object)) {
    if (['nullable', 'example', 'format', 'description', 'readOnly', 'writeOnly', 'xml', 'externalDocs', 'deprecated'].includes(key))
      continue;
    out[key] =
      key === 'properties'
        ? Object.fromEntries(Object.entries(value as Schema).map(([k, v]) => [k, toJsonSchema(v, doc, seen)]))
        : toJsonSchema(value, doc, seen);
  }
  if (object.nullable === true) {
    if (typeof out.type === 'string') out.type = [out.type, 'null'];
    if (Array.isArray(out.enum)) out.enum = [...out.enum, null];
  }
  return out;
}

export function requestSchema(doc: Schema, operationId: string, mediaType: string): Schema {
  for (const item of Object.values(doc.paths as Record<string, Record<string, Schema>>)) {
    for (const operation of Object.values(item)) {
      if (operation?.operationId === operationId) {
        const body = operation.requestBody as { content: Record<string, { schema: unknown }> };
        return toJsonSchema(body.content[mediaType].schema, doc) as Schema;
      }
    }
  }
  throw new Error(`${operationId} not in the document`);
}
