/** What the portal answers a customer who tracks a complaint (or acts on it): no internal data (R-LC-5). */
import { Type } from 'typebox';
import { COMPLAINT_STATUSES } from '../../domain/contracts.ts';
import { PUBLIC_EVENT_TYPES } from '../../domain/events.ts';
import { StringEnum } from '../schema-helpers.ts';

const Instant = Type.String({ format: 'date-time' });

export const PortalTracked = Type.Object({
  code: Type.String(),
  status: StringEnum(COMPLAINT_STATUSES),
  title: Type.String(),
  receivedAt: Instant,
  reply: Type.Union([Type.Object({ message: Type.String(), at: Instant }), Type.Null()], { description: 'only once the reply is sent' }),
  satisfaction: Type.Union([Type.Integer(), Type.Null()]),
  timeline: Type.Array(Type.Object({ at: Instant, type: StringEnum(PUBLIC_EVENT_TYPES) })),
  canConfirm: Type.Boolean(),
  canDispute: Type.Boolean(),
  canRate: Type.Boolean(),
});
