/**
 * The complaint as the API shows it. Lists mask contact details for everyone, the detail masks them
 * for roles that do not handle the case (R-IN-4; the unmasked contact is GET …/contact, logged). The
 * detail tells the client which actions the current state allows *and* the viewer's role may take,
 * so the console offers exactly those.
 */
import type { ComplaintRow, ListedComplaintRow, StoredEvent } from '../../data/complaint-store.ts';
import type { ClockRecord } from '../../domain/contracts.ts';
import { allowedActions } from '../../domain/lifecycle/index.ts';
import { clockStatusAt, type DeadlineStanding } from '../../domain/clocks/index.ts';
import { can, permittedActions } from '../../security/authorize.ts';
import type { UserRef } from '../../security/scope.ts';
import { maskEmail, maskPhone } from '../../domain/contact-mask.ts';

const iso = (d: Date | string | null | undefined) => (d ? new Date(d).toISOString() : null);
/** For the columns that are NOT NULL. */
const isoOf = (d: Date | string) => new Date(d).toISOString();

export interface CustomerView {
  id: string;
  name: string;
  phone: string | null;
  email: string | null;
  type: string | null;
}

export function presentClock(c: ClockRecord, now: Date) {
  const status = clockStatusAt(c, now);
  return { ...c, remainingMs: status.remainingMs, spanMs: status.spanMs, tone: status.tone };
}

export function presentSummary(
  row: ListedComplaintRow & { customer_name: string; customer_phone: string | null; customer_email: string | null; unit_name: string },
  clocks: ClockRecord[],
  now: Date,
) {
  return {
    id: row.id,
    code: row.code,
    unitId: row.unit_id,
    unitName: row.unit_name,
    policyId: row.policy_id,
    policyVersion: row.policy_version ?? 0,
    status: row.status,
    qualification: row.qualification,
    categoryId: row.category_id,
    level: row.level,
    levelRule: row.level_rule,
    channel: row.channel,
    title: row.title,
    receivedAt: isoOf(row.received_at),
    createdAt: isoOf(row.created_at),
    updatedAt: isoOf(row.updated_at),
    customer: { id: row.customer_id, name: row.customer_name, phone: maskPhone(row.customer_phone), email: maskEmail(row.customer_email) },
    complainantCount: row.complainant_count,
    leadDepartmentId: row.lead_department_id,
    repeatCount: row.repeat_count,
    similarCount: row.similar_count,
    nextDueAt: iso(row.next_due_at),
    overdue: row.overdue,
    clocks: clocks.map((c) => presentClock(c, now)),
  };
}

export function presentComplaint(
  row: ComplaintRow,
  extra: {
    unitName: string;
    customer: CustomerView;
    clocks: ClockRecord[];
    deadlines?: DeadlineStanding;
    events?: StoredEvent[];
    links?: { id: string; code: string; kind: string; direction: 'to' | 'from' }[];
    now: Date;
    /** Who is looking: decides masking and which actions are offered. */
    viewer: UserRef;
    /** The complaint's pack's lifecycle settings (get-complaint). */
    lifecycle: { returnVisitRequired: boolean; replyApproverRoles: readonly string[] };
  },
) {
  const c = extra.customer;
  const customer = can(extra.viewer, 'contact.view') ? c : { ...c, phone: maskPhone(c.phone), email: maskEmail(c.email) };
  return {
    id: row.id,
    code: row.code,
    unitId: row.unit_id,
    unitName: extra.unitName,
    policyId: row.policy_id,
    policyVersion: row.policy_version ?? 0,
    status: row.status,
    qualification: row.qualification,
    categoryId: row.category_id,
    level: row.level,
    levelRule: row.level_rule,
    channel: row.channel,
    receivedAt: isoOf(row.received_at),
    createdAt: isoOf(row.created_at),
    updatedAt: isoOf(row.updated_at),
    title: row.title,
    content: row.content,
    demands: row.demands,
    customer,
    complainantCount: row.complainant_count,
    incident: { occurredAt: iso(row.incident_occurred_at), place: row.incident_place },
    flags: row.flags,
    batchNo: row.batch_no,
    deliveryRef: row.delivery_ref ?? null,
    directPerson: row.direct_person ?? null,
    categoryCount: row.category_count ?? 1,
    casesAffected: row.cases_affected,
    responsibility: row.responsibility,
    leadDepartmentId: row.lead_department_id,
    coDepartmentIds: row.co_department_ids,
    repeatCount: row.repeat_count,
    similarCount: row.similar_count,
    satisfaction: row.satisfaction,
    closedAt: iso(row.closed_at),
    closeReason: row.close_reason,
    report: row.report,
    reply: row.reply,
    nextDueAt: iso(row.next_due_at),
    overdue: row.overdue,
    clocks: extra.clocks.map((c) => presentClock(c, extra.now)),
    ...(extra.deadlines ? { deadlines: extra.deadlines } : {}),
    ...(extra.events ? { events: extra.events.map(presentEvent) } : {}),
    ...(extra.links ? { links: extra.links } : {}),
    allowedActions: permittedActions(
      extra.viewer,
      allowedActions({ status: row.status, qualification: row.qualification, returnVisitRequired: extra.lifecycle.returnVisitRequired }),
      { replyApproverRoles: extra.lifecycle.replyApproverRoles, replyAuthorId: row.reply?.authorId ?? null },
    ),
  };
}

export function presentEvent(e: StoredEvent) {
  return { seq: e.seq, type: e.type, at: e.at.toISOString(), actor: { id: e.actorId, name: e.actorLabel }, data: e.data, hash: e.hash };
}
