/**
 * The record of every message the e-mail intake took (issue #14, item 6; migration 0027): one row per
 * mailbox and Message-ID, whatever became of it. The unique key is what makes a message taken once:
 * the row is written in the transaction that creates or joins the complaint, so a crash before the
 * commit leaves nothing taken, and a second attempt after the commit finds the row.
 */
import type { Db } from './complaint-store.ts';
import type { MailAttachmentResult, MailOutcome } from './schema.ts';

export interface NewIntakeRecord {
  mailbox_id: string;
  message_id: string;
  uid: number | null;
  from_address: string | null;
  subject: string | null;
  sent_at: Date | null;
  taken_at: Date;
  size: number;
  outcome: MailOutcome;
  complaint_id: string | null;
  reason: string | null;
  attachments: MailAttachmentResult[];
}

export async function isTaken(db: Db, mailboxId: string, messageId: string): Promise<boolean> {
  const row = await db
    .selectFrom('mail_intake')
    .select('id')
    .where('mailbox_id', '=', mailboxId)
    .where('message_id', '=', messageId)
    .executeTakeFirst();
  return row !== undefined;
}

/** Records a taken message; false when the mailbox already has one with this Message-ID (nothing written). */
export async function recordTaken(db: Db, r: NewIntakeRecord): Promise<boolean> {
  const row = await db
    .insertInto('mail_intake')
    .values({
      ...r,
      subject: r.subject?.slice(0, 1000) ?? null,
      from_address: r.from_address?.slice(0, 320) ?? null,
      reason: r.reason?.slice(0, 2000) ?? null,
      attachments: JSON.stringify(r.attachments),
    })
    .onConflict((oc) => oc.columns(['mailbox_id', 'message_id']).doNothing())
    .returning('id')
    .executeTakeFirst();
  return row !== undefined;
}

export interface IntakeListRow {
  id: string;
  mailbox_id: string;
  unit_id: string;
  message_id: string;
  from_address: string | null;
  subject: string | null;
  sent_at: Date | null;
  taken_at: Date;
  size: number;
  outcome: MailOutcome;
  complaint_id: string | null;
  complaint_code: string | null;
  reason: string | null;
  attachments: MailAttachmentResult[] | string;
}

/** Taken messages of the mailboxes at `unitIds` (null: all), newest first. */
export async function listIntake(
  db: Db,
  q: { unitIds: string[] | null; outcome: MailOutcome | null; mailboxId: string | null; limit: number },
): Promise<IntakeListRow[]> {
  if (q.unitIds !== null && q.unitIds.length === 0) return [];
  let query = db
    .selectFrom('mail_intake as i')
    .innerJoin('mailboxes as b', 'b.id', 'i.mailbox_id')
    .leftJoin('complaints as c', 'c.id', 'i.complaint_id')
    .select([
      'i.id',
      'i.mailbox_id',
      'b.unit_id',
      'i.message_id',
      'i.from_address',
      'i.subject',
      'i.sent_at',
      'i.taken_at',
      'i.size',
      'i.outcome',
      'i.complaint_id',
      'c.code as complaint_code',
      'i.reason',
      'i.attachments',
    ]);
  if (q.unitIds !== null) query = query.where('b.unit_id', 'in', q.unitIds);
  if (q.outcome !== null) query = query.where('i.outcome', '=', q.outcome);
  if (q.mailboxId !== null) query = query.where('i.mailbox_id', '=', q.mailboxId);
  return query.orderBy('i.taken_at', 'desc').orderBy('i.id').limit(q.limit).execute();
}
