/** The case library (R-RP-2, Vanke 5.6.2, S3 2.2): anonymised closed complaints, search, recurring patterns. */
import type { Deps, Actor } from '../context.ts';
import { appendEvents, listEvents } from '../../data/complaint-store.ts';
import { DomainError, notFound } from '../../domain/errors.ts';
import {
  anonymise,
  leaksIdentity,
  detectPatterns,
  monthWindow,
  PATTERN_ZONE,
  EVENT_LABELS,
  type Identity,
} from '../../domain/casework/index.ts';
import { wallLabel } from '../../domain/calendar/local-time.ts';
import type { Scope } from '../../security/scope.ts';
import {
  casesOfUnitCategories,
  complaintHasCase,
  customersOfComplaintAndLinked,
  findCase,
  insertCase,
  monthlyCountsByUnitAndCategory,
  searchCaseRows,
  type CaseSearch,
} from '../../data/casework/case-store.ts';
import { attachmentFilesOf } from '../../data/attachment-store.ts';
import { lockOr404, conflict, iso, text } from './common.ts';
import { inTransaction } from '../../data/transaction.ts';

const CASE_EVENT_TYPES = new Set([
  'received',
  'qualified',
  'dispatched',
  'acknowledged',
  'reported',
  'replied',
  'disputed',
  'visited',
  'closed',
  'reopened',
  'level_changed',
  'clock_breached',
  'emergency_opened',
  'emergency_reviewed',
  'capa_opened',
  'capa_verified',
  'return_inspected',
  'return_disposed',
]);

export async function promoteToCase(deps: Deps, actor: Actor, complaintId: string, body: { classification: string; lessons: string }) {
  const now = deps.now();
  const classification = text('classification', body.classification, 200);
  const lessonsRaw = text('lessons', body.lessons);
  const id = await inTransaction(deps.db, async (trx) => {
    const row = await lockOr404(trx, complaintId);
    if (row.status !== 'closed') throw conflict('only a closed complaint becomes a case');
    if (await complaintHasCase(trx, row.id)) throw new DomainError('CONFLICT', 'this complaint is already in the case library');
    // A contest record is the same person: the customers of linked complaints are named too.
    const customers = await customersOfComplaintAndLinked(trx, row);
    const who: Identity = {
      names: customers.map((c) => c.name),
      phones: customers.map((c) => c.phone ?? '').filter(Boolean),
      emails: customers.map((c) => c.email ?? '').filter(Boolean),
    };
    const a = (s: string | null | undefined) => anonymise(s, who);
    const report = (row.report as Record<string, string> | null) ?? {};
    const events = (await listEvents(trx, row.id)).filter((e) => CASE_EVENT_TYPES.has(e.type));
    const evidence = {
      report: Object.fromEntries(Object.entries(report).map(([k, v]) => [k, a(v)])),
      demands: a(row.demands),
      incidentPlace: a(row.incident_place),
      reply: a((row.reply as { message?: string } | null)?.message ?? ''),
      satisfaction: row.satisfaction,
      timeline: events.map((e) => ({
        at: new Date(e.at).toISOString(),
        local: wallLabel(PATTERN_ZONE, new Date(e.at).getTime()),
        type: e.type,
        label: EVENT_LABELS[e.type] ?? e.type,
        text: a(String(e.data.message ?? e.data.reason ?? e.data.conclusion ?? e.data.comment ?? e.data.findings ?? '')),
      })),
      attachments: (await attachmentFilesOf(trx, row.id)).map((f) => ({ ...f, filename: a(f.filename) })),
    };
    const record = { title: a(row.title), summary: a(row.content), lessons: a(lessonsRaw), classification: a(classification) };
    const all = JSON.stringify({ record, evidence });
    if (leaksIdentity(all, who))
      throw new DomainError('CONFLICT', 'the case still names the customer after anonymisation; edit the lessons');
    const caseId = await insertCase(trx, {
      complaint_id: row.id,
      complaint_code: row.code,
      unit_id: row.unit_id,
      policy_id: row.policy_id,
      category_id: row.category_id,
      level: row.level,
      ...record,
      evidence: JSON.stringify(evidence),
      received_at: row.received_at,
      closed_at: row.closed_at,
      created_at: now,
      created_by: actor.id,
    });
    await appendEvents(
      trx,
      deps.logKey,
      row.id,
      [{ type: 'case_created', data: { caseId, classification: record.classification } }],
      actor,
      now,
    );
    return caseId;
  });
  return getCase(deps, id);
}

function presentCase(c: {
  id: string;
  complaint_id: string;
  complaint_code: string;
  unit_id: string;
  policy_id: string;
  category_id: string | null;
  level: string | null;
  classification: string;
  title: string;
  summary: string;
  lessons: string;
  evidence: unknown;
  received_at: Date;
  closed_at: Date | null;
  created_at: Date;
}) {
  return {
    id: c.id,
    complaintId: c.complaint_id,
    complaintCode: c.complaint_code,
    unitId: c.unit_id,
    policyId: c.policy_id,
    categoryId: c.category_id,
    level: c.level,
    classification: c.classification,
    title: c.title,
    summary: c.summary,
    lessons: c.lessons,
    evidence: c.evidence,
    receivedAt: iso(c.received_at),
    closedAt: iso(c.closed_at),
    createdAt: iso(c.created_at),
  };
}

export async function getCase(deps: Deps, id: string, scope?: Scope) {
  const c = await findCase(deps.db, id, scope);
  if (!c) throw notFound(`case '${id}'`);
  return presentCase(c);
}

export async function searchCases(deps: Deps, scope: Scope, query: CaseSearch) {
  const rows = await searchCaseRows(deps.db, scope, query);
  return { items: rows.map(presentCase) };
}

/** Same category and unit with rising monthly complaint counts over the last `months` local months. */
export async function casePatterns(deps: Deps, scope: Scope, opts: { months?: number } = {}) {
  const months = opts.months ?? 6;
  const win = monthWindow(deps.now(), months);
  const rows = await monthlyCountsByUnitAndCategory(deps.db, scope, win, PATTERN_ZONE);
  const patterns = detectPatterns(rows, win.keys);
  const caseCounts = await casesOfUnitCategories(deps.db, patterns);
  return {
    months: win.keys,
    patterns: patterns.map((p) => ({
      ...p,
      cases: caseCounts.filter((c) => c.unit_id === p.unitId && c.category_id === p.categoryId).map((c) => ({ id: c.id, title: c.title })),
    })),
  };
}
