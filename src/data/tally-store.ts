/**
 * Folding the dashboard's tally changes (migration 0036) into the tallies. The trigger on complaints
 * appends a change row per statement and tally; readers add the changes to the tallies, so folding
 * changes no answer, it keeps what readers add up short. One process folds at a time (an advisory lock,
 * tried, not waited for): two folds would update the same tally rows in different orders.
 */
import { sql, type Kysely } from 'kysely';
import type { DB } from './schema.ts';
import type { Db } from './complaint-store.ts';
import { inTransaction } from './transaction.ts';

/** Changes folded per call, oldest first; the rest wait for the next pass. */
export const FOLD_BATCH = 50_000;

/** Folds up to `batch` changes; the number folded, or null when another process is folding. */
export async function foldTallyChanges(db: Kysely<DB>, batch = FOLD_BATCH): Promise<number | null> {
  return inTransaction(db, async (trx) => {
    const lock = await sql<{ ok: boolean }>`SELECT pg_try_advisory_xact_lock(hashtext('plaint.complaint_tallies')) AS ok`.execute(trx);
    if (!lock.rows[0]?.ok) return null;
    const r = await sql<{ folded: number }>`
      -- A data-modifying WITH runs to completion whether or not the outer query reads it (PostgreSQL docs, 7.8.4).
      WITH moved AS (
        DELETE FROM complaint_tally_changes
        WHERE id IN (SELECT id FROM complaint_tally_changes ORDER BY id LIMIT ${batch})
        RETURNING kind, unit_id, lead_department_id, co_department_ids, day, level, category_id, n, score
      ), summed AS (
        SELECT kind, unit_id, lead_department_id, co_department_ids, day, level, category_id, sum(n) AS n, sum(score) AS score
        FROM moved GROUP BY 1, 2, 3, 4, 5, 6, 7
      ), folded AS (
        INSERT INTO complaint_tallies (kind, unit_id, lead_department_id, co_department_ids, day, level, category_id, n, score)
        SELECT * FROM summed
        ON CONFLICT (kind, day, unit_id, lead_department_id, co_department_ids, level, category_id)
        DO UPDATE SET n = complaint_tallies.n + excluded.n, score = complaint_tallies.score + excluded.score
      )
      SELECT count(*)::int AS folded FROM moved`.execute(trx);
    return Number(r.rows[0]?.folded ?? 0);
  });
}

/** The tallies counted afresh from the complaints (migration 0036's backfill): what the kept tallies must always equal. */
export async function rebuildTallies(db: Db): Promise<void> {
  await sql`SELECT plaint_rebuild_complaint_tallies()`.execute(db);
}
