/**
 * Runs `fn` in one transaction, retrying when PostgreSQL aborts it as a deadlock victim or a
 * serialization failure: both mean "try again", never "bad input". A retry re-runs the whole
 * function, so everything inside must be free of side effects outside the database.
 */
import type { Kysely, Transaction } from 'kysely';
import type { DB } from './schema.ts';

const RETRYABLE = new Set(['40P01', '40001']);
const MAX_ATTEMPTS = 4;

export function isRetryable(err: unknown): boolean {
  return RETRYABLE.has((err as { code?: string })?.code ?? '');
}

export async function inTransaction<T>(db: Kysely<DB>, fn: (trx: Transaction<DB>) => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await db.transaction().execute(fn);
    } catch (err) {
      if (!isRetryable(err) || attempt >= MAX_ATTEMPTS) throw err;
      // A short, jittered pause lets the transaction that won finish first.
      await new Promise((r) => setTimeout(r, 5 + Math.random() * 20 * attempt));
    }
  }
}
