/**
 * Storage of attachment rows (the bytes live on disk, see use-cases/attachments). Every function
 * takes the transaction it runs in.
 */
import type { Selectable } from 'kysely';
import type { Db } from './complaint-store.ts';
import type { AttachmentsTable } from './schema.ts';

export interface NewAttachmentRow {
  id: string;
  complaint_id: string;
  filename: string;
  mime: string;
  size: number;
  sha256: string;
  created_at: Date;
  created_by: string | null;
}

export async function insertAttachment(trx: Db, row: NewAttachmentRow): Promise<void> {
  await trx.insertInto('attachments').values(row).execute();
}

/**
 * How many attachments of a complaint were added by `createdBy` (null: by the customer in the portal
 * or by the system). Exact only inside a transaction that holds the complaint's row lock.
 */
export async function countAttachmentsBy(trx: Db, complaintId: string, createdBy: string | null): Promise<number> {
  const row = await trx
    .selectFrom('attachments')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('complaint_id', '=', complaintId)
    .where('created_by', createdBy === null ? 'is' : '=', createdBy)
    .executeTakeFirst();
  return Number(row?.n ?? 0);
}

export type AttachmentRow = Selectable<AttachmentsTable>;

export async function listAttachmentsOfComplaint(db: Db, complaintId: string): Promise<AttachmentRow[]> {
  return db.selectFrom('attachments').selectAll().where('complaint_id', '=', complaintId).execute();
}

export async function findAttachmentRow(db: Db, id: string): Promise<AttachmentRow | undefined> {
  return db.selectFrom('attachments').selectAll().where('id', '=', id).executeTakeFirst();
}

/**
 * Each attachment's position in its complaint's log (the seq of its attachment_added event), by
 * attachment id: the order the files were added in.
 */
export async function attachmentAddedSeqs(db: Db, complaintId: string): Promise<Map<string, number>> {
  const events = await db
    .selectFrom('complaint_events')
    .select(['seq', 'data'])
    .where('complaint_id', '=', complaintId)
    .where('type', '=', 'attachment_added')
    .execute();
  return new Map(events.map((e) => [String((e.data as { attachmentId?: unknown }).attachmentId), e.seq]));
}

/** What a case keeps of a complaint's files: their names, types, sizes and hashes (not their bytes). */
export async function attachmentFilesOf(
  db: Db,
  complaintId: string,
): Promise<Pick<AttachmentRow, 'filename' | 'mime' | 'size' | 'sha256'>[]> {
  return db.selectFrom('attachments').select(['filename', 'mime', 'size', 'sha256']).where('complaint_id', '=', complaintId).execute();
}
