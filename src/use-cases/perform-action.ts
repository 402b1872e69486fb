/**
 * Every step of a complaint's life after intake goes through here: lock the row, let the pure state
 * machine decide, write the patch, the events, the clocks and the level — one read under the lock and
 * one write (src/data/complaint-write.ts; issue #18), in one transaction.
 */
import { randomUUID } from 'node:crypto';
import type { Deps, Actor } from './context.ts';
import type { ComplaintRow, Db } from '../data/complaint-store.ts';
import { findComplaint } from '../data/complaint-store.ts';
import { lockForChange, writeComplaintChange, type ComplaintChange, type ComplaintChangeColumns } from '../data/complaint-write.ts';
import { findCustomer } from '../data/customer-store.ts';
import { linkContest } from '../data/link-store.ts';
import { configSnapshot, type ConfigSnapshot } from '../data/config-cache.ts';
import { recomputeClocks } from '../domain/clocks/index.ts';
import { decide, LifecycleInputError, type Action, type Decision } from '../domain/lifecycle/index.ts';
import { checkClockAction, checkExtensionApproval, checkReplyDecision } from '../domain/lifecycle/action-guards.ts';
import { replyApprovalRequired, replyApproverRoles } from '../domain/lifecycle/pack-lifecycle.ts';
import { roleMayTakeUnder } from '../security/permissions.ts';
import { DEFAULT_CALENDAR } from '../domain/calendar/index.ts';
import type { ComplaintStatus, Qualification } from '../domain/contracts.ts';
import { DomainError, invalid, notFound } from '../domain/errors.ts';
import { factsOf } from '../domain/rules/complaint-facts.ts';
import { planRules } from '../domain/rules/plan-rules.ts';
import { automaticLevel, levelChosenAtQualify } from '../domain/severity/index.ts';
import type { Pack } from '../policies/index.ts';
import { complaintPackIn } from './policy/resolve-pack.ts';
import { categoryKind, findCategory, hasLevel } from './pack-lookup.ts';
import { changeOf } from './apply-rules-and-store.ts';
import { insertComplaint } from './create-complaint.ts';
import { inTransaction } from '../data/transaction.ts';
import { customerNotices } from './customer-notices.ts';
import { categoryCountNow, raiseCategoryPeers } from './category-peers.ts';

/**
 * `guard` runs on the locked row, so an access decision that depends on the row (a department handler
 * acts only while the complaint is dispatched to them) cannot be overtaken by a concurrent re-dispatch.
 */
export async function performAction(
  deps: Deps,
  actor: Actor,
  complaintId: string,
  action: Action,
  guard?: (row: ComplaintRow) => void,
): Promise<ComplaintRow> {
  const now = deps.now();
  // The unit, its calendar and the departments from the per-process copy, current by the counter the
  // session lookup returned (src/data/config-cache.ts); read outside the transaction, where it is cached.
  const config = await configSnapshot(deps.db);
  return inTransaction(deps.db, async (trx) => {
    const locked = await lockForChange(trx, complaintId, action.type === 'approve_extension' ? action.requestId : null);
    if (!locked) throw notFound(`complaint '${complaintId}'`);
    const { row, eventTail } = locked;
    guard?.(row);
    // The complaint's own tuned version, whatever is in force at its unit now (issue #16 item 4).
    const pack = await complaintPackIn(trx, config, row);
    if (!pack) throw new DomainError('CONFLICT', `policy '${row.policy_id}' is not installed`);
    checkReferences(config, pack, row, action);
    const approvers = replyApproverRoles(pack);
    checkReplyDecision(action, row.reply, actor, roleMayTakeUnder(actor.role, action.type, approvers), approvers);

    // The unit's own reply-approval setting wins either way; without one, the pack's default (issue #15 item 1).
    const decision = decideOrThrow(
      row,
      action,
      {
        replyApprovalRequired: replyApprovalRequired(config.node(row.unit_id)?.settings, pack),
        returnVisitRequired: pack.returnVisit.required,
      },
      now,
    );
    const calendar = config.latestCalendar(row.unit_id) ?? DEFAULT_CALENDAR;
    const before = locked.clocks;
    let clocks = before;
    const events = [...decision.events];
    const change: Pick<ComplaintChange, 'newExtensionRequests' | 'extensionDecisions'> = {};
    checkClockAction(action, clocks);
    if (action.type === 'request_extension') {
      // The id is chosen here so the event names it before the request row exists (one write).
      const id = randomUUID();
      change.newExtensionRequests = [
        { id, complaint_id: row.id, clock: action.clock, minutes: action.minutes, reason: action.reason.trim(), requested_by: actor.id },
      ];
      const [requested] = events;
      if (requested.type === 'extension_requested') events[0] = { ...requested, data: { ...requested.data, requestId: id } };
    }
    if (action.type === 'approve_extension') {
      const req = checkExtensionApproval(action.requestId, locked.extensionRequest, actor.id);
      change.extensionDecisions = [{ id: req.id, decision: 'approved', decided_by: actor.id, decided_at: now }];
      events[0] = { type: 'extension_approved', data: { requestId: req.id, name: req.clock, minutes: req.minutes, reason: req.reason } };
    }
    if (action.type === 'recompute_clocks') {
      const r = recomputeClocks(pack.clocks, calendar, factsOf(row), clocks);
      clocks = r.clocks;
      const [recomputed] = events;
      if (recomputed.type === 'clocks_recomputed')
        events[0] = { ...recomputed, data: { ...recomputed.data, calendarVersion: calendar.version, changed: r.changed, kept: r.kept } };
    }

    // Issue #14 item 5: the reply and the return-visit invitation reach the customer with this step.
    const notices = customerNotices(config, row, locked.customer, events, deps.logKey, deps.publicUrl ?? '');
    events.push(...notices.events);

    const columns = patchColumns(row, decision, action, actor, now);
    const counted = action.type === 'qualify' ? await categoryColumns(trx, config, pack, row, action, columns) : null;
    if (counted) Object.assign(columns, counted.columns);
    const after = { ...row, ...columns } as ComplaintRow;
    // Issue #15 item 2: a level chosen at qualification, against the level the rules give the qualified complaint.
    const chosenLevel =
      action.type === 'qualify' && action.result === 'valid'
        ? levelChosenAtQualify(
            pack,
            automaticLevel(pack, { ...factsOf(after), level: row.level }, now, row.level),
            action.level,
            action.reason,
          )
        : null;
    if (chosenLevel) {
      events.splice(decision.events.length, 0, chosenLevel.event);
      columns.level = chosenLevel.event.data.level;
      after.level = chosenLevel.event.data.level;
    }
    const plan = planRules({
      logKey: deps.logKey,
      row: after,
      facts: { ...factsOf(after), level: row.level },
      // What held before this step, so a crisis condition first met by recorded facts starts the procedure (#15 item 5).
      previousFacts: { ...factsOf(row), level: row.level },
      pack,
      calendar,
      clocks,
      eventTail,
      events,
      actor,
      now,
      // A person who sets the level has the last word for this step; the rules may raise it later.
      // A level lowered at qualification likewise (R-SV-4: the rules never lower, a person may with a reason).
      evaluateLevel: action.type !== 'set_level' && chosenLevel?.lowered !== true,
      addressing: { book: config.addressBook(row.unit_id), newId: randomUUID },
    });
    const stored = changeOf(row, before, plan, columns, now, { config, pack, baseUrl: deps.publicUrl ?? '' });
    const updated = await writeComplaintChange(trx, {
      ...stored,
      outbox: [...stored.outbox, ...notices.outbox(after, now)],
      ...change,
    });

    if (counted?.toRaise.length) {
      // Fuel §5: the category arrived here, and the larger count raises earlier complaints of it.
      await raiseCategoryPeers(trx, deps.logKey, counted.toRaise, counted.columns.category_count!, now, actor, config);
    }
    if (action.type === 'contest') {
      // The exception to one write: a contest opens a second record (and its intake may raise others).
      await openContestRecord(deps, trx, actor, updated, action.reason, now);
      return (await findComplaint(trx, row.id))!;
    }
    return updated;
  });
}

function decideOrThrow(
  row: ComplaintRow,
  action: Action,
  byPack: { replyApprovalRequired: boolean; returnVisitRequired: boolean },
  now: Date,
): Extract<Decision, { ok: true }> {
  let decision: Decision;
  try {
    decision = decide(
      {
        status: row.status as ComplaintStatus,
        qualification: row.qualification as Qualification | null,
        leadDepartmentId: row.lead_department_id,
        repeatCount: row.repeat_count,
        ...byPack,
        facts: { flags: row.flags ?? {}, complainantCount: row.complainant_count },
      },
      action,
      now,
    );
  } catch (e) {
    if (e instanceof LifecycleInputError) throw invalid(e.field, e.message.slice(e.field.length + 2));
    throw e;
  }
  if (!decision.ok) throw new DomainError('ILLEGAL_TRANSITION', decision.reason, { allowed: decision.allowed });
  return decision;
}

/** The complaint's own columns the decision changes (the rules add theirs in changeOf). */
function patchColumns(
  row: ComplaintRow,
  decision: Extract<Decision, { ok: true }>,
  action: Action,
  actor: Actor,
  now: Date,
): ComplaintChangeColumns {
  const patch = decision.patch;
  return {
    ...(patch.status ? { status: patch.status } : {}),
    ...(patch.qualification ? { qualification: patch.qualification } : {}),
    ...(patch.categoryId !== undefined ? { category_id: patch.categoryId } : {}),
    ...(patch.leadDepartmentId !== undefined ? { lead_department_id: patch.leadDepartmentId } : {}),
    ...(patch.coDepartmentIds !== undefined ? { co_department_ids: patch.coDepartmentIds } : {}),
    ...(patch.repeatCount !== undefined ? { repeat_count: patch.repeatCount } : {}),
    ...(patch.satisfaction !== undefined ? { satisfaction: patch.satisfaction } : {}),
    ...(patch.report ? { report: patch.report } : {}),
    ...(patch.directPerson ? { direct_person: patch.directPerson } : {}),
    // The author is kept so that no one approves their own reply (R-LC-5).
    ...(patch.reply ? { reply: { ...patch.reply, authorId: actor.id } } : {}),
    ...(action.type === 'approve_reply' && row.reply
      ? { reply: { ...row.reply, approved: true, sentAt: now.toISOString(), approvedBy: actor.label } }
      : {}),
    ...(patch.closeReason !== undefined ? { close_reason: patch.closeReason } : {}),
    ...(patch.closed ? { closed_at: now } : {}),
    ...(patch.reopened ? { closed_at: null } : {}),
    ...(action.type === 'set_level' ? { level: action.level } : {}),
    ...(patch.flags ? { flags: patch.flags } : {}),
    ...(patch.complainantCount !== undefined ? { complainant_count: patch.complainantCount } : {}),
    updated_at: now,
    version: row.version + 1,
  };
}

/**
 * The delivery a qualification names, and the category count (R-SV-2, S0 fuel §5) when the category or the
 * delivery arrives here: the one read an action adds, and only for a category a pack rule counts.
 */
async function categoryColumns(
  trx: Db,
  config: ConfigSnapshot,
  pack: Pack,
  row: ComplaintRow,
  action: Extract<Action, { type: 'qualify' }>,
  columns: ComplaintChangeColumns,
): Promise<{ columns: ComplaintChangeColumns; toRaise: string[] }> {
  const deliveryRef = action.deliveryRef?.trim() || row.delivery_ref;
  const categoryId = columns.category_id !== undefined ? columns.category_id : row.category_id;
  const out: ComplaintChangeColumns = deliveryRef !== row.delivery_ref ? { delivery_ref: deliveryRef } : {};
  // An invalid complaint or a suggestion counts for no one (and is not graded, R-SV-2).
  if (action.result !== 'valid' || (categoryId === row.category_id && deliveryRef === row.delivery_ref))
    return { columns: out, toRaise: [] };
  const target = { id: row.id, unitId: row.unit_id, categoryId, deliveryRef, receivedAt: new Date(row.received_at) };
  const counted = await categoryCountNow(trx, config, pack, target);
  return counted === null
    ? { columns: out, toRaise: [] }
    : { columns: { ...out, category_count: counted.count }, toRaise: counted.toRaise };
}

function checkReferences(config: ConfigSnapshot, pack: Pack, row: ComplaintRow, action: Action): void {
  if (action.type === 'qualify') {
    if (action.categoryId && !findCategory(pack, action.categoryId))
      throw invalid('categoryId', `unknown category '${action.categoryId}' in policy '${pack.id}'`);
    // Fuel §3–4: the taxonomy itself sorts matters into valid, invalid and suggestion; the two cannot disagree.
    const categoryId = action.categoryId ?? row.category_id;
    const kind = categoryId ? categoryKind(pack, categoryId) : null;
    if (kind && kind !== action.result)
      throw invalid('categoryId', `category '${categoryId}' is filed under '${kind}' in policy '${pack.id}', not '${action.result}'`);
    if (action.level && !hasLevel(pack, action.level)) throw invalid('level', `unknown level '${action.level}' in policy '${pack.id}'`);
    // R-Q-2: the pick-lists are the pack's validity criteria and invalid reasons (issue #15 item 1).
    const reasons = pack.validity.invalidReasons;
    if (action.invalidReasonId !== undefined && !reasons.some((r) => r.id === action.invalidReasonId))
      throw invalid(
        'invalidReasonId',
        `'${action.invalidReasonId}' is not an invalid reason of policy '${pack.id}' (${pack.validity.ruleId}: one of ${reasons.map((r) => r.id).join(', ')})`,
      );
    for (const [i, id] of (action.criteria ?? []).entries()) {
      if (!pack.validity.criteria.some((c) => c.id === id))
        throw invalid(`criteria[${i}]`, `'${id}' is not a validity criterion of policy '${pack.id}'`);
    }
  }
  if (action.type === 'report' && action.causeId !== undefined) {
    // S0 food §5: the cause is one of the pack's list, so the periodic report can count complaints by cause.
    const causes = pack.causes ?? [];
    if (!causes.some((c) => c.id === action.causeId))
      throw invalid(
        'causeId',
        causes.length
          ? `unknown cause '${action.causeId}' in policy '${pack.id}' (one of ${causes.map((c) => c.id).join(', ')})`
          : `policy '${pack.id}' lists no causes`,
      );
  }
  if (action.type === 'set_level' && !hasLevel(pack, action.level))
    throw invalid('level', `unknown level '${action.level}' in policy '${pack.id}'`);
  if (action.type === 'dispatch') {
    const ids = [action.leadDepartmentId, ...(action.coDepartmentIds ?? [])];
    for (const [i, id] of ids.entries()) {
      const node = config.node(id);
      const field = i === 0 ? 'leadDepartmentId' : `coDepartmentIds[${i - 1}]`;
      if (node?.kind !== 'department') throw invalid(field, `'${id}' is not a department`);
      if (node.parent_id !== row.unit_id) throw invalid(field, `department '${id}' does not belong to this complaint's unit`);
    }
  }
}

/**
 * The customer disagrees with an invalid / suggestion qualification (R-LC-4): a new record, linked to
 * the first, goes to the department head for a second look.
 */
async function openContestRecord(deps: Deps, trx: Db, actor: Actor, row: ComplaintRow, reason: string, now: Date): Promise<void> {
  const customer = await findCustomer(trx, row.customer_id);
  const created = await insertComplaint(
    trx,
    deps.logKey,
    actor,
    {
      unitId: row.unit_id,
      channel: row.channel,
      receivedAt: now.toISOString(),
      customer: {
        name: customer.name,
        phone: customer.phone ?? undefined,
        email: customer.email ?? undefined,
        type: customer.type ?? undefined,
      },
      title: `【异议复核】${row.title}`.slice(0, 200),
      content: `客户对 ${row.code} 的定性（${row.qualification}）有异议：${reason}\n\n原投诉内容：${row.content}`,
      demands: row.demands ?? undefined,
      categoryId: row.category_id ?? undefined,
    },
    now,
    now,
    false,
  );
  // No Idempotency-Key here, so the insert cannot be declined.
  await linkContest(trx, created!.complaint.id, row.id);
}
