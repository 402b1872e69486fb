/**
 * Login attempts (migration 0016): the bookkeeping of the login lockout (src/use-cases/auth.ts).
 *
 * An attempt is reserved before its password is checked: under a lock per e-mail and a lock per
 * address, the attempts of the window are counted and, if the limits allow one more, a 'pending' row
 * is inserted in the same transaction. So however many requests arrive at once, in however many
 * processes on one database, no more passwords are checked than the limits allow; counting failures
 * first and recording them after the check let every simultaneous guess pass the count. The check's
 * result then settles the row: a failure stays as 'failed', a success deletes its own row and the
 * failures reserved before it, never one reserved after it started.
 */
import { sql, type Kysely } from 'kysely';
import type { DB } from './schema.ts';
import { inTransaction } from './transaction.ts';

// Two-key advisory locks, one class for e-mails and one for addresses, so an e-mail and an address
// that hash alike do not share a lock. (The migration lock is a one-key lock: another key space.)
const EMAIL_LOCK_CLASS = 0x4c4f4745; // "LOGE"
const IP_LOCK_CLASS = 0x4c4f4749; // "LOGI"

// The columns' sizes in practice; the request schema already bounds the e-mail.
const emailKey = (email: string) => email.slice(0, 254);
const ipKey = (ip: string) => ip.slice(0, 100);

export interface AttemptLimits {
  /** Attempts started after this instant count. */
  since: Date;
  maxPerEmail: number;
  maxPerIp: number;
}

export type Reservation =
  | { granted: true; id: number }
  /** The e-mail has its limit of failed and in-flight attempts; `latest` is when the last of them started. */
  | { granted: false; by: 'email'; latest: Date }
  /** The address has its limit; `earliest` is when the first of them started. */
  | { granted: false; by: 'ip'; earliest: Date };

/** Reserves an attempt for `email` from `ip` at `at`, or says which limit refuses it. */
export async function reserveLoginAttempt(
  db: Kysely<DB>,
  email: string,
  ip: string,
  at: Date,
  limits: AttemptLimits,
): Promise<Reservation> {
  const e = emailKey(email);
  const i = ipKey(ip);
  return inTransaction(db, async (trx) => {
    // Held until commit, so the count below sees every reservation committed before it and none can
    // slip in between the count and the insert. E-mail before address in every transaction: two
    // reservations never wait for each other in a circle.
    await sql`SELECT pg_advisory_xact_lock(${EMAIL_LOCK_CLASS}::int4, hashtext(${e}))`.execute(trx);
    await sql`SELECT pg_advisory_xact_lock(${IP_LOCK_CLASS}::int4, hashtext(${i}))`.execute(trx);
    const byEmail = await trx
      .selectFrom('login_attempts')
      .select((eb) => [eb.fn.countAll<number>().as('n'), eb.fn.max('started_at').as('latest')])
      .where('email', '=', e)
      .where('started_at', '>', limits.since)
      .executeTakeFirstOrThrow();
    if (Number(byEmail.n) >= limits.maxPerEmail && byEmail.latest) return { granted: false, by: 'email', latest: new Date(byEmail.latest) };
    const byIp = await trx
      .selectFrom('login_attempts')
      .select((eb) => [eb.fn.countAll<number>().as('n'), eb.fn.min('started_at').as('earliest')])
      .where('ip', '=', i)
      .where('started_at', '>', limits.since)
      .executeTakeFirstOrThrow();
    if (Number(byIp.n) >= limits.maxPerIp && byIp.earliest) return { granted: false, by: 'ip', earliest: new Date(byIp.earliest) };
    const row = await trx
      .insertInto('login_attempts')
      .values({ email: e, ip: i, started_at: at, outcome: 'pending' })
      .returning('id')
      .executeTakeFirstOrThrow();
    return { granted: true, id: Number(row.id) };
  });
}

/** The reserved attempt `id` failed: it keeps counting until its window ends. */
export async function markLoginAttemptFailed(db: Kysely<DB>, id: number, now: Date): Promise<void> {
  await db.updateTable('login_attempts').set({ outcome: 'failed' }).where('id', '=', id).execute();
  // Rows older than a day are of no use to any window; keep the table small.
  await db
    .deleteFrom('login_attempts')
    .where('started_at', '<', new Date(now.getTime() - 24 * 3600_000))
    .execute();
}

/**
 * The reserved attempt `id` succeeded: deletes it and the e-mail's failures reserved before it. Ids
 * of one e-mail grow in the order of reservation (they are drawn under its lock), so a failure
 * reserved after this attempt started keeps counting, and so does an earlier attempt still in flight
 * that fails later.
 */
export async function clearLoginFailuresThrough(db: Kysely<DB>, email: string, id: number): Promise<void> {
  await db
    .deleteFrom('login_attempts')
    .where('email', '=', emailKey(email))
    .where((eb) => eb.or([eb('id', '=', id), eb.and([eb('id', '<', id), eb('outcome', '=', 'failed')])]))
    .execute();
}

/**
 * The e-mails among `emails` that have reached `max` failed or in-flight attempts since `since`, each
 * with the start of its last attempt (the lock-out lasts a window from then; issue #16 item 3).
 */
export async function lockedEmails(db: Kysely<DB>, emails: readonly string[], since: Date, max: number): Promise<Map<string, Date>> {
  const out = new Map<string, Date>();
  if (!emails.length) return out;
  const rows = await db
    .selectFrom('login_attempts')
    .select((eb) => ['email', eb.fn.countAll<number>().as('n'), eb.fn.max('started_at').as('latest')])
    .where('email', 'in', emails.map(emailKey))
    .where('started_at', '>', since)
    .groupBy('email')
    .having((eb) => eb.fn.countAll(), '>=', max)
    .execute();
  for (const r of rows) if (r.latest) out.set(r.email, new Date(r.latest));
  return out;
}

/**
 * Unlocks an e-mail (an administrator's act, issue #16 item 3): its failed attempts are deleted under
 * the e-mail's lock, so none is being counted meanwhile. Attempts still in flight stay and settle as
 * usual. How many were deleted.
 */
export async function clearLoginFailures(db: Kysely<DB>, email: string): Promise<number> {
  const e = emailKey(email);
  return inTransaction(db, async (trx) => {
    await sql`SELECT pg_advisory_xact_lock(${EMAIL_LOCK_CLASS}::int4, hashtext(${e}))`.execute(trx);
    const r = await trx.deleteFrom('login_attempts').where('email', '=', e).where('outcome', '=', 'failed').executeTakeFirst();
    return Number(r.numDeletedRows);
  });
}
