/**
 * The counts behind the hotline KPIs of the S3 sheet that Plaint computes from its own data (issue #15
 * item 7; definitions in src/domain/kpi/hotline.ts): one statement over the complaints of some units
 * received in a quarter, read as of `asOf`.
 */
import { sql } from 'kysely';
import type { Db } from '../complaint-store.ts';
import { inList } from './report-store.ts';

export interface HotlineRow {
  received: number;
  /** Complaints with an answer clock decided by asOf (met, or due before it). */
  answer_decided: number;
  /** Of those, the ones whose every decided answer clock was met by its due instant. */
  answer_on_time: number;
  /** Closed by asOf (closed_at before it, and not reopened since). */
  closed: number;
  /** Sum of received → closed, in hours, over the closed ones. */
  handling_hours: number | null;
  /** Valid complaints closed by asOf. */
  valid_closed: number;
  /** Of those, never disputed nor reopened before asOf (closed on their first answer). */
  first_contact: number;
}

export async function hotlineRows(
  db: Db,
  q: { unitIds: readonly string[]; start: Date; end: Date; asOf: Date; answerClocks: readonly string[] },
): Promise<HotlineRow> {
  const { asOf } = q;
  const r = await sql<HotlineRow>`
    WITH c AS (
      SELECT c.id, c.received_at, c.closed_at, c.qualification,
        (c.closed_at IS NOT NULL AND c.closed_at < ${asOf}) AS is_closed
      FROM complaints c
      WHERE c.unit_id IN ${inList(q.unitIds)} AND c.received_at >= ${q.start} AND c.received_at < ${q.end}
    ),
    answer AS (
      SELECT k.complaint_id,
        bool_or((k.met_at IS NOT NULL AND k.met_at < ${asOf}) OR k.due_at < ${asOf}) AS decided,
        bool_or(((k.met_at IS NOT NULL AND k.met_at < ${asOf}) OR k.due_at < ${asOf})
          AND NOT (k.met_at IS NOT NULL AND k.met_at < ${asOf} AND k.met_at <= k.due_at)) AS late
      FROM c JOIN complaint_clocks k ON k.complaint_id = c.id
      WHERE k.name IN ${inList(q.answerClocks)} AND k.started_at < ${asOf}
      GROUP BY k.complaint_id
    )
    SELECT
      (SELECT count(*)::int FROM c) AS received,
      (SELECT count(*)::int FROM answer WHERE decided) AS answer_decided,
      (SELECT count(*)::int FROM answer WHERE decided AND NOT late) AS answer_on_time,
      (SELECT count(*)::int FROM c WHERE is_closed) AS closed,
      (SELECT sum(EXTRACT(EPOCH FROM (closed_at - received_at)) / 3600.0)::float8 FROM c WHERE is_closed) AS handling_hours,
      (SELECT count(*)::int FROM c WHERE is_closed AND qualification = 'valid') AS valid_closed,
      (SELECT count(*)::int FROM c WHERE is_closed AND qualification = 'valid' AND NOT EXISTS (
        SELECT 1 FROM complaint_events e
        WHERE e.complaint_id = c.id AND e.type IN ('reopened', 'disputed') AND e.at < ${asOf})) AS first_contact`.execute(db);
  return r.rows[0]!;
}
