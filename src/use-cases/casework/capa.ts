/**
 * Corrective and preventive action (R-CA-1) with its 8D view, and manufacturing returns (R-CA-2).
 * Each write locks the complaint, changes the record and appends an event, in one transaction.
 */
import type { Deps, Actor } from '../context.ts';
import { appendEvents, findComplaint, type Db, type NewEvent } from '../../data/complaint-store.ts';
import { findOrgNode } from '../../data/org-store.ts';
import { DomainError, notFound } from '../../domain/errors.ts';
import {
  capaPlanDue,
  capaPlanState,
  eightD,
  missingForVerification,
  planComplete,
  type CapaRecord,
  type CapaAction,
} from '../../domain/casework/index.ts';
import {
  findCapa,
  findCapaAction,
  findCapaOfComplaint,
  findReturn,
  insertCapa,
  insertCapaAction,
  insertReturn,
  listCapaActions,
  listReturnsOfComplaint,
  lockCapaOfComplaint,
  markCapaActionDone,
  updateCapa as updateCapaRow,
  updateReturn,
  type CapaChanges,
  type ReturnRow,
} from '../../data/casework/capa-store.ts';
import { calendarForUnit } from '../calendar-for-unit.ts';
import { lockOr404, conflict, iso, text } from './common.ts';
import { authorize } from '../../security/authorize.ts';
import { inTransaction } from '../../data/transaction.ts';
import { parseLocalDate } from '../../domain/reports/periods.ts';

export interface CapaFields {
  team?: string[];
  problem?: string;
  containment?: string;
  rootCause?: string;
  prevention?: string;
}

export async function loadCapa(db: Db, complaintId: string): Promise<(CapaRecord & { id: string }) | null> {
  const c = await findCapaOfComplaint(db, complaintId);
  if (!c) return null;
  const dept = await findOrgNode(db, c.department_id);
  const actions = await listCapaActions(db, c.id);
  return {
    id: c.id,
    department: { id: c.department_id, name: dept?.name ?? null },
    team: c.team as unknown as string[],
    problem: c.problem,
    containment: c.containment,
    rootCause: c.root_cause,
    prevention: c.prevention,
    status: c.status,
    planDueAt: iso(c.plan_due_at)!,
    planSubmittedAt: iso(c.plan_submitted_at),
    verifications: c.verifications as unknown as CapaRecord['verifications'],
    verifiedAt: iso(c.verified_at),
    actions: actions.map(
      (a): CapaAction => ({
        id: a.id,
        kind: a.kind,
        description: a.description,
        owner: a.owner,
        dueDate: a.due_date,
        doneAt: iso(a.done_at),
      }),
    ),
  };
}

/** The CAPA with the plan deadline's state and, for the manufacturing pack, the 8D view. */
export async function getCapa(deps: Deps, complaintId: string) {
  const row = await findComplaint(deps.db, complaintId);
  if (!row) throw notFound(`complaint '${complaintId}'`);
  const capa = await loadCapa(deps.db, complaintId);
  if (!capa) throw notFound(`corrective action of complaint '${complaintId}'`);
  const now = deps.now();
  const plan = {
    dueAt: capa.planDueAt,
    submittedAt: capa.planSubmittedAt,
    state: capaPlanState({ dueAt: capa.planDueAt, submittedAt: capa.planSubmittedAt }, now),
  };
  const eight =
    row.policy_id === 'manufacturing'
      ? eightD(capa, { code: row.code, title: row.title, content: row.content, batchNo: row.batch_no })
      : null;
  return { complaintId, ...capa, plan, missingForVerification: missingForVerification(capa, capa.actions), eightD: eight };
}

async function markPlanIfComplete(trx: Db, capaId: string, now: Date): Promise<boolean> {
  const c = await findCapa(trx, capaId);
  if (c.plan_submitted_at) return false;
  const actions = await listCapaActions(trx, capaId);
  if (!planComplete({ rootCause: c.root_cause, containment: c.containment }, actions)) return false;
  await updateCapaRow(trx, capaId, { plan_submitted_at: now });
  return true;
}

const columns = (f: CapaFields): CapaChanges => ({
  ...(f.team !== undefined ? { team: JSON.stringify(f.team.map((s) => s.trim()).filter(Boolean)) } : {}),
  ...(f.problem !== undefined ? { problem: f.problem.trim() || null } : {}),
  ...(f.containment !== undefined ? { containment: f.containment.trim() || null } : {}),
  ...(f.rootCause !== undefined ? { root_cause: f.rootCause.trim() || null } : {}),
  ...(f.prevention !== undefined ? { prevention: f.prevention.trim() || null } : {}),
});

export async function openCapa(deps: Deps, actor: Actor, complaintId: string, fields: CapaFields) {
  const now = deps.now();
  await inTransaction(deps.db, async (trx) => {
    const row = await lockOr404(trx, complaintId);
    if (row.qualification !== 'valid')
      throw conflict(`corrective action is opened on a valid complaint; this one is '${row.qualification ?? 'not yet qualified'}'`);
    if (!row.lead_department_id) throw conflict('corrective action needs a responsible department: dispatch the complaint first');
    const existing = await findCapaOfComplaint(trx, row.id);
    if (existing) throw new DomainError('CONFLICT', 'this complaint already has a corrective action; edit it with PUT');
    const calendar = await calendarForUnit(trx, row.unit_id);
    const planDueAt = capaPlanDue(calendar, now);
    const capaId = await insertCapa(trx, {
      complaint_id: row.id,
      department_id: row.lead_department_id,
      status: 'open',
      team: JSON.stringify([]),
      verifications: JSON.stringify([]),
      plan_due_at: planDueAt,
      opened_at: now,
      opened_by: actor.id,
      updated_at: now,
      ...columns(fields),
    });
    const events: NewEvent[] = [
      {
        type: 'capa_opened',
        data: {
          capaId,
          departmentId: row.lead_department_id,
          planDueAt: planDueAt.toISOString(),
          calendarVersion: calendar.version,
          ...fields,
        },
      },
    ];
    if (await markPlanIfComplete(trx, capaId, now)) events.push({ type: 'improvement_plan_complete', data: { capaId } });
    await appendEvents(trx, deps.logKey, row.id, events, actor, now);
  });
  return getCapa(deps, complaintId);
}

async function openCapaFor(trx: Db, complaintId: string) {
  const c = await lockCapaOfComplaint(trx, complaintId);
  if (!c) throw notFound(`corrective action of complaint '${complaintId}'`);
  if (c.status === 'verified') throw conflict('the corrective action is verified and closed');
  return c;
}

export async function updateCapa(deps: Deps, actor: Actor, complaintId: string, fields: CapaFields) {
  const now = deps.now();
  await inTransaction(deps.db, async (trx) => {
    const row = await lockOr404(trx, complaintId);
    const c = await openCapaFor(trx, row.id);
    await updateCapaRow(trx, c.id, { ...columns(fields), updated_at: now, version: c.version + 1 });
    const events: NewEvent[] = [{ type: 'capa_updated', data: { capaId: c.id, ...fields } }];
    if (await markPlanIfComplete(trx, c.id, now)) events.push({ type: 'improvement_plan_complete', data: { capaId: c.id } });
    await appendEvents(trx, deps.logKey, row.id, events, actor, now);
  });
  return getCapa(deps, complaintId);
}

export async function addCapaAction(
  deps: Deps,
  actor: Actor,
  complaintId: string,
  body: { description: string; owner: string; dueDate: string; kind?: 'corrective' | 'preventive' },
) {
  const now = deps.now();
  const description = text('description', body.description);
  const owner = text('owner', body.owner, 200);
  // A calendar date the database can store (years 1000–9999), not only its shape.
  parseLocalDate(body.dueDate, 'dueDate');
  await inTransaction(deps.db, async (trx) => {
    const row = await lockOr404(trx, complaintId);
    const c = await openCapaFor(trx, row.id);
    const actionId = await insertCapaAction(trx, {
      capa_id: c.id,
      kind: body.kind ?? 'corrective',
      description,
      owner,
      due_date: body.dueDate,
      created_at: now,
      created_by: actor.id,
    });
    await updateCapaRow(trx, c.id, { updated_at: now, version: c.version + 1 });
    const events: NewEvent[] = [
      {
        type: 'capa_action_added',
        data: { capaId: c.id, actionId, kind: body.kind ?? 'corrective', description, owner, dueDate: body.dueDate },
      },
    ];
    if (await markPlanIfComplete(trx, c.id, now)) events.push({ type: 'improvement_plan_complete', data: { capaId: c.id } });
    await appendEvents(trx, deps.logKey, row.id, events, actor, now);
  });
  return getCapa(deps, complaintId);
}

export async function completeCapaAction(deps: Deps, actor: Actor, complaintId: string, actionId: string) {
  const now = deps.now();
  await inTransaction(deps.db, async (trx) => {
    const row = await lockOr404(trx, complaintId);
    const c = await openCapaFor(trx, row.id);
    const a = await findCapaAction(trx, c.id, actionId);
    if (!a) throw notFound(`action '${actionId}'`);
    if (a.done_at) throw conflict('the action is already done');
    await markCapaActionDone(trx, a.id, now);
    await appendEvents(
      trx,
      deps.logKey,
      row.id,
      [{ type: 'capa_action_done', data: { capaId: c.id, actionId: a.id, description: a.description } }],
      actor,
      now,
    );
  });
  return getCapa(deps, complaintId);
}

/** Verification of effectiveness (S3: 品质工程师跟踪验证CAR的执行效果); effective closes the CAPA. */
export async function verifyCapa(deps: Deps, actor: Actor, complaintId: string, body: { effective: boolean; evidence: string }) {
  const now = deps.now();
  const evidence = text('evidence', body.evidence);
  await inTransaction(deps.db, async (trx) => {
    const row = await lockOr404(trx, complaintId);
    const c = await openCapaFor(trx, row.id);
    const actions = await listCapaActions(trx, c.id);
    const missing = missingForVerification(
      { rootCause: c.root_cause, containment: c.containment, prevention: c.prevention },
      actions.map((a) => ({ kind: a.kind, doneAt: iso(a.done_at) })),
    );
    if (missing.length) throw conflict(`not ready for verification; missing: ${missing.join(', ')}`);
    const verifications = [
      ...(c.verifications as unknown as unknown[]),
      { at: now.toISOString(), by: actor.label, effective: body.effective, evidence },
    ];
    await updateCapaRow(trx, c.id, {
      verifications: JSON.stringify(verifications),
      ...(body.effective ? { status: 'verified' as const, verified_at: now } : {}),
      updated_at: now,
      version: c.version + 1,
    });
    await appendEvents(
      trx,
      deps.logKey,
      row.id,
      [{ type: 'capa_verified', data: { capaId: c.id, effective: body.effective, evidence } }],
      actor,
      now,
    );
  });
  return getCapa(deps, complaintId);
}

// ---- returns (R-CA-2, S3 客诉退货处理) ----

function presentReturn(r: ReturnRow) {
  return {
    id: r.id,
    complaintId: r.complaint_id,
    status: r.status,
    product: r.product,
    batchNo: r.batch_no,
    quantity: r.quantity,
    reason: r.reason,
    notifiedAt: iso(r.notified_at),
    inspection: r.inspection,
    inspectedAt: iso(r.inspected_at),
    disposition: r.disposition,
    dispositionNote: r.disposition_note,
    replacementOrder: r.replacement_order,
    disposedAt: iso(r.disposed_at),
  };
}

export async function complaintIdOfReturn(deps: Deps, returnId: string): Promise<string> {
  const r = await findReturn(deps.db, returnId);
  if (!r) throw notFound(`return '${returnId}'`);
  return r.complaint_id;
}

export async function listReturns(deps: Deps, complaintId: string) {
  const rows = await listReturnsOfComplaint(deps.db, complaintId);
  return rows.map(presentReturn);
}

export async function noticeReturn(
  deps: Deps,
  actor: Actor,
  complaintId: string,
  body: { product: string; quantity: number; reason: string; batchNo?: string },
) {
  const now = deps.now();
  const product = text('product', body.product, 200);
  const reason = text('reason', body.reason);
  return inTransaction(deps.db, async (trx) => {
    const row = await lockOr404(trx, complaintId);
    if (row.qualification === 'invalid' || row.qualification === 'suggestion')
      throw conflict(`a return is noticed on a valid complaint; this one is '${row.qualification}'`);
    const r = await insertReturn(trx, {
      complaint_id: row.id,
      status: 'notified',
      product,
      quantity: body.quantity,
      reason,
      batch_no: body.batchNo?.trim() || row.batch_no,
      notified_at: now,
      notified_by: actor.id,
    });
    await appendEvents(
      trx,
      deps.logKey,
      row.id,
      [{ type: 'return_noticed', data: { returnId: r.id, product, quantity: body.quantity, batchNo: r.batch_no, reason } }],
      actor,
      now,
    );
    return presentReturn(r);
  });
}

export async function inspectReturn(
  deps: Deps,
  actor: Actor,
  returnId: string,
  body: { result: 'confirmed' | 'not_confirmed'; defectiveQuantity: number; findings: string },
) {
  authorize(actor, 'return.inspect');
  const now = deps.now();
  const findings = text('findings', body.findings);
  return inTransaction(deps.db, async (trx) => {
    const first = await findReturn(trx, returnId);
    if (!first) throw notFound(`return '${returnId}'`);
    const row = await lockOr404(trx, first.complaint_id);
    const r = (await findReturn(trx, returnId, true))!;
    if (r.status !== 'notified') throw conflict(`the return is already ${r.status}`);
    if (body.defectiveQuantity > r.quantity)
      throw new DomainError('VALIDATION', `defectiveQuantity: more than the ${r.quantity} returned`, { field: 'defectiveQuantity' });
    const inspection = { result: body.result, defectiveQuantity: body.defectiveQuantity, findings, inspector: actor.label };
    const saved = await updateReturn(trx, r.id, {
      status: 'inspected',
      inspection: JSON.stringify(inspection),
      inspected_at: now,
      inspected_by: actor.id,
    });
    await appendEvents(trx, deps.logKey, row.id, [{ type: 'return_inspected', data: { returnId: r.id, ...inspection } }], actor, now);
    return presentReturn(saved);
  });
}

export async function disposeReturn(
  deps: Deps,
  actor: Actor,
  returnId: string,
  body: { disposition: 'rework' | 'scrap' | 'return' | 'replacement'; note?: string; replacementOrder?: string },
) {
  authorize(actor, 'return.dispose');
  const now = deps.now();
  if (body.disposition === 'replacement' && !body.replacementOrder?.trim())
    throw new DomainError('VALIDATION', 'replacementOrder: a replacement needs the replacement order number (S3 5.4.5.6 及时开单补做)', {
      field: 'replacementOrder',
    });
  return inTransaction(deps.db, async (trx) => {
    const first = await findReturn(trx, returnId);
    if (!first) throw notFound(`return '${returnId}'`);
    const row = await lockOr404(trx, first.complaint_id);
    const r = (await findReturn(trx, returnId, true))!;
    if (r.status !== 'inspected')
      throw conflict(
        r.status === 'notified' ? 'the return is inspected by QA before it is disposed of' : 'the return is already disposed of',
      );
    const saved = await updateReturn(trx, r.id, {
      status: 'disposed',
      disposition: body.disposition,
      disposition_note: body.note?.trim() || null,
      replacement_order: body.replacementOrder?.trim() || null,
      disposed_at: now,
      disposed_by: actor.id,
    });
    await appendEvents(
      trx,
      deps.logKey,
      row.id,
      [
        {
          type: 'return_disposed',
          data: { returnId: r.id, disposition: body.disposition, note: saved.disposition_note, replacementOrder: saved.replacement_order },
        },
      ],
      actor,
      now,
    );
    return presentReturn(saved);
  });
}
