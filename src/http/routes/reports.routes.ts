/** /api/reports: periodic complaint reports as JSON or a workbook (R-RP-1, R-NT-1) and quarterly KPIs (R-RS-4). */
import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { Deps } from '../../use-cases/context.ts';
import { getPeriodicReport } from '../../use-cases/reports/periodic-report.ts';
import { buildReportHtml } from '../../use-cases/reports/report-html.ts';
import { buildReportWorkbook, reportFilename } from '../../use-cases/reports/report-workbook.ts';
import { getKpis } from '../../use-cases/reports/kpi.ts';
import { REPORT_KINDS } from '../../domain/reports/periods.ts';
import { requireUser } from '../auth-hook.ts';
import { nodeForUser } from '../../security/authorize.ts';
import { PRINTABLE_PAGE_CSP } from '../page-csp.ts';
import { FileBody, HtmlPage, SERIALIZE_AS_IS, STANDARD_ERRORS, StringEnum } from '../schema-helpers.ts';
import { KpiSchema, PeriodicReportSchema, ReportSchedulesSchema } from './reports.response.ts';
import { getScheduledReport, listReportSchedules } from '../../use-cases/reports/report-schedules.ts';

const tags = ['reports'];
const security = [{ bearer: [] }];
const NodeId = Type.String({ minLength: 1, maxLength: 100 });

const PeriodicQuery = Type.Object(
  {
    nodeId: NodeId,
    kind: StringEnum(REPORT_KINDS),
    period: Type.String({ pattern: '^[0-9]{4}-[0-9]{2}-[0-9]{2}$', description: 'Any local date (Asia/Shanghai) inside the period' }),
  },
  { additionalProperties: false },
);

const LocalDateParam = Type.String({ pattern: '^[0-9]{4}-[0-9]{2}-[0-9]{2}$' });
const SchedulesQuery = Type.Object(
  {
    nodeId: NodeId,
    date: Type.Optional({ ...LocalDateParam, description: 'the day the next due dates are counted from (default today)' }),
  },
  { additionalProperties: false },
);
const ScheduledQuery = Type.Object(
  {
    nodeId: NodeId,
    policyId: Type.String({ minLength: 1, maxLength: 64 }),
    scheduleId: Type.String({ minLength: 1, maxLength: 64 }),
    period: { ...LocalDateParam, description: 'Any local date (Asia/Shanghai) inside the period' },
  },
  { additionalProperties: false },
);

const KpiQuery = Type.Object({ nodeId: NodeId, quarter: Type.String({ pattern: '^[0-9]{4}Q[1-4]$' }) }, { additionalProperties: false });

export const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export async function reportRoutes(root: FastifyInstance, deps: Deps): Promise<void> {
  const app = root.withTypeProvider<TypeBoxTypeProvider>();

  app.get(
    '/api/reports/periodic',
    {
      schema: {
        tags,
        security,
        summary:
          'Daily / half-monthly / monthly / quarterly report for an org node and its subtree (R-RP-1, R-NT-1); a closed period is served from its first snapshot',
        querystring: PeriodicQuery,
        response: { ...STANDARD_ERRORS, 200: PeriodicReportSchema },
      },
      ...SERIALIZE_AS_IS,
    },
    async (request) => {
      await nodeForUser(deps, requireUser(request), request.query.nodeId, 'report.read');
      return getPeriodicReport(deps, request.query);
    },
  );

  app.get(
    '/api/reports/periodic.xlsx',
    {
      schema: {
        tags,
        security,
        summary: 'The same report as an .xlsx laid out like the paper form (Chinese headings)',
        querystring: PeriodicQuery,
        produces: [XLSX_MIME],
        response: { ...STANDARD_ERRORS, 200: FileBody('xlsx workbook') },
      },
    },
    async (request, reply) => {
      await nodeForUser(deps, requireUser(request), request.query.nodeId, 'report.read');
      const report = await getPeriodicReport(deps, request.query);
      const body = await buildReportWorkbook(report);
      const name = reportFilename(report);
      return reply
        .header('content-type', XLSX_MIME)
        .header('content-disposition', `attachment; filename="${name}"; filename*=UTF-8''${encodeURIComponent(name)}`)
        .send(body);
    },
  );

  app.get(
    '/api/reports/periodic.html',
    {
      schema: {
        tags,
        security,
        summary: 'The same report as a printable page (A4, Chinese headings)',
        querystring: PeriodicQuery,
        produces: ['text/html'],
        response: { ...STANDARD_ERRORS, 200: HtmlPage },
      },
    },
    async (request, reply) => {
      await nodeForUser(deps, requireUser(request), request.query.nodeId, 'report.read');
      const report = await getPeriodicReport(deps, request.query);
      // The page runs no script and loads nothing from elsewhere.
      return reply
        .header('content-type', 'text/html; charset=utf-8')
        .header('content-security-policy', PRINTABLE_PAGE_CSP)
        .send(buildReportHtml(report));
    },
  );

  app.get(
    '/api/reports/schedules',
    {
      schema: {
        tags,
        security,
        summary:
          "The report schedules of the packs followed under a node, each with its next period, due date and reminder date (R-RP-1; Vanke's 18th / 3rd / 27th, S1's 5th)",
        querystring: SchedulesQuery,
        response: { ...STANDARD_ERRORS, 200: ReportSchedulesSchema },
      },
      ...SERIALIZE_AS_IS,
    },
    async (request) => {
      await nodeForUser(deps, requireUser(request), request.query.nodeId, 'report.read');
      return listReportSchedules(deps, request.query);
    },
  );

  app.get(
    '/api/reports/scheduled',
    {
      schema: {
        tags,
        security,
        summary: "One pack schedule's report over the node's units that follow the pack, for the period containing the date (R-RP-1)",
        querystring: ScheduledQuery,
        response: { ...STANDARD_ERRORS, 200: PeriodicReportSchema },
      },
      ...SERIALIZE_AS_IS,
    },
    async (request) => {
      await nodeForUser(deps, requireUser(request), request.query.nodeId, 'report.read');
      return getScheduledReport(deps, request.query);
    },
  );

  app.get(
    '/api/reports/kpi',
    {
      schema: {
        tags,
        security,
        summary:
          'Quarterly KPIs: specialist closure rate, handling timeliness (S3), satisfaction, fuel-station penalties, ranked (R-RS-4, R-RS-3)',
        querystring: KpiQuery,
        response: { ...STANDARD_ERRORS, 200: KpiSchema },
      },
      ...SERIALIZE_AS_IS,
    },
    async (request) => {
      await nodeForUser(deps, requireUser(request), request.query.nodeId, 'kpi.read');
      return getKpis(deps, request.query);
    },
  );
}
