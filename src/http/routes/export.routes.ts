/**
 * GET /api/complaints/export.csv and export.xlsx: the queue view the list shows (same filters, search,
 * scope and order), every row, streamed (src/use-cases/export-complaints.ts); GET /api/export-log: the
 * record of those exports, for whoever audits them.
 */
import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { Deps } from '../../use-cases/context.ts';
import { startComplaintExport, EXPORT_MIME } from '../../use-cases/export-complaints.ts';
import { readExportLog } from '../../use-cases/read-export-log.ts';
import { authorize, can } from '../../security/authorize.ts';
import { requireUser, actorOf } from '../auth-hook.ts';
import { Nullable, STANDARD_ERRORS, StringEnum } from '../schema-helpers.ts';
import { ExportQuery } from './complaints.schema.ts';
import { queueView } from './complaints.routes.ts';
import { EXPORT_FORMATS } from '../../domain/export/complaint-export.ts';

const tags = ['complaints'];

const ExportLogEntrySchema = Type.Object({
  id: Type.String(),
  startedAt: Type.String({ format: 'date-time' }),
  finishedAt: Nullable(Type.String({ format: 'date-time' })),
  user: Nullable(Type.Object({ id: Type.String(), name: Type.String(), email: Type.String() })),
  userLabel: Type.String(),
  role: Type.String(),
  orgNodeId: Nullable(Type.String()),
  subject: Type.String(),
  format: StringEnum(EXPORT_FORMATS),
  filters: Type.Record(Type.String(), Type.Unknown()),
  contactsUnmasked: Type.Boolean(),
  rows: Type.Integer(),
  outcome: StringEnum(['started', 'completed', 'aborted'] as const),
});
const ExportLogPageSchema = Type.Object({ items: Type.Array(ExportLogEntrySchema), nextBefore: Nullable(Type.String()) });
const security = [{ bearer: [] }];

export async function exportRoutes(root: FastifyInstance, deps: Deps): Promise<void> {
  const app = root.withTypeProvider<TypeBoxTypeProvider>();
  for (const format of EXPORT_FORMATS) {
    app.get(
      `/api/complaints/export.${format}`,
      {
        schema: {
          tags,
          security,
          summary:
            format === 'csv'
              ? "The queue view as CSV (UTF-8 with BOM, Chinese headings): the list's filters, every row in the list's order; contacts masked unless the role may see them (R-IN-4); recorded in the export log"
              : "The queue view as an .xlsx workbook (Chinese headings, times in Asia/Shanghai): the list's filters, every row in the list's order; contacts masked unless the role may see them (R-IN-4); recorded in the export log",
          querystring: ExportQuery,
          produces: [EXPORT_MIME[format].split(';')[0]],
          response: { ...STANDARD_ERRORS, 200: Type.Unknown({ description: `${format} file, streamed` }) },
        },
      },
      async (request, reply) => {
        const user = requireUser(request);
        authorize(user, 'complaint.read');
        authorize(user, 'complaint.export');
        const showContacts = can(user, 'contact.view');
        const out = await startComplaintExport(deps, actorOf(user), {
          format,
          filter: await queueView(deps, user, request.query),
          query: request.query as Record<string, unknown>,
          showContacts,
        });
        request.log.info({ exportLogId: out.logId, user: user.id, format, query: request.query, showContacts }, 'queue export');
        return reply
          .header('content-type', out.contentType)
          .header('content-disposition', `attachment; filename="${out.filename}"; filename*=UTF-8''${encodeURIComponent(out.filename)}`)
          .header('cache-control', 'no-store')
          .send(out.body);
      },
    );
  }

  app.get(
    '/api/export-log',
    {
      schema: {
        tags: ['admin'],
        security,
        summary:
          'The export log, newest first: who exported which queue view, when, rows sent, contacts unmasked or not, finished or aborted (exports by users in scope)',
        querystring: Type.Object(
          {
            limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200, default: 50 })),
            before: Type.Optional(Type.String({ pattern: '^[1-9][0-9]{0,17}$', description: 'nextBefore of the previous page' })),
          },
          { additionalProperties: false },
        ),
        response: { ...STANDARD_ERRORS, 200: ExportLogPageSchema },
      },
    },
    async (request) => {
      const user = requireUser(request);
      authorize(user, 'exportlog.read');
      return readExportLog(deps, user, request.query);
    },
  );
}
