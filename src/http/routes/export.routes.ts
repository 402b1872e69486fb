/**
 * GET /api/complaints/export.csv and export.xlsx: the queue view the list shows (same filters, search,
 * scope and order), every row, streamed (src/use-cases/export-complaints.ts).
 */
import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { Deps } from '../../use-cases/context.ts';
import { startComplaintExport, EXPORT_MIME } from '../../use-cases/export-complaints.ts';
import { authorize, can } from '../../security/authorize.ts';
import { requireUser, actorOf } from '../auth-hook.ts';
import { STANDARD_ERRORS } from '../schema-helpers.ts';
import { ExportQuery } from './complaints.schema.ts';
import { queueView } from './complaints.routes.ts';
import { EXPORT_FORMATS } from '../../domain/export/complaint-export.ts';

const tags = ['complaints'];
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
}
