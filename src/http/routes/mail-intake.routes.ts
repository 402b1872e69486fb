/**
 * Issue #14, item 6: the e-mail intake's mailboxes per unit (/api/mailboxes; the IMAP URL's password is
 * never returned) and what the intake took from them (/api/mail-intake), rejected messages with their reason.
 */
import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { Deps } from '../../use-cases/context.ts';
import { authorize } from '../../security/authorize.ts';
import { requireUser } from '../auth-hook.ts';
import { ErrorResponse, Nullable, StringEnum } from '../schema-helpers.ts';
import { addMailbox, changeMailbox, readMailboxes } from '../../use-cases/mail-intake/mailboxes.ts';
import { readMailIntake } from '../../use-cases/mail-intake/read-mail-intake.ts';

const tags = ['mail intake'];
const security = [{ bearer: [] }];
const Uuid = Type.String({ format: 'uuid', maxLength: 36 });
const ImapUrl = Type.String({
  minLength: 1,
  maxLength: 2000,
  description: 'imap://user:pass@host:143/INBOX or imaps://…:993/…; write-only: never returned (urlHint hides the password)',
});
const Folder = Type.String({ minLength: 1, maxLength: 200, description: 'the IMAP folder (default: the URL path, else INBOX)' });
const Outcome = StringEnum(['created', 'joined', 'rejected'] as const);
const DateTime = Type.String({ format: 'date-time' });

const Mailbox = Type.Object({
  id: Type.String(),
  unitId: Type.String(),
  unitName: Type.String(),
  urlHint: Type.String({ description: 'the URL with its password hidden' }),
  folder: Type.String(),
  enabled: Type.Boolean(),
  source: StringEnum(['api', 'env'] as const, { description: 'env: the default mailbox of PLAINT_IMAP_URL' }),
  lastPolledAt: Nullable(DateTime),
  lastError: Nullable(Type.String({ description: 'why the last poll failed (connection, login, folder)' })),
  lastErrorAt: Nullable(DateTime),
  createdAt: DateTime,
  updatedAt: DateTime,
});

const IntakeResult = Type.Object({
  id: Type.String(),
  mailboxId: Type.String(),
  unitId: Type.String(),
  messageId: Type.String({ description: 'the Message-ID, or <sha256-…@plaint.invalid> for a message without one' }),
  from: Nullable(Type.String()),
  subject: Nullable(Type.String()),
  sentAt: Nullable(DateTime),
  takenAt: DateTime,
  size: Type.Integer(),
  outcome: Outcome,
  complaintId: Nullable(Type.String()),
  complaintCode: Nullable(Type.String()),
  reason: Nullable(Type.String({ description: 'why it was rejected, or which attachments were refused' })),
  attachments: Type.Array(
    Type.Object({ filename: Type.String(), size: Type.Integer(), stored: Type.Boolean(), reason: Nullable(Type.String()) }),
  ),
});

const errors = { 400: ErrorResponse, 401: ErrorResponse, 403: ErrorResponse, 404: ErrorResponse };

export async function mailIntakeRoutes(root: FastifyInstance, deps: Deps): Promise<void> {
  const app = root.withTypeProvider<TypeBoxTypeProvider>();

  app.get(
    '/api/mailboxes',
    {
      schema: {
        tags,
        security,
        summary: 'IMAP mailboxes of the units in scope, with their last poll and error (passwords never returned)',
        response: { ...errors, 200: Type.Array(Mailbox) },
      },
    },
    async (request) => {
      const user = requireUser(request);
      authorize(user, 'mailboxes.manage');
      return readMailboxes(deps, user);
    },
  );

  app.post(
    '/api/mailboxes',
    {
      schema: {
        tags,
        security,
        summary: "Adds an IMAP mailbox whose messages become the unit's complaints",
        body: Type.Object(
          {
            unitId: Type.String({ minLength: 1, maxLength: 64 }),
            url: ImapUrl,
            folder: Type.Optional(Folder),
            enabled: Type.Optional(Type.Boolean()),
          },
          { additionalProperties: false },
        ),
        response: { ...errors, 201: Mailbox },
      },
    },
    async (request, reply) => {
      const user = requireUser(request);
      authorize(user, 'mailboxes.manage');
      return reply.code(201).send(await addMailbox(deps, user, request.body));
    },
  );

  app.patch(
    '/api/mailboxes/:id',
    {
      schema: {
        tags,
        security,
        summary: 'Changes a mailbox (a field left out keeps its value); enabled: false stops its polling',
        params: Type.Object({ id: Uuid }, { additionalProperties: false }),
        body: Type.Object(
          { url: Type.Optional(ImapUrl), folder: Type.Optional(Folder), enabled: Type.Optional(Type.Boolean()) },
          { additionalProperties: false },
        ),
        response: { ...errors, 200: Mailbox },
      },
    },
    async (request) => {
      const user = requireUser(request);
      authorize(user, 'mailboxes.manage');
      return changeMailbox(deps, user, request.params.id, request.body);
    },
  );

  app.get(
    '/api/mail-intake',
    {
      schema: {
        tags,
        security,
        summary: 'Messages the e-mail intake took from the mailboxes in scope, newest first, with outcome and reason',
        querystring: Type.Object(
          {
            outcome: Type.Optional(Outcome),
            mailboxId: Type.Optional(Uuid),
            limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500 })),
          },
          { additionalProperties: false },
        ),
        response: { ...errors, 200: Type.Array(IntakeResult) },
      },
    },
    async (request) => {
      const user = requireUser(request);
      authorize(user, 'mailboxes.manage');
      return readMailIntake(deps, user, request.query);
    },
  );
}
