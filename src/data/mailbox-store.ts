/**
 * The e-mail intake's mailboxes (issue #14, item 6; migration 0027). A poll claims due mailboxes in one
 * statement: FOR UPDATE SKIP LOCKED passes over a row another process is claiming, and the lease it sets
 * keeps every other process off the mailbox while this one talks to the IMAP server outside any
 * transaction. A process that dies mid-poll leaves the lease to run out; the next poll starts again at
 * the saved cursor, and the intake table keeps what was already taken from being taken twice.
 */
import { sql } from 'kysely';
import type { Db } from './complaint-store.ts';
import type { MailboxesTable } from './schema.ts';
import type { Selectable } from 'kysely';

export type MailboxRow = Selectable<MailboxesTable>;

export interface ClaimedMailbox {
  id: string;
  unit_id: string;
  url: string;
  folder: string;
  uid_validity: string | null;
  last_uid: number;
}

/** Up to `limit` enabled mailboxes whose last poll is at least `pollMs` old, leased for `leaseMs`. */
export async function claimDueMailboxes(db: Db, now: Date, pollMs: number, leaseMs: number, limit: number): Promise<ClaimedMailbox[]> {
  const at = now.toISOString();
  const r = await sql<ClaimedMailbox>`
    WITH due AS (
      SELECT id FROM mailboxes
      WHERE enabled
        AND (lease_until IS NULL OR lease_until <= ${at}::timestamptz)
        AND (last_polled_at IS NULL OR last_polled_at <= ${at}::timestamptz - make_interval(secs => ${pollMs}::double precision / 1000))
      ORDER BY last_polled_at NULLS FIRST, id
      LIMIT ${limit}
      FOR UPDATE SKIP LOCKED
    )
    UPDATE mailboxes m SET lease_until = ${at}::timestamptz + make_interval(secs => ${leaseMs}::double precision / 1000)
    FROM due
    WHERE m.id = due.id
    RETURNING m.id, m.unit_id, m.url, m.folder, m.uid_validity::text AS uid_validity, m.last_uid`.execute(db);
  return r.rows.map((m) => ({ ...m, last_uid: Number(m.last_uid) }));
}

/** Where the poll has got to; renews the lease, as each message may take a while. */
export async function saveCursor(db: Db, id: string, uidValidity: string, lastUid: number, leaseUntil: Date): Promise<void> {
  await db
    .updateTable('mailboxes')
    .set({ uid_validity: uidValidity, last_uid: lastUid, lease_until: leaseUntil })
    .where('id', '=', id)
    .execute();
}

/** The end of a poll: the lease given back, the time and the error (null: it went well) recorded. */
export async function releaseMailbox(db: Db, id: string, now: Date, error: string | null): Promise<void> {
  await db
    .updateTable('mailboxes')
    .set(
      error === null
        ? { lease_until: null, last_polled_at: now, last_error: null, last_error_at: null }
        : { lease_until: null, last_polled_at: now, last_error: error.slice(0, 2000), last_error_at: now },
    )
    .where('id', '=', id)
    .execute();
}

/**
 * The default mailbox of PLAINT_IMAP_URL / PLAINT_IMAP_UNIT, one row however often the process starts.
 * Another server or folder starts its cursor again; an administrator's `enabled` is kept.
 */
export async function upsertEnvMailbox(db: Db, m: { unit_id: string; url: string; folder: string; now: Date }): Promise<MailboxRow> {
  const at = m.now.toISOString();
  const r = await sql<MailboxRow>`
    INSERT INTO mailboxes AS b (unit_id, url, folder, source, created_at, updated_at)
    VALUES (${m.unit_id}, ${m.url}, ${m.folder}, 'env', ${at}::timestamptz, ${at}::timestamptz)
    ON CONFLICT (source) WHERE source = 'env' DO UPDATE SET
      unit_id = excluded.unit_id,
      url = excluded.url,
      folder = excluded.folder,
      uid_validity = CASE WHEN b.url = excluded.url AND b.folder = excluded.folder THEN b.uid_validity END,
      last_uid = CASE WHEN b.url = excluded.url AND b.folder = excluded.folder THEN b.last_uid ELSE 0 END,
      updated_at = CASE WHEN (b.unit_id, b.url, b.folder) = (excluded.unit_id, excluded.url, excluded.folder) THEN b.updated_at
                        ELSE excluded.updated_at END
    RETURNING *`.execute(db);
  return r.rows[0];
}

export async function insertMailbox(
  db: Db,
  m: { unit_id: string; url: string; folder: string; enabled: boolean; now: Date },
): Promise<MailboxRow> {
  return db
    .insertInto('mailboxes')
    .values({ unit_id: m.unit_id, url: m.url, folder: m.folder, enabled: m.enabled, created_at: m.now, updated_at: m.now })
    .returningAll()
    .executeTakeFirstOrThrow();
}

/** A changed URL or folder is another mailbox to the cursor: it starts again (the intake table still holds). */
export async function updateMailbox(
  db: Db,
  id: string,
  set: { url?: string; folder?: string; enabled?: boolean },
  now: Date,
): Promise<MailboxRow | undefined> {
  const moved = set.url !== undefined || set.folder !== undefined;
  return db
    .updateTable('mailboxes')
    .set({ ...set, updated_at: now, ...(moved ? { uid_validity: null, last_uid: 0 } : {}) })
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirst();
}

export async function findMailbox(db: Db, id: string): Promise<MailboxRow | undefined> {
  return db.selectFrom('mailboxes').selectAll().where('id', '=', id).executeTakeFirst();
}

/** The mailboxes of `unitIds` (null: all), oldest first. */
export async function listMailboxes(db: Db, unitIds: string[] | null): Promise<MailboxRow[]> {
  let q = db.selectFrom('mailboxes').selectAll();
  if (unitIds !== null) {
    if (unitIds.length === 0) return [];
    q = q.where('unit_id', 'in', unitIds);
  }
  return q.orderBy('created_at').orderBy('id').execute();
}
