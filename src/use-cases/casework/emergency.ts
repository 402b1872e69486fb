/** The major-complaint emergency response (R-EM-1, S2): open, log actions, answer / conclude, review. */
import type { Deps, Actor } from '../context.ts';
import { appendEvents, type Db } from '../../data/complaint-store.ts';
import { DomainError, notFound } from '../../domain/errors.ts';
import {
  chooseCommander,
  deadlineStatus,
  emergencyApplies,
  emergencyDeadlines,
  emergencyEntryMarks,
  emergencyPlanFor,
} from '../../domain/casework/index.ts';
import {
  findEmergencyOfComplaint,
  insertEmergency,
  insertEmergencyAction,
  listEmergencyActions,
  updateEmergency,
} from '../../data/casework/emergency-store.ts';
import { calendarForUnit } from '../calendar-for-unit.ts';
import { lockOr404, packOf, conflict, levelSetAt, iso, text } from './common.ts';
import { inTransaction } from '../../data/transaction.ts';

async function present(db: Db, complaintId: string, now: Date) {
  const e = await findEmergencyOfComplaint(db, complaintId);
  if (!e) throw notFound(`emergency response of complaint '${complaintId}'`);
  const actions = await listEmergencyActions(db, e.id);
  return {
    id: e.id,
    complaintId: e.complaint_id,
    status: e.status,
    ruleId: e.rule_id,
    commander: { role: e.commander_role, name: e.commander_name, inWorkingHours: e.in_working_hours },
    team: e.team,
    openedAt: iso(e.opened_at),
    majorSince: iso(e.major_since),
    answer: deadlineStatus(new Date(e.answer_due_at), e.answered_at ? new Date(e.answered_at) : null, now),
    conclusion: deadlineStatus(new Date(e.conclusion_due_at), e.concluded_at ? new Date(e.concluded_at) : null, now),
    actions: actions.map((a) => ({ id: Number(a.id), kind: a.kind, text: a.text, at: iso(a.at), actor: a.actor_label })),
    review: e.review,
    reviewedAt: iso(e.reviewed_at),
  };
}

export async function getEmergency(deps: Deps, complaintId: string) {
  return present(deps.db, complaintId, deps.now());
}

export async function openEmergency(deps: Deps, actor: Actor, complaintId: string, body: { commanderName?: string; team: string[] }) {
  const now = deps.now();
  const team = body.team.map((s) => s.trim()).filter(Boolean);
  if (!team.length) throw new DomainError('VALIDATION', 'team: name at least one member (S2 4.1 应急小组)', { field: 'team' });
  await inTransaction(deps.db, async (trx) => {
    const row = await lockOr404(trx, complaintId);
    const plan = emergencyPlanFor(await packOf(trx, row));
    if (!emergencyApplies(plan, row.level))
      throw conflict(
        `an emergency response is opened for a major complaint (${plan?.levels.join(' / ') ?? 'no emergency plan in this policy'}); this one is '${row.level ?? 'unset'}'`,
      );
    if (row.status === 'closed') throw conflict('the complaint is closed');
    const existing = await findEmergencyOfComplaint(trx, row.id);
    if (existing) throw new DomainError('CONFLICT', 'this complaint already has an emergency response');
    const calendar = await calendarForUnit(trx, row.unit_id);
    const commander = chooseCommander(calendar, now, plan!);
    const majorSince = await levelSetAt(trx, row);
    const { answerDueAt, conclusionDueAt } = emergencyDeadlines(plan!, { receivedAt: new Date(row.received_at), levelSetAt: majorSince });
    const emergencyId = await insertEmergency(trx, {
      complaint_id: row.id,
      status: 'open',
      rule_id: plan!.ruleId,
      commander_role: commander.role,
      commander_name: body.commanderName?.trim() || null,
      in_working_hours: commander.inWorkingHours,
      team: JSON.stringify(team),
      opened_at: now,
      opened_by: actor.id,
      major_since: majorSince,
      answer_due_at: answerDueAt,
      conclusion_due_at: conclusionDueAt,
    });
    await appendEvents(
      trx,
      deps.logKey,
      row.id,
      [
        {
          type: 'emergency_opened',
          data: {
            emergencyId,
            ruleId: plan!.ruleId,
            commanderRole: commander.role,
            commanderName: body.commanderName?.trim() || null,
            inWorkingHours: commander.inWorkingHours,
            team,
            answerDueAt: answerDueAt.toISOString(),
            conclusionDueAt: conclusionDueAt.toISOString(),
            calendarVersion: calendar.version,
          },
        },
      ],
      actor,
      now,
    );
  });
  return present(deps.db, complaintId, now);
}

async function lockOpen(trx: Db, complaintId: string) {
  const row = await lockOr404(trx, complaintId);
  const e = await findEmergencyOfComplaint(trx, row.id);
  if (!e) throw notFound(`emergency response of complaint '${complaintId}'`);
  if (e.status !== 'open') throw conflict('the emergency response is reviewed and closed');
  return { row, e };
}

/** An action-log entry; kind 'answer' / 'conclusion' marks the 24 h / 3 day deadline met (the first such entry counts). */
export async function logEmergencyAction(
  deps: Deps,
  actor: Actor,
  complaintId: string,
  body: { text: string; kind?: 'action' | 'answer' | 'conclusion' },
) {
  const now = deps.now();
  const t = text('text', body.text);
  const kind = body.kind ?? 'action';
  await inTransaction(deps.db, async (trx) => {
    const { row, e } = await lockOpen(trx, complaintId);
    await insertEmergencyAction(trx, { emergency_id: e.id, kind, text: t, at: now, actor_id: actor.id, actor_label: actor.label });
    const marks = emergencyEntryMarks(kind, { answeredAt: e.answered_at, concludedAt: e.concluded_at }, now);
    if (marks.answeredAt || marks.concludedAt)
      await updateEmergency(trx, e.id, {
        ...(marks.answeredAt ? { answered_at: marks.answeredAt } : {}),
        ...(marks.concludedAt ? { concluded_at: marks.concludedAt } : {}),
      });
    await appendEvents(trx, deps.logKey, row.id, [{ type: 'emergency_action', data: { emergencyId: e.id, kind, text: t } }], actor, now);
  });
  return present(deps.db, complaintId, now);
}

/** S2 5.2.4: after the complaint is resolved, the whole handling is reviewed and the plan may be amended. */
export async function reviewEmergency(deps: Deps, actor: Actor, complaintId: string, body: { findings: string; planChanges: string }) {
  const now = deps.now();
  const findings = text('findings', body.findings);
  const planChanges = typeof body.planChanges === 'string' ? body.planChanges.trim() : '';
  await inTransaction(deps.db, async (trx) => {
    const { row, e } = await lockOpen(trx, complaintId);
    if (!e.concluded_at && row.status !== 'closed')
      throw conflict('the review follows the conclusion: post a conclusion entry or close the complaint first');
    const review = { findings, planChanges, by: actor.label };
    await updateEmergency(trx, e.id, { status: 'reviewed', review: JSON.stringify(review), reviewed_at: now, reviewed_by: actor.id });
    await appendEvents(
      trx,
      deps.logKey,
      row.id,
      [{ type: 'emergency_reviewed', data: { emergencyId: e.id, findings, planChanges } }],
      actor,
      now,
    );
  });
  return present(deps.db, complaintId, now);
}
