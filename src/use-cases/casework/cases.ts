/** The case library (R-RP-2, Vanke 5.6.2, S3 2.2): anonymised closed complaints, search, recurring patterns. */
import { sql } from 'kysely';
import type { Deps, Actor } from '../context.ts';
import { appendEvents, listEvents } from '../../data/complaint-store.ts';
import { DomainError, notFound } from '../../domain/errors.ts';
import { anonymise, leaksIdentity, detectPatterns, monthWindow, PATTERN_ZONE, EVENT_LABELS, type Identity, type MonthlyCount } from '../../domain/casework/index.ts';
import { wallLabel } from '../../domain/calendar/local-time.ts';
import { scopeCondition, type Scope } from '../../security/scope.ts';
import { lockOr404, conflict, iso, text } from './common.ts';
import { inTransaction } from '../../data/transaction.ts';

/** Cases are read by organisation; department-scoped roles (handlers) do not browse the library. */
function caseScope(scope: Scope) {
  return scope.departmentIds ? sql<boolean>`false` : scopeCondition(scope, 'cases');
}

const CASE_EVENT_TYPES = new Set(['received', 'qualified', 'dispatched', 'acknowledged', 'reported', 'replied', 'disputed', 'visited', 'closed', 'reopened', 'level_changed', 'clock_breached', 'emergency_opened', 'emergency_reviewed', 'capa_opened', 'capa_verified', 'return_inspected', 'return_disposed']);

export async function promoteToCase(deps: Deps, actor: Actor, complaintId: string, body: { classification: string; lessons: string }) {
  const now = deps.now();
  const classification = text('classification', body.classification, 200);
  const lessonsRaw = text('lessons', body.lessons);
  const id = await inTransaction(deps.db, async (trx) => {
    const row = await lockOr404(trx, complaintId);
    if (row.status !== 'closed') throw conflict('only a closed complaint becomes a case');
    if (await trx.selectFrom('cases').select('id').where('complaint_id', '=', row.id).executeTakeFirst()) throw new DomainError('CONFLICT', 'this complaint is already in the case library');
    // The complaint's customer, and the customers of complaints linked to it (a contest record is the same
    // person). Either side of a link: a similar pair is one row, from the later complaint to the earlier.
    const customers = await trx
      .selectFrom('customers')
      .select(['name', 'phone', 'email'])
      .where((eb) => {
        const linked = eb
          .selectFrom('complaint_links as l')
          .select('l.to_id as complaint_id')
          .where('l.from_id', '=', row.id)
          .union(eb.selectFrom('complaint_links as l').select('l.from_id as complaint_id').where('l.to_id', '=', row.id));
        return eb.or([eb('id', '=', row.customer_id), eb('id', 'in', eb.selectFrom('complaints as c2').select('c2.customer_id').where('c2.id', 'in', linked))]);
      })
      .execute();
    const who: Identity = { names: customers.map((c) => c.name), phones: customers.map((c) => c.phone ?? '').filter(Boolean), emails: customers.map((c) => c.email ?? '').filter(Boolean) };
    const a = (s: string | null | undefined) => anonymise(s, who);
    const report = (row.report as Record<string, string> | null) ?? {};
    const events = (await listEvents(trx, row.id)).filter((e) => CASE_EVENT_TYPES.has(e.type));
    const evidence = {
      report: Object.fromEntries(Object.entries(report).map(([k, v]) => [k, a(v)])),
      demands: a(row.demands),
      incidentPlace: a(row.incident_place),
      reply: a((row.reply as { message?: string } | null)?.message ?? ''),
      satisfaction: row.satisfaction,
      timeline: events.map((e) => ({ at: new Date(e.at).toISOString(), local: wallLabel(PATTERN_ZONE, new Date(e.at).getTime()), type: e.type, label: EVENT_LABELS[e.type] ?? e.type, text: a(String(e.data.message ?? e.data.reason ?? e.data.conclusion ?? e.data.comment ?? e.data.findings ?? '')) })),
      attachments: (await trx.selectFrom('attachments').select(['filename', 'mime', 'size', 'sha256']).where('complaint_id', '=', row.id).execute()).map((f) => ({ ...f, filename: a(f.filename) })),
    };
    const record = { title: a(row.title), summary: a(row.content), lessons: a(lessonsRaw), classification: a(classification) };
    const all = JSON.stringify({ record, evidence });
    if (leaksIdentity(all, who)) throw new DomainError('CONFLICT', 'the case still names the customer after anonymisation; edit the lessons');
    const c = await trx
      .insertInto('cases')
      .values({ complaint_id: row.id, complaint_code: row.code, unit_id: row.unit_id, policy_id: row.policy_id, category_id: row.category_id, level: row.level, ...record, evidence: JSON.stringify(evidence), received_at: row.received_at, closed_at: row.closed_at, created_at: now, created_by: actor.id })
      .returning('id')
      .executeTakeFirstOrThrow();
    await appendEvents(trx, deps.logKey, row.id, [{ type: 'case_created', data: { caseId: c.id, classification: record.classification } }], actor, now);
    return c.id;
  });
  return getCase(deps, id);
}

function presentCase(c: { id: string; complaint_id: string; complaint_code: string; unit_id: string; policy_id: string; category_id: string | null; level: string | null; classification: string; title: string; summary: string; lessons: string; evidence: unknown; received_at: Date; closed_at: Date | null; created_at: Date }) {
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
  if (!/^[0-9a-f-]{36}$/i.test(id)) throw notFound(`case '${id}'`);
  let q = deps.db.selectFrom('cases').selectAll('cases').where('cases.id', '=', id);
  if (scope) q = q.where(caseScope(scope));
  const c = await q.executeTakeFirst();
  if (!c) throw notFound(`case '${id}'`);
  return presentCase(c);
}

export async function searchCases(deps: Deps, scope: Scope, query: { q?: string; categoryId?: string; unitId?: string; classification?: string; limit?: number }) {
  let q = deps.db.selectFrom('cases').selectAll('cases').where(caseScope(scope));
  if (query.categoryId) q = q.where('category_id', '=', query.categoryId);
  if (query.unitId) q = q.where('unit_id', '=', query.unitId);
  if (query.classification) q = q.where('classification', '=', query.classification);
  if (query.q?.trim()) {
    const like = `%${query.q.trim().replace(/[\\%_]/g, (m) => `\\${m}`)}%`;
    q = q.where((eb) => eb.or([eb('title', 'ilike', like), eb('summary', 'ilike', like), eb('lessons', 'ilike', like), eb('classification', 'ilike', like), eb('complaint_code', 'ilike', like)]));
  }
  const rows = await q.orderBy('closed_at', 'desc').orderBy('id').limit(query.limit ?? 50).execute();
  return { items: rows.map(presentCase) };
}

/** Same category and unit with rising monthly complaint counts over the last `months` local months. */
export async function casePatterns(deps: Deps, scope: Scope, opts: { months?: number } = {}) {
  const months = opts.months ?? 6;
  const win = monthWindow(deps.now(), months);
  const rows = (
    await sql<MonthlyCount>`
      SELECT c.unit_id AS "unitId", c.category_id AS "categoryId",
             to_char(c.received_at AT TIME ZONE ${PATTERN_ZONE}, 'YYYY-MM') AS month, count(*)::int AS n
      FROM complaints c
      WHERE c.received_at >= ${win.start} AND c.received_at < ${win.end}
        AND c.category_id IS NOT NULL
        AND c.qualification IS DISTINCT FROM 'invalid'
        AND ${scopeCondition(scope, 'c')}
      GROUP BY 1, 2, 3`.execute(deps.db)
  ).rows;
  const patterns = detectPatterns(rows, win.keys);
  const caseCounts = patterns.length
    ? await deps.db
        .selectFrom('cases')
        .select(['unit_id', 'category_id', 'id', 'title'])
        .where((eb) => eb.or(patterns.map((p) => eb.and([eb('unit_id', '=', p.unitId), eb('category_id', '=', p.categoryId)]))))
        .orderBy('closed_at', 'desc')
        .execute()
    : [];
  return {
    months: win.keys,
    patterns: patterns.map((p) => ({ ...p, cases: caseCounts.filter((c) => c.unit_id === p.unitId && c.category_id === p.categoryId).map((c) => ({ id: c.id, title: c.title })) })),
  };
}
