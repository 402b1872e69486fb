/** A string enum as JSON Schema `enum` with its literal union as the static type; shared by the domain's and the routes' schemas. */
import { Type } from 'typebox';

/** One clear error ("must be equal to one of …") rather than TypeBox's union of literals. */
export function StringEnum<const T extends readonly string[]>(values: T, opts: Record<string, unknown> = {}) {
  return Type.Unsafe<T[number]>({ type: 'string', enum: [...values], ...opts });
}
