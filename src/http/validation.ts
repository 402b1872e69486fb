/**
 * How requests are checked against the route schemas.
 *
 * - Two Ajv instances: query strings, path parameters and headers arrive as text, so their values are
 *   coerced (`?limit=5` → 5, `?status=a` → ['a']); JSON bodies are never coerced, so `"title": 123`
 *   is a 400, not the text "123".
 * - `date-time` means what Plaint can store and compute with (src/domain/instant.ts): a year from
 *   1000 to 9999 and no leap second, besides what the format itself requires.
 * - Every string of a body, query and path (keys included) must be well-formed UTF-16: a lone
 *   surrogate (`"\ud800"` in JSON) is a 400 naming the field, for every route, before its schema.
 */
import type { FastifyInstance, FastifySchemaCompiler } from 'fastify';
import { Ajv, type Options, type ValidateFunction } from 'ajv';
import formatsModule from 'ajv-formats';
import { instantProblem } from '../domain/instant.ts';
import { invalid } from '../domain/errors.ts';

// ajv-formats is CommonJS: its default export is the plugin itself.
const addFormats = formatsModule as unknown as (ajv: Ajv) => Ajv;

const COMMON: Options = { removeAdditional: false, useDefaults: true, allErrors: false, discriminator: true, addUsedSchema: false };

function createAjv(coerceTypes: Options['coerceTypes']): Ajv {
  const ajv = new Ajv({ ...COMMON, coerceTypes });
  addFormats(ajv);
  const base = ajv.formats['date-time'] as { validate: (s: string) => boolean };
  ajv.addFormat('date-time', { type: 'string', validate: (s: string) => base.validate(s) && instantProblem(s) === null });
  return ajv;
}

export const DATE_TIME_MESSAGE = 'must be an ISO 8601 date-time with a time zone, a year from 1000 to 9999 and no leap second (:60)';

export function installValidation(app: FastifyInstance): void {
  const forBodies = createAjv(false);
  const forText = createAjv('array');
  const compiler: FastifySchemaCompiler<unknown> = ({ schema, httpPart }) =>
    (httpPart === 'body' ? forBodies : forText).compile(schema as object) as ValidateFunction;
  app.setValidatorCompiler(compiler);

  app.addHook('preValidation', async (request) => {
    for (const part of [request.params, request.query, request.body]) {
      const field = illFormedField(part);
      if (field !== null) throw invalid(field || 'body', 'must be well-formed Unicode text (a lone surrogate such as \\ud800 is not)');
    }
  });
}

/**
 * The path of the first string (or key) in `value` that is not well-formed UTF-16, or null when every
 * one is. Iterative, so a deeply nested body cannot overflow the stack.
 */
/** A lone surrogate: in a `u` regular expression a paired one is part of its code point, an unpaired one is a Cs code point. */
const LONE_SURROGATE = /\p{Cs}/u;

export function illFormedField(value: unknown): string | null {
  const stack: { v: unknown; path: string }[] = [{ v: value, path: '' }];
  const join = (path: string, key: string | number) => (typeof key === 'number' ? `${path}[${key}]` : path ? `${path}.${key}` : key);
  while (stack.length) {
    const { v, path } = stack.pop()!;
    if (typeof v === 'string') {
      if (LONE_SURROGATE.test(v)) return path;
    } else if (Array.isArray(v)) {
      for (let i = 0; i < v.length; i++) stack.push({ v: v[i], path: join(path, i) });
    } else if (v && typeof v === 'object' && !Buffer.isBuffer(v)) {
      for (const [k, x] of Object.entries(v)) {
        if (LONE_SURROGATE.test(k)) return join(path, k.replace(/\p{Cs}/gu, '\ufffd'));
        stack.push({ v: x, path: join(path, k) });
      }
    }
  }
  return null;
}
