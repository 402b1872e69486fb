/**
 * What an intake writes, decided without I/O: the complaint row, its first events, clocks and
 * notifications (through planRules), its similar links and the Idempotency-Key claim. Ids, the code
 * number and the portal secret's hash come in, so the same inputs always give the same plan.
 */
import type { NewComplaintInput } from './intake-input.ts';
import type { IntakeWrite, CustomerRecord } from './intake-write.ts';
import type { Actor } from '../actor.ts';
import type { NewEvent } from '../events.ts';
import { complaintCode } from '../complaint-code.ts';
import { clockRow, eventRows, notificationRows, recipientRows } from '../stored-rows.ts';
import type { BusinessCalendar, ComplaintFacts } from '../contracts.ts';
import type { Pack } from '../../policies/index.ts';
import { localDateOf } from '../calendar/index.ts';
import { defaultLevel } from '../severity/index.ts';
import { planRules, type Addressing, type RulesPlan } from '../rules/plan-rules.ts';
import { similarLinkRows, type SimilarFound } from '../similarity/similar-at-intake.ts';
import type { RepeatFound } from '../similarity/repeat-at-intake.ts';

export interface IntakePlanInput {
  id: string;
  codeSeq: number;
  input: NewComplaintInput;
  actor: Actor;
  receivedAt: Date;
  now: Date;
  unitId: string;
  /** The unit's effective pack (src/use-cases/policy/resolve-pack.ts) and its tuned version (issue #16 item 4). */
  pack: Pack;
  policyVersion: number;
  calendar: BusinessCalendar;
  customer: CustomerRecord;
  /** Set when the customer is new: written with the complaint. */
  newCustomer: CustomerRecord | null;
  signature: string[];
  found: SimilarFound;
  /** The earlier closed complaint of the same customer about the same matter, when this one repeats it (R-LC-3). */
  repeat?: RepeatFound | null;
  /** Complaints of its category counted with it (src/domain/severity/category-count.ts), this one included. */
  categoryCount?: number;
  portal: boolean;
  portalSecretHash: string | null;
  idempotency: { userKey: string; key: string; requestHash: string } | null;
  /** The event log key (Deps.logKey). */
  logKey: Buffer;
  /** The unit's positions and administrators, and the notifications' ids (issue #14). */
  addressing: Addressing;
  /** The receipt's `customer_notified` events (issue #14 item 5), logged right after `received`. */
  customerEvents?: NewEvent[];
}

export function planIntake(p: IntakePlanInput): { write: IntakeWrite; plan: RulesPlan } {
  const { id, input, receivedAt, now, found } = p;
  const code = complaintCode(localDateOf(p.calendar, now), p.codeSeq);
  const flags = { ...(input.flags ?? {}), ...(input.channel === 'regulator' ? { regulator: true } : {}) };
  const facts: ComplaintFacts = {
    channel: input.channel,
    receivedAt,
    level: defaultLevel(p.pack),
    qualification: null,
    categoryId: input.categoryId ?? null,
    complainantCount: input.complainantCount ?? 1,
    flags,
    // R-LC-3: a repeat after closure counts, and its severity is evaluated with it (R-SV-1: important).
    repeatCount: p.repeat?.repeatCount ?? 0,
    similarCount: found.count,
    categoryCount: p.categoryCount ?? 1,
    resolved: false,
    pausedMs: 0,
  };
  const plan = planRules({
    row: { id, status: 'received', level_rule: 'default', cases_affected: input.casesAffected ?? null },
    facts,
    pack: p.pack,
    calendar: p.calendar,
    clocks: [],
    eventTail: null,
    actor: p.actor,
    now,
    logKey: p.logKey,
    addressing: p.addressing,
    events: [
      {
        type: 'received',
        data: {
          channel: input.channel,
          receivedAt: receivedAt.toISOString(),
          loggedLateMs: Math.max(0, now.getTime() - receivedAt.getTime()),
          portal: p.portal,
          ...(p.repeat ? { repeatOf: { complaintId: p.repeat.id, code: p.repeat.code, repeatCount: p.repeat.repeatCount } } : {}),
        },
      },
      ...(p.customerEvents ?? []),
    ],
  });
  const complaint = {
    id,
    code,
    unit_id: p.unitId,
    policy_id: p.pack.id,
    policy_version: p.policyVersion,
    channel: input.channel,
    status: 'received',
    qualification: null,
    category_id: facts.categoryId,
    title: input.title.trim(),
    content: input.content.trim(),
    demands: input.demands?.trim() || null,
    customer_id: p.customer.id,
    complainant_count: facts.complainantCount,
    incident_occurred_at: input.incident?.occurredAt ?? null,
    incident_place: input.incident?.place?.trim() || null,
    flags,
    batch_no: input.batchNo?.trim() || null,
    delivery_ref: input.deliveryRef?.trim() || null,
    category_count: facts.categoryCount ?? 1,
    cases_affected: input.casesAffected ?? null,
    received_at: receivedAt,
    created_at: now,
    updated_at: now,
    created_by: p.actor.id,
    portal_secret_hash: p.portalSecretHash,
    signature: p.signature,
    similar_count: found.count,
    repeat_count: facts.repeatCount,
    ...plan.columns,
  };
  const write: IntakeWrite = {
    idempotency: p.idempotency
      ? { user_key: p.idempotency.userKey, key: p.idempotency.key, request_hash: p.idempotency.requestHash, complaint_id: id }
      : null,
    newCustomer: p.newCustomer,
    complaint,
    events: eventRows(id, plan.events),
    clocks: plan.clocks.map((c) => clockRow(id, c)),
    notifications: notificationRows(plan.notifications, { id, unit_id: p.unitId, code }),
    recipients: recipientRows(plan.notifications),
    links: intakeLinkRows(id, found, p.repeat ?? null),
    emergencies: plan.emergencies,
  };
  return { write, plan };
}

/** The new complaint's links: similar ones, and a repeat link to the complaint it repeats (one link per pair: the repeat's). */
export function intakeLinkRows(
  id: string,
  found: SimilarFound,
  repeat: RepeatFound | null,
): { from_id: string; to_id: string; kind: string }[] {
  const similar = similarLinkRows(id, found).filter((l) => l.to_id !== repeat?.id);
  return repeat ? [{ from_id: id, to_id: repeat.id, kind: 'repeat' }, ...similar] : similar;
}
