/**
 * Special reports and weekly progress (R-NT-1, Vanke 5.5.2.3 / 5.5.2.4). The draft is assembled from
 * the record by the pure `draftSpecialReport`; edits and approval are events in the complaint's log.
 */
import { loadExcelJS } from '../load-exceljs.ts';
import type { Deps, Actor } from '../context.ts';
import { SYSTEM_ACTOR } from '../context.ts';
import { appendEvents, findComplaint, listEvents, type ComplaintRow, type Db } from '../../data/complaint-store.ts';
import { findOrgNode } from '../../data/org-store.ts';
import { notFound } from '../../domain/errors.ts';
import { findCategory } from '../pack-lookup.ts';
import { PACKS } from '../../policies/index.ts';
import {
  draftSpecialReport,
  specialReportLevels,
  progressOverdue,
  progressLevels,
  progressRecipients,
  type SpecialReportContent,
} from '../../domain/casework/index.ts';
import { wallLabel } from '../../domain/calendar/local-time.ts';
import { lockOr404, packOf, conflict, levelNames, iso, text } from './common.ts';
import { authorize } from '../../security/authorize.ts';
import { loadCapa } from './capa.ts';
import { inTransaction } from '../../data/transaction.ts';
import { configSnapshot } from '../../data/config-cache.ts';
import { resolveRecipients } from '../../domain/notifications/index.ts';
import { notificationRows, recipientRows } from '../../domain/stored-rows.ts';
import { randomUUID } from 'node:crypto';
import {
  findSpecialReport,
  insertSpecialReport,
  lockSpecialReport,
  orgNodeNames,
  updateSpecialReport,
} from '../../data/casework/special-report-store.ts';
import { insertOutbox } from '../../data/outbox-store.ts';
import { outboxFor } from '../outbox-for.ts';
import {
  claimProgressReminder,
  insertProgressEntry,
  insertReminderNotifications,
  listProgressEntries,
  openComplaintsAtLevels,
  remindedWeekKeys,
} from '../../data/casework/progress-store.ts';
import { findEmergencyOfComplaint } from '../../data/casework/emergency-store.ts';

export type SpecialReportEdit = Partial<
  Pick<SpecialReportContent, 'title' | 'summary' | 'causeAnalysis' | 'course' | 'escalation' | 'measures'>
>;

function present(r: {
  complaint_id: string;
  level: string;
  status: string;
  content: unknown;
  drafted_at: Date;
  updated_at: Date;
  approved_at: Date | null;
  approved_by_label: string | null;
  version: number;
}) {
  return {
    complaintId: r.complaint_id,
    level: r.level,
    status: r.status,
    content: r.content as SpecialReportContent,
    draftedAt: iso(r.drafted_at),
    updatedAt: iso(r.updated_at),
    approvedAt: iso(r.approved_at),
    approvedBy: r.approved_by_label,
    version: r.version,
  };
}
export type SpecialReportView = ReturnType<typeof present>;

async function assemble(db: Db, row: ComplaintRow): Promise<SpecialReportContent> {
  const pack = await packOf(db, row);
  const unit = await findOrgNode(db, row.unit_id);
  const events = await listEvents(db, row.id);
  const deptIds = [
    ...new Set(
      [
        row.lead_department_id,
        ...row.co_department_ids,
        ...events.filter((e) => e.type === 'dispatched').map((e) => String(e.data.leadDepartmentId)),
      ].filter((x): x is string => !!x),
    ),
  ];
  const depts = await orgNodeNames(db, deptIds);
  const capa = await loadCapa(db, row.id);
  const emergency = await findEmergencyOfComplaint(db, row.id);
  const progress = await listProgressEntries(db, row.id);
  return draftSpecialReport({
    complaint: {
      code: row.code,
      title: row.title,
      content: row.content,
      unitName: unit?.name ?? row.unit_id,
      categoryName: row.category_id ? (findCategory(pack, row.category_id)?.nameZh ?? row.category_id) : null,
      level: row.level ?? '',
      receivedAt: new Date(row.received_at),
      closedAt: row.closed_at ? new Date(row.closed_at) : null,
      status: row.status,
    },
    levelNames: levelNames(pack),
    departmentNames: Object.fromEntries(depts),
    events: events.map((e) => ({ seq: e.seq, type: e.type, at: new Date(e.at), actorLabel: e.actorLabel, data: e.data })),
    report: (row.report as Record<string, string> | null) ?? null,
    capa: capa ? { containment: capa.containment, rootCause: capa.rootCause, prevention: capa.prevention, actions: capa.actions } : null,
    emergencyReview: (emergency?.review as { findings: string; planChanges: string } | null) ?? null,
    progress: progress.map((p) => ({ at: new Date(p.at), text: p.text, author: p.author_label })),
  });
}

/**
 * Drafts (or, while still a draft, re-drafts) the special report of a hot or major complaint. A
 * re-draft replaces the content, so it needs the same capability as an edit.
 */
export async function draftReport(deps: Deps, actor: Actor, complaintId: string): Promise<SpecialReportView> {
  authorize(actor, 'special_report.write');
  const now = deps.now();
  return inTransaction(deps.db, async (trx) => {
    const row = await lockOr404(trx, complaintId);
    const levels = specialReportLevels(await packOf(trx, row));
    if (!row.level || !levels.includes(row.level))
      throw conflict(`a special report is written for complaints at level ${levels.join(' / ')}; this one is '${row.level ?? 'unset'}'`);
    const existing = await lockSpecialReport(trx, row.id);
    if (existing?.status === 'approved') throw conflict('the special report is already approved');
    const content = await assemble(trx, row);
    const values = {
      level: row.level,
      status: 'draft' as const,
      content: JSON.stringify(content),
      drafted_at: now,
      drafted_by: actor.id,
      updated_at: now,
    };
    const saved = existing
      ? await updateSpecialReport(trx, row.id, { ...values, version: existing.version + 1 })
      : await insertSpecialReport(trx, { complaint_id: row.id, ...values });
    await appendEvents(
      trx,
      deps.logKey,
      row.id,
      [{ type: 'special_report_drafted', data: { level: row.level, redraft: !!existing, version: saved.version } }],
      actor,
      now,
    );
    return present(saved);
  });
}

/** The service centre's account (R-NT-1): who may change it is `special_report.write` in src/security/permissions.ts. */
export async function editReport(deps: Deps, actor: Actor, complaintId: string, edit: SpecialReportEdit): Promise<SpecialReportView> {
  authorize(actor, 'special_report.write');
  const now = deps.now();
  return inTransaction(deps.db, async (trx) => {
    const row = await lockOr404(trx, complaintId);
    const existing = await lockSpecialReport(trx, row.id);
    if (!existing) throw notFound(`special report of complaint '${complaintId}'`);
    if (existing.status === 'approved') throw conflict('an approved special report is not edited');
    const fields = Object.keys(edit).filter((k) => (edit as Record<string, unknown>)[k] !== undefined);
    const content = { ...(existing.content as unknown as SpecialReportContent), ...edit };
    const saved = await updateSpecialReport(trx, row.id, {
      content: JSON.stringify(content),
      updated_at: now,
      version: existing.version + 1,
    });
    await appendEvents(trx, deps.logKey, row.id, [{ type: 'special_report_edited', data: { fields, version: saved.version } }], actor, now);
    return present(saved);
  });
}

export async function approveReport(deps: Deps, actor: Actor, complaintId: string): Promise<SpecialReportView> {
  authorize(actor, 'special_report.approve');
  const now = deps.now();
  return inTransaction(deps.db, async (trx) => {
    const row = await lockOr404(trx, complaintId);
    const existing = await lockSpecialReport(trx, row.id);
    if (!existing) throw notFound(`special report of complaint '${complaintId}'`);
    if (existing.status === 'approved') throw conflict('the special report is already approved');
    const saved = await updateSpecialReport(trx, row.id, {
      status: 'approved',
      approved_at: now,
      approved_by: actor.id,
      approved_by_label: actor.label,
      updated_at: now,
      version: existing.version + 1,
    });
    await appendEvents(trx, deps.logKey, row.id, [{ type: 'special_report_approved', data: { version: saved.version } }], actor, now);
    return present(saved);
  });
}

export async function getReport(deps: Deps, complaintId: string): Promise<SpecialReportView> {
  const r = await findSpecialReport(deps.db, complaintId);
  if (!r) throw notFound(`special report of complaint '${complaintId}'`);
  return present(r);
}

/** The report as a workbook laid out like the paper form (Chinese headings). */
export async function specialReportWorkbook(view: SpecialReportView): Promise<Buffer> {
  const c = view.content;
  const wb = new (await loadExcelJS()).Workbook();
  wb.creator = 'Plaint';
  const ws = wb.addWorksheet('专题报告');
  ws.columns = [{ width: 18 }, { width: 14 }, { width: 16 }, { width: 70 }];
  ws.addRow([c.title]).font = { bold: true, size: 14 };
  ws.addRow(['投诉编号', c.header.code, '项目/单位', c.header.unit]);
  ws.addRow(['投诉级别', c.header.levelName, '投诉类别', c.header.category ?? '']);
  ws.addRow(['受理时间', c.header.receivedLocal, '结案时间', c.header.closedLocal ?? '未结案']);
  ws.addRow(['报告状态', view.status === 'approved' ? `已审批（${view.approvedBy ?? ''}）` : '草稿']);
  ws.addRow([]);
  ws.addRow(['概述', '', '', c.summary]);
  ws.addRow([]);
  ws.addRow(['A. 投诉发生、处理的始末']).font = { bold: true };
  ws.addRow(['时间', '事项', '经办人', '内容']).font = { bold: true };
  for (const e of c.course) ws.addRow([e.local, e.label, e.actor, e.text]);
  ws.addRow([]);
  ws.addRow(['B. 事件发生、恶化的原因分析']).font = { bold: true };
  ws.addRow(['时间', '调整为', '依据', '原因']).font = { bold: true };
  for (const e of c.escalation) ws.addRow([e.local, e.toName, e.ruleId, e.reason]);
  if (c.causeAnalysis) ws.addRow(['原因分析', '', '', c.causeAnalysis]);
  ws.addRow([]);
  ws.addRow(['C. 为预防投诉重演采取的应对措施']).font = { bold: true };
  for (const [i, m] of c.measures.entries()) ws.addRow([`${i + 1}`, m.source, '', m.text]);
  if (c.progress.length) {
    ws.addRow([]);
    ws.addRow(['进展快报']).font = { bold: true };
    for (const p of c.progress) ws.addRow([p.local, '', p.author, p.text]);
  }
  ws.getColumn(4).alignment = { wrapText: true, vertical: 'top' };
  return Buffer.from(await wb.xlsx.writeBuffer());
}

export function specialReportFilename(view: SpecialReportView): string {
  return `专题报告-${view.content.header.code}.xlsx`;
}

// ---- weekly progress (Vanke 5.5.2.4) ----

export async function addProgress(deps: Deps, actor: Actor, complaintId: string, body: { text: string }) {
  const now = deps.now();
  const t = text('text', body.text);
  return inTransaction(deps.db, async (trx) => {
    const row = await lockOr404(trx, complaintId);
    if (row.status === 'closed') throw conflict('the complaint is closed; progress is reported while it is open');
    const entry = await insertProgressEntry(trx, {
      complaint_id: row.id,
      text: t,
      at: now,
      author_id: actor.id,
      author_label: actor.label,
    });
    await appendEvents(trx, deps.logKey, row.id, [{ type: 'progress_reported', data: { entryId: entry.id, text: t } }], actor, now);
    return { id: entry.id, complaintId: row.id, text: entry.text, at: iso(entry.at), author: entry.author_label };
  });
}

export async function listProgress(deps: Deps, complaintId: string) {
  const rows = await listProgressEntries(deps.db, complaintId);
  return rows.map((e) => ({ id: e.id, text: e.text, at: iso(e.at), author: e.author_label }));
}

export interface ProgressReminder {
  complaintId: string;
  code: string;
  title: string;
  unitId: string;
  level: string;
  levelSetAt: string;
  lastProgressAt: string | null;
  dueAt: string;
  missedWeeks: number;
  missedDueAt: string;
}

/** Open complaints whose level owes weekly progress and that have had no entry in the last 7 days. */
type ReminderRow = Pick<
  ComplaintRow,
  'id' | 'code' | 'title' | 'unit_id' | 'level' | 'policy_id' | 'received_at' | 'status' | 'lead_department_id' | 'co_department_ids'
>;

export async function progressReminders(deps: Deps, filter: (row: ReminderRow) => boolean = () => true): Promise<ProgressReminder[]> {
  const now = deps.now();
  // Only the levels that owe weekly progress in some pack; each row is then checked against its own pack.
  const rows = await openComplaintsAtLevels(deps.db, [...new Set(PACKS.flatMap((p) => progressLevels(p)))]);
  const out: ProgressReminder[] = [];
  for (const r of rows) {
    const { last_progress_at, level_set_at, ...row } = r;
    const pack = await packOf(deps.db, row as ComplaintRow).catch(() => null);
    if (!pack || !progressLevels(pack).includes(row.level!)) continue;
    if (!filter(row)) continue;
    const setAt = new Date(level_set_at ?? row.received_at);
    const last = last_progress_at ? new Date(last_progress_at) : null;
    const s = progressOverdue(last, setAt, now);
    if (!s.overdue) continue;
    out.push({
      complaintId: row.id,
      code: row.code,
      title: row.title,
      unitId: row.unit_id,
      level: row.level!,
      levelSetAt: setAt.toISOString(),
      lastProgressAt: iso(last),
      dueAt: s.dueAt.toISOString(),
      missedWeeks: s.missedWeeks,
      missedDueAt: s.missedDueAt!.toISOString(),
    });
  }
  return out;
}

/**
 * For the sweeper: one notification per missed week (keyed on the missed due instant), with an event
 * in the complaint's log. Safe to run from several processes: the reminder key is claimed under the
 * complaint's row lock and a second claim of the same week does nothing.
 */
/**
 * At most this many reminders are written per pass (one short transaction each), so a pass stays well
 * under a second even when thousands are owed at once — after an outage, or data loaded in bulk; the
 * rest follow on the next passes, oldest complaints first.
 */
export const MAX_REMINDERS_PER_PASS = 100;

/**
 * `deadline` (a `performance.now()` instant): no reminder is begun after it, except a first one, so a
 * slow moment shortens a pass instead of lengthening it and a backlog still drains, one pass after
 * another. The sweeper sets it (src/jobs/sweeper.job.ts, REMINDER_BUDGET_MS).
 */
export async function remindMissingProgress(
  deps: Deps,
  maxPerPass = MAX_REMINDERS_PER_PASS,
  deadline = Infinity,
): Promise<{ reminded: number; deferred: number }> {
  const due = await progressReminders(deps);
  // Weeks already reminded are skipped with one read instead of one transaction each, so an idle pass
  // over thousands of major complaints stays cheap.
  const already = await remindedWeekKeys(deps.db, [...new Set(due.map((d) => d.complaintId))]);
  let reminded = 0;
  const owed = due.filter((r) => !already.has(`${r.complaintId}|${new Date(r.missedDueAt).toISOString()}`));
  // Who each unit's reminders reach (issue #14), from the per-process copy, read outside the transactions.
  const config = owed.length ? await configSnapshot(deps.db) : null;
  let attempted = 0;
  for (const r of owed.slice(0, maxPerPass)) {
    if (attempted > 0 && performance.now() >= deadline) break;
    attempted++;
    const now = deps.now();
    const done = await inTransaction(deps.db, async (trx) => {
      const row = await lockOr404(trx, r.complaintId);
      if (row.status === 'closed' || row.level !== r.level) return false;
      if (!(await claimProgressReminder(trx, row.id, r.missedDueAt, now))) return false;
      const pack = await packOf(trx, row);
      const { ruleId, roles } = progressRecipients(pack, r.level);
      const dueLocal = wallLabel('Asia/Shanghai', Date.parse(r.missedDueAt));
      // Issue #14: each reminder gets its id and its people here; its messages go to the outbox in this transaction.
      const notes = resolveRecipients(
        roles.map((role) => ({
          recipientRole: role,
          kind: 'progress_overdue',
          ruleId,
          subject: `重大投诉进展快报逾期未报（应于 ${dueLocal} 前报送）`,
          dueAt: r.missedDueAt,
        })),
        config!.addressBook(row.unit_id),
        randomUUID,
      );
      await insertReminderNotifications(trx, notificationRows(notes, row), recipientRows(notes));
      await insertOutbox(trx, outboxFor({ config, pack, baseUrl: deps.publicUrl ?? '' }, row, notes, now));
      await appendEvents(
        trx,
        deps.logKey,
        row.id,
        [{ type: 'progress_reminder_sent', data: { ruleId, dueAt: r.missedDueAt, missedWeeks: r.missedWeeks, recipientRoles: roles } }],
        SYSTEM_ACTOR,
        now,
      );
      return true;
    });
    if (done) reminded++;
  }
  return { reminded, deferred: owed.length - attempted };
}

export { findComplaint };

const esc = (s: unknown) =>
  String(s ?? '').replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

/** A printable page of the report (A4, Chinese headings); every value is HTML-escaped. */
export function specialReportHtml(view: SpecialReportView): string {
  const c = view.content;
  const state = view.status === 'approved' ? `已审批（${view.approvedBy ?? ''}）` : '草稿';
  const header = [
    ['投诉编号', c.header.code, '项目/单位', c.header.unit],
    ['投诉级别', c.header.levelName, '投诉类别', c.header.category ?? ''],
    ['受理时间', c.header.receivedLocal, '结案时间', c.header.closedLocal ?? '未结案'],
    ['报告状态', state, '', ''],
  ];
  const rows = (cells: unknown[][]) => cells.map((r) => `<tr>${r.map((x) => `<td>${esc(x)}</td>`).join('')}</tr>`).join('');
  return `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>${esc(c.title)}</title>
<style>@page{size:A4;margin:18mm}body{font-family:"Noto Sans CJK SC","Microsoft YaHei",sans-serif;font-size:12px}table{border-collapse:collapse;width:100%;margin:6px 0}td,th{border:1px solid #999;padding:4px;vertical-align:top}h1{font-size:18px}h2{font-size:14px;margin-top:14px}</style></head><body>
<h1>${esc(c.title)}</h1>
<table>${rows(header)}</table>
<h2>概述</h2><p>${esc(c.summary)}</p>
<h2>A. 投诉发生、处理的始末</h2><table><tr><th>时间</th><th>事项</th><th>经办人</th><th>内容</th></tr>${rows(c.course.map((e) => [e.local, e.label, e.actor, e.text]))}</table>
<h2>B. 事件发生、恶化的原因分析</h2><table><tr><th>时间</th><th>调整为</th><th>依据</th><th>原因</th></tr>${rows(c.escalation.map((e) => [e.local, e.toName, e.ruleId, e.reason]))}</table><p>${esc(c.causeAnalysis)}</p>
<h2>C. 为预防投诉重演采取的应对措施</h2><ol>${c.measures.map((m) => `<li>${esc(m.text)}</li>`).join('')}</ol>
${c.progress.length ? `<h2>进展快报</h2><table>${rows(c.progress.map((p) => [p.local, p.author, p.text]))}</table>` : ''}
</body></html>`;
}
