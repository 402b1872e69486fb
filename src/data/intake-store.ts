/**
 * The two statements of an intake (docs/PERFORMANCE.md, "Intake"): one read that gathers everything
 * the rules need, one write that stores everything they decided. Intake used to take fourteen round
 * trips; each costs both processes a system call pair and the server a parse and plan, which on a
 * two-core machine was most of the time of an intake.
 *
 * The write is a single statement, so it is atomic without BEGIN/COMMIT: the customer, the complaint,
 * its events, clocks, notifications, similar links and the Idempotency-Key all land or none does. Its
 * text never changes (rows travel as JSON arrays, empty when there is nothing to write), so the server
 * can keep it prepared.
 */
import { CompiledQuery } from 'kysely';
import { registerPreparedStatement } from './db.ts';
import { CLOCK_COLUMNS, EVENT_COLUMNS, emergencyCte, notificationCtes } from './write-ctes.ts';
import { COMPLAINT_SOURCE_COLUMNS, COMPLAINT_STAMP_COLUMNS, type Db, type ComplaintRow } from './complaint-store.ts';
import type { CandidateRow } from '../domain/similarity/similar-at-intake.ts';
import {
  categoryPeerParams,
  categoryPeersSql,
  parseCategoryPeers,
  type CategoryPeerQuery,
  type CategoryPeerRow,
} from './category-peer-store.ts';
import type { CustomerRecord, IntakeWrite } from '../domain/intake/intake-write.ts';

export type { CandidateRow } from '../domain/similarity/similar-at-intake.ts';
export type { CustomerRecord, IntakeWrite } from '../domain/intake/intake-write.ts';

export interface IntakeContext {
  configVersion: number;
  /** Complaints of the new one's category at its unit, or naming its delivery anywhere (fuel §5; category-count.ts). */
  categoryPeers: CategoryPeerRow[];
  /** The next number of the complaint code sequence (a failed intake leaves a gap, never a reuse). */
  codeSeq: number;
  customer: CustomerRecord | null;
  candidates: CandidateRow[];
  /** The customer's earlier complaints at the unit closed as valid that share a key feature: repeat candidates (R-LC-3). */
  earlierClosed: CandidateRow[];
}

export interface CandidateQuery {
  unitId: string;
  categoryId: string | null;
  from: Date;
  to: Date;
  /** Candidates must share at least one of these features (see candidateKeys). */
  anyOf: string[];
  /** The new complaint's signature: each candidate comes back with the features it shares with it. */
  signature: string[];
  /** How many of the newest complaints in the window are considered. */
  limit: number;
}

// The newest $6 complaints in the window are read (bounded work at a busy unit, where the window holds
// tens of thousands), and of those only the ones sharing a key feature (compared as sorted hashes,
// migration 0012) are sent back to be scored, as arrays rather than objects: the column names would
// otherwise be half of what crosses the wire. Instead of its signature, each brings the hashes it shares
// with the new one ($7): the rest of what scoring needs never changes and is kept per process
// (src/data/signature-totals.ts).
const CANDIDATE_FIELDS = [
  'id',
  'code',
  'customer_id',
  'received_at',
  'status',
  'similar_count',
  'unit_id',
  'policy_id',
  'policy_version',
  'channel',
  'level',
  'qualification',
  'category_id',
  'complainant_count',
  'flags',
  'repeat_count',
] as const;
const CANDIDATES_SQL = `
  SELECT coalesce(json_agg(json_build_array(${CANDIDATE_FIELDS.join(', ')}, signature_keys & (SELECT plaint_feature_keys($7::text[])))), '[]'::json) FROM (
    SELECT ${CANDIDATE_FIELDS.join(', ')}, signature_keys
    FROM complaints
    WHERE unit_id = $1 AND received_at >= $2 AND received_at <= $3
      AND (qualification IS NULL OR qualification = 'valid')
      AND ($4::text IS NULL OR category_id = $4 OR category_id IS NULL)
    ORDER BY received_at DESC
    LIMIT $6
  ) newest
  WHERE signature_keys && (SELECT plaint_feature_keys($5::text[]))`;

// The customer (as the read finds them: by phone $8, else by e-mail $9).
const CUSTOMER_ID_SQL = `coalesce(
  (SELECT id FROM customers WHERE phone = $8 ORDER BY created_at LIMIT 1),
  (SELECT id FROM customers WHERE lower(email) = $9 ORDER BY created_at LIMIT 1))`;

// Repeat candidates (R-LC-3, src/domain/similarity/repeat-at-intake.ts): the same customer's complaints at the
// unit that were closed as valid, any time before, sharing a key feature; the newest 20 (a customer's own
// complaints at one unit are few). Same array form as the candidates.
const EARLIER_CLOSED_SQL = `
  SELECT coalesce(json_agg(json_build_array(${CANDIDATE_FIELDS.join(', ')}, signature_keys & (SELECT plaint_feature_keys($7::text[])))), '[]'::json) FROM (
    SELECT ${CANDIDATE_FIELDS.join(', ')}, signature_keys
    FROM complaints
    WHERE customer_id = ${CUSTOMER_ID_SQL} AND unit_id = $1 AND status = 'closed' AND qualification = 'valid'
      AND received_at <= $3
      AND ($4::text IS NULL OR category_id = $4 OR category_id IS NULL)
    ORDER BY received_at DESC
    LIMIT 20
  ) earlier
  WHERE signature_keys && (SELECT plaint_feature_keys($5::text[]))`;

// The hash of each feature of $7, in its order, to name the shared hashes by their features.
const TARGET_KEYS_SQL = `(SELECT array_agg(hashtext(f) ORDER BY n) FROM unnest($7::text[]) WITH ORDINALITY AS t(f, n))`;

export const CONTEXT_SQL = `
  SELECT (SELECT v FROM config_version)::int AS config_version,
         nextval('complaint_code_seq')::int AS code_seq,
         coalesce(
           (SELECT row_to_json(p) FROM (SELECT id, name, phone, email, type FROM customers WHERE phone = $8 ORDER BY created_at LIMIT 1) p),
           (SELECT row_to_json(e) FROM (SELECT id, name, phone, email, type FROM customers WHERE lower(email) = $9 ORDER BY created_at LIMIT 1) e)
         ) AS customer,
         (${CANDIDATES_SQL}) AS candidates,
         (${EARLIER_CLOSED_SQL}) AS earlier_closed,
         ${TARGET_KEYS_SQL} AS target_keys,
         (${categoryPeersSql('$1', '$10', '$11', '$12', '$13')}) AS category_peers`;

registerPreparedStatement('plaint_intake_read', CONTEXT_SQL);

function candidateParams(q: CandidateQuery): unknown[] {
  return [q.unitId, q.from.toISOString(), q.to.toISOString(), q.categoryId, q.anyOf, q.limit, q.signature];
}

/**
 * Candidates from their JSON arrays, each with the features it shares with `signature` named from the
 * hashes: a candidate's own feature whose 32-bit hash equals a different feature of the new text would
 * count as shared, a chance of about 46 × 46 / 2³² (5 × 10⁻⁷) per candidate.
 */
function parseCandidates(raw: unknown, targetKeys: number[] | null, signature: readonly string[]): CandidateRow[] {
  const list = (typeof raw === 'string' ? JSON.parse(raw) : raw) as unknown[][];
  const featureOf = new Map<number, string>();
  for (const [i, k] of (targetKeys ?? []).entries()) featureOf.set(k, signature[i]);
  return list.map((v) => {
    // A loop, not Object.fromEntries: ~115 candidates an intake (docs/PERFORMANCE.md, "Intake").
    const c: Record<string, unknown> = {};
    for (let i = 0; i < CANDIDATE_FIELDS.length; i++) c[CANDIDATE_FIELDS[i]] = v[i];
    c.received_at = new Date(c.received_at as string);
    c.shared = ((v[CANDIDATE_FIELDS.length] as number[] | null) ?? []).flatMap((k) => featureOf.get(k) ?? []);
    return c as unknown as CandidateRow;
  });
}

/** The read of an intake: the config counter, a code number, the customer by phone or e-mail, the candidates. */
export async function readIntakeContext(
  db: Db,
  q: CandidateQuery,
  customer: { phone: string | null; email: string | null },
  peers: CategoryPeerQuery,
): Promise<IntakeContext> {
  const r = await db.executeQuery<{
    config_version: number;
    code_seq: number;
    customer: CustomerRecord | null;
    candidates: unknown;
    earlier_closed: unknown;
    target_keys: number[] | null;
    category_peers: unknown;
  }>(CompiledQuery.raw(CONTEXT_SQL, [...candidateParams(q), customer.phone, customer.email, ...categoryPeerParams(peers)]));
  const row = r.rows[0];
  return {
    configVersion: Number(row.config_version),
    categoryPeers: parseCategoryPeers(row.category_peers),
    codeSeq: Number(row.code_seq),
    customer: row.customer,
    candidates: parseCandidates(row.candidates, row.target_keys, q.signature),
    earlierClosed: parseCandidates(row.earlier_closed, row.target_keys, q.signature),
  };
}

/** The candidates alone (the scale benchmark times this part). */
export async function readCandidates(db: Db, q: CandidateQuery): Promise<CandidateRow[]> {
  const r = await db.executeQuery<{ candidates: unknown; target_keys: number[] | null }>(
    CompiledQuery.raw(`SELECT (${CANDIDATES_SQL}) AS candidates, ${TARGET_KEYS_SQL} AS target_keys`, candidateParams(q)),
  );
  return parseCandidates(r.rows[0].candidates, r.rows[0].target_keys, q.signature);
}

const COMPLAINT_COLUMNS = [
  ...COMPLAINT_SOURCE_COLUMNS,
  'incident_occurred_at',
  'incident_place',
  'flags',
  'batch_no',
  'cases_affected',
  'responsibility',
  ...COMPLAINT_STAMP_COLUMNS,
  'portal_secret_hash',
  // A repeat complaint is born with its count (R-LC-3).
  'repeat_count',
  'signature',
  'similar_count',
  'next_due_at',
  'overdue',
  'next_severity_check_at',
  'category_count',
  'delivery_ref',
].join(', ');
// Everything but the search index, which the caller never reads and would only pay to parse.
const RETURNED_COLUMNS = `${COMPLAINT_COLUMNS}, lead_department_id, co_department_ids, satisfaction, report, reply, close_reason, closed_at, version, direct_person`;

// Every insert after the claim depends on the row before it, so an unclaimed key writes nothing.
export const WRITE_SQL = `
  WITH claim AS (
    INSERT INTO idempotency_keys (user_key, key, request_hash, complaint_id)
    SELECT user_key, key, request_hash, complaint_id FROM json_populate_recordset(NULL::idempotency_keys, $1::json)
    ON CONFLICT (user_key, key) DO NOTHING
    RETURNING key
  ), go AS (
    SELECT 1 AS ok WHERE json_array_length($1::json) = 0 OR EXISTS (SELECT 1 FROM claim)
  ), cust AS (
    INSERT INTO customers (id, name, phone, email, type)
    SELECT id, name, phone, email, type FROM json_populate_recordset(NULL::customers, $2::json) WHERE EXISTS (SELECT 1 FROM go)
    RETURNING id
  ), c AS (
    INSERT INTO complaints (${COMPLAINT_COLUMNS})
    SELECT ${COMPLAINT_COLUMNS} FROM json_populate_record(NULL::complaints, $3::json) WHERE EXISTS (SELECT 1 FROM go)
    RETURNING ${RETURNED_COLUMNS}
  ), ev AS (
    INSERT INTO complaint_events (${EVENT_COLUMNS})
    SELECT ${EVENT_COLUMNS} FROM json_populate_recordset(NULL::complaint_events, $4::json) WHERE EXISTS (SELECT 1 FROM c)
  ), ck AS (
    INSERT INTO complaint_clocks (${CLOCK_COLUMNS})
    SELECT ${CLOCK_COLUMNS} FROM json_populate_recordset(NULL::complaint_clocks, $5::json) WHERE EXISTS (SELECT 1 FROM c)
  ), lk AS (
    INSERT INTO complaint_links (from_id, to_id, kind)
    SELECT from_id, to_id, kind FROM json_populate_recordset(NULL::complaint_links, $7::json) WHERE EXISTS (SELECT 1 FROM c)
    ON CONFLICT DO NOTHING
  ), ${notificationCtes({ notifications: '$6', recipients: '$8', outbox: '$9' }, 'EXISTS (SELECT 1 FROM c)')},
  ${emergencyCte('$10', 'EXISTS (SELECT 1 FROM c)')}
  SELECT * FROM c`;

registerPreparedStatement('plaint_intake_write', WRITE_SQL);

/** Stores an intake; undefined when the Idempotency-Key was already taken (nothing was written). */
export async function writeIntake(db: Db, w: IntakeWrite): Promise<ComplaintRow | undefined> {
  const json = (v: unknown) => JSON.stringify(v);
  const r = await db.executeQuery<ComplaintRow>(
    CompiledQuery.raw(WRITE_SQL, [
      json(w.idempotency ? [w.idempotency] : []),
      json(w.newCustomer ? [w.newCustomer] : []),
      json(w.complaint),
      json(w.events),
      json(w.clocks),
      json(w.notifications),
      json(w.links),
      json(w.recipients),
      json(w.outbox ?? []),
      json(w.emergencies ?? []),
    ]),
  );
  const row = r.rows[0];
  return row ? { ...row, search_terms: [], signature_keys: [] } : undefined;
}

/** Who holds an Idempotency-Key: the hash of the request that claimed it, and its complaint. */
export async function findIdempotencyClaim(
  db: Db,
  userKey: string,
  key: string,
): Promise<{ request_hash: string; complaint_id: string | null } | undefined> {
  return db
    .selectFrom('idempotency_keys')
    .select(['request_hash', 'complaint_id'])
    .where('user_key', '=', userKey)
    .where('key', '=', key)
    .executeTakeFirst();
}
