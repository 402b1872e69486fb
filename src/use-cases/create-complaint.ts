/**
 * Intake (R-LC-1, R-IN-1..5): one atomic write records the customer, the complaint, its first events,
 * its clocks, its level and its similar links; an Idempotency-Key makes a retried request return the
 * first result.
 */
import { createHash, randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Deps, Actor } from './context.ts';
import type { Db, ComplaintRow } from '../data/complaint-store.ts';
import type { DB } from '../data/schema.ts';
import { findComplaint } from '../data/complaint-store.ts';
import { findIdempotencyClaim, readIntakeContext, writeIntake } from '../data/intake-store.ts';
import { rememberTotals, totalsOf } from '../data/signature-totals.ts';
import { planIntake } from '../domain/intake/plan-intake.ts';
import { configCache, configSnapshot } from '../data/config-cache.ts';
import { addressed, outboxFor } from './outbox-for.ts';
import { notificationRows } from '../domain/stored-rows.ts';
import type { ComplaintDetail } from './get-complaint.ts';
import type { NewComplaintInput } from './intake-input.ts';
import { DomainError, invalid, notFound } from '../domain/errors.ts';
import { openToPortal, unitDisabled } from './org/unit-availability.ts';
import { parseInstant } from '../domain/instant.ts';
import { packAt, versionInForce } from './policy/resolve-pack.ts';
import { findCategory } from './pack-lookup.ts';
import { packLifecycle } from '../domain/lifecycle/pack-lifecycle.ts';
import { DEFAULT_CALENDAR } from '../domain/calendar/index.ts';
import { deadlineStanding } from '../domain/clocks/index.ts';
import { categoryPeerQuery, categoryPeersToRaise, countedPeers, raiseCategoryPeers } from './category-peers.ts';
import { candidateQuery, raiseSimilar, SIMILAR_WINDOW_DAYS, similarFromCandidates, similarToRaise } from './link-similar.ts';
import { withinWindow } from '../domain/similarity/similar-at-intake.ts';
import { complaintText, signature } from '../domain/similarity/index.ts';
import { intakeLinks, repeatFromCandidates } from '../domain/similarity/repeat-at-intake.ts';
import { inTransaction } from '../data/transaction.ts';
import { portalSecret as derivedPortalSecret, portalSecretHash as secretHash } from '../domain/portal-secret.ts';
import {
  customerMessageSwitches,
  customerOutbox,
  customerRoutes,
  notifiedEvents,
  runningLimits,
} from '../domain/delivery/customer-messages.ts';

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
  const receivedAt = input.receivedAt ? parseInstant(input.receivedAt, 'receivedAt') : now;
  if (receivedAt.getTime() > now.getTime() + FUTURE_TOLERANCE_MS) throw invalid('receivedAt', 'must not be in the future');
  if (input.incident?.occurredAt) {
    const occurred = parseInstant(input.incident.occurredAt, 'incident.occurredAt');
    if (occurred.getTime() > now.getTime() + FUTURE_TOLERANCE_MS) throw invalid('incident.occurredAt', 'must not be in the future');
  }
  if (!input.customer.phone && !input.customer.email && input.channel !== 'letter' && input.channel !== 'walk_in') {
    // A valid complaint needs a way to reach the customer (R-Q-1); letters and walk-ins may carry an address instead.
    throw invalid('customer.phone', 'a phone number or an e-mail address is required');
  }

  const requestHash = createHash('sha256').update(JSON.stringify(input)).digest('hex');
  const userKey = actor.id ?? actor.label;
  const idempotency = opts.idempotencyKey ? { userKey, key: opts.idempotencyKey, requestHash } : null;

  const created = await insertComplaint(
    deps.db,
    deps.logKey,
    actor,
    input,
    receivedAt,
    now,
    opts.portal === true,
    idempotency,
    deps.publicUrl ?? '',
  );
  if (created) return created;
  // The key was taken: by an earlier request, or by a concurrent one whose write this one waited for.
  const prior = await findIdempotencyClaim(deps.db, userKey, opts.idempotencyKey!);
  if (prior && prior.request_hash !== requestHash) {
    throw new DomainError('IDEMPOTENCY_MISMATCH', 'Idempotency-Key was already used with a different request body', {
      field: 'Idempotency-Key',
    });
  }
  const first = prior?.complaint_id ? await findComplaint(deps.db, prior.complaint_id) : undefined;
  if (!first) throw new DomainError('CONFLICT', 'the first request with this Idempotency-Key is still in progress');
  return { complaint: first, replayed: true };
}

/**
 * The intake itself: one read, the plan in memory (plan-intake.ts), one write (src/data/intake-store.ts). Returns
 * undefined only when `idempotency` names a key that is already taken (nothing is written then).
 * Runs inside the caller's transaction when given one (a contested record, R-LC-4).
 */
export async function insertComplaint(
  db: Db,
  /** The event log key (Deps.logKey). */
  logKey: Buffer,
  actor: Actor,
  input: NewComplaintInput,
  receivedAt: Date,
  now: Date,
  portal: boolean,
  idempotency: { userKey: string; key: string; requestHash: string } | null = null,
  /** The console's address for message links (Deps.publicUrl). */
  publicUrl = '',
): Promise<CreateResult | undefined> {
  const phone = input.customer.phone?.trim() || null;
  const email = input.customer.email?.trim().toLowerCase() || null;
  const sig = signature(complaintText(input));
  const categoryId = input.categoryId ?? null;
  const deliveryRef = input.deliveryRef?.trim() || null;
  const ctx = await readIntakeContext(
    db,
    candidateQuery({ unitId: input.unitId, categoryId, receivedAt, signature: sig }),
    { phone, email: phone ? null : email },
    categoryPeerQuery({ unitId: input.unitId, categoryId, deliveryRef, receivedAt }),
  );
  configCache(db).observe(ctx.configVersion);
  const config = await configSnapshot(db);

  const unit = config.node(input.unitId);
  if (unit?.kind !== 'unit' || !unit.policy_id) throw notFound(`unit '${input.unitId}'`);
  // Issue #16: the portal reaches only the units opened to it; a disabled unit takes nothing new.
  if (portal && !openToPortal(config, unit.id)) throw notFound(`unit '${input.unitId}' open to the public portal`);
  if (unitDisabled(config, unit.id)) throw new DomainError('CONFLICT', `unit '${unit.id}' is disabled: it takes no new complaints`);
  // Issue #16 item 4: the version in force now on the unit's chain, from the configuration copy (no query).
  const policyVersion = versionInForce(config, unit.id, unit.policy_id);
  const pack = packAt(config, unit.id, unit.policy_id, policyVersion);
  if (!pack) throw new DomainError('CONFLICT', `unit '${unit.id}' names policy '${unit.policy_id}', which is not installed`);
  if (input.categoryId && !findCategory(pack, input.categoryId)) {
    throw invalid('categoryId', `unknown category '${input.categoryId}' in policy '${pack.id}'`);
  }
  const calendar = config.latestCalendar(unit.id) ?? DEFAULT_CALENDAR;
  const newCustomer = ctx.customer
    ? null
    : { id: randomUUID(), name: input.customer.name.trim(), phone, email, type: input.customer.type ?? null };
  const customer = ctx.customer ?? newCustomer!;
  const totals = await totalsOf(db, [...new Set([...ctx.candidates, ...ctx.earlierClosed].map((c) => c.id))]);
  const target = { unitId: unit.id, categoryId, receivedAt, customerId: customer.id, signature: sig };
  // R-SV-1: the same matter within the pack's window (its own, tuned or not; at most the read's 30 days).
  const inWindow = withinWindow(ctx.candidates, receivedAt, pack.severity.similarWindowDays ?? SIMILAR_WINDOW_DAYS);
  const found = similarFromCandidates(inWindow, target, totals);
  // R-LC-3: the same customer about the same matter after the earlier complaint was closed.
  const repeat = repeatFromCandidates(ctx.earlierClosed, target, totals);

  // Fuel §5: complaints of its category at the station (and naming its delivery at the company's stations).
  const counted = countedPeers(config, pack, { unitId: unit.id, categoryId, deliveryRef, receivedAt }, ctx.categoryPeers);
  const categoryCount = counted.count;

  const id = randomUUID();
  // Every complaint can be followed in the portal (R-IN-5): the secret is shown once to a portal
  // submitter and sent in the customer's receipt (issue #14 item 5); only its hash is stored.
  const secret = derivedPortalSecret(logKey, id);
  const portalSecretHash = secretHash(secret);
  const portalSecret = portal ? secret : undefined;
  // The receipt (issue #14 item 5): its events go in the log with the intake, its messages in the same write.
  const company = config.companyOf(unit.id);
  const channels = company ? config.channels(company.id) : [];
  const receiptRoutes = customerRoutes(
    'receipt',
    { name: customer.name, email: email ?? customer.email ?? null, phone: phone ?? customer.phone ?? null },
    customerMessageSwitches(unit.settings as Record<string, unknown> | null),
    channels,
  );
  const { write, plan } = planIntake({
    logKey,
    id,
    codeSeq: ctx.codeSeq,
    input,
    actor,
    receivedAt,
    now,
    unitId: unit.id,
    pack,
    policyVersion,
    calendar,
    customer,
    newCustomer,
    signature: sig,
    found,
    repeat,
    categoryCount,
    portal,
    portalSecretHash,
    idempotency,
    addressing: { book: config.addressBook(unit.id), newId: randomUUID },
    customerEvents: notifiedEvents('receipt', receiptRoutes),
  });
  // Issue #14: the plan's notifications come with their ids and people (planIntake); their messages go in the same write.
  const notifications = addressed(plan.notifications);
  write.notifications = notificationRows(notifications, { id, unit_id: unit.id, code: String(write.complaint.code) });
  write.outbox = outboxFor(
    { config, pack, baseUrl: publicUrl },
    { id, code: String(write.complaint.code), unit_id: unit.id, level: (write.complaint.level as string | null) ?? null },
    notifications,
    now,
  );
  if (receiptRoutes.length) {
    const code = String(write.complaint.code);
    write.outbox = [
      ...(write.outbox ?? []),
      ...customerOutbox(
        'receipt',
        receiptRoutes,
        {
          complaintId: id,
          code,
          title: input.title.trim(),
          unitName: unit.name,
          customerName: customer.name,
          baseUrl: publicUrl,
          secret,
          next: runningLimits(pack, plan.clocks),
        },
        now,
      ),
    ];
  }
  const toRaise = similarToRaise(found, now, config);
  // Fuel §5: the earlier complaints of the category counted with this one, when the larger count raises them.
  const peersToRaise = categoryPeersToRaise(config, ctx.categoryPeers, counted);
  const store = async (trx: Db) => {
    const row = await writeIntake(trx, write);
    if (row) await raiseSimilar(trx, logKey, row, found, toRaise, now, actor, config);
    if (row) await raiseCategoryPeers(trx, logKey, peersToRaise, counted.count, now, actor, config);
    return row;
  };
  // One statement is a transaction of its own; raising earlier complaints needs a real one.
  const row =
    (toRaise.length === 0 && peersToRaise.length === 0) || db.isTransaction
      ? await store(db)
      : await inTransaction(db as Kysely<DB>, store);
  if (!row) return undefined;
  rememberTotals(id, sig);
  return {
    complaint: row,
    replayed: false,
    portalSecret,
    detail: {
      row,
      unitName: unit.name,
      customer,
      clocks: plan.clocks,
      deadlines: deadlineStanding(plan.clocks, calendar),
      events: plan.events,
      links: intakeLinks(found, repeat),
      lifecycle: packLifecycle(pack),
    },
  };
}
