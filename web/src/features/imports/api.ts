/** POST /api/imports: a ledger file with its column mapping and defaults; `dryRun` checks and writes nothing. */
import { api } from '../../api/client.ts';

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

/** Each needs a column or a default, or the server refuses the whole mapping. */
export const REQUIRED_FIELDS: readonly ImportField[] = ['unitId', 'receivedAt', 'channel', 'title', 'content'];

/** A column is a header name or a 1-based column number (as text); only `content` may list several. */
export type ImportMapping = Partial<Record<ImportField, string | string[]>>;
export type ImportDefaults = Partial<Record<ImportField, string>>;

export interface ImportResult {
  rowsRead: number;
  created: number;
  duplicates: number;
  errors: { row: number; column: string; reason: string }[];
}

export function runImport(input: {
  file: File;
  header: boolean;
  mapping: ImportMapping;
  defaults: ImportDefaults;
  dryRun: boolean;
}): Promise<ImportResult> {
  const form = new FormData();
  form.append('header', String(input.header));
  form.append('mapping', JSON.stringify(input.mapping));
  form.append('defaults', JSON.stringify(input.defaults));
  // The file last: the server reads the text fields whatever the order, but this keeps them small and first.
  form.append('file', input.file, input.file.name);
  return api<ImportResult>('/imports', { method: 'POST', body: form, query: { dryRun: input.dryRun } });
}
