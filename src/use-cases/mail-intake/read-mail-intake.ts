/**
 * What the e-mail intake took (issue #14, item 6), for an administrator: newest first, each message with
 * its outcome, complaint and reason, so a rejected message (malformed, too large, an automatic reply, an
 * attachment refused) is seen rather than lost.
 */
import type { Deps } from '../context.ts';
import type { UserRef } from '../../security/scope.ts';
import { scopeOf } from '../../security/scope.ts';
import { listIntake } from '../../data/mail-intake-store.ts';
import type { MailAttachmentResult, MailOutcome } from '../../data/schema.ts';
import { unitsInScope } from './mailboxes.ts';

export interface MailIntakeView {
  id: string;
  mailboxId: string;
  unitId: string;
  messageId: string;
  from: string | null;
  subject: string | null;
  sentAt: string | null;
  takenAt: string;
  size: number;
  outcome: MailOutcome;
  complaintId: string | null;
  complaintCode: string | null;
  reason: string | null;
  attachments: MailAttachmentResult[];
}

const iso = (d: Date | string | null) => (d === null ? null : new Date(d).toISOString());

export async function readMailIntake(
  deps: Deps,
  user: UserRef,
  q: { outcome?: MailOutcome; mailboxId?: string; limit?: number },
): Promise<MailIntakeView[]> {
  const scope = await scopeOf(deps.db, user);
  const rows = await listIntake(deps.db, {
    unitIds: unitsInScope(scope),
    outcome: q.outcome ?? null,
    mailboxId: q.mailboxId ?? null,
    limit: Math.min(Math.max(q.limit ?? 100, 1), 500),
  });
  return rows.map((r) => ({
    id: r.id,
    mailboxId: r.mailbox_id,
    unitId: r.unit_id,
    messageId: r.message_id,
    from: r.from_address,
    subject: r.subject,
    sentAt: iso(r.sent_at),
    takenAt: new Date(r.taken_at).toISOString(),
    size: Number(r.size),
    outcome: r.outcome,
    complaintId: r.complaint_id,
    complaintCode: r.complaint_code,
    reason: r.reason,
    attachments: typeof r.attachments === 'string' ? (JSON.parse(r.attachments) as MailAttachmentResult[]) : r.attachments,
  }));
}
