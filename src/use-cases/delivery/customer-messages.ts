/**
 * Messages to customers as staff see and set them (issue #14 item 5): a complaint's messages with their
 * delivery state, and a unit's switches for each message (held with `channels.manage`, in scope).
 */
import type { Deps } from '../context.ts';
import type { UserRef } from '../../security/scope.ts';
import { nodeInScope, scopeOf } from '../../security/scope.ts';
import { authorize } from '../../security/authorize.ts';
import { configSnapshot } from '../../data/config-cache.ts';
import { customerMessagesOfComplaint } from '../../data/outbox-store.ts';
import { saveCustomerMessageSwitches } from '../../data/org-store.ts';
import { notFound } from '../../domain/errors.ts';
import { maskEmail, maskPhone } from '../../domain/contact-mask.ts';
import { customerMessageSwitches, type CustomerMessage } from '../../domain/delivery/customer-messages.ts';

export interface CustomerMessageView {
  id: string;
  message: CustomerMessage;
  transport: 'email' | 'webhook';
  /** Masked as lists show contacts (R-IN-4). */
  recipient: string;
  subject: string | null;
  state: 'pending' | 'sent' | 'failed';
  attempts: number;
  lastError: string | null;
  deliveredAt: string | null;
  createdAt: string;
}

/** The caller has checked that the complaint is in scope. */
export async function complaintCustomerMessages(deps: Deps, complaintId: string): Promise<CustomerMessageView[]> {
  const rows = await customerMessagesOfComplaint(deps.db, complaintId);
  return rows.map((r) => ({
    id: r.id,
    message: r.message,
    transport: r.transport === 'email' ? 'email' : 'webhook',
    recipient: (r.transport === 'email' ? maskEmail(r.recipient) : maskPhone(r.recipient)) ?? '',
    subject: r.subject,
    state: r.state,
    attempts: Number(r.attempts),
    lastError: r.last_error,
    deliveredAt: r.delivered_at === null ? null : new Date(r.delivered_at).toISOString(),
    createdAt: new Date(r.created_at).toISOString(),
  }));
}

export interface UnitCustomerMessages {
  unitId: string;
  unitName: string;
  receipt: boolean;
  reply: boolean;
  visitInvitation: boolean;
}

async function unitForUser(deps: Deps, user: UserRef, unitId: string) {
  authorize(user, 'channels.manage');
  const [scope, config] = await Promise.all([scopeOf(deps.db, user), configSnapshot(deps.db)]);
  const unit = config.node(unitId);
  if (unit?.kind !== 'unit' || !nodeInScope(scope, unit.id)) throw notFound(`unit '${unitId}'`);
  return unit;
}

export async function readUnitCustomerMessages(deps: Deps, user: UserRef, unitId: string): Promise<UnitCustomerMessages> {
  const unit = await unitForUser(deps, user, unitId);
  const s = customerMessageSwitches(unit.settings as Record<string, unknown> | null);
  return { unitId: unit.id, unitName: unit.name, receipt: s.receipt, reply: s.reply, visitInvitation: s.visit_invitation };
}

export async function saveUnitCustomerMessages(
  deps: Deps,
  user: UserRef,
  unitId: string,
  body: { receipt: boolean; reply: boolean; visitInvitation: boolean },
): Promise<UnitCustomerMessages> {
  const unit = await unitForUser(deps, user, unitId);
  await saveCustomerMessageSwitches(deps.db, unit.id, { receipt: body.receipt, reply: body.reply, visit_invitation: body.visitInvitation });
  return { unitId: unit.id, unitName: unit.name, ...body };
}
