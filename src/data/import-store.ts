/**
 * The SQL of an import (issue #17): which row keys are already imported, customers found by phone,
 * code numbers, and the batched writes. Rows travel as one JSON array per statement, so a chunk of
 * two thousand complaints is one round trip, not two thousand.
 */
import { sql } from 'kysely';
import { COMPLAINT_SOURCE_COLUMNS, COMPLAINT_STAMP_COLUMNS, type Db } from './complaint-store.ts';
import type { ComplaintImportsTable } from './schema.ts';

/** Rows per statement: large enough that round trips do not count, small enough to keep each statement's JSON a few MB. */
export const IMPORT_CHUNK = 2000;

function chunks<T>(list: readonly T[], size = IMPORT_CHUNK): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < list.length; i += size) out.push(list.slice(i, i + size));
  return out;
}

/** The keys among `keys` that an earlier import already used. */
export async function importedKeys(db: Db, keys: readonly string[]): Promise<Set<string>> {
  const found = new Set<string>();
  for (const part of chunks(keys, 10_000)) {
    const r = await sql<{ row_key: string }>`SELECT row_key FROM complaint_imports WHERE row_key = ANY(${part}::text[])`.execute(db);
    for (const row of r.rows) found.add(row.row_key);
  }
  return found;
}

/** Existing customers by phone (the earliest with that phone, as at intake). */
export async function customersByPhone(db: Db, phones: readonly string[]): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  for (const part of chunks(phones, 10_000)) {
    const r = await sql<{ phone: string; id: string }>`
      SELECT DISTINCT ON (phone) phone, id FROM customers WHERE phone = ANY(${part}::text[]) ORDER BY phone, created_at`.execute(db);
    for (const row of r.rows) out.set(row.phone, row.id);
  }
  return out;
}

/** `n` numbers of the complaint code sequence, in one statement. */
export async function takeCodeNumbers(db: Db, n: number): Promise<number[]> {
  if (n === 0) return [];
  const r = await sql<{ n: number }>`SELECT nextval('complaint_code_seq')::int AS n FROM generate_series(1, ${n}::int)`.execute(db);
  return r.rows.map((row) => Number(row.n));
}

/** A row key as the import claims it; the time is the database's. */
export type ImportKeyRow = Omit<ComplaintImportsTable, 'imported_at'>;

/**
 * Claims the row keys; returns those this import got. A key taken by a concurrent import of the same
 * file is simply not returned, so its row is counted a duplicate instead of failing the transaction.
 * The complaint each key names is written afterwards in the same transaction (the key is checked at commit).
 */
export async function claimRowKeys(trx: Db, rows: readonly ImportKeyRow[]): Promise<Set<string>> {
  const got = new Set<string>();
  for (const part of chunks(rows)) {
    const r = await sql<{ row_key: string }>`
      INSERT INTO complaint_imports (row_key, complaint_id, file_name, file_sha256, row_no, external_id, imported_by)
      SELECT row_key, complaint_id, file_name, file_sha256, row_no, external_id, imported_by
      FROM json_populate_recordset(NULL::complaint_imports, ${JSON.stringify(part)}::json)
      ON CONFLICT (row_key) DO NOTHING
      RETURNING row_key`.execute(trx);
    for (const row of r.rows) got.add(row.row_key);
  }
  return got;
}

const CUSTOMER_COLUMNS = 'id, name, phone, email, type';
export const IMPORTED_COMPLAINT_COLUMNS = [
  ...COMPLAINT_SOURCE_COLUMNS,
  'flags',
  ...COMPLAINT_STAMP_COLUMNS,
  'signature',
  'similar_count',
  'next_due_at',
  'overdue',
  'next_severity_check_at',
  'close_reason',
  'closed_at',
] as const;
export type ImportedComplaintRow = Record<(typeof IMPORTED_COMPLAINT_COLUMNS)[number], unknown>;

export async function insertCustomers(
  trx: Db,
  rows: readonly { id: string; name: string; phone: string | null; email: string | null; type: string | null }[],
): Promise<void> {
  for (const part of chunks(rows)) {
    await sql`INSERT INTO customers (${sql.raw(CUSTOMER_COLUMNS)})
      SELECT ${sql.raw(CUSTOMER_COLUMNS)} FROM json_populate_recordset(NULL::customers, ${JSON.stringify(part)}::json)`.execute(trx);
  }
}

export async function insertImportedComplaints(trx: Db, rows: readonly ImportedComplaintRow[]): Promise<void> {
  const cols = IMPORTED_COMPLAINT_COLUMNS.join(', ');
  for (const part of chunks(rows)) {
    await sql`INSERT INTO complaints (${sql.raw(cols)})
      SELECT ${sql.raw(cols)} FROM json_populate_recordset(NULL::complaints, ${JSON.stringify(part)}::json)`.execute(trx);
  }
}
