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
    /** A refused tuned pack (issue #16 item 4): the JSON Pointer of the first bad value, and every one. */
    path: Type.Optional(Type.String()),
    issues: Type.Optional(Type.Array(Type.Object({ path: Type.String(), message: Type.String() }))),
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

/**
 * A file sent as bytes (a workbook, a CSV, an attachment); the operation's content type says which. The
 * handler sends a Buffer or a stream, which Fastify passes through unserialised, so its static type is open.
 */
export const FileBody = (description: string) => Type.Unsafe<unknown>(Type.String({ format: 'binary', description }));

/** A printable HTML page. */
export const HtmlPage = Type.String({ description: 'HTML page' });

export const IsoDateTime = Type.String({ format: 'date-time', maxLength: 40 });

/**
 * The error answers of an authenticated route. Each route declares its own success answer beside these,
 * so the OpenAPI document (and the web app's types generated from it) says what every operation returns.
 */
export const STANDARD_ERRORS = {
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
