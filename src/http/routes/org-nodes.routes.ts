/**
 * /api/org-nodes (issue #16 item 2): the organisation tree as an administrator keeps it — the nodes in
 * scope, create, change (rename, move, pack, disable, portal), each node's change log, and the import
 * of the tree and its people from a workbook. `org.manage` in scope (src/use-cases/org/).
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { Deps } from '../../use-cases/context.ts';
import { createOrgNode, listManagedNodes, listNodeChanges, updateOrgNodeFor } from '../../use-cases/org/manage-org-nodes.ts';
import { importOrganisation, OrgImportRefused } from '../../use-cases/org/import-org.ts';
import { orgImportTemplate } from '../../use-cases/org/import-template.ts';
import { authorize } from '../../security/authorize.ts';
import { DomainError, invalid } from '../../domain/errors.ts';
import { requireUser } from '../auth-hook.ts';
import { FileBody, SERIALIZE_AS_IS, STANDARD_ERRORS, StringEnum, VisibleText } from '../schema-helpers.ts';
import { OrgChangeSchema, OrgImportErrorSchema, OrgImportResultSchema, OrgNodeAdminSchema } from './org-nodes.response.ts';
import { MAX_IMPORT_BYTES, httpError, multipartFailure } from '../multipart-upload.ts';
import { TAKEN_EMAIL_ANSWERS_PER_HOUR } from './users.routes.ts';
import { throttle } from '../../use-cases/throttle.ts';

const tags = ['organisation'];
const security = [{ bearer: [] }];
const Params = Type.Object({ id: Type.String({ minLength: 1, maxLength: 64 }) }, { additionalProperties: false });
const PolicyId = Type.String({ minLength: 1, maxLength: 64 });

/** The workbook of a multipart upload (one `file` part). */
async function readWorkbook(request: FastifyRequest): Promise<Buffer> {
  if (!request.isMultipart()) throw httpError(415, 'UNSUPPORTED_MEDIA_TYPE', 'send the workbook as multipart/form-data with a `file` part');
  let bytes: Buffer | undefined;
  try {
    for await (const part of request.parts({ limits: { fileSize: MAX_IMPORT_BYTES, files: 1, fields: 0, parts: 1 } })) {
      if (part.type !== 'file' || part.fieldname !== 'file') throw invalid(part.fieldname, 'unexpected part: send the workbook as `file`');
      if (!/\.xlsx$/i.test(part.filename ?? '')) throw invalid('file', 'must be an .xlsx workbook');
      bytes = await part.toBuffer();
    }
  } catch (e) {
    throw multipartFailure(e);
  }
  if (!bytes) throw invalid('file', 'is required: send the workbook as the `file` part');
  return bytes;
}

export async function orgNodeRoutes(root: FastifyInstance, deps: Deps): Promise<void> {
  const app = root.withTypeProvider<TypeBoxTypeProvider>();
  // The people sheet says which addresses are taken, as POST /api/users does: the same hourly ration for
  // an administrator at a node (docs/SECURITY.md, "Taken e-mail addresses"), so a workbook of addresses
  // is no way round it.
  const takenAnswers = throttle(deps, { name: 'users.taken-email', windowMs: 3600_000, max: TAKEN_EMAIL_ANSWERS_PER_HOUR });
  const rationed = () =>
    new DomainError(
      'RATE_LIMITED',
      `too many new accounts refused for an address already in use (${TAKEN_EMAIL_ANSWERS_PER_HOUR} an hour); try again later`,
    );

  app.get(
    '/api/org-nodes',
    {
      schema: {
        tags,
        security,
        summary: "The organisation nodes in the caller's scope, disabled ones included, with the chain above it (org.manage)",
        response: { ...STANDARD_ERRORS, 200: Type.Array(OrgNodeAdminSchema) },
      },
      ...SERIALIZE_AS_IS,
    },
    async (request) => listManagedNodes(deps, requireUser(request)),
  );

  app.post(
    '/api/org-nodes',
    {
      schema: {
        tags,
        security,
        summary:
          'Add a node: a company under the group, a unit under a company (its pack, or its company’s), a department under a unit or company; parentId null makes the top node when there is none',
        body: Type.Object(
          {
            name: VisibleText(200),
            kind: StringEnum(['group', 'company', 'unit', 'department'] as const),
            parentId: Type.Union([Type.String({ minLength: 1, maxLength: 64 }), Type.Null()]),
            policyId: Type.Optional(PolicyId),
            portal: Type.Optional(Type.Boolean({ description: 'a unit open to the public portal from the start (default closed)' })),
          },
          { additionalProperties: false },
        ),
        response: { ...STANDARD_ERRORS, 201: OrgNodeAdminSchema },
      },
      ...SERIALIZE_AS_IS,
    },
    async (request, reply) => {
      const user = requireUser(request);
      const node = await createOrgNode(deps, user, request.body);
      return reply.code(201).send(node);
    },
  );

  app.patch(
    '/api/org-nodes/:id',
    {
      schema: {
        tags,
        security,
        summary:
          "Rename, move (no cycles, kinds stay legal), change the pack (a unit with open complaints needs runningClocks: 'keep'), disable / enable, open or close a unit to the portal, set a unit's reply approval",
        params: Params,
        body: Type.Object(
          {
            name: Type.Optional(VisibleText(200)),
            parentId: Type.Optional(Type.Union([Type.String({ minLength: 1, maxLength: 64 }), Type.Null()])),
            policyId: Type.Optional(PolicyId),
            disabled: Type.Optional(Type.Boolean()),
            portal: Type.Optional(Type.Boolean()),
            replyApproval: Type.Optional(
              Type.Union([Type.Boolean(), Type.Null()], {
                description: "a unit's replies need approval (true), do not (false), or as its pack says (null)",
              }),
            ),
            runningClocks: Type.Optional(
              StringEnum(['keep'] as const, {
                description:
                  'open complaints keep the pack and version they were received under; required to change the pack of a unit with any',
              }),
            ),
          },
          { additionalProperties: false },
        ),
        response: { ...STANDARD_ERRORS, 200: OrgNodeAdminSchema },
      },
      ...SERIALIZE_AS_IS,
    },
    async (request) => updateOrgNodeFor(deps, requireUser(request), request.params.id, request.body),
  );

  app.get(
    '/api/org-nodes/:id/changes',
    {
      schema: {
        tags,
        security,
        summary: "A node's change log, newest first: who, when, the changed fields before and after",
        params: Params,
        response: { ...STANDARD_ERRORS, 200: Type.Array(OrgChangeSchema) },
      },
      ...SERIALIZE_AS_IS,
    },
    async (request) => listNodeChanges(deps, requireUser(request), request.params.id),
  );

  app.post(
    '/api/org-nodes/import',
    {
      schema: {
        tags,
        security,
        summary:
          'Import the tree (sheet 组织) and its people (sheet 人员) from one .xlsx (multipart `file`); any wrong row → 400 listing every one, nothing written; ?dryRun=true writes nothing',
        consumes: ['multipart/form-data'],
        querystring: Type.Object({ dryRun: Type.Optional(Type.Boolean({ default: false })) }, { additionalProperties: false }),
        response: {
          ...STANDARD_ERRORS,
          200: OrgImportResultSchema,
          400: OrgImportErrorSchema,
          413: STANDARD_ERRORS[400],
          415: STANDARD_ERRORS[400],
          429: STANDARD_ERRORS[400],
        },
      },
    },
    async (request, reply) => {
      const user = requireUser(request);
      authorize(user, 'org.manage');
      const bytes = await readWorkbook(request);
      const counted = user.orgNodeId !== null;
      if (counted && (await takenAnswers.spent(user.id))) throw rationed();
      try {
        return await importOrganisation(deps, user, bytes, request.query.dryRun === true);
      } catch (e) {
        if (!(e instanceof OrgImportRefused)) throw e;
        for (let i = 0; counted && i < e.takenEmails; i++) if (!(await takenAnswers.take(user.id))) throw rationed();
        return reply.code(400).send({ error: { code: e.code, message: e.message, field: 'file' }, rows: e.rows });
      }
    },
  );

  app.get(
    '/api/org-nodes/import-template',
    {
      schema: {
        tags,
        security,
        summary: 'The import workbook to fill in: sheets 组织 and 人员 with their headers and an example row each, and the packs and roles',
        produces: ['application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'],
        response: { ...STANDARD_ERRORS, 200: FileBody('the .xlsx template') },
      },
    },
    async (request, reply) => {
      const user = requireUser(request);
      authorize(user, 'org.manage');
      const bytes = await orgImportTemplate();
      return reply
        .header('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
        .header('content-disposition', `attachment; filename="org-import-template.xlsx"`)
        .send(bytes);
    },
  );
}
