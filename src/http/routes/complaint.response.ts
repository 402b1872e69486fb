/**
 * The complaint as the API answers it (complaint-presenter.ts), as response schemas: the OpenAPI
 * document describes it, and the web app's types are generated from that (web/src/api/openapi.d.ts).
 * The routes serialise these answers as they are (SERIALIZE_AS_IS, schema-helpers.ts) and test/http/response-shapes.test.ts
 * holds real answers to the schemas.
 */
import { Type, type TSchema } from 'typebox';
import { CHANNELS, COMPLAINT_STATUSES, QUALIFICATIONS } from '../../domain/contracts.ts';
import { EVENT_TYPES } from '../../domain/events.ts';
import { ACTION_TYPES } from '../../domain/lifecycle/actions.ts';
import { StringEnum } from '../schema-helpers.ts';

const Nullable = <T extends TSchema>(schema: T) => Type.Union([schema, Type.Null()]);
const Instant = Type.String({ format: 'date-time' });

export const ClockTraceStepSchema = Type.Object({
  kind: Type.String(),
  detail: Type.String(),
  detailZh: Type.Optional(Type.String()),
  from: Type.Optional(Type.String()),
  to: Type.Optional(Type.String()),
});

export const ClockSchema = Type.Object({
  name: Type.String(),
  ruleId: Type.String(),
  startedAt: Instant,
  dueAt: Instant,
  state: StringEnum(['running', 'paused', 'met', 'breached'] as const),
  pausedMs: Type.Number(),
  pausedAt: Type.Optional(Nullable(Instant)),
  pauseReason: Type.Optional(Nullable(Type.String())),
  metAt: Type.Optional(Nullable(Instant)),
  breachedAt: Type.Optional(Nullable(Instant)),
  calendarVersion: Type.Integer(),
  trace: Type.Array(ClockTraceStepSchema),
  remainingMs: Type.Number({ description: 'until due (negative when past), or left when met' }),
  spanMs: Type.Number(),
  tone: StringEnum(['green', 'amber', 'red', 'done'] as const),
});

const Customer = Type.Object({
  id: Type.String(),
  name: Type.String(),
  phone: Nullable(Type.String({ description: 'masked unless the role has contact.view' })),
  email: Nullable(Type.String()),
  type: Type.Optional(Nullable(Type.String())),
});

const SUMMARY_FIELDS = {
  id: Type.String(),
  code: Type.String(),
  unitId: Type.String(),
  unitName: Type.String(),
  policyId: Type.String(),
  /** The tuned version of the pack in force when it was received (0 = the shipped pack; issue #16 item 4). */
  policyVersion: Type.Integer({ minimum: 0 }),
  status: StringEnum(COMPLAINT_STATUSES),
  qualification: Nullable(StringEnum(QUALIFICATIONS)),
  categoryId: Nullable(Type.String()),
  level: Nullable(Type.String()),
  levelRule: Nullable(Type.String()),
  channel: StringEnum(CHANNELS),
  title: Type.String(),
  receivedAt: Instant,
  createdAt: Instant,
  updatedAt: Instant,
  customer: Customer,
  complainantCount: Type.Integer(),
  leadDepartmentId: Nullable(Type.String()),
  repeatCount: Type.Integer(),
  similarCount: Type.Integer(),
  nextDueAt: Nullable(Instant),
  overdue: Type.Boolean(),
  clocks: Type.Array(ClockSchema),
};

export const ComplaintSummarySchema = Type.Object(SUMMARY_FIELDS);

export const ComplaintEventSchema = Type.Object({
  seq: Type.Integer(),
  type: StringEnum(EVENT_TYPES),
  at: Instant,
  actor: Type.Object({ id: Nullable(Type.String()), name: Type.String() }),
  data: Type.Record(Type.String(), Type.Unknown(), { description: 'by event type: src/domain/events.ts' }),
  hash: Type.String(),
});

export const ComplaintSchema = Type.Object({
  ...SUMMARY_FIELDS,
  content: Type.String(),
  demands: Nullable(Type.String()),
  incident: Type.Object({ occurredAt: Nullable(Instant), place: Nullable(Type.String()) }),
  flags: Type.Record(Type.String(), Type.Boolean()),
  batchNo: Nullable(Type.String()),
  /** S0 fuel §5: the delivery it names, and how many complaints of its category count with it (this one included). */
  deliveryRef: Nullable(Type.String()),
  categoryCount: Type.Integer(),
  /** S0 fuel §14.5: the directly responsible person the investigation named. */
  directPerson: Nullable(Type.String()),
  casesAffected: Nullable(Type.Integer({ description: 'cases (箱) affected (S0 food 10.1.1.1g)' })),
  responsibility: Nullable(
    Type.Object(
      {
        ruleId: Type.String(),
        rowId: Type.String(),
        clause: Type.String({ description: 'the seed clause of the matrix row (S0 food 10.1…)' }),
        departments: Type.Array(
          Type.Object({ id: Type.String(), name: Type.String(), nameZh: Type.String() }, { additionalProperties: false }),
        ),
      },
      { additionalProperties: false, description: 'the responsible departments the pack’s matrix assigned (#15 item 5)' },
    ),
  ),
  coDepartmentIds: Type.Array(Type.String()),
  satisfaction: Nullable(Type.Integer()),
  closedAt: Nullable(Instant),
  closeReason: Nullable(Type.String()),
  report: Nullable(
    Type.Record(Type.String(), Type.String(), {
      description: 'the investigation report: cause, sequence, responsible, conclusion, countermeasures, prevention',
    }),
  ),
  reply: Nullable(
    Type.Object({
      message: Type.String(),
      approved: Type.Boolean(),
      submittedAt: Type.Optional(Instant),
      sentAt: Type.Optional(Instant),
      /** Who wrote it: never its approver (R-LC-5). */
      authorId: Type.Optional(Nullable(Type.String())),
      approvedBy: Type.Optional(Type.String()),
    }),
  ),
  events: Type.Optional(Type.Array(ComplaintEventSchema)),
  links: Type.Optional(
    Type.Array(
      Type.Object({ id: Type.String(), code: Type.String(), kind: Type.String(), direction: StringEnum(['to', 'from'] as const) }),
    ),
  ),
  deadlines: Type.Optional(
    Type.Object(
      {
        provisionalYears: Type.Array(Type.Integer(), {
          description:
            'years a running deadline counted without the official holiday arrangement (R-TL-1): those deadlines are provisional',
        }),
        settledYears: Type.Array(Type.Integer(), {
          description: 'flagged years since published or confirmed by the unit calendar: recompute_clocks would settle them',
        }),
        clocks: Type.Array(Type.String(), { description: 'the running clocks whose deadline is provisional' }),
      },
      { description: 'provisional deadlines (R-TL-1, #15 item 8); on the complaint page only' },
    ),
  ),
  allowedActions: Type.Array(StringEnum(ACTION_TYPES)),
});

/** The customer's unmasked contact (GET /api/complaints/:id/contact); each view is logged. */
export const ContactSchema = Type.Object({
  customerId: Type.String(),
  name: Type.String(),
  phone: Nullable(Type.String()),
  email: Nullable(Type.String()),
});
