/**
 * The outbox as administrators and complaint pages read it (issue #14, item 4): failed (or pending, or
 * sent) messages of the complaints and channels in scope, a retry of a failed one, and each
 * notification of a complaint with its deliveries.
 */
import type { Deps } from '../context.ts';
import type { UserRef } from '../../security/scope.ts';
import { scopeOf } from '../../security/scope.ts';
import { listChannels } from '../../data/channel-store.ts';
import { findOutboxMessage, listOutbox, notificationsOfComplaint, retryMessage } from '../../data/outbox-store.ts';
import { notFound } from '../../domain/errors.ts';
import { DomainError } from '../../domain/errors.ts';
import type { Transport } from '../../domain/delivery/messages.ts';
import { findPack } from '../../policies/index.ts';
import { maskEmail, maskPhone } from '../../domain/contact-mask.ts';
import { notificationSubjectZh } from '../pack-lookup.ts';

type State = 'pending' | 'sent' | 'failed';

export interface OutboxMessageView {
  id: string;
  complaintId: string | null;
  complaintCode: string | null;
  channelId: string | null;
  channelName: string | null;
  transport: Transport;
  recipient: string;
  subject: string | null;
  state: State;
  attempts: number;
  lastError: string | null;
  nextAttemptAt: string;
  deliveredAt: string | null;
  createdAt: string;
}

const iso = (d: Date | string | null) => (d === null ? null : new Date(d).toISOString());

export async function readOutbox(deps: Deps, user: UserRef, q: { state?: State; limit?: number }): Promise<OutboxMessageView[]> {
  const scope = await scopeOf(deps.db, user);
  const all = scope.orgIds === null && !scope.departmentIds;
  const unitIds = all ? null : scope.departmentIds ? [] : [...(scope.orgIds ?? [])];
  const channelIds = all ? null : (await listChannels(deps.db, unitIds ?? [])).map((c) => c.id);
  const rows = await listOutbox(deps.db, {
    state: q.state ?? 'failed',
    unitIds,
    channelIds,
    limit: Math.min(Math.max(q.limit ?? 100, 1), 500),
  });
  return rows.map((r) => ({
    id: r.id,
    complaintId: r.complaint_id,
    complaintCode: r.complaint_code,
    channelId: r.channel_id,
    channelName: r.channel_name,
    transport: r.transport,
    // A customer's address is masked as lists show contacts (R-IN-4); staff addresses are shown.
    recipient: r.to_customer ? ((r.transport === 'email' ? maskEmail(r.recipient) : maskPhone(r.recipient)) ?? '') : r.recipient,
    subject: r.subject,
    state: r.state,
    attempts: Number(r.attempts),
    lastError: r.last_error,
    nextAttemptAt: iso(r.next_attempt_at)!,
    deliveredAt: iso(r.delivered_at),
    createdAt: iso(r.created_at)!,
  }));
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export async function retryOutboxMessage(deps: Deps, user: UserRef, id: string): Promise<{ id: string; state: 'pending' }> {
  if (!UUID.test(id)) throw notFound(`outbox message '${id}'`);
  const [scope, msg] = await Promise.all([scopeOf(deps.db, user), findOutboxMessage(deps.db, id)]);
  const node = msg?.complaint_unit_id ?? msg?.channel_company_id ?? null;
  const visible =
    msg && (scope.orgIds === null && !scope.departmentIds ? true : !scope.departmentIds && node !== null && scope.orgIds!.has(node));
  if (!msg || !visible) throw notFound(`outbox message '${id}'`);
  if (!(await retryMessage(deps.db, id, deps.now())))
    throw new DomainError('CONFLICT', `outbox message '${id}' is ${msg.state}, not failed`);
  return { id, state: 'pending' };
}

export interface NotificationDeliveryView {
  id: string;
  kind: string;
  subject: string;
  subjectZh: string;
  dueAt: string;
  deliveries: {
    id: string;
    transport: Transport;
    recipient: string;
    state: State;
    attempts: number;
    lastError: string | null;
    deliveredAt: string | null;
  }[];
}

/** A complaint's notifications and their deliveries; the caller has checked the complaint is in scope. */
export async function complaintNotifications(deps: Deps, complaintId: string): Promise<NotificationDeliveryView[]> {
  const rows = await notificationsOfComplaint(deps.db, complaintId);
  return rows.map((n) => ({
    id: n.id,
    kind: n.kind,
    subject: n.subject,
    subjectZh: notificationSubjectZh(n.policy_id ? findPack(n.policy_id) : undefined, {
      ruleId: n.rule_id,
      kind: n.kind,
      subject: n.subject,
      code: n.code,
    }),
    dueAt: iso(n.due_at)!,
    deliveries: (typeof n.deliveries === 'string' ? JSON.parse(n.deliveries) : n.deliveries).map((d: (typeof n.deliveries)[number]) => ({
      id: d.id,
      transport: d.transport,
      recipient: d.recipient,
      state: d.state,
      attempts: Number(d.attempts),
      lastError: d.last_error,
      deliveredAt: d.delivered_at === null ? null : new Date(d.delivered_at).toISOString(),
    })),
  }));
}
