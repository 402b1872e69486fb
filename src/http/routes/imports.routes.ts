/**
 * POST /api/imports (issue #17): a ledger of past complaints as one multipart upload — `file` (.xlsx,
 * .csv or .tsv), `header` (true/false), `mapping` and `defaults` (JSON) — answered with what was read,
 * created, skipped as already imported, and every bad row with its column. `?dryRun=true` checks the
 * same way and writes nothing.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { Deps } from '../../use-cases/context.ts';
import { authorize } from '../../security/authorize.ts';
import { invalid } from '../../domain/errors.ts';
import { parseJsonObject } from '../../domain/imports/mapping.ts';
import { importComplaints } from '../../use-cases/imports/import-complaints.ts';
import { actorOf, requireUser } from '../auth-hook.ts';
import { STANDARD_ERRORS } from '../schema-helpers.ts';
import { MAX_IMPORT_BYTES, httpError, multipartFailure } from '../multipart-upload.ts';

export { MAX_IMPORT_BYTES };

/** A mapping of every field to named columns fits easily; more is not a mapping. */
const MAX_FIELD_BYTES = 64 * 1024;
const FIELDS = ['header', 'mapping', 'defaults'] as const;

const ImportResult = Type.Object(
  {
    rowsRead: Type.Integer({ description: 'data rows read (the header row not counted)' }),
    created: Type.Integer({ description: 'complaints written (dry run: that would be written)' }),
    duplicates: Type.Integer({ description: 'rows already imported (same file row, or same external id in the unit)' }),
    errors: Type.Array(
      Type.Object(
        {
          row: Type.Integer({ description: 'row number as a spreadsheet shows it (header row = 1)' }),
          column: Type.String({ description: 'the column as mapped (header name or number), or defaults.<field>' }),
          reason: Type.String(),
        },
        { additionalProperties: false },
      ),
    ),
  },
  { additionalProperties: false },
);

/** The file and the text fields, in whatever order the client sent them. */
async function readImportForm(request: FastifyRequest): Promise<{ bytes: Buffer; filename: string; fields: Record<string, string> }> {
  if (!request.isMultipart())
    throw httpError(415, 'UNSUPPORTED_MEDIA_TYPE', 'send the ledger as multipart/form-data (file, header, mapping, defaults)');
  const fields: Record<string, string> = {};
  let file: { bytes: Buffer; filename: string } | undefined;
  try {
    for await (const part of request.parts({
      limits: { fileSize: MAX_IMPORT_BYTES, files: 1, fields: FIELDS.length, parts: FIELDS.length + 1, fieldSize: MAX_FIELD_BYTES },
    })) {
      if (part.type === 'file') {
        if (part.fieldname !== 'file') throw invalid(part.fieldname, 'unexpected file part: send the ledger as `file`');
        file = { bytes: await part.toBuffer(), filename: part.filename };
      } else {
        if (!(FIELDS as readonly string[]).includes(part.fieldname))
          throw invalid(part.fieldname, `unknown field (fields: file, ${FIELDS.join(', ')})`);
        if (part.valueTruncated) throw invalid(part.fieldname, `is longer than ${MAX_FIELD_BYTES / 1024} KB`);
        fields[part.fieldname] = String(part.value);
      }
    }
  } catch (e) {
    throw multipartFailure(e);
  }
  if (!file) throw invalid('file', 'is required: send the ledger as the `file` part');
  return { ...file, fields };
}

function parseHeader(text: string | undefined): boolean {
  if (text === undefined || text.trim() === '' || text.trim() === 'true') return true;
  if (text.trim() === 'false') return false;
  throw invalid('header', 'must be true or false');
}

export async function importRoutes(root: FastifyInstance, deps: Deps): Promise<void> {
  const app = root.withTypeProvider<TypeBoxTypeProvider>();
  app.post(
    '/api/imports',
    {
      schema: {
        tags: ['imports'],
        security: [{ bearer: [] }],
        summary:
          'Import past complaints from a ledger (multipart: file .xlsx/.csv/.tsv, header, mapping, defaults); ?dryRun=true writes nothing',
        consumes: ['multipart/form-data'],
        querystring: Type.Object({ dryRun: Type.Optional(Type.Boolean({ default: false })) }, { additionalProperties: false }),
        response: { ...STANDARD_ERRORS, 200: ImportResult, 413: STANDARD_ERRORS[400], 415: STANDARD_ERRORS[400] },
      },
    },
    async (request) => {
      const user = requireUser(request);
      authorize(user, 'complaint.import');
      const form = await readImportForm(request);
      return importComplaints(deps, user, actorOf(user), {
        bytes: form.bytes,
        filename: form.filename,
        header: parseHeader(form.fields.header),
        mapping: parseJsonObject('mapping', form.fields.mapping),
        defaults: parseJsonObject('defaults', form.fields.defaults),
        dryRun: request.query.dryRun === true,
      });
    },
  );
}
