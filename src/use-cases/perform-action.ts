/**
 * Every step of a complaint's life after intake goes through here: lock the row, let the pure state
 * machine decide, write the patch, the events, the clocks and the level in one transaction.
 */
import type { Deps, Actor } from './context.ts';
import type { Db, ComplaintRow } from '../data/complaint-store.ts';
import { lockComplaint, findComplaint, loadClocks, saveClocks } from '../data/complaint-store.ts';
import { recomputeClocks } from '../domain/clocks/index.ts';
import { findOrgNode } from '../data/org-store.ts';
import { decide, LifecycleInputError, type Action } from '../domain/lifecycle/index.ts';
import { DomainError, invalid, notFound } from '../domain/errors.ts';
import { findPack, type Pack } from '../policies/index.ts';
import { findCategory, hasLevel } from './pack-lookup.ts';
import { calendarForUnit } from './calendar-for-unit.ts';
import { factsOf } from './complaint-facts.ts';
import { applyRulesAndStore } from './apply-rules-and-store.ts';
import { insertComplaint } from './create-complaint.ts';
import { inTransaction } from '../data/transaction.ts';

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
  return inTransaction(deps.db, async (trx) => {
    const row = await lockComplaint(trx, complaintId);
    if (!row) throw notFound(`complaint '${complaintId}'`);
    guard?.(row);
    const pack = findPack(row.policy_id);
    if (!pack) throw new DomainError('CONFLICT', `policy '${row.policy_id}' is not installed`);
    const unit = await findOrgNode(trx, row.unit_id);
    const settings = (unit?.settings ?? {}) as { replyApproval?: boolean };
    await checkReferences(trx, pack, row, action);

    let decision;
    try {
      decision = decide(
        {
          status: row.status,
          qualification: row.qualification,
          leadDepartmentId: row.lead_department_id,
          repeatCount: row.repeat_count,
          replyApprovalRequired: settings.replyApproval === true,
        },
        action,
        now,
      );
    } catch (e) {
      if (e instanceof LifecycleInputError) throw invalid(e.field, e.message.slice(e.field.length + 2));
      throw e;
    }
    if (!decision.ok) throw new DomainError('ILLEGAL_TRANSITION', decision.reason, { allowed: decision.allowed });

    let clocks = await loadClocks(trx, row.id);
    const calendar = await calendarForUnit(trx, row.unit_id);
    const events = [...decision.events];
    if (action.type === 'pause_clock' || action.type === 'resume_clock') {
      const clock = clocks.find((c) => c.name === action.clock);
      if (!clock) throw invalid('clock', `this complaint has no clock '${action.clock}'`);
      if (action.type === 'pause_clock' && clock.state !== 'running') throw new DomainError('ILLEGAL_TRANSITION', `clock '${action.clock}' is ${clock.state}, not running`, { allowed: [] });
      if (action.type === 'resume_clock' && clock.state !== 'paused') throw new DomainError('ILLEGAL_TRANSITION', `clock '${action.clock}' is ${clock.state}, not paused`, { allowed: [] });
    }
    if (action.type === 'request_extension') {
      const clock = clocks.find((c) => c.name === action.clock);
      if (!clock) throw invalid('clock', `this complaint has no clock '${action.clock}'`);
      const req = await trx
        .insertInto('extension_requests')
        .values({ complaint_id: row.id, clock: action.clock, minutes: action.minutes, reason: action.reason.trim(), requested_by: actor.id })
        .returning('id')
        .executeTakeFirstOrThrow();
      const [requested] = events;
      if (requested.type === 'extension_requested') events[0] = { ...requested, data: { ...requested.data, requestId: req.id } };
    }
    if (action.type === 'approve_extension') {
      const req = await trx
        .selectFrom('extension_requests')
        .selectAll()
        .where('id', '=', action.requestId)
        .where('complaint_id', '=', row.id)
        .executeTakeFirst();
      if (!req) throw notFound(`extension request '${action.requestId}'`);
      if (req.decision) throw new DomainError('ILLEGAL_TRANSITION', `extension request was already ${req.decision}`, { allowed: [] });
      if (actor.id && req.requested_by === actor.id) throw new DomainError('FORBIDDEN', 'an extension is approved by someone other than the person who asked for it');
      await trx.updateTable('extension_requests').set({ decision: 'approved', decided_by: actor.id, decided_at: now }).where('id', '=', req.id).execute();
      events[0] = { type: 'extension_approved', data: { requestId: req.id, name: req.clock, minutes: req.minutes, reason: req.reason } };
    }

    if (action.type === 'recompute_clocks') {
      const r = recomputeClocks(pack.clocks, calendar, factsOf(row), clocks);
      await saveClocks(trx, row.id, clocks, r.clocks);
      clocks = r.clocks;
      const [recomputed] = events;
      if (recomputed.type === 'clocks_recomputed') events[0] = { ...recomputed, data: { ...recomputed.data, calendarVersion: calendar.version, changed: r.changed, kept: r.kept } };
    }

    const patch = decision.patch;
    const updated = await trx
      .updateTable('complaints')
      .set({
        ...(patch.status ? { status: patch.status } : {}),
        ...(patch.qualification ? { qualification: patch.qualification } : {}),
        ...(patch.categoryId !== undefined ? { category_id: patch.categoryId } : {}),
        ...(patch.leadDepartmentId !== undefined ? { lead_department_id: patch.leadDepartmentId } : {}),
        ...(patch.coDepartmentIds !== undefined ? { co_department_ids: patch.coDepartmentIds } : {}),
        ...(patch.repeatCount !== undefined ? { repeat_count: patch.repeatCount } : {}),
        ...(patch.satisfaction !== undefined ? { satisfaction: patch.satisfaction } : {}),
        ...(patch.report ? { report: JSON.stringify(patch.report) } : {}),
        ...(patch.reply ? { reply: JSON.stringify(patch.reply) } : {}),
        ...(action.type === 'approve_reply' && row.reply ? { reply: JSON.stringify({ ...row.reply, approved: true, sentAt: now.toISOString(), approvedBy: actor.label }) } : {}),
        ...(patch.closeReason !== undefined ? { close_reason: patch.closeReason } : {}),
        ...(patch.closed ? { closed_at: now } : {}),
        ...(patch.reopened ? { closed_at: null } : {}),
        ...(action.type === 'set_level' ? { level: action.level } : {}),
        updated_at: now,
        version: row.version + 1,
      })
      .where('id', '=', row.id)
      .returningAll()
      .executeTakeFirstOrThrow();

    await applyRulesAndStore(trx, {
      logKey: deps.logKey,
      row: updated,
      facts: { ...factsOf(row), ...factsOf(updated), level: row.level },
      pack,
      calendar,
      clocks,
      events,
      actor,
      now,
      // A person who sets the level has the last word for this step; the rules may raise it later.
      evaluateLevel: action.type !== 'set_level',
    });

    if (action.type === 'contest') {
      await openContestRecord(trx, deps.logKey, actor, updated, action.reason, now);
    }
    return (await findComplaint(trx, row.id))!;
  });
}

async function checkReferences(trx: Db, pack: Pack, row: ComplaintRow, action: Action): Promise<void> {
  if (action.type === 'qualify') {
    if (action.categoryId && !findCategory(pack, action.categoryId)) throw invalid('categoryId', `unknown category '${action.categoryId}' in policy '${pack.id}'`);
    if (action.level && !hasLevel(pack, action.level)) throw invalid('level', `unknown level '${action.level}' in policy '${pack.id}'`);
  }
  if (action.type === 'set_level' && !hasLevel(pack, action.level)) throw invalid('level', `unknown level '${action.level}' in policy '${pack.id}'`);
  if (action.type === 'dispatch') {
    const ids = [action.leadDepartmentId, ...(action.coDepartmentIds ?? [])];
    for (const [i, id] of ids.entries()) {
      const node = await findOrgNode(trx, id);
      const field = i === 0 ? 'leadDepartmentId' : `coDepartmentIds[${i - 1}]`;
      if (!node || node.kind !== 'department') throw invalid(field, `'${id}' is not a department`);
      if (node.parent_id !== row.unit_id) throw invalid(field, `department '${id}' does not belong to this complaint's unit`);
    }
  }
}

/**
 * The customer disagrees with an invalid / suggestion qualification (R-LC-4): a new record, linked to
 * the first, goes to the department head for a second look.
 */
async function openContestRecord(trx: Db, logKey: Buffer, actor: Actor, row: ComplaintRow, reason: string, now: Date): Promise<void> {
  const customer = await trx.selectFrom('customers').selectAll().where('id', '=', row.customer_id).executeTakeFirstOrThrow();
  const created = await insertComplaint(
    trx,
    logKey,
    actor,
    {
      unitId: row.unit_id,
      channel: row.channel,
      receivedAt: now.toISOString(),
      customer: { name: customer.name, phone: customer.phone ?? undefined, email: customer.email ?? undefined, type: customer.type ?? undefined },
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
  const complaint = created!.complaint;
  await trx
    .insertInto('complaint_links')
    .values([
      { from_id: complaint.id, to_id: row.id, kind: 'contests' },
      { from_id: row.id, to_id: complaint.id, kind: 'contested_by' },
    ])
    .execute();
}
