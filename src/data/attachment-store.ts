/**
 * Storage of attachment rows (the bytes live on disk, see use-cases/attachments). Every function
 * takes the transaction it runs in.
 */
import type { Db } from './complaint-store.ts';

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
