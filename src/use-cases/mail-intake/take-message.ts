/**
 * One message of a unit's mailbox taken in (issue #14, item 6): a new complaint, a customer message on
 * the complaint whose code its subject carries, or a rejection with its reason, recorded once by
 * (mailbox, Message-ID). The complaint (or the customer message), its attachments and the record are
 * one transaction: a crash before the commit leaves the message untaken, to be taken by the next poll;
 * after the commit, the record keeps it from being taken again. The Message-ID is also the intake's
 * idempotency key, so even a record lost some other way could not make a second complaint.
 */
import { createHash } from 'node:crypto';
import type { Deps, Actor } from '../context.ts';
import type { MailboxSession, ListedMessage } from '../../mail/imap-mailbox.ts';
import { parseMessage, type ParsedMail } from '../../mail/parse-message.ts';
import type { ClaimedMailbox } from '../../data/mailbox-store.ts';
import { isTaken, recordTaken, type NewIntakeRecord } from '../../data/mail-intake-store.ts';
import { appendEvents, findComplaintByCode, lockComplaint, type ComplaintRow } from '../../data/complaint-store.ts';
import { findCustomer } from '../../data/customer-store.ts';
import { insertAttachment } from '../../data/attachment-store.ts';
import { configSnapshot } from '../../data/config-cache.ts';
import { inTransaction } from '../../data/transaction.ts';
import type { DB, MailOutcome } from '../../data/schema.ts';
import { complaintCodeInSubject } from '../../domain/mail-intake/complaint-code-in-subject.ts';
import { complaintInput, customerMessage, refusal, type MailFacts } from '../../domain/mail-intake/plan-mail.ts';
import type { NewEvent } from '../../domain/events.ts';
import { createComplaint } from '../create-complaint.ts';
import { checkMailAttachments, type CheckedAttachments } from './mail-attachments.ts';
import type { Transaction } from 'kysely';

export const MAIL_INTAKE_ACTOR: Actor = { id: null, label: 'e-mail intake', role: 'system' };

export interface TakeOptions {
  attachmentsDir: string;
  /** A larger message is rejected from its reported size, without being downloaded. */
  maxMessageBytes: number;
  /** Per attachment; uploads' limit (attachments.ts) unless a test says otherwise. */
  maxAttachmentBytes?: number;
}

export interface Taken {
  outcome: MailOutcome | 'already-taken';
  messageId: string;
  complaintId?: string;
  reason?: string;
}

/** A stable id for a message without a Message-ID: the same bytes give the same id, on any poll. */
export function hashMessageId(bytes: Buffer): string {
  return `<sha256-${createHash('sha256').update(bytes).digest('hex')}@plaint.invalid>`;
}

const mb = (n: number) => `${(n / 1024 / 1024).toFixed(1)} MB`;
const errorText = (err: unknown) => (err instanceof Error ? err.message : String(err)).slice(0, 500);

type Base = Pick<NewIntakeRecord, 'mailbox_id' | 'message_id' | 'uid' | 'from_address' | 'subject' | 'sent_at' | 'taken_at' | 'size'>;

function base(mailbox: ClaimedMailbox, listed: ListedMessage, messageId: string, facts: Partial<MailFacts> | null, now: Date): Base {
  return {
    mailbox_id: mailbox.id,
    message_id: messageId,
    uid: listed.uid,
    from_address: facts?.from?.address?.trim().toLowerCase() || null,
    subject: facts?.subject ?? null,
    sent_at: facts?.date ?? null,
    taken_at: now,
    size: listed.size,
  };
}

async function reject(deps: Deps, b: Base, reason: string, attachments: CheckedAttachments['results'] = []): Promise<Taken> {
  const recorded = await recordTaken(deps.db, { ...b, outcome: 'rejected', complaint_id: null, reason, attachments });
  return recorded ? { outcome: 'rejected', messageId: b.message_id, reason } : { outcome: 'already-taken', messageId: b.message_id };
}

/** Thrown inside the transaction when the record's key is taken: undoes the complaint written before it. */
class AlreadyTaken extends Error {}

export async function takeMessage(
  deps: Deps,
  mailbox: ClaimedMailbox,
  listed: ListedMessage,
  session: MailboxSession,
  opts: TakeOptions,
): Promise<Taken> {
  const now = deps.now();
  if (listed.size > opts.maxMessageBytes) {
    const messageId = listed.messageId ?? hashMessageId(Buffer.concat([listed.header, Buffer.from(`\0${listed.size}`)]));
    if (await isTaken(deps.db, mailbox.id, messageId)) return { outcome: 'already-taken', messageId };
    // The header alone names the sender and subject for the administrator's list.
    const head = await parseMessage(listed.header).catch(() => null);
    return reject(
      deps,
      base(mailbox, listed, messageId, head?.facts ?? null, now),
      `the message is ${mb(listed.size)}, over the ${mb(opts.maxMessageBytes)} limit: not downloaded`,
    );
  }
  if (listed.messageId && (await isTaken(deps.db, mailbox.id, listed.messageId)))
    return { outcome: 'already-taken', messageId: listed.messageId };
  // A failure to download is the connection's, not the message's: it ends the poll, and the next one tries again.
  const source = await session.source(listed.uid);
  const messageId = listed.messageId ?? hashMessageId(source);
  if (!listed.messageId && (await isTaken(deps.db, mailbox.id, messageId))) return { outcome: 'already-taken', messageId };

  let parsed: ParsedMail;
  try {
    parsed = await parseMessage(source);
  } catch (err) {
    return reject(deps, base(mailbox, listed, messageId, null, now), `could not be read as an e-mail: ${errorText(err)}`);
  }
  const facts: MailFacts = { ...parsed.facts, messageId, internalDate: listed.internalDate };
  const b = base(mailbox, listed, messageId, facts, now);
  const refused = refusal(facts);
  if (refused) return reject(deps, b, refused);

  try {
    const attachments = await checkMailAttachments(parsed.attachments, opts.attachmentsDir, opts.maxAttachmentBytes);
    const target = await joinTarget(deps, facts, mailbox.unit_id);
    const taken = target ? await join(deps, b, facts, target, attachments) : await create(deps, b, facts, mailbox, attachments);
    return taken ?? { outcome: 'already-taken', messageId };
  } catch (err) {
    // The message's own fault (an intake check) or not, it must not hold up the rest of the mailbox;
    // if even the rejection cannot be recorded, the database is down and the poll ends here.
    return reject(deps, b, `could not be taken in: ${errorText(err)}`);
  }
}

/** The complaint a reply belongs to: its subject's code, at a unit of the mailbox's company. */
async function joinTarget(deps: Deps, facts: MailFacts, unitId: string): Promise<ComplaintRow | null> {
  const code = complaintCodeInSubject(facts.subject);
  if (!code) return null;
  const complaint = await findComplaintByCode(deps.db, code);
  if (!complaint) return null;
  const config = await configSnapshot(deps.db);
  // Another company's code is only text to this mailbox: a company's mailbox never writes into another's complaints.
  const same = config.companyOf(complaint.unit_id)?.id === config.companyOf(unitId)?.id;
  return same ? complaint : null;
}

async function attach(trx: Transaction<DB>, complaintId: string, attachments: CheckedAttachments, now: Date): Promise<NewEvent[]> {
  for (const a of attachments.stored)
    await insertAttachment(trx, {
      id: a.id,
      complaint_id: complaintId,
      filename: a.filename,
      mime: a.mime,
      size: a.size,
      sha256: a.sha256,
      created_at: now,
      created_by: MAIL_INTAKE_ACTOR.id,
    });
  return attachments.stored.map((a) => ({
    type: 'attachment_added' as const,
    data: { attachmentId: a.id, filename: a.filename, mime: a.mime, size: a.size, sha256: a.sha256 },
  }));
}

const refusedReason = (a: CheckedAttachments) =>
  a.refused.length ? `attachments refused: ${a.refused.map((r) => `${r.filename} (${r.reason})`).join('; ')}` : null;

async function create(
  deps: Deps,
  b: Base,
  facts: MailFacts,
  mailbox: ClaimedMailbox,
  attachments: CheckedAttachments,
): Promise<Taken | null> {
  const input = complaintInput(facts, mailbox.unit_id, b.taken_at);
  try {
    return await inTransaction(deps.db, async (trx) => {
      const created = await createComplaint({ ...deps, db: trx }, MAIL_INTAKE_ACTOR, input, {
        idempotencyKey: `mail ${mailbox.id} ${facts.messageId}`.slice(0, 600),
      });
      const id = created.complaint.id;
      // A replay means this message made the complaint already, attachments included.
      if (!created.replayed && attachments.stored.length) {
        await lockComplaint(trx, id);
        await appendEvents(trx, deps.logKey, id, await attach(trx, id, attachments, b.taken_at), MAIL_INTAKE_ACTOR, b.taken_at);
      }
      const reason = refusedReason(attachments);
      if (!(await recordTaken(trx, { ...b, outcome: 'created', complaint_id: id, reason, attachments: attachments.results })))
        throw new AlreadyTaken();
      return { outcome: 'created' as const, messageId: facts.messageId, complaintId: id, ...(reason ? { reason } : {}) };
    });
  } catch (err) {
    if (err instanceof AlreadyTaken) return null;
    throw err;
  }
}

async function join(deps: Deps, b: Base, facts: MailFacts, target: ComplaintRow, attachments: CheckedAttachments): Promise<Taken | null> {
  const customer = await findCustomer(deps.db, target.customer_id);
  const data = customerMessage(facts, { stored: attachments.stored.map((a) => a.filename), refused: attachments.refused }, customer.email);
  try {
    return await inTransaction(deps.db, async (trx) => {
      if (!(await lockComplaint(trx, target.id))) throw new Error(`complaint ${target.code} is gone`);
      const events: NewEvent[] = [{ type: 'customer_message', data }, ...(await attach(trx, target.id, attachments, b.taken_at))];
      await appendEvents(trx, deps.logKey, target.id, events, MAIL_INTAKE_ACTOR, b.taken_at);
      const reason = refusedReason(attachments);
      if (!(await recordTaken(trx, { ...b, outcome: 'joined', complaint_id: target.id, reason, attachments: attachments.results })))
        throw new AlreadyTaken();
      return { outcome: 'joined' as const, messageId: facts.messageId, complaintId: target.id, ...(reason ? { reason } : {}) };
    });
  } catch (err) {
    if (err instanceof AlreadyTaken) return null;
    throw err;
  }
}
