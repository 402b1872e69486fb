/**
 * Casework after intake: special reports and weekly progress (R-NT-1), the emergency plan (R-EM-1),
 * corrective action with its 8D view and returns (R-CA-1, R-CA-2), the case library (R-RP-2).
 * Every handler checks the complaint against the user's role and scope through src/security first.
 */
import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { Deps } from '../../use-cases/context.ts';
import { complaintForUser, authorize } from '../../security/authorize.ts';
import { complaintInScope, scopeOf } from '../../security/scope.ts';
import { requireUser, actorOf } from '../auth-hook.ts';
import { STANDARD_ERRORS, StringEnum, VisibleText } from '../schema-helpers.ts';
import { PRINTABLE_PAGE_CSP } from '../page-csp.ts';
import {
  draftReport,
  editReport,
  approveReport,
  getReport,
  specialReportWorkbook,
  specialReportFilename,
  specialReportHtml,
  addProgress,
  listProgress,
  progressReminders,
} from '../../use-cases/casework/special-report.ts';
import { openEmergency, logEmergencyAction, reviewEmergency, getEmergency } from '../../use-cases/casework/emergency.ts';
import {
  openCapa,
  updateCapa,
  addCapaAction,
  completeCapaAction,
  verifyCapa,
  getCapa,
  noticeReturn,
  inspectReturn,
  disposeReturn,
  listReturns,
  complaintIdOfReturn,
} from '../../use-cases/casework/capa.ts';
import { promoteToCase, searchCases, casePatterns, getCase } from '../../use-cases/casework/cases.ts';

const security = [{ bearer: [] }];
const Closed = { additionalProperties: false } as const;
const IdParams = Type.Object({ id: Type.String({ minLength: 1, maxLength: 100 }) });
const Text = (max = 5000) => Type.String({ minLength: 1, maxLength: max });
const Names = Type.Array(VisibleText(100), { maxItems: 50 });
const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

const CourseEntry = Type.Object(
  {
    seq: Type.Integer(),
    at: Type.String(),
    local: Type.String(),
    type: Type.String(),
    label: Type.String(),
    actor: Type.String(),
    text: Type.String({ maxLength: 5000 }),
  },
  Closed,
);
const EscalationEntry = Type.Object(
  {
    at: Type.String(),
    local: Type.String(),
    from: Type.Union([Type.String(), Type.Null()]),
    to: Type.String(),
    toName: Type.String(),
    ruleId: Type.String(),
    reason: Type.String({ maxLength: 2000 }),
  },
  Closed,
);
const SpecialReportBody = Type.Object(
  {
    title: Type.Optional(VisibleText(300)),
    summary: Type.Optional(Type.String({ maxLength: 20000 })),
    causeAnalysis: Type.Optional(Type.String({ maxLength: 20000 })),
    course: Type.Optional(Type.Array(CourseEntry, { maxItems: 2000 })),
    escalation: Type.Optional(Type.Array(EscalationEntry, { maxItems: 200 })),
    measures: Type.Optional(Type.Array(Type.Object({ source: Type.String({ maxLength: 100 }), text: Text() }, Closed), { maxItems: 200 })),
  },
  Closed,
);
const CapaBody = Type.Object(
  {
    team: Type.Optional(Names),
    problem: Type.Optional(Type.String({ maxLength: 5000 })),
    containment: Type.Optional(Type.String({ maxLength: 5000 })),
    rootCause: Type.Optional(Type.String({ maxLength: 5000 })),
    prevention: Type.Optional(Type.String({ maxLength: 5000 })),
  },
  Closed,
);
const LocalDate = Type.String({ pattern: '^[0-9]{4}-[0-9]{2}-[0-9]{2}$' });

export async function caseworkRoutes(root: FastifyInstance, deps: Deps): Promise<void> {
  const app = root.withTypeProvider<TypeBoxTypeProvider>();
  const act = (request: Parameters<typeof requireUser>[0], id: string) => {
    const user = requireUser(request);
    return complaintForUser(deps, user, id, { capability: 'complaint.act' }).then(() => actorOf(user));
  };
  const read = async (request: Parameters<typeof requireUser>[0], id: string) => {
    const user = requireUser(request);
    await complaintForUser(deps, user, id, { capability: 'complaint.read' });
  };

  // ---- special reports and progress (R-NT-1) ----
  const sr = ['special-reports'];
  app.post(
    '/api/complaints/:id/special-report',
    {
      schema: {
        tags: sr,
        security,
        summary: 'Draft (or re-draft) the special report of a hot / major complaint from its record (Vanke 5.5.2.3–4)',
        params: IdParams,
        response: STANDARD_ERRORS,
      },
    },
    async (request, reply) => reply.code(201).send(await draftReport(deps, await act(request, request.params.id), request.params.id)),
  );
  app.put(
    '/api/complaints/:id/special-report',
    {
      schema: {
        tags: sr,
        security,
        summary: 'Edit the draft (fields given replace those of the draft)',
        params: IdParams,
        body: SpecialReportBody,
        response: STANDARD_ERRORS,
      },
    },
    async (request) => editReport(deps, await act(request, request.params.id), request.params.id, request.body),
  );
  app.post(
    '/api/complaints/:id/special-report/approve',
    {
      schema: {
        tags: sr,
        security,
        summary: 'Approve the special report (manager / admin / qa)',
        params: IdParams,
        response: STANDARD_ERRORS,
      },
    },
    async (request) => approveReport(deps, await act(request, request.params.id), request.params.id),
  );
  app.get(
    '/api/complaints/:id/special-report',
    { schema: { tags: sr, security, summary: 'The special report', params: IdParams, response: STANDARD_ERRORS } },
    async (request) => {
      await read(request, request.params.id);
      return getReport(deps, request.params.id);
    },
  );
  app.get(
    '/api/complaints/:id/special-report.xlsx',
    {
      schema: {
        tags: sr,
        security,
        summary: 'The special report as an .xlsx (Chinese headings A / B / C)',
        params: IdParams,
        produces: [XLSX_MIME],
        response: { ...STANDARD_ERRORS, 200: Type.Unknown({ description: 'xlsx workbook' }) },
      },
    },
    async (request, reply) => {
      await read(request, request.params.id);
      const view = await getReport(deps, request.params.id);
      const name = specialReportFilename(view);
      return reply
        .header('content-type', XLSX_MIME)
        .header('content-disposition', `attachment; filename="special-report.xlsx"; filename*=UTF-8''${encodeURIComponent(name)}`)
        .send(await specialReportWorkbook(view));
    },
  );
  app.get(
    '/api/complaints/:id/special-report.html',
    {
      schema: {
        tags: sr,
        security,
        summary: 'The special report as a printable page',
        params: IdParams,
        produces: ['text/html'],
        response: { ...STANDARD_ERRORS, 200: Type.Unknown({ description: 'HTML page' }) },
      },
    },
    async (request, reply) => {
      await read(request, request.params.id);
      // The page runs no script and loads nothing: the report's text is the complaint's, typed by others.
      return reply
        .header('content-type', 'text/html; charset=utf-8')
        .header('content-security-policy', PRINTABLE_PAGE_CSP)
        .send(specialReportHtml(await getReport(deps, request.params.id)));
    },
  );
  app.post(
    '/api/complaints/:id/progress',
    {
      schema: {
        tags: sr,
        security,
        summary: 'A progress entry (major complaints: at least weekly, Vanke 5.5.2.4)',
        params: IdParams,
        body: Type.Object({ text: Text() }, Closed),
        response: STANDARD_ERRORS,
      },
    },
    async (request, reply) =>
      reply.code(201).send(await addProgress(deps, await act(request, request.params.id), request.params.id, request.body)),
  );
  app.get(
    '/api/complaints/:id/progress',
    { schema: { tags: sr, security, summary: 'Progress entries, oldest first', params: IdParams, response: STANDARD_ERRORS } },
    async (request) => {
      await read(request, request.params.id);
      return { items: await listProgress(deps, request.params.id) };
    },
  );
  app.get(
    '/api/casework/reminders',
    {
      schema: {
        tags: sr,
        security,
        summary: 'Open major complaints in scope with no progress entry in the last 7 days',
        response: STANDARD_ERRORS,
      },
    },
    async (request) => {
      const user = requireUser(request);
      authorize(user, 'complaint.read');
      const scope = await scopeOf(deps.db, user);
      return { items: await progressReminders(deps, (row) => complaintInScope(scope, row)) };
    },
  );

  // ---- emergency plan (R-EM-1) ----
  const em = ['emergency'];
  app.post(
    '/api/complaints/:id/emergency',
    {
      schema: {
        tags: em,
        security,
        summary: 'Open the emergency response of a major complaint (409 otherwise); the commander role follows the unit calendar',
        params: IdParams,
        body: Type.Object(
          { commanderName: Type.Optional(VisibleText(100)), team: Type.Array(VisibleText(100), { minItems: 1, maxItems: 50 }) },
          Closed,
        ),
        response: STANDARD_ERRORS,
      },
    },
    async (request, reply) =>
      reply.code(201).send(await openEmergency(deps, await act(request, request.params.id), request.params.id, request.body)),
  );
  app.get(
    '/api/complaints/:id/emergency',
    {
      schema: {
        tags: em,
        security,
        summary: 'The emergency response with its deadlines and action log',
        params: IdParams,
        response: STANDARD_ERRORS,
      },
    },
    async (request) => {
      await read(request, request.params.id);
      return getEmergency(deps, request.params.id);
    },
  );
  app.post(
    '/api/complaints/:id/emergency/actions',
    {
      schema: {
        tags: em,
        security,
        summary: "Log an action; kind 'answer' / 'conclusion' meets the 24 h / 3 day deadline",
        params: IdParams,
        body: Type.Object({ text: Text(), kind: Type.Optional(StringEnum(['action', 'answer', 'conclusion'] as const)) }, Closed),
        response: STANDARD_ERRORS,
      },
    },
    async (request, reply) =>
      reply.code(201).send(await logEmergencyAction(deps, await act(request, request.params.id), request.params.id, request.body)),
  );
  app.post(
    '/api/complaints/:id/emergency/review',
    {
      schema: {
        tags: em,
        security,
        summary: 'Review the response and record changes to the plan; closes it (S2 5.2.4)',
        params: IdParams,
        body: Type.Object({ findings: Text(), planChanges: Type.String({ maxLength: 5000 }) }, Closed),
        response: STANDARD_ERRORS,
      },
    },
    async (request) => reviewEmergency(deps, await act(request, request.params.id), request.params.id, request.body),
  );

  // ---- corrective action (R-CA-1) and returns (R-CA-2) ----
  const ca = ['corrective-action'];
  app.post(
    '/api/complaints/:id/capa',
    {
      schema: {
        tags: ca,
        security,
        summary: 'Open corrective action on a valid, dispatched complaint; the plan is due in 3 working days (R-TL-4)',
        params: IdParams,
        body: CapaBody,
        response: STANDARD_ERRORS,
      },
    },
    async (request, reply) =>
      reply.code(201).send(await openCapa(deps, await act(request, request.params.id), request.params.id, request.body)),
  );
  app.put(
    '/api/complaints/:id/capa',
    {
      schema: {
        tags: ca,
        security,
        summary: 'Edit containment, root cause, prevention, team',
        params: IdParams,
        body: CapaBody,
        response: STANDARD_ERRORS,
      },
    },
    async (request) => updateCapa(deps, await act(request, request.params.id), request.params.id, request.body),
  );
  app.get(
    '/api/complaints/:id/capa',
    {
      schema: {
        tags: ca,
        security,
        summary: 'The corrective action, with the 8D view for the manufacturing pack',
        params: IdParams,
        response: STANDARD_ERRORS,
      },
    },
    async (request) => {
      await read(request, request.params.id);
      return getCapa(deps, request.params.id);
    },
  );
  app.post(
    '/api/complaints/:id/capa/actions',
    {
      schema: {
        tags: ca,
        security,
        summary: 'Add an action with its owner and due date',
        params: IdParams,
        body: Type.Object(
          {
            description: Text(),
            owner: VisibleText(200),
            dueDate: LocalDate,
            kind: Type.Optional(StringEnum(['corrective', 'preventive'] as const)),
          },
          Closed,
        ),
        response: STANDARD_ERRORS,
      },
    },
    async (request, reply) =>
      reply.code(201).send(await addCapaAction(deps, await act(request, request.params.id), request.params.id, request.body)),
  );
  app.post(
    '/api/complaints/:id/capa/actions/:actionId/done',
    {
      schema: {
        tags: ca,
        security,
        summary: 'Mark an action done',
        params: Type.Object({ id: Type.String({ minLength: 1, maxLength: 100 }), actionId: Type.String({ minLength: 1, maxLength: 100 }) }),
        response: STANDARD_ERRORS,
      },
    },
    async (request) => completeCapaAction(deps, await act(request, request.params.id), request.params.id, request.params.actionId),
  );
  app.post(
    '/api/complaints/:id/capa/verify',
    {
      schema: {
        tags: ca,
        security,
        summary: 'Verify effectiveness; effective closes the corrective action',
        params: IdParams,
        body: Type.Object({ effective: Type.Boolean(), evidence: Text() }, Closed),
        response: STANDARD_ERRORS,
      },
    },
    async (request) => verifyCapa(deps, await act(request, request.params.id), request.params.id, request.body),
  );
  app.post(
    '/api/complaints/:id/returns',
    {
      schema: {
        tags: ca,
        security,
        summary: 'Return notice (S3 客户投诉及退货通知单)',
        params: IdParams,
        body: Type.Object(
          {
            product: Text(200),
            quantity: Type.Integer({ minimum: 1, maximum: 10_000_000 }),
            reason: Text(),
            batchNo: Type.Optional(Type.String({ maxLength: 100 })),
          },
          Closed,
        ),
        response: STANDARD_ERRORS,
      },
    },
    async (request, reply) =>
      reply.code(201).send(await noticeReturn(deps, await act(request, request.params.id), request.params.id, request.body)),
  );
  app.get(
    '/api/complaints/:id/returns',
    { schema: { tags: ca, security, summary: "The complaint's return records", params: IdParams, response: STANDARD_ERRORS } },
    async (request) => {
      await read(request, request.params.id);
      return { items: await listReturns(deps, request.params.id) };
    },
  );
  app.post(
    '/api/returns/:id/inspect',
    {
      schema: {
        tags: ca,
        security,
        summary: 'QA inspection of a return (S3 5.5.5.1)',
        params: IdParams,
        body: Type.Object(
          {
            result: StringEnum(['confirmed', 'not_confirmed'] as const),
            defectiveQuantity: Type.Integer({ minimum: 0 }),
            findings: Text(),
          },
          Closed,
        ),
        response: STANDARD_ERRORS,
      },
    },
    async (request) => {
      const complaintId = await complaintIdOfReturn(deps, request.params.id);
      return inspectReturn(deps, await act(request, complaintId), request.params.id, request.body);
    },
  );
  app.post(
    '/api/returns/:id/dispose',
    {
      schema: {
        tags: ca,
        security,
        summary: 'Disposition: rework, scrap, return or replacement order',
        params: IdParams,
        body: Type.Object(
          {
            disposition: StringEnum(['rework', 'scrap', 'return', 'replacement'] as const),
            note: Type.Optional(Type.String({ maxLength: 5000 })),
            replacementOrder: Type.Optional(Type.String({ maxLength: 100 })),
          },
          Closed,
        ),
        response: STANDARD_ERRORS,
      },
    },
    async (request) => {
      const complaintId = await complaintIdOfReturn(deps, request.params.id);
      return disposeReturn(deps, await act(request, complaintId), request.params.id, request.body);
    },
  );

  // ---- case library (R-RP-2) ----
  const cs = ['cases'];
  app.post(
    '/api/complaints/:id/case',
    {
      schema: {
        tags: cs,
        security,
        summary: 'Promote a closed complaint to an anonymised case',
        params: IdParams,
        body: Type.Object({ classification: Text(200), lessons: Text() }, Closed),
        response: STANDARD_ERRORS,
      },
    },
    async (request, reply) =>
      reply.code(201).send(await promoteToCase(deps, await act(request, request.params.id), request.params.id, request.body)),
  );
  app.get(
    '/api/cases',
    {
      schema: {
        tags: cs,
        security,
        summary: 'Search the case library',
        querystring: Type.Object(
          {
            q: Type.Optional(Type.String({ maxLength: 200 })),
            categoryId: Type.Optional(Type.String({ maxLength: 100 })),
            unitId: Type.Optional(Type.String({ maxLength: 100 })),
            classification: Type.Optional(Type.String({ maxLength: 200 })),
            limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200 })),
          },
          Closed,
        ),
        response: STANDARD_ERRORS,
      },
    },
    async (request) => {
      const user = requireUser(request);
      authorize(user, 'complaint.read');
      return searchCases(deps, await scopeOf(deps.db, user), request.query);
    },
  );
  app.get(
    '/api/cases/patterns',
    {
      schema: {
        tags: cs,
        security,
        summary: 'Unit and category with rising monthly complaint counts over the last 6 months',
        querystring: Type.Object({ months: Type.Optional(Type.Integer({ minimum: 3, maximum: 24 })) }, Closed),
        response: STANDARD_ERRORS,
      },
    },
    async (request) => {
      const user = requireUser(request);
      authorize(user, 'complaint.read');
      return casePatterns(deps, await scopeOf(deps.db, user), { months: request.query.months });
    },
  );
  app.get(
    '/api/cases/:id',
    { schema: { tags: cs, security, summary: 'One case', params: IdParams, response: STANDARD_ERRORS } },
    async (request) => {
      const user = requireUser(request);
      authorize(user, 'complaint.read');
      return getCase(deps, request.params.id, await scopeOf(deps.db, user));
    },
  );
}
