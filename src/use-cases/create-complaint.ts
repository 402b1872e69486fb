/**
 * Intake (R-LC-1, R-IN-1..5): one transaction records the customer, the complaint, its first events,
 * its clocks and its level; an Idempotency-Key makes a retried request return the first result.
 */
import { createHash, randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import type { Deps, Actor } from './context.ts';
import type { Db, ComplaintRow } from '../data/complaint-store.ts';
import { findComplaint, nextComplaintCode } from '../data/complaint-store.ts';
import type { ComplaintDetail } from './get-complaint.ts';
import { findOrgNode } from '../data/org-store.ts';
import type { Channel } from '../domain/contracts.ts';
import { DomainError, invalid, notFound } from '../domain/errors.ts';
import { findPack } from '../policies/index.ts';
import { findCategory } from './pack-lookup.ts';
import { calendarForUnit } from './calendar-for-unit.ts';
import { localDateOf } from '../domain/calendar/index.ts';
import { factsOf } from './complaint-facts.ts';
import { applyRulesAndStore } from './apply-rules-and-store.ts';
import { findSimilarAtIntake, linkSimilarComplaints } from './link-similar.ts';
import { signature } from '../domain/similarity/index.ts';
import { defaultLevel } from '../domain/severity/index.ts';
import { inTransaction } from '../data/transaction.ts';

export interface NewComplaintInput {
  unitId: string;
  channel: Channel;
  receivedAt?: string;
  customer: { name: string; phone?: string; email?: string; type?: string };
  title: string;
  content: string;
  demands?: string;
  categoryId?: string;
  complainantCount?: number;
  incident?: { occurredAt?: string; place?: string };
  flags?: { media?: boolean; lawsuit?: boolean; safety?: boolean };
  batchNo?: string;
}

export interface CreateResult {
  complaint: ComplaintRow;
  replayed: boolean;
  /** What the complaint page shows, known without reading it back (absent on an idempotent replay). */
  detail?: ComplaintDetail;
  /** Only for portal submissions: shown once to the customer, stored as a hash. */
  portalSecret?: string;
}

/** A phone call is logged after it ends, so received-at may be earlier; never later than now (+ clock skew). */
const FUTURE_TOLERANCE_MS = 60_000;

export async function createComplaint(
  deps: Deps,
  actor: Actor,
  input: NewComplaintInput,
  opts: { idempotencyKey?: string; portal?: boolean } = {},
): Promise<CreateResult> {
  const now = deps.now();
  const receivedAt = input.receivedAt ? new Date(input.receivedAt) : now;
  if (Number.isNaN(receivedAt.getTime())) throw invalid('receivedAt', 'must be an ISO 8601 date-time');
  if (receivedAt.getTime() > now.getTime() + FUTURE_TOLERANCE_MS) throw invalid('receivedAt', 'must not be in the future');
  if (input.incident?.occurredAt) {
    const occurred = new Date(input.incident.occurredAt);
    if (Number.isNaN(occurred.getTime())) throw invalid('incident.occurredAt', 'must be an ISO 8601 date-time');
    if (occurred.getTime() > now.getTime() + FUTURE_TOLERANCE_MS) throw invalid('incident.occurredAt', 'must not be in the future');
  }
  if (!input.customer.phone && !input.customer.email && input.channel !== 'letter' && input.channel !== 'walk_in') {
    // A valid complaint needs a way to reach the customer (R-Q-1); letters and walk-ins may carry an address instead.
    throw invalid('customer.phone', 'a phone number or an e-mail address is required');
  }

  const requestHash = createHash('sha256').update(JSON.stringify(input)).digest('hex');
  const userKey = actor.id ?? actor.label;

  return inTransaction(deps.db, async (trx) => {
    if (opts.idempotencyKey) {
      const claimed = await trx
        .insertInto('idempotency_keys')
        .values({ user_key: userKey, key: opts.idempotencyKey, request_hash: requestHash })
        .onConflict((oc) => oc.columns(['user_key', 'key']).doNothing())
        .returning('key')
        .executeTakeFirst();
      if (!claimed) {
        // Another request with this key committed first (a concurrent one waited on the key's row).
        const prior = await trx
          .selectFrom('idempotency_keys')
          .select(['request_hash', 'complaint_id'])
          .where('user_key', '=', userKey)
          .where('key', '=', opts.idempotencyKey)
          .executeTakeFirstOrThrow();
        if (prior.request_hash !== requestHash) {
          throw new DomainError('IDEMPOTENCY_MISMATCH', 'Idempotency-Key was already used with a different request body', { field: 'Idempotency-Key' });
        }
        const first = prior.complaint_id ? await findComplaint(trx, prior.complaint_id) : undefined;
        if (!first) throw new DomainError('CONFLICT', 'the first request with this Idempotency-Key is still in progress');
        return { complaint: first, replayed: true };
      }
    }
    const result = await insertComplaint(trx, actor, input, receivedAt, now, opts.portal === true);
    if (opts.idempotencyKey) {
      await trx
        .updateTable('idempotency_keys')
        .set({ complaint_id: result.complaint.id })
        .where('user_key', '=', userKey)
        .where('key', '=', opts.idempotencyKey)
        .execute();
    }
    return result;
  });
}

/** The insert itself, for callers that already hold a transaction (a contested record, R-LC-4). */
export async function insertComplaint(trx: Db, actor: Actor, input: NewComplaintInput, receivedAt: Date, now: Date, portal: boolean): Promise<CreateResult> {
  const unit = await findOrgNode(trx, input.unitId);
  if (!unit || unit.kind !== 'unit' || !unit.policy_id) throw notFound(`unit '${input.unitId}'`);
  const pack = findPack(unit.policy_id);
  if (!pack) throw new DomainError('CONFLICT', `unit '${unit.id}' names policy '${unit.policy_id}', which is not installed`);
  if (input.categoryId && !findCategory(pack, input.categoryId)) {
    throw invalid('categoryId', `unknown category '${input.categoryId}' in policy '${pack.id}'`);
  }
  const calendar = await calendarForUnit(trx, unit.id);
  const customer = await findOrCreateCustomer(trx, input.customer);
  const customerId = customer.id;
  const code = await nextComplaintCode(trx, localDateOf(calendar, now));
  let portalSecret: string | undefined;
  let portalSecretHash: string | null = null;
  if (portal) {
    // 128 bits of randomness: a tracking secret that cannot be guessed (R-IN-5).
    portalSecret = randomBytes(16).toString('base64url');
    portalSecretHash = createHash('sha256').update(portalSecret).digest('hex');
  }
  const flags = { ...(input.flags ?? {}), ...(input.channel === 'regulator' ? { regulator: true } : {}) };
  const sig = signature(`${input.title}\n${input.content}`);
  const found = await findSimilarAtIntake(trx, { unitId: unit.id, categoryId: input.categoryId ?? null, receivedAt, customerId, signature: sig });
  const row = await trx
    .insertInto('complaints')
    .values({
      code,
      unit_id: unit.id,
      policy_id: pack.id,
      channel: input.channel,
      status: 'received',
      qualification: null,
      category_id: input.categoryId ?? null,
      level: defaultLevel(pack),
      level_rule: 'default',
      title: input.title.trim(),
      content: input.content.trim(),
      demands: input.demands?.trim() || null,
      customer_id: customerId,
      complainant_count: input.complainantCount ?? 1,
      incident_occurred_at: input.incident?.occurredAt ?? null,
      incident_place: input.incident?.place?.trim() || null,
      flags: JSON.stringify(flags),
      batch_no: input.batchNo?.trim() || null,
      received_at: receivedAt,
      created_at: now,
      updated_at: now,
      created_by: actor.id,
      portal_secret_hash: portalSecretHash,
      signature: sig,
      similar_count: found.count,
    })
    .returningAll()
    .executeTakeFirstOrThrow();

  const similar = await linkSimilarComplaints(trx, row, found, now, actor);
  const stored = await applyRulesAndStore(trx, {
    row,
    facts: factsOf(row),
    pack,
    calendar,
    clocks: [],
    eventTail: null,
    actor,
    now,
    events: [
      {
        type: 'received',
        data: {
          channel: input.channel,
          receivedAt: receivedAt.toISOString(),
          loggedLateMs: Math.max(0, now.getTime() - receivedAt.getTime()),
          portal,
        },
      },
    ],
  });
  return {
    complaint: stored.row,
    replayed: false,
    portalSecret,
    detail: { row: stored.row, unitName: unit.name, customer, clocks: stored.clocks, events: stored.events, links: similar.links },
  };
}

type CustomerRecord = ComplaintDetail['customer'];

async function findOrCreateCustomer(trx: Db, c: NewComplaintInput['customer']): Promise<CustomerRecord> {
  const phone = c.phone?.trim() || null;
  const email = c.email?.trim().toLowerCase() || null;
  if (phone || email) {
    let q = trx.selectFrom('customers').select(['id', 'name', 'phone', 'email', 'type']);
    q = phone ? q.where('phone', '=', phone) : q.where(sql<string>`lower(email)`, '=', email!);
    const existing = await q.orderBy('created_at').limit(1).executeTakeFirst();
    if (existing) return existing;
  }
  return trx
    .insertInto('customers')
    .values({ name: c.name.trim(), phone, email, type: c.type ?? null })
    .returning(['id', 'name', 'phone', 'email', 'type'])
    .executeTakeFirstOrThrow();
}
