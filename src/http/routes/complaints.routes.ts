/**
 * /api/complaints: intake, the queue, a complaint's page, its actions and its history. Every handler
 * goes through src/security (role table + organisation scope) before touching a complaint.
 */
import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { Deps } from '../../use-cases/context.ts';
import { createComplaint } from '../../use-cases/create-complaint.ts';
import { performAction } from '../../use-cases/perform-action.ts';
import { clocksOfPage, listComplaints, QUEUE_TOTAL_CAP, type ComplaintFilter } from '../../use-cases/list-complaints.ts';
import { getComplaint } from '../../use-cases/get-complaint.ts';
import { assessComplaintById } from '../../use-cases/assess-complaint.ts';
import { viewContact } from '../../use-cases/view-contact.ts';
import type { ComplaintRow } from '../../data/complaint-store.ts';
import { complaintEvents } from '../../use-cases/complaint-events.ts';
import { notFound } from '../../domain/errors.ts';
import { authorize, can, complaintForUser } from '../../security/authorize.ts';
import { complaintInScope, nodeInScope, scopeOf, type UserRef } from '../../security/scope.ts';
import { requireUser, actorOf } from '../auth-hook.ts';
import type { SessionUser } from '../../use-cases/auth.ts';
import { SERIALIZE_AS_IS, STANDARD_ERRORS } from '../schema-helpers.ts';
import { SEARCH_TOTAL_CAP } from '../../domain/search/index.ts';
import { ComplaintEventSchema, ComplaintSchema } from './complaint.response.ts';
import {
  CreateComplaintBody,
  ActionBody,
  ListQuery,
  ComplaintListResponse,
  IdParams,
  AssessmentQuery,
  type ExportQuery,
} from './complaints.schema.ts';
import { presentComplaint, presentSummary, presentEvent } from './complaint-presenter.ts';

const tags = ['complaints'];
const security = [{ bearer: [] }];

/** A queue view's query (filters, search, order) as the list's filter, in the user's scope; the export reads the same. */
export async function queueView(deps: Deps, user: SessionUser, q: ExportQuery): Promise<Omit<ComplaintFilter, 'limit' | 'cursor'>> {
  return {
    scope: await scopeOf(deps.db, user),
    searchContact: can(user, 'contact.view'),
    status: q.status,
    unitIds: q.unitId,
    level: q.level,
    channel: q.channel,
    categoryId: q.categoryId,
    receivedFrom: q.receivedFrom,
    receivedTo: q.receivedTo,
    q: q.q,
    overdue: q.overdue,
    clockState: q.clockState,
    leadDepartmentId: q.mine && user.orgNodeId ? user.orgNodeId : q.departmentId,
    sort: q.sort,
  };
}

export async function complaintRoutes(root: FastifyInstance, deps: Deps): Promise<void> {
  const app = root.withTypeProvider<TypeBoxTypeProvider>();

  /** The complaint as this viewer may see it (masking and offered actions depend on the role). */
  const detailFor = async (user: UserRef, id: string, known?: ComplaintRow) => {
    const detail = await getComplaint(deps, id, known);
    return presentComplaint(detail.row, { ...detail, now: deps.now(), viewer: user });
  };

  app.post(
    '/api/complaints',
    {
      schema: {
        tags,
        security,
        summary: 'Register a complaint (R-LC-1). Idempotency-Key makes retries return the first record.',
        headers: Type.Object({ 'idempotency-key': Type.Optional(Type.String({ minLength: 1, maxLength: 200 })) }),
        body: CreateComplaintBody,
        response: { ...STANDARD_ERRORS, 201: ComplaintSchema },
      },
      ...SERIALIZE_AS_IS,
    },
    async (request, reply) => {
      const user = requireUser(request);
      authorize(user, 'complaint.create');
      // A unit outside the user's organisation answers like a unit that does not exist.
      if (!nodeInScope(await scopeOf(deps.db, user), request.body.unitId)) throw notFound(`unit '${request.body.unitId}'`);
      const key = request.headers['idempotency-key'] as string | undefined;
      const result = await createComplaint(deps, actorOf(user), request.body, { idempotencyKey: key });
      if (result.replayed) reply.header('idempotent-replayed', 'true');
      const body = result.detail
        ? presentComplaint(result.detail.row, { ...result.detail, now: deps.now(), viewer: user })
        : await detailFor(user, result.complaint.id);
      return reply.code(201).send(body);
    },
  );

  app.get(
    '/api/complaints',
    {
      schema: {
        tags,
        security,
        summary: `The queue: filters and keyset pagination; a text search (q) counts at most ${SEARCH_TOTAL_CAP} matches, any other list ${QUEUE_TOTAL_CAP} (totalCapped)`,
        querystring: ListQuery,
        response: { ...STANDARD_ERRORS, 200: ComplaintListResponse },
      },
      ...SERIALIZE_AS_IS,
    },
    async (request) => {
      const user = requireUser(request);
      authorize(user, 'complaint.read');
      const q = request.query;
      const page = await listComplaints(deps, { ...(await queueView(deps, user, q)), limit: q.limit, cursor: q.cursor });
      const clocks = await clocksOfPage(deps, page);
      const now = deps.now();
      return {
        items: page.items.map((r) => presentSummary(r, clocks.get(r.id) ?? [], now)),
        nextCursor: page.nextCursor,
        total: page.total,
        totalCapped: page.totalCapped,
      };
    },
  );

  app.get(
    '/api/complaints/:id',
    {
      schema: {
        tags,
        security,
        summary: 'A complaint with its events, clocks and links',
        params: IdParams,
        response: { ...STANDARD_ERRORS, 200: ComplaintSchema },
      },
      ...SERIALIZE_AS_IS,
    },
    async (request) => {
      const user = requireUser(request);
      // The row the scope check read is the page's row: read once, not twice.
      const row = await complaintForUser(deps, user, request.params.id, { capability: 'complaint.read' });
      return detailFor(user, request.params.id, row);
    },
  );

  app.get(
    '/api/complaints/:id/events',
    {
      schema: {
        tags,
        security,
        summary: 'The append-only event log',
        params: IdParams,
        response: { ...STANDARD_ERRORS, 200: Type.Array(ComplaintEventSchema) },
      },
      ...SERIALIZE_AS_IS,
    },
    async (request) => {
      const user = requireUser(request);
      await complaintForUser(deps, user, request.params.id, { capability: 'complaint.read' });
      return (await complaintEvents(deps, request.params.id)).map(presentEvent);
    },
  );

  app.get(
    '/api/complaints/:id/contact',
    {
      schema: {
        tags,
        security,
        summary:
          "The customer's unmasked phone and e-mail, for roles that handle the case; each view is logged as a contact_viewed event (R-IN-4)",
        params: IdParams,
        response: { ...STANDARD_ERRORS },
      },
    },
    async (request) => {
      const user = requireUser(request);
      await complaintForUser(deps, user, request.params.id, { capability: 'contact.view' });
      return viewContact(deps, actorOf(user), request.params.id);
    },
  );

  app.post(
    '/api/complaints/:id/actions',
    {
      schema: {
        tags,
        security,
        summary: 'Take a lifecycle action (409 names the allowed ones)',
        params: IdParams,
        body: ActionBody,
        response: { ...STANDARD_ERRORS, 200: ComplaintSchema },
      },
      ...SERIALIZE_AS_IS,
    },
    async (request) => {
      const user = requireUser(request);
      const action = request.body;
      const scope = await scopeOf(deps.db, user);
      await complaintForUser(deps, user, request.params.id, { action: action.type }, scope);
      await performAction(deps, actorOf(user), request.params.id, action, (locked) => {
        if (!complaintInScope(scope, locked)) throw notFound(`complaint '${request.params.id}'`);
      });
      return detailFor(user, request.params.id);
    },
  );

  app.get(
    '/api/complaints/:id/assessment',
    {
      schema: {
        tags,
        security,
        summary: 'Compensation and penalty assessment (R-RS-2, R-RS-3); facts the record lacks go in the query',
        params: IdParams,
        querystring: AssessmentQuery,
        response: { ...STANDARD_ERRORS },
      },
    },
    async (request) => {
      const user = requireUser(request);
      await complaintForUser(deps, user, request.params.id, { capability: 'complaint.read' });
      return assessComplaintById(deps, request.params.id, request.query);
    },
  );
}
