/**
 * Evidence files: upload (multipart, one file), list, and download. Reading needs `complaint.read`
 * on a complaint in the user's scope — anything else answers 404, never revealing the file.
 * Downloads carry the sniffed type, nosniff, and a CSP that lets the file run nothing.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { Deps } from '../../use-cases/context.ts';
import { complaintForUser } from '../../security/authorize.ts';
import { DomainError, invalid, notFound } from '../../domain/errors.ts';
import {
  addAttachment,
  findAttachment,
  listAttachments,
  MAX_ATTACHMENT_BYTES,
  readAttachmentBytes,
} from '../../use-cases/attachments/attachments.ts';
import { actorOf, requireUser } from '../auth-hook.ts';
import { STANDARD_ERRORS } from '../schema-helpers.ts';
import { IdParams } from './complaints.schema.ts';

const tags = ['attachments'];
const security = [{ bearer: [] }];

/** The CSP of a served file: nothing may run, load or frame it; a PDF viewer still renders it. */
export const ATTACHMENT_CSP = "default-src 'none'; img-src 'self'; style-src 'unsafe-inline'; sandbox; frame-ancestors 'none'";

function httpError(statusCode: number, code: string, message: string): Error {
  return Object.assign(new Error(message), { statusCode, code });
}

/** Reads the one file part of a multipart request, with any text fields sent before it. */
export async function readOneFile(request: FastifyRequest): Promise<{ bytes: Buffer; filename?: string; fields: Record<string, string> }> {
  if (!request.isMultipart()) throw httpError(415, 'UNSUPPORTED_MEDIA_TYPE', 'send the file as multipart/form-data (one file part)');
  try {
    const part = await request.file({ limits: { fileSize: MAX_ATTACHMENT_BYTES, files: 1, fields: 5, parts: 6, fieldSize: 1024 } });
    if (!part) throw invalid('file', 'is required: send one file part');
    const bytes = await part.toBuffer();
    const fields: Record<string, string> = {};
    for (const [name, value] of Object.entries(part.fields)) {
      const v = Array.isArray(value) ? value[0] : value;
      if (v && 'value' in v && typeof v.value === 'string') fields[name] = v.value;
    }
    return { bytes, filename: part.filename, fields };
  } catch (e) {
    const err = e as { statusCode?: number; code?: string; message?: string };
    if (e instanceof DomainError) throw e;
    if (err.code === 'FST_REQ_FILE_TOO_LARGE')
      throw httpError(413, 'PAYLOAD_TOO_LARGE', `attachments are limited to ${MAX_ATTACHMENT_BYTES / 1024 / 1024} MB`);
    if (err.statusCode && err.statusCode >= 400 && err.statusCode < 500) throw e;
    // Busboy's complaints about a malformed multipart body (no boundary, cut short) are bad input.
    throw httpError(400, 'BAD_MULTIPART', `the multipart body is malformed: ${err.message ?? 'unreadable'}`);
  }
}

export async function attachmentRoutes(root: FastifyInstance, deps: Deps, dir: string): Promise<void> {
  const app = root.withTypeProvider<TypeBoxTypeProvider>();

  app.post(
    '/api/complaints/:id/attachments',
    {
      schema: {
        tags,
        security,
        summary: 'Attach evidence (multipart, one file): JPEG, PNG, WebP, GIF or PDF, checked by content; at most 10 MB',
        consumes: ['multipart/form-data'],
        params: IdParams,
        response: { ...STANDARD_ERRORS },
      },
    },
    async (request, reply) => {
      const user = requireUser(request);
      await complaintForUser(deps, user, request.params.id, { capability: 'attachment.add' });
      const file = await readOneFile(request);
      return reply.code(201).send(await addAttachment(deps, actorOf(user), request.params.id, file, dir));
    },
  );

  app.get(
    '/api/complaints/:id/attachments',
    { schema: { tags, security, summary: "A complaint's attachments (metadata)", params: IdParams, response: { ...STANDARD_ERRORS } } },
    async (request) => {
      const user = requireUser(request);
      await complaintForUser(deps, user, request.params.id, { capability: 'complaint.read' });
      return listAttachments(deps, request.params.id);
    },
  );

  app.get(
    '/api/attachments/:id',
    {
      schema: {
        tags,
        security,
        summary: 'The bytes of an attachment, to users who may read its complaint (404 otherwise)',
        params: Type.Object({ id: Type.String({ format: 'uuid', maxLength: 36 }) }, { additionalProperties: false }),
        response: {
          200: Type.Unknown(),
          400: STANDARD_ERRORS[400],
          401: STANDARD_ERRORS[401],
          403: STANDARD_ERRORS[403],
          404: STANDARD_ERRORS[404],
        },
      },
      // Route-level hooks run after the app's onSend, so this policy replaces the app's page policy.
      onSend: async (_request, reply, payload) => {
        reply.header('content-security-policy', ATTACHMENT_CSP);
        reply.header('x-content-type-options', 'nosniff');
        return payload;
      },
    },
    async (request, reply) => {
      const user = requireUser(request);
      const a = await findAttachment(deps, request.params.id);
      if (!a) throw notFound(`attachment '${request.params.id}'`);
      try {
        await complaintForUser(deps, user, a.complaintId, { capability: 'complaint.read' });
      } catch (e) {
        // Whatever the reason, the attachment of a complaint one may not read does not exist for them.
        if (e instanceof DomainError && (e.code === 'NOT_FOUND' || e.code === 'FORBIDDEN'))
          throw notFound(`attachment '${request.params.id}'`);
        throw e;
      }
      const bytes = await readAttachmentBytes(dir, a.sha256);
      const disposition = a.mime.startsWith('image/') ? 'inline' : 'attachment';
      const ascii = a.filename.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
      return reply
        .header('content-type', a.mime)
        .header('content-length', String(bytes.length))
        .header('content-disposition', `${disposition}; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(a.filename)}`)
        .header('cache-control', 'private, no-store')
        .send(bytes);
    },
  );
}
