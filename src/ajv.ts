import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';

/** ajv instances for the run; every schema is compiled once and cached by identity. */
const instances = {
  characters: { ajv: new Ajv({ allErrors: true, strict: false }), cache: new WeakMap<object, ValidateFunction>() },
  /** `maxLength` as `string.length`: no pass over every string, but a surrogate pair (an emoji) counts twice */
  codeUnits: {
    ajv: new Ajv({ allErrors: true, strict: false, unicode: false, logger: false }),
    cache: new WeakMap<object, ValidateFunction>(),
  },
};

export function compileSchema(schema: object, { lengths = 'characters' }: { lengths?: keyof typeof instances } = {}): ValidateFunction {
  const { ajv, cache } = instances[lengths];
  let validate = cache.get(schema);
  if (!validate) {
    validate = ajv.compile(schema);
    cache.set(schema, validate);
  }
  return validate;
}

/** `/pricing/round_to must match pattern "…"`, or `/ must have required property 'market'` */
export function describeAjvError(error: ErrorObject): string {
  const where = error.instancePath || '/';
  if (error.keyword === 'additionalProperties') {
    return `${where}: unknown key '${(error.params as { additionalProperty: string }).additionalProperty}'`;
  }
  if (error.keyword === 'enum') {
    return `${where}: must be one of ${(error.params as { allowedValues: unknown[] }).allowedValues.map((v) => JSON.stringify(v)).join(', ')}`;
  }
  return `${where}: ${error.message}`;
}
