/** /api/inbox: the caller's own notifications, the bell's unread count, marking read (issue #14). */
import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { Deps } from '../../use-cases/context.ts';
import { requireUser } from '../auth-hook.ts';
import { Nullable, STANDARD_ERRORS } from '../schema-helpers.ts';
import {
  INBOX_DEFAULT_LIMIT,
  markAllNotificationsRead,
  markNotificationRead,
  readInbox,
  readUnreadCount,
} from '../../use-cases/read-inbox.ts';

const tags = ['inbox'];
const security = [{ bearer: [] }];
const Kind = Type.String({
  pattern: '^[a-z_]{1,40}$',
  description:
    'a notification kind: bulletin, progress, special_report, leader_alert, escalation, crisis_alert, emergency_alert, progress_overdue, …',
});

export const InboxItemSchema = Type.Object({
  id: Type.String({ format: 'uuid' }),
  complaintId: Nullable(Type.String({ format: 'uuid' })),
  code: Nullable(Type.String()),
  kind: Type.String(),
  ruleId: Type.String(),
  subject: Type.String(),
  subjectZh: Type.String({ description: "the rule's Chinese subject (the English one when the rule has none)" }),
  dueAt: Type.String({ format: 'date-time' }),
  createdAt: Type.String({ format: 'date-time' }),
  readAt: Nullable(Type.String({ format: 'date-time' })),
  unaddressed: Type.Boolean({
    description: "true: nobody held the position at the complaint's unit or above, so it came to you as the company's administrator",
  }),
  positionId: Type.String(),
  positionName: Type.String(),
  positionNameZh: Type.String(),
});

export async function inboxRoutes(root: FastifyInstance, deps: Deps): Promise<void> {
  const app = root.withTypeProvider<TypeBoxTypeProvider>();
  app.get(
    '/api/inbox',
    {
      schema: {
        tags,
        security,
        summary: "The caller's own notifications (issue #14, R-NT-1/2): unread first, then newest",
        querystring: Type.Object(
          {
            kind: Type.Optional(Kind),
            limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200, default: INBOX_DEFAULT_LIMIT })),
            cursor: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
          },
          { additionalProperties: false },
        ),
        response: { ...STANDARD_ERRORS, 200: Type.Object({ items: Type.Array(InboxItemSchema), nextCursor: Nullable(Type.String()) }) },
      },
    },
    async (request) => readInbox(deps, requireUser(request), request.query),
  );

  app.get(
    '/api/inbox/unread-count',
    {
      schema: {
        tags,
        security,
        summary: "How many of the caller's notifications are unread (the bell)",
        response: { ...STANDARD_ERRORS, 200: Type.Object({ unread: Type.Integer({ minimum: 0 }) }) },
      },
    },
    async (request) => readUnreadCount(deps, requireUser(request)),
  );

  app.post(
    '/api/inbox/:id/read',
    {
      schema: {
        tags,
        security,
        summary: "Mark one of the caller's notifications read (404 for anyone else's)",
        params: Type.Object({ id: Type.String({ format: 'uuid', maxLength: 36 }) }, { additionalProperties: false }),
        response: { ...STANDARD_ERRORS, 204: Type.Null() },
      },
    },
    async (request, reply) => {
      await markNotificationRead(deps, requireUser(request), request.params.id);
      return reply.code(204).send(null);
    },
  );

  app.post(
    '/api/inbox/read-all',
    {
      schema: {
        tags,
        security,
        summary: 'Mark every unread notification of the caller read (of one kind, with ?kind=)',
        querystring: Type.Object({ kind: Type.Optional(Kind) }, { additionalProperties: false }),
        response: { ...STANDARD_ERRORS, 200: Type.Object({ marked: Type.Integer({ minimum: 0 }) }) },
      },
    },
    async (request) => markAllNotificationsRead(deps, requireUser(request), request.query.kind ?? null),
  );
}
