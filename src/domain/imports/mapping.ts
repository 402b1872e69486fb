/**
 * The import's mapping (issue #17): which column of the file fills which complaint field, and the
 * defaults for fields the file lacks. Checked once per request, before any row is read, so a bad
 * mapping is a 400 naming the field rather than the same error on every row.
 */
import { invalid } from '../errors.ts';

export const IMPORT_FIELDS = [
  'externalId',
  'unitId',
  'receivedAt',
  'channel',
  'title',
  'content',
  'demands',
  'customer.name',
  'customer.phone',
  'customer.email',
  'categoryId',
  'level',
  'status',
  'closedAt',
] as const;
export type ImportField = (typeof IMPORT_FIELDS)[number];

/** A field's source: the 0-based indexes of its columns and how the user named them (for errors). */
export interface FieldSource {
  columns: { index: number; label: string }[];
}

export interface ResolvedMapping {
  sources: Partial<Record<ImportField, FieldSource>>;
  defaults: Partial<Record<ImportField, string>>;
}

const isField = (f: string): f is ImportField => (IMPORT_FIELDS as readonly string[]).includes(f);

/** Parses a JSON form field into an object (the multipart body carries it as text). */
export function parseJsonObject(field: string, text: string | undefined): Record<string, unknown> {
  if (text === undefined || text.trim() === '') return {};
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw invalid(field, 'must be a JSON object');
  }
  if (!value || typeof value !== 'object' || Array.isArray(value)) throw invalid(field, 'must be a JSON object');
  return value as Record<string, unknown>;
}

/**
 * Resolves `{ field: column }` against the header: a column is a header name or a 1-based column
 * number; only `content` may list several (joined by line breaks).
 */
export function resolveMapping(
  mapping: Record<string, unknown>,
  defaults: Record<string, unknown>,
  header: readonly string[] | null,
): ResolvedMapping {
  const sources: ResolvedMapping['sources'] = {};
  for (const [field, spec] of Object.entries(mapping)) {
    if (!isField(field)) throw invalid('mapping', `unknown field '${field}' (fields: ${IMPORT_FIELDS.join(', ')})`);
    const list = Array.isArray(spec) ? spec : [spec];
    if (Array.isArray(spec) && field !== 'content') throw invalid('mapping', `only content may join several columns, not ${field}`);
    if (list.length === 0) throw invalid('mapping', `${field} names no column`);
    sources[field] = { columns: list.map((c) => resolveColumn(field, c, header)) };
  }
  const resolvedDefaults: ResolvedMapping['defaults'] = {};
  for (const [field, value] of Object.entries(defaults)) {
    if (!isField(field)) throw invalid('defaults', `unknown field '${field}' (fields: ${IMPORT_FIELDS.join(', ')})`);
    if (typeof value !== 'string' && typeof value !== 'number') throw invalid('defaults', `${field} must be a string`);
    resolvedDefaults[field] = String(value);
  }
  for (const required of ['unitId', 'receivedAt', 'channel', 'title', 'content'] as const) {
    if (!sources[required] && resolvedDefaults[required] === undefined) throw invalid('mapping', `${required} needs a column or a default`);
  }
  return { sources, defaults: resolvedDefaults };
}

function resolveColumn(field: string, spec: unknown, header: readonly string[] | null): { index: number; label: string } {
  if (typeof spec === 'number' || (typeof spec === 'string' && /^\d+$/.test(spec.trim()) && !header?.includes(spec))) {
    const n = Number(spec);
    if (!Number.isInteger(n) || n < 1) throw invalid('mapping', `${field}: column numbers start at 1`);
    return { index: n - 1, label: header?.[n - 1] ?? String(n) };
  }
  if (typeof spec !== 'string' || spec.trim() === '') throw invalid('mapping', `${field}: a column is a header name or a 1-based number`);
  if (!header)
    throw invalid('mapping', `${field}: '${spec}' is a header name, but the file has no header row (header=false): use column numbers`);
  const index = header.findIndex((h) => h.trim() === spec.trim());
  if (index < 0) throw invalid('mapping', `${field}: no column '${spec}' in the header`);
  return { index, label: spec.trim() };
}
