/**
 * Throttle windows (migration 0020): fixed windows counted in the database, shared by every process.
 * `takeThrottle` is one statement: the row of (throttle, key) is created, restarted when its window has
 * passed, or counted up, under the row's lock, and the count after this use is returned.
 */
import { sql, type Kysely } from 'kysely';
import type { DB } from './schema.ts';

export interface ThrottleUse {
  throttle: string;
  key: string;
  now: Date;
  windowMs: number;
}

/** Counts one use; returns how many uses the key has made in the current window, this one included. */
export async function takeThrottle(db: Kysely<DB>, u: ThrottleUse): Promise<number> {
  const expired = new Date(u.now.getTime() - u.windowMs);
  const { rows } = await sql<{ count: number }>`
    INSERT INTO throttle_windows AS w (throttle, key, window_start, count)
    VALUES (${u.throttle}, ${u.key.slice(0, 200)}, ${u.now}, 1)
    ON CONFLICT (throttle, key) DO UPDATE SET
      count = CASE WHEN w.window_start <= ${expired} THEN 1 ELSE w.count + 1 END,
      window_start = CASE WHEN w.window_start <= ${expired} THEN ${u.now} ELSE w.window_start END
    RETURNING count`.execute(db);
  return Number(rows[0].count);
}

/** How many uses the key has made in the current window (0 when its window has passed); counts nothing. */
export async function throttleCount(db: Kysely<DB>, u: ThrottleUse): Promise<number> {
  const row = await db
    .selectFrom('throttle_windows')
    .select('count')
    .where('throttle', '=', u.throttle)
    .where('key', '=', u.key.slice(0, 200))
    .where('window_start', '>', new Date(u.now.getTime() - u.windowMs))
    .executeTakeFirst();
  return row ? Number(row.count) : 0;
}

/** Forgets windows that started before `before` (the sweeper, once a pass). */
export async function pruneThrottles(db: Kysely<DB>, before: Date): Promise<void> {
  await db.deleteFrom('throttle_windows').where('window_start', '<', before).execute();
}
