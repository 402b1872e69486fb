/** Small schema builders shared by the route schemas (plain JSON Schema via TypeBox). */
import { Type, type TSchema } from 'typebox';

export { StringEnum } from '../domain/string-enum.ts';

export { PHONE_PATTERN } from '../domain/phone.ts';

export const ErrorResponse = Type.Object({
  error: Type.Object({
    code: Type.String(),
    message: Type.String(),
    field: Type.Optional(Type.String()),
    allowed: Type.Optional(Type.Array(Type.String())),
  }),
});

export const Nullable = <T extends TSchema>(t: T) => Type.Union([t, Type.Null()]);

/**
 * At least one visible character: not only spaces (any Unicode space, U+3000 included), control or
 * zero-width / format characters (U+200B, U+200D, U+FEFF …). For titles and names.
 */
export const VISIBLE_TEXT_PATTERN = '[^\\s\\p{Cc}\\p{Cf}\\p{Z}]';

/** A required title or name: 1..max characters, at least one of them visible. */
export const VisibleText = (max: number) => Type.String({ minLength: 1, maxLength: max, pattern: VISIBLE_TEXT_PATTERN });

export const IsoDateTime = Type.String({ format: 'date-time', maxLength: 40 });

/**
 * Standard responses on every authenticated route: the documented error shape, and a success body
 * described in docs/API.md (left open here so the presenter stays the single source of its shape).
 */
export const STANDARD_ERRORS = {
  200: Type.Unknown(),
  201: Type.Unknown(),
  400: ErrorResponse,
  401: ErrorResponse,
  403: ErrorResponse,
  404: ErrorResponse,
  409: ErrorResponse,
} as const;

/**
 * For answers built by a presenter and always sent as built; a compiled serializer would
 * drop fields the schema lacks and coerce mismatched types, changing answers silently. So the schema
 * documents, the test checks, and the bytes stay JSON.stringify's.
 */
export const SERIALIZE_AS_IS = { serializerCompiler: () => (data: unknown) => JSON.stringify(data) };
