/**
 * /api/portal: what a customer sees without logging in — submit, then track with the code and the
 * secret. Answers never carry internal notes, handler names or internal documents (R-LC-5).
 */
import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type, type TSchema } from 'typebox';
import type { Deps } from '../../use-cases/context.ts';
import { PORTAL_ACTOR } from '../../use-cases/context.ts';
import { createComplaint } from '../../use-cases/create-complaint.ts';
import { performAction } from '../../use-cases/perform-action.ts';
import type { ComplaintRow } from '../../data/complaint-store.ts';
import { complaintEvents } from '../../use-cases/complaint-events.ts';
import { listPortalUnits } from '../../use-cases/org/unit-availability.ts';
import { complaintByCodeAndSecret } from '../../use-cases/portal-lookup.ts';
import { DomainError } from '../../domain/errors.ts';
import { isPublicEventType } from '../../domain/events.ts';
import { IsoDateTime, PHONE_PATTERN, SERIALIZE_AS_IS, STANDARD_ERRORS, VisibleText } from '../schema-helpers.ts';
import { throttle } from '../../use-cases/throttle.ts';
import { readOneFile } from './attachments.routes.ts';
import { PortalTracked } from './portal.response.ts';
import { addAttachment, MAX_PORTAL_ATTACHMENTS } from '../../use-cases/attachments/attachments.ts';

/** Per client address and minute: tracking and the customer's actions (each checks the secret), and submissions. */
export const PORTAL_TRACK_PER_MINUTE = 20;
export const PORTAL_SUBMISSIONS_PER_MINUTE = 10;

const PortalUnit = Type.Object({ id: Type.String(), name: Type.String() });
const Credentials = { code: Type.String({ minLength: 1, maxLength: 40 }), secret: Type.String({ minLength: 1, maxLength: 100 }) };

export async function portalRoutes(root: FastifyInstance, deps: Deps, attachmentsDir: string): Promise<void> {
  const app = root.withTypeProvider<TypeBoxTypeProvider>();
  // Guessing secrets is slowed to a few tries a minute per address (the secret itself has 128 bits),
  // counted in the database so every process shares one window (docs/SECURITY.md, "Counted limits and throttles").
  const trackLimiter = throttle(deps, { name: 'portal.track', windowMs: 60_000, max: PORTAL_TRACK_PER_MINUTE });
  const submitLimiter = throttle(deps, { name: 'portal.submit', windowMs: 60_000, max: PORTAL_SUBMISSIONS_PER_MINUTE });
  const tags = ['portal'];

  async function authorise(code: string, secret: string, ip: string): Promise<ComplaintRow> {
    if (!(await trackLimiter.take(ip))) throw new DomainError('RATE_LIMITED', 'too many attempts; wait a minute and try again');
    return complaintByCodeAndSecret(deps, code, secret);
  }

  app.get(
    '/api/portal/units',
    { schema: { tags, summary: 'Units that accept complaints from the public', response: { 200: Type.Array(PortalUnit) } } },
    // Issue #16 item 5: only the units an administrator opened to the portal, and not disabled.
    async () => listPortalUnits(deps),
  );

  app.post(
    '/api/portal/complaints',
    {
      schema: {
        tags,
        summary: 'Submit a complaint; the answer carries the tracking code and a secret shown once',
        body: Type.Object(
          {
            unitId: Type.String({ minLength: 1, maxLength: 64 }),
            customer: Type.Object(
              {
                name: VisibleText(100),
                phone: Type.Optional(Type.String({ pattern: PHONE_PATTERN, maxLength: 32 })),
                email: Type.Optional(Type.String({ format: 'email', maxLength: 254 })),
              },
              { additionalProperties: false },
            ),
            title: VisibleText(200),
            content: VisibleText(20000),
            demands: Type.Optional(Type.String({ maxLength: 5000 })),
            incident: Type.Optional(
              Type.Object(
                { occurredAt: Type.Optional(IsoDateTime), place: Type.Optional(Type.String({ maxLength: 500 })) },
                { additionalProperties: false },
              ),
            ),
          },
          { additionalProperties: false },
        ),
        response: { ...STANDARD_ERRORS, 201: Type.Object({ code: Type.String(), secret: Type.String() }) },
      },
    },
    async (request, reply) => {
      if (!(await submitLimiter.take(request.ip)))
        throw new DomainError('RATE_LIMITED', 'too many submissions; wait a minute and try again');
      const b = request.body;
      const result = await createComplaint(deps, PORTAL_ACTOR, { ...b, channel: 'web' }, { portal: true });
      return reply.code(201).send({ code: result.complaint.code, secret: result.portalSecret! });
    },
  );

  app.post(
    '/api/portal/attachments',
    {
      schema: {
        tags,
        summary: 'Add a photo (or PDF) to a submitted complaint: multipart with the fields code and secret before one file part',
        consumes: ['multipart/form-data'],
        response: {
          ...STANDARD_ERRORS,
          201: Type.Object({ filename: Type.String(), mime: Type.String(), size: Type.Integer({ description: 'bytes' }) }),
        },
      },
    },
    async (request, reply) => {
      const file = await readOneFile(request);
      const code = file.fields.code ?? '';
      const secret = file.fields.secret ?? '';
      if (!code) throw new DomainError('VALIDATION', 'code is required (send it before the file part)', { field: 'code' });
      if (!secret) throw new DomainError('VALIDATION', 'secret is required (send it before the file part)', { field: 'secret' });
      const row = await authorise(code, secret, request.ip);
      if (row.status === 'closed')
        throw new DomainError('ILLEGAL_TRANSITION', 'this complaint is closed; photos can no longer be added', { allowed: [] });
      // The cap is counted in the transaction that adds the file, under the complaint's row lock.
      const added = await addAttachment(deps, PORTAL_ACTOR, row.id, file, attachmentsDir, { maxByActor: MAX_PORTAL_ATTACHMENTS });
      // The customer learns only that the file was taken, not where it is stored.
      return reply.code(201).send({ filename: added.filename, mime: added.mime, size: added.size });
    },
  );

  app.post(
    '/api/portal/track',
    {
      schema: {
        tags,
        summary: 'Status, reply and a customer-safe timeline',
        body: Type.Object(Credentials, { additionalProperties: false }),
        response: { ...STANDARD_ERRORS, 200: PortalTracked },
      },
      ...SERIALIZE_AS_IS,
    },
    async (request) => {
      const row = await authorise(request.body.code, request.body.secret, request.ip);
      return track(deps, row);
    },
  );

  const customerAction = (
    path: string,
    build: (body: Record<string, unknown>) => Parameters<typeof performAction>[3],
    extra: Record<string, TSchema>,
  ) =>
    app.post(
      `/api/portal/${path}`,
      {
        schema: {
          tags,
          summary: `The customer ${path}s`,
          body: Type.Object({ ...Credentials, ...extra }, { additionalProperties: false }),
          response: { ...STANDARD_ERRORS, 200: PortalTracked },
        },
        ...SERIALIZE_AS_IS,
      },
      async (request) => {
        const body = request.body as Record<string, unknown> & { code: string; secret: string };
        const row = await authorise(body.code, body.secret, request.ip);
        const updated = await performAction(deps, PORTAL_ACTOR, row.id, build(body));
        return track(deps, updated);
      },
    );
  customerAction('confirm', () => ({ type: 'confirm', note: 'confirmed by the customer in the portal' }), {});
  customerAction('dispute', (b) => ({ type: 'dispute', reason: String(b.reason) }), {
    reason: Type.String({ minLength: 1, maxLength: 2000 }),
  });
  // A rating is recorded only by this explicit submit, never by following a link (mail scanners open links).
  customerAction(
    'rate',
    (b) => ({ type: 'visit', score: Number(b.score), comment: typeof b.comment === 'string' ? b.comment : undefined }),
    {
      score: Type.Integer({ minimum: 1, maximum: 5 }),
      comment: Type.Optional(Type.String({ maxLength: 2000 })),
    },
  );
}

async function track(deps: Deps, row: ComplaintRow) {
  const events = await complaintEvents(deps, row.id);
  const reply = row.reply;
  const replySent = reply?.approved && reply.sentAt && ['replied', 'confirmed', 'visited', 'closed'].includes(row.status);
  return {
    code: row.code,
    status: row.status,
    title: row.title,
    receivedAt: new Date(row.received_at).toISOString(),
    reply: replySent ? { message: reply!.message ?? '', at: reply!.sentAt! } : null,
    satisfaction: row.satisfaction,
    timeline: events.flatMap((e) => (isPublicEventType(e.type) ? [{ at: e.at.toISOString(), type: e.type }] : [])),
    canConfirm: row.status === 'replied',
    canDispute: row.status === 'replied',
    canRate: row.status === 'confirmed',
  };
}
