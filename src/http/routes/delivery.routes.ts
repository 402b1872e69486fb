/**
 * Issue #14: delivery channels per company (/api/channels), the outbox's failures and retries
 * (/api/outbox), a complaint's notifications with their delivery state, and a user's e-mail choice.
 */
import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { Deps } from '../../use-cases/context.ts';
import { authorize, complaintForUser } from '../../security/authorize.ts';
import { requireUser } from '../auth-hook.ts';
import { ErrorResponse, Nullable, STANDARD_ERRORS, StringEnum, VisibleText } from '../schema-helpers.ts';
import { changeChannel, createChannel, readChannels, removeChannel, testChannel } from '../../use-cases/delivery/channels.ts';
import { complaintNotifications, readOutbox, retryOutboxMessage } from '../../use-cases/delivery/outbox.ts';
import { changePreferences, readPreferences } from '../../use-cases/delivery/preferences.ts';
import { TRANSPORTS } from '../../domain/delivery/messages.ts';
import { CUSTOMER_MESSAGES } from '../../domain/delivery/customer-messages.ts';
import {
  complaintCustomerMessages,
  readUnitCustomerMessages,
  saveUnitCustomerMessages,
} from '../../use-cases/delivery/customer-messages.ts';

const tags = ['delivery'];
const security = [{ bearer: [] }];
const Transport = StringEnum(TRANSPORTS);
const State = StringEnum(['pending', 'sent', 'failed'] as const);
const Id = Type.String({ minLength: 1, maxLength: 64 });
const Filter = Type.Array(Type.String({ minLength: 1, maxLength: 64 }), { maxItems: 50, description: 'empty = all' });
const Url = Type.String({ maxLength: 2000 });
const Secret = Type.String({ maxLength: 500, description: 'write-only: never returned (hasSecret says whether one is set)' });

const Channel = Type.Object({
  id: Type.String(),
  companyId: Type.String(),
  companyName: Type.String(),
  kind: Transport,
  name: Type.String(),
  urlHint: Nullable(Type.String({ description: 'the URL with its password and query values hidden' })),
  hasSecret: Type.Boolean(),
  kinds: Type.Array(Type.String()),
  levels: Type.Array(Type.String()),
  enabled: Type.Boolean(),
  createdAt: Type.String({ format: 'date-time' }),
  updatedAt: Type.String({ format: 'date-time' }),
});

const OutboxMessage = Type.Object({
  id: Type.String({ description: 'the stable message id (Message-ID <id@plaint>, Idempotency-Key)' }),
  complaintId: Nullable(Type.String()),
  complaintCode: Nullable(Type.String()),
  channelId: Nullable(Type.String()),
  channelName: Nullable(Type.String()),
  transport: Transport,
  recipient: Type.String(),
  subject: Nullable(Type.String()),
  state: State,
  attempts: Type.Integer(),
  lastError: Nullable(Type.String()),
  nextAttemptAt: Type.String({ format: 'date-time' }),
  deliveredAt: Nullable(Type.String({ format: 'date-time' })),
  createdAt: Type.String({ format: 'date-time' }),
});

const Delivery = Type.Object({
  id: Type.String(),
  transport: Transport,
  recipient: Type.String(),
  state: State,
  attempts: Type.Integer(),
  lastError: Nullable(Type.String()),
  deliveredAt: Nullable(Type.String({ format: 'date-time' })),
});
const NotificationWithDeliveries = Type.Object({
  id: Type.String(),
  kind: Type.String(),
  subject: Type.String(),
  subjectZh: Type.String({ description: "the rule's Chinese subject (the English one when the rule has none)" }),
  dueAt: Type.String({ format: 'date-time' }),
  deliveries: Type.Array(Delivery),
});
const CustomerMessageSchema = Type.Object({
  id: Type.String({ description: 'the stable message id' }),
  message: StringEnum(CUSTOMER_MESSAGES),
  transport: StringEnum(['email', 'webhook'] as const),
  recipient: Type.String({ description: 'masked (R-IN-4)' }),
  subject: Nullable(Type.String()),
  state: State,
  attempts: Type.Integer(),
  lastError: Nullable(Type.String()),
  deliveredAt: Nullable(Type.String({ format: 'date-time' })),
  createdAt: Type.String({ format: 'date-time' }),
});
const CustomerMessageSwitches = Type.Object(
  {
    receipt: Type.Boolean({ description: 'the receipt at intake: code, next steps, portal link and secret' }),
    reply: Type.Boolean({ description: 'the reply once it reaches the customer' }),
    visitInvitation: Type.Boolean({ description: 'the return-visit invitation with its link to rate, once the customer confirms' }),
  },
  { additionalProperties: false },
);
const UnitCustomerMessagesSchema = Type.Object({
  unitId: Type.String(),
  unitName: Type.String(),
  receipt: Type.Boolean(),
  reply: Type.Boolean(),
  visitInvitation: Type.Boolean(),
});
const Preferences = Type.Object({ notifyEmail: Type.Boolean({ description: 'receive notifications by e-mail' }) });

const errors = { 400: ErrorResponse, 401: ErrorResponse, 403: ErrorResponse, 404: ErrorResponse, 409: ErrorResponse };
const params = Type.Object({ id: Id });

export async function deliveryRoutes(root: FastifyInstance, deps: Deps): Promise<void> {
  const app = root.withTypeProvider<TypeBoxTypeProvider>();

  app.get(
    '/api/channels',
    {
      schema: {
        tags,
        security,
        summary: 'Delivery channels of the companies in scope (secrets never returned)',
        response: { ...errors, 200: Type.Array(Channel) },
      },
    },
    async (request) => {
      const user = requireUser(request);
      authorize(user, 'channels.manage');
      return readChannels(deps, user);
    },
  );

  app.post(
    '/api/channels',
    {
      schema: {
        tags,
        security,
        summary: 'Adds a delivery channel to a company: e-mail (SMTP), 企业微信 / 钉钉 / 飞书 robot, or a webhook',
        body: Type.Object(
          {
            companyId: Id,
            kind: Transport,
            name: VisibleText(100),
            url: Type.Optional(Nullable(Url)),
            secret: Type.Optional(Nullable(Secret)),
            kinds: Type.Optional(Filter),
            levels: Type.Optional(Filter),
            enabled: Type.Optional(Type.Boolean()),
          },
          { additionalProperties: false },
        ),
        response: { ...errors, 201: Channel },
      },
    },
    async (request, reply) => {
      const user = requireUser(request);
      authorize(user, 'channels.manage');
      return reply.code(201).send(await createChannel(deps, user, request.body));
    },
  );

  app.patch(
    '/api/channels/:id',
    {
      schema: {
        tags,
        security,
        summary: 'Changes a channel; a field left out keeps its value (url and secret too), null clears it',
        params,
        body: Type.Object(
          {
            name: Type.Optional(VisibleText(100)),
            url: Type.Optional(Nullable(Url)),
            secret: Type.Optional(Nullable(Secret)),
            kinds: Type.Optional(Filter),
            levels: Type.Optional(Filter),
            enabled: Type.Optional(Type.Boolean()),
          },
          { additionalProperties: false },
        ),
        response: { ...errors, 200: Channel },
      },
    },
    async (request) => {
      const user = requireUser(request);
      authorize(user, 'channels.manage');
      return changeChannel(deps, user, request.params.id, request.body);
    },
  );

  app.delete(
    '/api/channels/:id',
    { schema: { tags, security, summary: 'Removes a channel', params, response: { ...errors, 204: Type.Null() } } },
    async (request, reply) => {
      const user = requireUser(request);
      authorize(user, 'channels.manage');
      await removeChannel(deps, user, request.params.id);
      return reply.code(204).send(null);
    },
  );

  app.post(
    '/api/channels/:id/test',
    {
      schema: {
        tags,
        security,
        summary: "Sends a test message through the outbox (an e-mail channel's to the caller)",
        params,
        response: { ...errors, 202: Type.Object({ outboxId: Type.String() }) },
      },
    },
    async (request, reply) => {
      const user = requireUser(request);
      authorize(user, 'channels.manage');
      return reply.code(202).send(await testChannel(deps, user, request.params.id));
    },
  );

  app.get(
    '/api/outbox',
    {
      schema: {
        tags,
        security,
        summary: 'Outbox messages of the complaints and channels in scope, newest first (default: the failed ones, with their reason)',
        querystring: Type.Object(
          { state: Type.Optional(State), limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500 })) },
          { additionalProperties: false },
        ),
        response: { ...errors, 200: Type.Array(OutboxMessage) },
      },
    },
    async (request) => {
      const user = requireUser(request);
      authorize(user, 'channels.manage');
      return readOutbox(deps, user, request.query);
    },
  );

  app.post(
    '/api/outbox/:id/retry',
    {
      schema: {
        tags,
        security,
        summary: 'Puts a failed message back in the outbox, due now, with a fresh round of attempts',
        params,
        response: { ...errors, 200: Type.Object({ id: Type.String(), state: Type.Literal('pending') }) },
      },
    },
    async (request) => {
      const user = requireUser(request);
      authorize(user, 'channels.manage');
      return retryOutboxMessage(deps, user, request.params.id);
    },
  );

  app.get(
    '/api/complaints/:id/notifications',
    {
      schema: {
        tags,
        security,
        summary: "The complaint's notifications, each with its messages and their delivery state",
        params,
        response: { ...STANDARD_ERRORS, 200: Type.Array(NotificationWithDeliveries) },
      },
    },
    async (request) => {
      const user = requireUser(request);
      await complaintForUser(deps, user, request.params.id, { capability: 'complaint.read' });
      return complaintNotifications(deps, request.params.id);
    },
  );

  app.get(
    '/api/complaints/:id/customer-messages',
    {
      schema: {
        tags,
        security,
        summary: "The messages sent to the complaint's customer (receipt, reply, return-visit invitation) and their delivery state",
        params,
        response: { ...STANDARD_ERRORS, 200: Type.Array(CustomerMessageSchema) },
      },
    },
    async (request) => {
      const user = requireUser(request);
      await complaintForUser(deps, user, request.params.id, { capability: 'complaint.read' });
      return complaintCustomerMessages(deps, request.params.id);
    },
  );

  app.get(
    '/api/units/:id/customer-messages',
    {
      schema: {
        tags,
        security,
        summary: 'Which messages the unit sends its customers (all on unless turned off)',
        params,
        response: { ...STANDARD_ERRORS, 200: UnitCustomerMessagesSchema },
      },
    },
    async (request) => readUnitCustomerMessages(deps, requireUser(request), request.params.id),
  );

  app.put(
    '/api/units/:id/customer-messages',
    {
      schema: {
        tags,
        security,
        summary: "Turns each message to the unit's customers on or off",
        params,
        body: CustomerMessageSwitches,
        response: { ...STANDARD_ERRORS, 200: UnitCustomerMessagesSchema },
      },
    },
    async (request) => saveUnitCustomerMessages(deps, requireUser(request), request.params.id, request.body),
  );

  app.get(
    '/api/me/preferences',
    { schema: { tags, security, summary: "The caller's notification preferences", response: { 200: Preferences, 401: ErrorResponse } } },
    async (request) => {
      const user = requireUser(request);
      return readPreferences(deps, user.id);
    },
  );

  app.patch(
    '/api/me/preferences',
    {
      schema: {
        tags,
        security,
        summary: "Changes the caller's notification preferences (e-mail or not)",
        body: Type.Object({ notifyEmail: Type.Optional(Type.Boolean()) }, { additionalProperties: false }),
        response: { 200: Preferences, 400: ErrorResponse, 401: ErrorResponse },
      },
    },
    async (request) => {
      const user = requireUser(request);
      return changePreferences(deps, user.id, request.body);
    },
  );
}
